"""「个人的21件：给了10件，一部分给了3件」 then 「有两件……属于过程性信息没给」: a scope that goes on.

Mixin of `extract._Reader`. A sentence opening with an applicant type (「企业的3件：……」) puts its numbers
in that type's column. When the scope says how many (21) and the message tells fewer of them (13), the
clerk goes on about the same applicants in the next messages: a message with no applicant type word of
its own keeps the scope (said in the reply) until the count is told; a new scope or a type word ends it.
The scope left over travels in `Followup.scope` as (column, count still to tell).
"""

from __future__ import annotations

from assistant.intake import remainder as R
from assistant.intake.consistency import Statement
from assistant.intake.lexicon import COLUMN_NAMES, COLUMNS, ROW_BY_KEY, T2
from assistant.intake.phrases import find_row, numbers

_TOLD = ("applications.results.", "applications.carried_to_next.")
_NEW, _CARRIED = "applications.new_received", "applications.carried_over_from_prev"

IN_COLUMN = "这句中的数字记入"  # a scope's note: the clause is accounted for by the column it gives


class ScopeReader:
    """The applicant-type scope of the sentence being read (fields live on `_Reader`)."""

    def _scoped(self, sentence: str, mentions: list) -> list:
        """「企业的3件：予以公开2件、部分公开1件」: the sentence's numbers go to that applicant type."""
        self.scope_col, self.scoped_rows, self.scope_end = None, [], 0
        found = R.scope(sentence)
        rest = sentence[found[1] :] if found else ""
        if not found or find_row(rest, weak=False) is None or all(m.start < found[1] for m in mentions):
            self._inherit(sentence, found)
            return mentions  # 「公司3件，律所2件」: a list of types; 「合作社那件，涉及个人隐私」: the row's count
        self.scope_col, end = found
        self.scope_end = end
        phrase = sentence[:end].rstrip("，,：: ")
        counts = [int(n.value) for n in numbers(phrase)]
        self.scope_left = (self.scope_col, counts[0], len(self.statements)) if len(counts) == 1 else None
        self.notes.append(f"“{phrase}”：{IN_COLUMN}“{COLUMN_NAMES[self.scope_col]}”一栏")
        if len(counts) == 1:
            self._scope_is_new(self.scope_col, counts[0], phrase)
        return [m for m in mentions if m.start >= end]

    def _scope_is_new(self, col: str, count: int, phrase: str) -> None:
        """「个人的二十八件，……」 with nothing carried over from last year: the 28 are 本年新收·自然人 (the scope
        counts this type's applications handled this year, all of them new)."""
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        row = ROW_BY_KEY[_NEW]
        if known.get(f"{_CARRIED}.total") != 0 or f"{_NEW}.{col}" in known:
            return
        total = known.get(f"{_NEW}.total")
        if isinstance(total, int) and count > total:
            return
        self._emit(row, col, count, phrase, True, "上年无结转，这一类申请人的件数即本年新收")

    def _inherit(self, sentence: str, found) -> None:
        """A sentence with no type word of its own goes on with the scope still open."""
        left = self.scope_left
        if found or left is None or _names_a_type(sentence):
            self.scope_left = None if found or _names_a_type(sentence) else left
            return
        self.scope_col = left[0]
        if not self.scope_noted:
            self.scope_noted = True
            self.notes.append(
                f"接着上面说的{COLUMN_NAMES[left[0]]}的申请：{IN_COLUMN}“{COLUMN_NAMES[left[0]]}”一栏"
            )

    def scope_still_open(self) -> tuple[str, int] | None:
        """(column, count not yet told) when the scope's count is not used up by what was said."""
        if self.scope_left is None:
            return None
        col, count, first = self.scope_left
        told = sum(s.value for s in self.statements[first:] if _told_in(s, col))
        return (col, count - told) if 0 < told < count else None


def _told_in(s: Statement, col: str) -> bool:
    return (
        s.key.startswith(_TOLD) and s.key.endswith("." + col) and not s.inferred and isinstance(s.value, int)
    )


def _names_a_type(sentence: str) -> bool:
    return any(p.search(sentence) for col, p in COLUMNS[T2] if col not in ("total", "legal_persons"))
