"""Clauses without numbers in a chat message: 「没有」 zeroes, 「其余都是个人」, 「都是自然人」, 「不对，」.

A mixin of `extract._Reader` (pure): how a clause that states no number acts on the rows and on the
numbers said before it in the same sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.core import spec
from assistant.core.numbers import format_number
from assistant.intake import answers as A
from assistant.intake import remainder as R
from assistant.intake.consistency import Statement
from assistant.intake.lexicon import ALL_OF, COLUMNS, LEGAL_PERSONS, NEGATION, ROW_BY_KEY, T2, T3, RowDef
from assistant.intake.phrases import find_col, overlap, row_matches

_INCLUDES_CARRY = re.compile(r"(?:含|包括|包含).{0,4}上一?年度?结转")
_NEGATED_CARRY = re.compile(
    r"(上一?年度?|去年)(?:也|都|还)?(没有|没|无|未)(结转|遗留|剩下|剩余|积压|没办完|未办结|没办结)"
)
_NEGATED_YEAR_END = re.compile(r"(年底|年末|年终)(?:也|都|还)?(没有|没|无)(结转|剩|剩下|遗留|积压)")
_NEGATION_TAIL = re.compile(r"^[也都均全还]?(?:的|了|啊|呢|哈)?$")
_RETRACT = re.compile(r"^(?:哦|噢|啊)?(?:不对|不是|错了|说错了|搞错了|写错了|不不|更正一下)(?:了|啊|哦)?$")
_WHOSE = re.compile(
    r"^(?:也|还)?(?:是|为|系|属于)"
)  # 上年结转1件，是个人的: the applicant type of that number


@dataclass
class _Last:
    row: RowDef
    col: str
    value: int | Decimal


class ClauseReader:
    """The clause-level half of the reader; `extract._Reader` holds the state and `_emit`."""

    def _includes_carry_over(self, sentence: str, start: int) -> None:
        """「共收到申请12件（含上年结转2件）」: 本年新收 excludes the carry-over, so 12 is not proposed."""
        if not _INCLUDES_CARRY.search(sentence):
            return
        new_total = "applications.new_received.total"
        for s in [s for s in self.statements[start:] if s.key == new_total and not s.inferred]:
            self.statements.remove(s)
            self.questions.append(
                f"“{sentence}”：表中“本年新收”不含上年结转的申请，请确认本年新收的件数"
                f"（{format_number(s.value)}件是否已包含上年结转）。"
            )

    def _keywords(self, clause: str, source: str) -> None:
        clause = _NEGATED_CARRY.sub(_negation_first, clause)  # 上年没有结转 → 没有上年结转
        clause = _NEGATED_YEAR_END.sub(_negation_first, clause)  # 年底也没剩下 → 没有年底剩下
        rows = row_matches(clause)
        cols = [
            m.span()
            for r in {r.kind for _, r in rows} | {T2, T3}
            for _, p in COLUMNS[r]
            for m in p.finditer(clause)
        ]
        taken = [span for span, _ in rows] + cols
        if _RETRACT.match(clause.strip()) and self.last:
            self.retract = True
            return
        if self._rest(clause, source):
            return
        negs = [m for m in NEGATION.finditer(clause) if not any(overlap(m.span(), s) for s in taken)]
        if negs and not self.narrative_like:
            targets = [r for span, r in rows if span[0] >= negs[0].end()]
            if not targets and _NEGATION_TAIL.match(clause[negs[-1].end() :].strip()):
                targets = [r for span, r in rows if span[1] <= negs[-1].start()]  # 「复议诉讼都没有」
            if not targets and self._negated_columns(clause, negs, rows, source):
                return
            if not targets and not rows and self.short:
                targets = [ROW_BY_KEY[k] for k in A.open_topic_rows(self.ctx.topic, self.ctx.cells)]
            if not targets and not rows and self._zero_column(clause, source):
                return
            for row in targets:
                row = self._row(row)
                if row:
                    self._zero(row, clause, source)
            if targets:
                self.context_row = self._row(targets[-1])
                return
        strong = [r for _, r in rows if not r.weak]
        if strong and self.dangling:  # 「仍有5件申请在答复期内，结转下年度继续办理」
            self.dangling = [(m, src) for m, src in self.dangling if not self._number(m, clause, "", src)]
            return
        if self._carry_last(clause, rows, source):
            return
        if strong:
            self.context_row = self.keyword_row = self._row(strong[0])

    def _negated_columns(self, clause: str, negs: list, rows: list, source: str) -> bool:
        """「规范性文件今年没制发也没废止」「规范性文件我们街道不制发」: the columns named right after each
        negation, of the row named before it, are 0."""
        before = [r for span, r in rows if span[1] <= negs[0].start() and not r.weak]
        if not before or before[-1].kind == T2:
            return False
        row = self._row(before[-1])
        ends = [n.start() for n in negs[1:]] + [len(clause)]
        cols = [_bare_column(row, clause[n.end() : end]) for n, end in zip(negs, ends, strict=True)] if row else []
        cols = [c for c in dict.fromkeys(cols) if c not in (None, "total", LEGAL_PERSONS)]
        for col in cols:
            self._emit(row, col, 0, source)
        if cols:
            self.context_row = row
        return bool(cols)

    def _rest(self, clause: str, source: str) -> bool:
        """「其余都是个人」: the remainder of the rows just spoken of (or the rows asked about)."""
        col = R.rest_column(clause)
        if col is None:
            return False
        rows = self.scoped_rows or ([self.last.row.key] if self.last and self.last.row.kind == T2 else [])
        rows = rows or [r for r in A.open_topic_rows(self.ctx.topic, {}) if r.startswith("applications.")]
        if not rows:
            return False
        return self._rest_of(col, rows, source)

    def _rest_of(self, col: str, rows: list[str], source: str) -> bool:
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        if not any(isinstance(known.get(f"{r}.total"), int) for r in rows):
            return False
        statements, questions = R.fill_rest(col, rows, known, source)
        self.statements += statements
        self.questions += questions
        return True

    def _zero_column(self, clause: str, source: str) -> bool:
        """「规范性文件发了2件，没有废止的」: a negated column of the row just spoken of is 0."""
        row = self.context_row
        col = find_col(row, clause, default=False) if row else None
        if row is None or col in (None, "total", LEGAL_PERSONS):
            return False
        self._emit(row, col, 0, source)
        return True

    def _carry_last(self, clause: str, rows: list, source: str) -> bool:
        """A clause without a number that gives the previous number another row or column:
        「均为自然人」「全部予以公开」「结果维持」, 「无法提供8件（本机关不掌握相关政府信息）」,
        「行政复议1件，复议机关维持原答复」."""
        row = self._row(rows[0][1]) if rows and not rows[0][1].weak else None
        last, all_of = self.last, bool(ALL_OF.search(clause))
        if all_of and row is not None and row.kind == T2 and (last is None or row.key != last.row.key):
            col = find_col(row, clause, default=False)
            if col in spec.T2_APPLICANT_COLUMNS and self._rest_of(col, [row.key], source):
                return True  # 「不掌握的也都是个人」: that row's own total, not the previous number
        received = last is not None and last.row.key in A.IN_ROWS  # 「收了3件，2个居民1个公司的，都给公开了」
        if received and all_of and row is not None and row.key == A.GRANTED:
            last = None  # all of what was received, not the applicant type said last
        if last is None:
            col = find_col(row or ROW_BY_KEY["applications.new_received"], clause, default=False)
            if all_of and row is None and col in spec.T2_APPLICANT_COLUMNS:
                return self._all_to_column(col, source)
            if all_of and row is not None and row.key == A.GRANTED and col is None:
                granted = A.all_granted({**self.ctx.cells, **{s.key: s.value for s in self.statements}})
                for key, value in granted.items():
                    self.statements.append(
                        Statement(key, value, source, True, "全部予以公开，按收到的申请推出")
                    )
                return bool(granted)
            return False
        if row is not None and last.row.key in row.leaves and last.row.kind == T3:
            row = last.row  # 「复议后起诉1件，结果是驳回诉讼请求」: 诉讼 names the kind already said
        target = row or last.row
        col = find_col(target, clause, default=False)
        leaf_of_group = row is not None and row.key in last.row.leaves
        t3_outcome = last.row.kind == T3 and target is last.row and col not in (None, "total")
        whose = (
            bool(_WHOSE.match(clause.strip())) and col in spec.T2_APPLICANT_COLUMNS and last.col == "total"
        )
        if not (all_of or leaf_of_group or t3_outcome or whose):
            return False
        col = col or last.col
        if target is last.row and col == last.col:
            return False
        self._emit(target, col, last.value, source, True, "由上一个数字推出")
        if leaf_of_group and target.kind == T3 and self.last_outcome:
            self._emit(target, self.last_outcome, last.value, source, True, "由上一个数字推出")
        self.context_row = target
        if (
            not target.is_group
        ):  # 「不予公开2件，都是国家秘密，都是自然人」: the next clause is about the leaf
            self.last = _Last(target, col, last.value)
        return True

    def _all_to_column(self, col: str, source: str) -> bool:
        """「都是自然人」: every Table 2 row with a total but no applicant types goes to that type."""
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        done = False
        for row, _ in spec.t2_rows(self.ctx.version):
            prefix = f"applications.{row}"
            total = known.get(f"{prefix}.total")
            if not isinstance(total, int) or any(f"{prefix}.{c}" in known for c in spec.T2_APPLICANT_COLUMNS):
                continue
            for c in spec.T2_APPLICANT_COLUMNS:
                self.statements.append(
                    Statement(f"{prefix}.{c}", total if c == col else 0, source, True, "全部为同一类申请人")
                )
            done = True
        return done


_BARE_TAIL = re.compile(r"^[过的了也啊呢任何]*$")


def _bare_column(row: RowDef, seg: str) -> str | None:
    """The column a negation is about when only the column word follows it (「没废止」「不制发的」),
    not 「没有制发权限」 (a reason, about the whole row)."""
    for col, p in COLUMNS[row.kind]:
        m = p.search(seg)
        if m and len(seg[: m.start()].strip()) <= 1 and _BARE_TAIL.match(seg[m.end() :].strip()):
            return col
    return None


def _negation_first(m: re.Match) -> str:
    """上年没结转 → 没有上年结转 (the negation before the rows it zeroes)."""
    return ("没有" if m.group(2) == "没" else m.group(2)) + m.group(1) + m.group(3)
