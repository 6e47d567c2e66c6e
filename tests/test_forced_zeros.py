"""Cells the identities force to 0 in the report being written (`engine.fill(zeros=True)`), never
in an audit of a published report, never over a stored value."""

from __future__ import annotations

import random

from assistant.core import engine, spec
from tests.factories import consistent_cells, facts, leaves_only

A = "applications."
TYPES = spec.T2_APPLICANT_COLUMNS


def _f1001() -> dict:
    """A clerk's data as f001 tells it: 12 new (村民9、公司2、律所1), none carried over, 公司的2件给了,
    律所的1件部分公开, 村民的5件给了、2件查无, one villager's still open."""
    return {
        f"{A}new_received.total": 12,
        f"{A}new_received.natural_person": 9,
        f"{A}new_received.commercial_enterprise": 2,
        f"{A}new_received.legal_service_org": 1,
        **{f"{A}carried_over_from_prev.{c}": 0 for c in TYPES},
        f"{A}results.granted.commercial_enterprise": 2,
        f"{A}results.granted.natural_person": 5,
        f"{A}results.partially_granted.legal_service_org": 1,
        f"{A}results.unable.not_held.natural_person": 2,
        f"{A}carried_to_next.natural_person": 1,
    }


def test_types_that_make_up_the_total_leave_the_others_zero():
    filled, derived = engine.fill(facts(_f1001()), zeros=True)
    for c in ("research_institution", "social_welfare_org", "other_org"):
        assert filled.cells[f"{A}new_received.{c}"] == 0
        assert f"{A}new_received.{c}" in derived
        # no application of that type at all: every result row of the column is 0, and 结转下年度
        assert filled.cells[f"{A}results.withheld.state_secret.{c}"] == 0
        assert filled.cells[f"{A}carried_to_next.{c}"] == 0


def test_a_named_row_is_completed_so_its_total_is_derived():
    filled, derived = engine.fill(facts(_f1001()), zeros=True)
    # 律所's one application is 部分公开: its 予以公开 is 0, so 予以公开 总计 = 5 + 2
    assert filled.cells[f"{A}results.granted.legal_service_org"] == 0
    assert filled.cells[f"{A}results.granted.total"] == 7
    # 自然人 still has one application not accounted for: its 部分公开 is open, so is the row's total
    assert f"{A}results.partially_granted.total" not in filled.cells
    assert f"{A}results.granted.total" in derived


def test_rows_never_named_and_year_end_stay_open_while_a_type_has_applications():
    filled, _ = engine.fill(facts(_f1001()), zeros=True)
    # 自然人 9 = 5 + 2 + 1 (结转) + one more somewhere: nothing forced in rows the clerk never named
    assert f"{A}results.withheld.state_secret.natural_person" not in filled.cells
    assert f"{A}results.other.other.natural_person" not in filled.cells
    # 律所: 1 = 部分公开 1, and 结转下年度 is named (自然人 1): its 律所 cell is 0, the row's total 1
    assert filled.cells[f"{A}carried_to_next.legal_service_org"] == 0
    assert filled.cells[f"{A}carried_to_next.total"] == 1
    # a year-end row nobody named stays open
    cells = _f1001()
    del cells[f"{A}carried_to_next.natural_person"]
    filled, _ = engine.fill(facts(cells), zeros=True)
    assert f"{A}carried_to_next.legal_service_org" not in filled.cells


def test_no_zero_when_the_known_parts_do_not_balance():
    cells = {f"{A}new_received.total": 12, f"{A}new_received.natural_person": 9}
    filled, derived = engine.fill(facts(cells), zeros=True)
    assert not derived
    cells[f"{A}new_received.commercial_enterprise"] = 4  # 13 > 12: an error, never a forced zero
    filled, derived = engine.fill(facts(cells), zeros=True)
    assert not derived


def test_off_by_default_and_in_audits():
    plain, derived = engine.fill(facts(_f1001()))
    assert f"{A}new_received.research_institution" not in plain.cells
    assert f"{A}results.granted.total" not in derived
    audit = engine.check(facts(_f1001()), blank_as_gap=True)
    assert f"{A}new_received.research_institution" not in audit.facts.cells


def test_a_stored_value_is_never_replaced_and_its_break_is_found():
    more = {
        f"{A}new_received.{c}": 1 if c == "research_institution" else 0
        for c in ("research_institution", "social_welfare_org", "other_org")
    }
    cells = _f1001() | more  # 9 + 2 + 1 + 1 = 13 ≠ 12
    result = engine.check(facts(cells), zeros=True)
    assert result.facts.cells[f"{A}new_received.research_institution"] == 1
    assert "T2_ROW_TOTAL" in {f.rule for f in result.errors}


def test_complete_consistent_reports_get_nothing_new():
    cells = consistent_cells(random.Random(3))
    leaves = leaves_only(cells)
    with_zeros, _ = engine.fill(facts(leaves), zeros=True)
    without, _ = engine.fill(facts(leaves))
    assert with_zeros.cells == without.cells == cells


def test_review_parts_that_make_up_the_total():
    cells = {"review.total": 1, "review.upheld": 1}
    filled, _ = engine.fill(facts(cells), zeros=True)
    assert filled.cells["review.corrected"] == filled.cells["review.pending"] == 0


def test_results_total_of_a_column_comes_from_its_balance_and_rows_stay_open():
    cells = {
        f"{A}new_received.natural_person": 9,
        f"{A}carried_over_from_prev.natural_person": 0,
        f"{A}carried_to_next.natural_person": 1,
        f"{A}results.granted.natural_person": 5,
    }
    filled, derived = engine.fill(facts(cells), zeros=True)
    assert filled.cells[f"{A}results.total.natural_person"] == 8  # 9 + 0 − 1
    assert f"{A}results.total.natural_person" in derived
    assert f"{A}results.withheld.state_secret.natural_person" not in filled.cells
    cells[f"{A}carried_to_next.natural_person"] = 12  # more carried out than came in: no negative total
    filled, _ = engine.fill(facts(cells), zeros=True)
    assert f"{A}results.total.natural_person" not in filled.cells


def test_one_type_of_a_result_row_comes_from_the_row_total_when_the_others_are_known():
    cells = {
        f"{A}new_received.total": 3,
        f"{A}new_received.natural_person": 2,
        f"{A}new_received.commercial_enterprise": 1,
        **{f"{A}carried_over_from_prev.{c}": 0 for c in TYPES},
        f"{A}results.granted.commercial_enterprise": 1,  # the company's one: 予以公开
        f"{A}results.not_processed.petition_complaint.total": 2,  # 信访举报 2件, types not said
    }
    filled, derived = engine.fill(facts(cells), zeros=True)
    # 企业 is accounted for (its petition cell 0 since the row is named), every other type has none
    assert filled.cells[f"{A}results.not_processed.petition_complaint.natural_person"] == 2
    assert f"{A}results.not_processed.petition_complaint.natural_person" in derived
    del cells[f"{A}results.granted.commercial_enterprise"]  # the company's outcome unknown: 2 = ? + ?
    filled, _ = engine.fill(facts(cells), zeros=True)
    assert f"{A}results.not_processed.petition_complaint.natural_person" not in filled.cells
