"""Table-driven tests: each rule fires on exactly the broken cell, with the official labels."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from assistant.core import engine, spec
from assistant.core.facts import BLANK, SLASH
from tests.factories import consistent_cells, facts, leaves_only


@pytest.fixture
def cells():
    return consistent_cells(random.Random(7))


def rules_failing(result):
    return sorted({f.rule for f in result.findings if f.status == "fail"})


def test_spec_has_200_cells_in_2021_and_the_2019_layout():
    assert len(spec.spec_for("2021").cells) == 200
    assert len(spec.spec_for("2021").table_cells(2)) == 175
    assert len(spec.spec_for("2019").table_cells(2)) == 161
    assert len(spec.spec_for("2019").table_cells(3)) == 15
    assert len(spec.all_cell_keys()) == len(set(spec.all_cell_keys()))


def test_consistent_facts_are_clean(cells):
    result = engine.check(facts(cells))
    assert result.findings == ()
    assert result.ok


@pytest.mark.parametrize(
    ("key", "rules", "fragment"),
    [
        ("applications.new_received.natural_person", {"T2_STATED_BALANCE", "T2_ROW_TOTAL"}, "自然人"),
        ("applications.carried_to_next.other_org", {"T2_STATED_BALANCE", "T2_ROW_TOTAL"}, "其他"),
        (
            "applications.results.total.natural_person",
            {"T2_RESULTS_TOTAL_2021", "T2_STATED_BALANCE", "T2_ROW_TOTAL"},
            "（七）总计",
        ),
        (
            "applications.results.withheld.state_secret.legal_service_org",
            {"T2_RESULTS_TOTAL_2021", "T2_ROW_TOTAL"},
            "法律服务机构",
        ),
        (
            "applications.new_received.total",
            {"T2_ROW_TOTAL", "T2_STATED_BALANCE"},
            "一、本年新收政府信息公开申请数量 / 总计",
        ),
        ("review.corrected", {"T3_REVIEW_TOTAL"}, "行政复议"),
        ("litigation_direct.total", {"T3_LIT_DIRECT_TOTAL"}, "未经复议直接起诉"),
        ("litigation_after_review.pending", {"T3_LIT_AFTER_REVIEW_TOTAL"}, "复议后起诉"),
    ],
)
def test_single_change_is_caught_by_the_right_rules(cells, key, rules, fragment):
    cells[key] += 1
    result = engine.check(facts(cells))
    assert set(rules_failing(result)) == rules
    assert any(fragment in f.message for f in result.findings)
    assert all(f.severity == "error" for f in result.findings)


def test_message_names_row_and_column_with_reported_and_computed(cells):
    cells["applications.results.total.natural_person"] -= 1
    result = engine.check(facts(cells))
    f = next(f for f in result.findings if f.rule == "T2_RESULTS_TOTAL_2021")
    assert f.message.startswith("三、本年度办理结果（七）总计 / 自然人：填报 ")
    assert f.reported == f.computed - 1
    assert f.cells[0] == "applications.results.total.natural_person"


def test_given_number_is_never_overwritten(cells):
    cells["review.total"] = 99
    result = engine.check(facts(cells))
    assert result.facts.cells["review.total"] == 99
    assert "review.total" not in result.derived


def test_missing_totals_are_filled(cells):
    result = engine.check(facts(leaves_only(cells)))
    assert result.findings == ()
    for key in ("applications.results.total.total", "review.total", "applications.new_received.total"):
        assert result.facts.cells[key] == cells[key]
        assert key in result.derived


def test_absent_leaf_is_not_assessable_not_a_guess(cells):
    del cells["applications.results.granted.natural_person"]
    del cells["applications.results.total.natural_person"]
    result = engine.check(facts(cells))
    na = [f for f in result.findings if f.status == "not_assessable"]
    assert na and all("（一）予以公开" in f.message or "（七）总计" in f.message for f in na)
    assert "applications.results.total.natural_person" not in result.facts.cells
    assert result.ok  # not_assessable is not an error


def test_blank_counts_as_zero_with_warning_and_slash_stays_distinct(cells):
    cells = leaves_only(cells)  # totals are filled from the leaves, markers counting as 0
    moved = cells["applications.results.withheld.state_secret.natural_person"]
    moved += cells["applications.results.withheld.admin_inquiry.natural_person"]
    cells["applications.carried_to_next.natural_person"] += moved  # keep the stated balance
    cells["applications.results.withheld.state_secret.natural_person"] = BLANK
    cells["applications.results.withheld.admin_inquiry.natural_person"] = SLASH
    result = engine.check(facts(cells))
    assert rules_failing(result) == ["BLANK_CELL"]
    blank = result.findings[0]
    assert blank.severity == "warning" and "1.属于国家秘密" in blank.message
    assert result.facts.cells["applications.results.withheld.admin_inquiry.natural_person"] is SLASH


def test_negative_count_is_an_error(cells):
    cells["review.upheld"] = -1
    cells["review.total"] = (
        cells["review.upheld"] + cells["review.corrected"] + cells["review.other"] + cells["review.pending"]
    )
    result = engine.check(facts(cells))
    assert rules_failing(result) == ["NONNEG"]
    assert "行政复议 / 结果维持" in result.findings[0].message


def test_2019_signed_change_may_be_negative():
    cells = consistent_cells(random.Random(3), spec.FORMAT_2019)
    cells["active2019.art20_5.admin_license.change"] = -8
    result = engine.check(facts(cells, year=2020))
    assert result.findings == ()


def test_2019_results_total_uses_single_other_row():
    cells = consistent_cells(random.Random(4), spec.FORMAT_2019)
    cells["applications.results.other_2019.natural_person"] += 1
    result = engine.check(facts(cells, year=2020))
    assert "T2_RESULTS_TOTAL_2019" in rules_failing(result)


def test_2019_format_for_a_2021_year_is_flagged():
    cells = consistent_cells(random.Random(5), spec.FORMAT_2019)
    result = engine.check(facts(cells, year=2022, version=spec.FORMAT_2019))
    assert rules_failing(result) == ["FORMAT_2019"]


def test_cross_year_carry_checks_every_column():
    prev_cells = consistent_cells(random.Random(1))
    carried = {c: prev_cells[f"applications.carried_to_next.{c}"] for c in spec.T2_APPLICANT_COLUMNS}
    cur_cells = consistent_cells(random.Random(2), carried_over=carried)
    for doc in ("regulations", "normative_docs"):
        base = f"active.art20_1.{doc}"
        cur_cells[f"{base}.in_force"] = (
            prev_cells[f"{base}.in_force"] + cur_cells[f"{base}.issued"] - cur_cells[f"{base}.repealed"]
        )
    prev, cur = facts(prev_cells, 2022), facts(cur_cells, 2023)
    assert engine.check(cur, prev).findings == ()
    cur_cells["applications.carried_over_from_prev.research_institution"] += 1
    cur_cells["applications.new_received.research_institution"] -= 1  # keep the year itself balanced
    result = engine.check(facts(cur_cells, 2023), prev)
    carry = [f for f in result.findings if f.rule == "T2_CROSS_YEAR_CARRY"]
    assert [f.cells[0] for f in carry] == ["applications.carried_over_from_prev.research_institution"]
    assert carry[0].severity == "error" and "科研机构" in carry[0].message


def test_in_force_rollforward_is_a_warning():
    prev_cells = consistent_cells(random.Random(1))
    carried = {c: prev_cells[f"applications.carried_to_next.{c}"] for c in spec.T2_APPLICANT_COLUMNS}
    cur_cells = consistent_cells(random.Random(2), carried_over=carried)
    cur_cells["active.art20_1.normative_docs.in_force"] = (
        prev_cells["active.art20_1.normative_docs.in_force"] + 100
    )
    cur_cells["active.art20_1.regulations.in_force"] = (
        prev_cells["active.art20_1.regulations.in_force"]
        + cur_cells["active.art20_1.regulations.issued"]
        - cur_cells["active.art20_1.regulations.repealed"]
    )
    result = engine.check(facts(cur_cells, 2023), facts(prev_cells, 2022))
    roll = [f for f in result.findings if f.rule == "T1_IN_FORCE_ROLLFORWARD"]
    assert len(roll) == 1 and roll[0].severity == "warning"
    assert "行政规范性文件" in roll[0].message
    assert result.ok


def test_previous_year_mismatch_is_warned():
    prev = facts(consistent_cells(random.Random(1)), 2020 + 1)
    cur = facts(consistent_cells(random.Random(2)), 2023)
    result = engine.check(cur, prev)
    assert "PREVIOUS_YEAR_MISMATCH" in rules_failing(result)


def test_cross_year_from_2019_form_skips_table1_rollforward():
    prev = facts(consistent_cells(random.Random(1), spec.FORMAT_2019), 2020)
    cur = facts(consistent_cells(random.Random(2)), 2021)
    result = engine.check(cur, prev)
    assert "T1_IN_FORCE_ROLLFORWARD" not in {f.rule for f in result.findings}


def test_decimal_fee_amount_is_kept_exact(cells):
    cells["active.art20_8.admin_fees.amount_wan_yuan"] = Decimal("12.35")
    result = engine.check(facts(cells))
    assert result.facts.cells["active.art20_8.admin_fees.amount_wan_yuan"] == Decimal("12.35")
    assert result.findings == ()


def test_every_rule_has_source_and_message():
    from assistant.core.rules import RULES_BY_ID

    for rule in RULES_BY_ID.values():
        assert rule.source and rule.message and rule.severity in ("error", "warning")


def test_previous_report_of_another_agency_is_not_compared():
    prev = facts(consistent_cells(random.Random(1)), 2023, agency="甲镇人民政府")
    cur = facts(consistent_cells(random.Random(2)), 2024, agency="乙县自然资源局")
    result = engine.check(cur, prev)
    assert rules_failing(result) == ["PREVIOUS_AGENCY_MISMATCH"]
    assert result.ok


def test_previous_report_that_is_not_earlier_is_not_compared():
    cells = consistent_cells(random.Random(1))
    result = engine.check(facts(cells, 2024), facts(cells, 2024))
    assert rules_failing(result) == ["PREVIOUS_YEAR_MISMATCH"] and result.ok


def test_a_computed_total_is_not_called_reported(cells):
    cells = leaves_only(cells)
    cells["applications.results.total.natural_person"] = 999  # given: the row total (总计) is computed
    result = engine.check(facts(cells))
    row_total = next(f for f in result.findings if f.rule == "T2_ROW_TOTAL")
    assert "由其他单元格推算为" in row_total.message and "填报" not in row_total.message
    given = next(f for f in result.findings if f.rule == "T2_RESULTS_TOTAL_2021")
    assert "填报 999" in given.message


def test_a_blank_total_is_called_blank(cells):
    cells["review.total"] = BLANK
    cells["review.upheld"] = cells["review.upheld"] + 1
    result = engine.check(facts(cells))
    f = next(f for f in result.findings if f.rule == "T3_REVIEW_TOTAL")
    # a completeness gap, not an arithmetic error: the message says what the blank should be
    assert "空白，按其他数推算应为" in f.message and f.severity == "warning"
    assert f.computed == sum(cells[f"review.{k}"] for k in ("upheld", "corrected", "other", "pending"))


def test_a_blank_that_cannot_make_the_identity_hold_stays_an_error(cells):
    cells["review.total"] = 1
    cells["review.upheld"] = BLANK
    cells["review.corrected"] = cells["review.other"] = cells["review.pending"] = 1
    result = engine.check(facts(cells))
    f = next(f for f in result.findings if f.rule == "T3_REVIEW_TOTAL")
    assert f.severity == "error" and "空白" not in f.message


def test_a_printed_subtotal_stands_in_for_sub_items_not_printed(cells):
    leaves = (
        "results.other.no_correction_overdue",
        "results.other.fee_unpaid_overdue",
        "results.other.other",
    )
    col = "natural_person"
    printed = sum(cells[f"applications.{k}.{col}"] for k in leaves)
    for k in leaves:
        for c in ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
                  "legal_service_org", "other_org", "total"):  # fmt: skip
            del cells[f"applications.{k}.{c}"]
    group = tuple(f"applications.{k}.{col}" for k in leaves)
    rule = "T2_RESULTS_TOTAL_2021"
    subject = f"applications.results.total.{col}"

    def finding(subtotals):
        result = engine.check(facts(cells), subtotals=subtotals)
        return next((f for f in result.findings if f.rule == rule and f.cells[0] == subject), None)

    assert finding({}).status == "not_assessable"
    assert finding({group: printed}) is None
    wrong = finding({group: printed + 2})
    assert wrong.status == "fail" and wrong.computed == cells[subject] + 2
