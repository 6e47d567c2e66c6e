"""Clauses without numbers in a chat message: 「没有」 zeroes, 「其余都是个人」, 「都是自然人」, 「不对，」.

A mixin of `extract._Reader` (pure): how a clause that states no number acts on the rows and on the
numbers said before it in the same sentence.
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.core.numbers import format_number
from assistant.intake import answers as A
from assistant.intake import remainder as R
from assistant.intake.carry_results import carried_statements
from assistant.intake.clause_more import ClauseMore, _Last
from assistant.intake.consistency import Statement
from assistant.intake.lexicon import (
    ALL_OF,
    COLUMNS,
    LEGAL_PERSONS,
    NEGATION,
    ROW_BY_KEY,
    ROWS,
    T1_DOC,
    T2,
    T3,
    RowDef,
)
from assistant.intake.phrases import find_col, overlap, row_matches

_INCLUDES_CARRY = re.compile(r"(?:含|包括|包含).{0,4}上一?年度?结转")
_NEGATED_CARRY = re.compile(
    r"(上一?年度?|去年)(?:也|都|还)?(没有|没|无|未)(结转|遗留|剩下|剩余|剩|积压|没办完|未办结|没办结|转过来|转来)"
)
_NEGATED_YEAR_END = re.compile(  # 今年也没有剩下的: nothing left at the end of this year
    r"(年底|年末|年终|今年(?=(?:也|都|还)?(?:没有|没|无)(?:剩|遗留|积压)))(?:也|都|还)?(没有|没|无)(结转|剩|剩下|遗留|积压)"
)
_BARE_YEAR_END = re.compile(r"^(?:年底|年末|年终)(?:也|都|还)?(?:没有|没|无)(?:的|了)?$")
_INFLOW = ("applications.new_received", "applications.carried_over_from_prev")
_RESULTS = "applications.results."
_ACTIVE = "active."
_TO_NEXT = "applications.carried_to_next"
_OPEN = (
    re.compile(  # 「现在还在办」「还没办完」: still open now (not 「都还在办」, an all-of, nor 「算的结转」)
        r"^[^都全均]{0,4}?(?:还在办|仍在办理?|正在办理?|(?:还|仍|尚)(?:没|未)(?:有)?(?:办完|办结|答复))"
    )
)
_OTHER_CASES = re.compile(r"其他|别的|其余|剩下的|另外的")
_PLAIN_GAP = re.compile(
    r"^(?:的|发生|发生过|收取|收取过|收过|制发|出台|出现|有)?$"
)  # 「未收取行政事业性收费」
_NEGATION_TAIL = re.compile(
    r"^[也都均全还]?(?:收过?|发过?|有过|发生过?|出现过?)?(?:的|了|啊|呢|哈)?$"
)  # 「收费没收过」
_RETRACT = re.compile(r"^(?:哦|噢|啊)?(?:不对|不是|错了|说错了|搞错了|写错了|不不|更正一下)(?:了|啊|哦)?$")
_BARE_TYPE = re.compile(r"(?:的|申请的|提的|来的)?")
_WHOSE = re.compile(
    r"^(?:也|还)?(?:是|为|系|属于)"
)  # 上年结转1件，是个人的: the applicant type of that number


class ClauseReader(ClauseMore):
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
        clause = _NEGATED_YEAR_END.sub(
            lambda m: _negation_first(m).replace("今年", "年底"), clause
        )  # → 没有年底结转
        clause = _BARE_YEAR_END.sub("没有年底结转", clause)  # 「年底也没有」: nothing carried to next year
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
        if self._rest(clause, source) or self._rest_row(clause, rows, source):
            return
        negs = [m for m in NEGATION.finditer(clause) if not any(overlap(m.span(), s) for s in taken)]
        if negs and (not self.narrative_like or self._plain_none(clause, negs, rows)):
            targets = [r for span, r in rows if span[0] >= negs[0].end()]
            if not targets and _NEGATION_TAIL.match(clause[negs[-1].end() :].strip()):
                targets = [r for span, r in rows if span[1] <= negs[-1].start()]  # 「复议诉讼都没有」
            if not targets and self._negated_columns(clause, negs, rows, source):
                return
            if (
                not targets and not rows and self.short and not self._on_table_one()
            ):  # 「处罚3件，其他都没有」
                asked = [ROW_BY_KEY[k] for k in A.open_topic_rows(self.ctx.topic, self.ctx.cells)]
                targets = self._not_counted(asked, clause)
                if asked and not targets:
                    return
            if (
                not targets
                and not rows
                and (self._zero_rest_of_group(clause, source) or self._zero_column(clause, source))
            ):
                return
            for row in targets:
                row = self._row(row)
                if row and row.is_group and _OTHER_CASES.search(clause):
                    self._zero_other_leaves(row, source)  # 「其他无法提供的情形没有」: not the one just said
                elif row:
                    self._zero(row, clause, source)
            if targets:
                self.context_row = self._row(targets[-1])
                return
        strong = [r for _, r in rows if not r.weak]
        if strong and self._place_dangling(clause, strong):
            return
        if self._carry_last(clause, rows, source):
            return
        if strong:  # 「不予公开的都是过程性信息，2件」: the leaf, not its group
            self.context_row = self.keyword_row = self._row(min(strong, key=lambda r: r.is_group))
            self._explains(self.keyword_row, source)

    def _plain_none(self, clause: str, negs: list[re.Match], rows: list) -> bool:
        """「本镇无规章和行政规范性文件」「无行政诉讼」 in a pasted draft: a sentence of its own that is no
        description, its negation right before a table row, answers like a short message."""
        if A.narrative_like(getattr(self, "sentence", "")):
            return False
        return any(
            span[0] >= n.end() and _PLAIN_GAP.match(clause[n.end() : span[0]])
            for n in negs
            for span, r in rows
            if not r.weak
        )

    def _explains(self, row: RowDef | None, clause: str) -> None:
        """「还有一件没有现成的，得另外做」: a clause naming the row of the number just said explains it."""
        if row is not None and self.last is not None and self.last.row.key == row.key:
            self._add_source(row.key, clause)

    def _negated_columns(self, clause: str, negs: list, rows: list, source: str) -> bool:
        """「规范性文件今年没制发也没废止」「规范性文件我们街道不制发」: the columns named right after each
        negation, of the row named before it, are 0."""
        before = [r for span, r in rows if span[1] <= negs[0].start() and not r.weak]
        if not before or before[-1].kind == T2:
            return False
        row = self._row(before[-1])
        ends = [n.start() for n in negs[1:]] + [len(clause)]
        cols = (
            [_bare_column(row, clause[n.end() : end]) for n, end in zip(negs, ends, strict=True)]
            if row
            else []
        )
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
        rows = (
            self.scoped_rows
            or self._all_open_rows()
            or ([self.last.row.key] if self.last and self.last.row.kind == T2 else [])
        )
        rows = rows or [r for r in A.open_topic_rows(self.ctx.topic, {}) if r.startswith("applications.")]
        if not rows:
            return False
        return self._rest_of(col, rows, source)

    def _rest_row(self, clause: str, rows: list, source: str) -> bool:
        """「剩下的年底还没办完」「剩下的都是查无此件」: a row gets what the balance leaves."""
        named = [r for _, r in rows if not r.weak and r.kind == T2 and not r.is_group]
        if not R.REST.match(clause) or len(named) != 1:
            return False
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        value = R.rest_of_row(named[0].key, known, self.ctx.version)
        if value is None:
            self.questions.append(f"“{source}”：其余的件数还算不出来，请直接告诉我{named[0].name}多少件。")
            return True
        self._emit(named[0], "total", value, source, True, R.BALANCE_REST)
        return True

    def _all_open_rows(self) -> list[str]:
        """「企业的3件都是予以公开，其他组织那件是部分公开，剩下的都是个人」: when the message placed types in
        several rows (or in a row other than the one asked, or the types of every row were asked for),
        「剩下的」 is every row whose types are open."""
        touched = {
            s.key.rsplit(".", 1)[0]
            for s in self.statements
            if not s.inferred and s.key.startswith("applications.")
        }
        topic = self.ctx.topic or ""
        asked = topic.removeprefix(A.ROW_TOPIC) if topic.startswith(A.ROW_TOPIC) else None
        breakdown = topic == "results.breakdown"  # the types of every result row were asked for
        if not (breakdown or len(touched) > 1 or (asked and touched and asked not in touched)):
            return []
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        return [
            f"applications.{r}"
            for r in (*spec.t2_result_leaves(self.ctx.version), "carried_to_next")
            if isinstance(known.get(f"applications.{r}.total"), int)
            and any(f"applications.{r}.{c}" not in known for c in spec.T2_APPLICANT_COLUMNS)
        ]

    def _rest_of(self, col: str, rows: list[str], source: str) -> bool:
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        if not any(isinstance(known.get(f"{r}.total"), int) for r in rows):
            return False
        statements, questions = R.fill_rest(col, rows, known, source)
        self.statements += statements
        self.questions += questions
        return True

    def _not_counted(self, targets: list[RowDef], clause: str) -> list[RowDef]:
        """A bare 「都没有」 read against the question asked never zeroes a row that already holds confirmed
        non-zero numbers (after the balance question on 本年新收, 「都没有」 meant 复议诉讼): asked instead."""
        keep = []
        for row in targets:
            held = [k for k in self.ctx.cells if k.startswith(row.key + ".") and self.ctx.cells[k]]
            if not held:
                keep.append(row)
                continue
            total = self.ctx.cells.get(f"{row.key}.total") or sum(self.ctx.cells[k] for k in held)
            self.questions.append(
                f"“{clause.strip()}”：{row.name}已有{format_number(total)}件，不能都记为0。"
                "“没有”指的是哪一项？请连同项目一起说，例如“复议诉讼都没有”。"
            )
        return keep

    def _zero_rest_of_group(self, clause: str, source: str) -> bool:
        """「有1件逾期没补正……，其他也没有」: the other leaves of the group just spoken of are 0."""
        row = self.context_row
        group = next((g for g in ROWS if g.is_group and row and row.key in g.leaves), None)
        if not _OTHER_CASES.match(clause.strip()) or (group is None and not self._on_table_one()):
            return False
        if group is None:
            self._zero_other_active(source)  # 「处罚三件 其他都没有」: the rest of 表一
        else:
            self._zero_other_leaves(group, source)
        return True

    def _on_table_one(self) -> bool:
        """The row just spoken of is 表一's: 「其他」 after it means the rest of 表一."""
        return self.context_row is not None and self.context_row.key.startswith(_ACTIVE)

    def _zero_other_active(self, source: str) -> None:
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        for row in ROWS:
            if row.key.startswith(_ACTIVE) and not any(k.startswith(row.key + ".") for k in known):
                col = None if row.kind == T1_DOC else row.default_col
                self._emit(row, col, 0, source, True, "表一其他各项为0")

    def _zero_other_leaves(self, group: RowDef, source: str) -> None:
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        for leaf in group.leaves:
            row = self._row(ROW_BY_KEY.get(leaf))
            if row and not A.row_answered(row.key, known):
                self._emit(row, "total", 0, source, True, f"其他“{group.name}”情形为0")

    def _zero_column(self, clause: str, source: str) -> bool:
        """「规范性文件发了2件，没有废止的」: a negated column of the row just spoken of is 0."""
        row = self.context_row
        col = find_col(row, clause, default=False) if row else None
        if row is None or col in (None, "total", LEGAL_PERSONS):
            return False
        self._emit(row, col, 0, source)
        return True

    def _carried_outcome(self, last: _Last, source: str, target=None, col: str | None = None) -> bool:
        """Last year's carry-over's outcome is part of this year's results (said back), no row's value."""
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        added = carried_statements(known, target, col or last.col, int(last.value), self.ctx.version, source)
        if added is not None:  # the results given so far were this year's new ones: added to them
            self.statements += added
            return True
        said = f"说的是上年结转的{format_number(last.value)}件今年的办理情况"
        if self.notes and said in self.notes[-1]:  # 「今年都办完了，都公开了」: one note for both
            source = self.notes.pop()[1:].partition("”" + said)[0] + "，" + source
        self.notes.append(f"“{source}”{said}，它们计入本年办理结果；请在告诉我本年各项办理结果时一并算上")
        return True

    def _carry_nothing_said(self, clause: str, row, all_of: bool, source: str) -> bool:
        """No number before: 「都是个人」「都公开了」「研究所的都公开了」 give the year's own counts."""
        col = find_col(row or ROW_BY_KEY["applications.new_received"], clause, default=False)
        if all_of and row is None and col in spec.T2_APPLICANT_COLUMNS:
            return self._all_to_column(col, source)
        all_of = all_of and self.named in (None, "on_request")  # 「主动公开方面：都公开了」: no 表二 answer
        if all_of and row is not None and row.key == A.GRANTED and col is None:
            granted = A.all_granted({**self.ctx.cells, **{s.key: s.value for s in self.statements}})
            for key, value in granted.items():
                self.statements.append(Statement(key, value, source, True, "全部予以公开，按收到的申请推出"))
            for other in A.open_topic_rows(self.ctx.topic, self.ctx.cells) if granted else ():
                if other != A.GRANTED and other.startswith(_RESULTS):  # 「都公开了」: none partly granted
                    self._emit(ROW_BY_KEY[other], "total", 0, source, True, "全部予以公开")
            return bool(granted)
        if all_of and row is not None and row.key.startswith(_RESULTS) and col in spec.T2_APPLICANT_COLUMNS:
            return self._all_of_type(row, col, source)  # 「研究所的都公开了」
        return False

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
            if row.key == A.GRANTED and col is None and last is not None and last.row.key == _INFLOW[0]:
                last = (
                    last if A.part_of_new(self.statements, last.col) else None
                )  # 「2个居民1个物业公司的，都给公开了」
        if last is None:
            return self._carry_nothing_said(clause, row, all_of, source)
        if self._withheld_part(last, row, clause, source):
            return True
        if row is not None and row.key == _TO_NEXT and last.row.key == _INFLOW[0] and _OPEN.search(clause):
            return self._still_open(last, source)  # 「还有一个是12月30号收到的，也是个人，现在还在办」
        if row is not None and last.row.key in row.leaves and last.row.kind == T3:
            row = last.row  # 「复议后起诉1件，结果是驳回诉讼请求」: 诉讼 names the kind already said
        target = row or last.row
        col = find_col(target, A.suit_words(target.key, clause), default=False)
        leaf_of_group = row is not None and row.key in last.row.leaves
        t3_outcome = last.row.kind == T3 and target is last.row and col not in (None, "total")
        bare = _bare_type(clause)  # 「新收10件，个人」
        whose = (
            (bool(_WHOSE.match(clause.strip())) or bare)
            and col in spec.T2_APPLICANT_COLUMNS
            and last.col == "total"
        )
        one = (
            row is not None
            and row.key.startswith(_RESULTS)
            and (last.value == 1 or clause.lstrip()[:1] == "也")
        )
        if not (all_of or leaf_of_group or t3_outcome or whose or one):  # 「收到1件企业的，给他公开了」
            return False
        if last.row.key == _INFLOW[1] and target.key.startswith(_RESULTS):
            return self._carried_outcome(last, source, target, col)  # 「去年转过来的那2件，今年都办完了」
        col = col or last.col
        if target is last.row and col == last.col:
            return False
        self._emit(target, col, last.value, source, True, "由上一个数字推出")
        if leaf_of_group and target.kind == T3 and self.last_outcome:
            self._emit(target, self.last_outcome, last.value, source, True, "由上一个数字推出")
        if last.row.key == _INFLOW[0] and last.col != "total" and target.key.startswith(_RESULTS):
            return True  # 「4件是企业申请的，都给了，还有1件是……申请的」: the next count is received again
        self.context_row = target
        if (
            not target.is_group
        ):  # 「不予公开2件，都是国家秘密，都是自然人」: the next clause is about the leaf
            self.last = _Last(target, col, last.value)
        return True


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


def _bare_type(clause: str) -> bool:
    """「个人」「公司的」: a clause that is only an applicant type."""
    text = clause.strip()
    for col, p in COLUMNS[T2]:
        m = p.match(text)
        if m and col in spec.T2_APPLICANT_COLUMNS:
            return bool(_BARE_TYPE.fullmatch(text[m.end() :]))
    return False
