"""A figure said for the wrong year, then this year's (dev K k006, k010): 「不对，3.5万是23年的，今年是2.8万元」 replaces
the fee recorded as 3.5 by 2.8; 「哦不对，20是去年的数，今年是17件」 replaces 本年新收 20 by 17. Before, both were
asked back as numbers without a cell. Two rows holding the old figure: asked, never guessed."""

from __future__ import annotations

from decimal import Decimal

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

FEE = "active.art20_8.admin_fees.amount_wan_yuan"
NEW = "applications.new_received.total"
CARRIED = "applications.carried_over_from_prev.total"


def _read(message, cells):
    return extract_message(message, ExtractionContext(cells=cells))


def test_an_amount_of_another_year_is_replaced_by_this_years():
    ex = _read("不对，3.5万是23年的，今年是2.8万元", {FEE: Decimal("3.5")})
    assert ex.cells == {FEE: Decimal("2.8")}
    assert "23年" in ex.proposals[0].note


def test_a_count_of_last_year_is_replaced_by_this_years():
    ex = _read("哦不对，20是去年的数，今年是17件", {NEW: 20, "applications.new_received.natural_person": 20})
    assert ex.cells == {NEW: 17}


def test_two_rows_holding_the_old_figure_are_not_guessed():
    ex = _read("20是去年的，今年是17件", {NEW: 20, "active.art20_6.admin_penalty.decisions": 20})
    assert NEW not in ex.cells and "active.art20_6.admin_penalty.decisions" not in ex.cells
    assert ex.questions


def test_an_amount_in_yuan_goes_into_the_cell_in_wan_yuan():
    ex = _read("35000元是去年的，今年是28000元", {FEE: Decimal("3.5")})
    assert ex.cells == {FEE: Decimal("2.8")}


def test_the_rest_naming_its_row_is_read_and_the_old_figure_said_back():
    ex = _read("不对，3件是23年报里的上年结转，今年的上年结转是2件，都是个人的", {CARRIED: 3})
    assert ex.cells[CARRIED] == 2 and ex.cells["applications.carried_over_from_prev.natural_person"] == 2
    assert any("23年的数，不记入本年" in n for n in ex.notes)
