"""What became of last year's carry-over, told after this year's results: added to them.

Pure helper of `clauses.ClauseReader._carried_outcome`. 「去年转过来的那一件，今年1月就答复了，给他公开了」 once
the results already given account for this year's new applications (their rows plus 结转下年度 make up
本年新收): the carried-over ones were not among them, so their outcome adds to the result row (予以公开
13 → 14, said old → new). When the results given do not yet add up so, nothing is added: the reply says
the carry-over counts in the results and asks for them (the reader's note).
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import format_number
from assistant.intake.consistency import Statement
from assistant.intake.remainder import given_count

_A = "applications."
_NEW = _A + "new_received.total"
_NEXT = _A + "carried_to_next.total"


def carried_statements(
    known: Mapping[str, Value], target, col: str, value: int, version: str, source: str
) -> list[Statement] | None:
    """The statements adding the carry-over's outcome (row `target`, column `col`) to the results given;
    [] when the clause only says they were answered (「今年1月就答复了」: the outcome said next adds);
    None when nothing is added."""
    if target is None:
        return None
    if target.key == _A + "results.total":
        return [] if carry_adds(known, _A + "results.granted", "total", 0, version) else None
    adds = carry_adds(known, target.key, col, value, version)
    note = f"加上上年结转的{format_number(value)}件"
    return [Statement(k, new, source, note=f"原{old}件，{note}") for k, old, new in adds] or None


def carry_adds(
    known: Mapping[str, Value], row: str, col: str, value: int, version: str
) -> list[tuple[str, int, int]]:
    """(key, old, new) for the result `row` (and its total) when the results given so far account for
    exactly this year's new applications; else []."""
    leaves = spec.t2_result_leaves(version)
    if row.removeprefix(_A) not in leaves or not _new_accounted(known, leaves):
        return []
    sole = _sole_carry_type(known) if col == "total" else None  # 「去年转过来的那一件」 was a villager's
    col = sole if sole and isinstance(known.get(f"{row}.{sole}"), int) else col  # only onto a count given
    keys = [f"{row}.{col}"] + ([f"{row}.total"] if col != "total" else [])
    out = []
    for key in keys:
        old = known.get(key)
        if old is None and key.endswith(".total"):
            old = given_count(known, row)  # 「村民的，公开了13件」 and 合作社的3件: 16 so far
        if old is not None and not isinstance(old, int):
            return []
        out.append((key, old or 0, (old or 0) + value))
    return out


def new_accounted(known: Mapping[str, Value], version: str) -> bool:
    """The results given so far and 结转下年度 make up exactly this year's new applications."""
    return _new_accounted(known, spec.t2_result_leaves(version))


def _new_accounted(known: Mapping[str, Value], leaves: tuple[str, ...]) -> bool:
    new, carried = known.get(_NEW), given_count(known, _A + "carried_to_next") or 0  # 「还有1件公司的在办」
    done = [v for v in (given_count(known, f"{_A}{r}") for r in leaves) if v is not None]
    if not isinstance(new, int) or not isinstance(carried, int) or not done:
        return False
    return all(isinstance(v, int) for v in done) and sum(done) > 0 and sum(done) + carried == new  # type: ignore[arg-type]


def _sole_carry_type(known: Mapping[str, Value]) -> str | None:
    """The one applicant type all of 上年结转 is of, when its types are known."""
    carried = known.get(_A + "carried_over_from_prev.total")
    types = {c: v for c in spec.T2_APPLICANT_COLUMNS if (v := known.get(f"{_A}carried_over_from_prev.{c}"))}
    if len(types) == 1 and isinstance(carried, int) and list(types.values()) == [carried]:
        return next(iter(types))
    return None
