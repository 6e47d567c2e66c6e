"""More of `clauses.ClauseReader` (a mixin of `extract._Reader`, pure): what a clause without a number
does to the numbers around it — an unplaced count takes a later clause's row, the reason part of a
部分公开 was withheld explains it, 「现在还在办」, 「都是自然人」, every application of a type had one outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from assistant.core import spec
from assistant.core.numbers import format_number
from assistant.intake import answers as A
from assistant.intake.consistency import Statement
from assistant.intake.lexicon import ROW_BY_KEY, T2, RowDef
from assistant.intake.phrases import words_before

_TO_NEXT = "applications.carried_to_next"
_PARTIAL = "applications.results.partially_granted"
_WITHHELD = "applications.results.withheld."
_TOTAL_WORD = re.compile(r"(?:总数|总共|一共|合计|总计)(?:是|为|有)?\s*$")
_HELD_BACK = re.compile(r"(?:没|未|不予|不能)(?:给|公开|提供)")
_THAT_PART = re.compile(r"部分(?!公开)")  # 「那部分」「涉及隐私的部分」, not the row 部分公开

ALL_OF_TYPE = "该类申请人本年办理的"  # 「个人的都公开了」: every application of the type had this outcome


@dataclass
class _Last:
    row: RowDef
    col: str
    value: int | Decimal


class ClauseMore:
    def _place_dangling(self, clause: str, strong: list) -> bool:
        """A clause naming a row gives it to the numbers not placed yet (「仍有5件申请在答复期内，结转下年度
        继续办理」), unless it names the row of the number just placed and no unplaced number came after
        that one: then it explains it (「不掌握2件，让他去找……」); 「查无此信息2件，还有一件是别的事，不归我们管」
        gives the 一件 that row."""
        if not self.dangling:
            return False
        if self.last is not None and any(r.key == self.last.row.key for r in strong):
            at = self.sentence.find(self.statements[-1].source) if self.statements else -1
            if at < 0 or not any(m.start > at for m, _ in self.dangling):
                return False
        self.dangling = [
            (m, s)
            for m, s in self.dangling
            if not self._number(m, words_before(s, m) + clause, _after(self.sentence, m), s)
        ]  # 「还有一件个人的，还在办」: the type after the number stays the number's
        return True

    def _total_of_row(self, first: int) -> None:
        """「刚才说错了，总数是十三件，村民的十一件，合作社还是两件」: a 总数 with no row of its own is the
        总计 of the one 表二 row the sentence's other numbers went to."""
        rows = {s.key.rsplit(".", 1)[0] for s in self.statements[first:]}
        if len(rows) != 1 or not self.dangling:
            return
        row = ROW_BY_KEY.get(rows.pop())
        if row is None or row.kind != T2 or any(s.key == f"{row.key}.total" for s in self.statements[first:]):
            return
        for m, source in list(self.dangling):
            if m.raw in source and _TOTAL_WORD.search(source[: source.find(m.raw)]):
                self._emit(row, "total", m.value, source)
                self.dangling.remove((m, source))
                return

    def _withheld_part(self, last: _Last, row, clause: str, source: str) -> bool:
        """「律所那个一部分给了，涉及别人隐私的那部分没给」: why the part of a 部分公开 was withheld explains
        it; the application is counted under （二）部分公开 only (the row's own instruction), never again
        under 不予公开."""
        if not self.statements or _PARTIAL not in (last.row.key, self.statements[-1].key.rpartition(".")[0]):
            return (
                False  # 「一个公司的，一部分给了，……」: the count's row stays 新收, the outcome just placed
            )
        if row is None:  # 「一部分给了，涉及企业报价的没给」: what was held back, no row of its own
            return bool(_HELD_BACK.search(clause)) and self._add_source(_PARTIAL, source)
        if not row.key.startswith(_WITHHELD) or not _THAT_PART.search(clause):
            return False
        self._add_source(_PARTIAL, source)
        return True

    def _add_source(self, row_key: str, text: str) -> bool:
        """The words that explain the number just placed in `row_key` join its source phrase."""
        s = self.statements[-1] if self.statements else None
        if s is None or not s.key.startswith(row_key + "."):
            return False
        if text not in s.source:
            self.statements[-1] = replace(s, source=f"{s.source}，{text}")
        return True

    def _still_open(self, last: _Last, source: str) -> bool:
        """The applications just counted as received are still open at the year's end: the same count is
        also 结转下年度 (they are received this year and carried to the next)."""
        note = f"这{format_number(last.value)}件年底仍在办理，同时记入结转下年度"
        self._emit(ROW_BY_KEY[_TO_NEXT], last.col, last.value, source, True, note)
        return True

    def _all_of_type(self, row: RowDef, col: str, source: str) -> bool:
        """Every application of one type had this outcome: as many as that type had handled this year."""
        if row.is_group or row.kind != T2:
            return False
        done = A.handled({**self.ctx.cells, **{s.key: s.value for s in self.statements}}, col)
        if not done:
            return False
        self._emit(row, col, done, source, True, f"{ALL_OF_TYPE}{done}件均为此结果")
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


def _after(sentence: str, m) -> str:
    """The words after a number up to its clause's end (「还有一件个人的，」: 个人的)."""
    if sentence[m.start : m.end] != m.raw:
        return ""
    return re.split(r"[，,。；;！!？?\n]", sentence[m.end :], maxsplit=1)[0]
