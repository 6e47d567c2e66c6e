"""Clerks' phrasings from dev set F, session 15: the carry-over's outcomes told in their own message after
this year's results are added to them."""

from __future__ import annotations

from assistant.intake.accounting import unaccounted
from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

A = "applications."
R = f"{A}results."
# this year: 6 new from villagers, 4 granted, 1 withheld (过程性), 1 open at year end; carried over: 2
YEAR = {
    f"{A}new_received.total": 6,
    f"{A}new_received.natural_person": 6,
    f"{R}granted.total": 4,
    f"{R}granted.natural_person": 4,
    f"{R}withheld.process_info.total": 1,
    f"{R}withheld.process_info.natural_person": 1,
    f"{R}total.total": 6,  # derived earlier from a carry-over of 1, since corrected to 2
    f"{R}total.natural_person": 6,
    f"{A}carried_to_next.total": 1,
    f"{A}carried_to_next.natural_person": 1,
    f"{A}carried_over_from_prev.total": 2,
    f"{A}carried_over_from_prev.natural_person": 2,
}
TOLD = "这两件今年都处理完了，一件给了，另一件让他补正材料，他一直没补，过了期限就不再处理了"


def _read(msg: str, cells: dict):
    ex = extract_message(msg, ExtractionContext(cells=cells))
    return {p.key: p.value for p in ex.proposals}, ex


def test_the_carry_overs_outcomes_add_to_this_years_results():
    got, ex = _read(TOLD, YEAR)
    assert got[f"{R}granted.total"] == 5 and got[f"{R}granted.natural_person"] == 5
    assert got[f"{R}other.no_correction_overdue.total"] == 1
    assert got[f"{R}total.total"] == 7 and got[f"{R}total.natural_person"] == 7  # summed, not 6 + 2 nor 2
    granted = next(p for p in ex.proposals if p.key == f"{R}granted.total")
    assert "原4件" in granted.note  # the change is said
    assert unaccounted(TOLD, ex) == []  # 「这两件今年都处理完了」「另一件让他补正材料」 accounted for


def test_outcomes_replace_when_the_results_do_not_yet_account_for_the_new_ones():
    early = {k: v for k, v in YEAR.items() if "withheld" not in k}  # 4 + 1 open ≠ 6 new
    got, _ = _read(TOLD, early)
    assert got[f"{R}granted.total"] == 1  # read as said (the chat shows 4 → 1)


def test_a_count_that_is_not_the_carry_overs_is_no_carry_story():
    got, _ = _read("这三件都处理完了，一件给了", YEAR)
    assert got.get(f"{R}granted.total") != 5
