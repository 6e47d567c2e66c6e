"""Readings from dev J j009 and dev G g006: 「二十件里个人十四件」 (the total given, then its types), 「去年那三件都是
个人的」 when 上年结转 is 3, 「办结的里面：……」 (outcomes of those dealt with), a 表一 figure said as last year's
(「行政处罚去年是12件」) is not stored but said back, 「跟去年一样发了1件」 is this year's, and 「开始填2025的」 is a year."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

A = "applications."
TOTALS = {A + "new_received.total": 20, A + "carried_over_from_prev.total": 3}


def _read(message, cells=None):
    return extract_message(message, ExtractionContext(cells=cells or {}))


def test_the_total_then_its_types():
    ex = _read("二十件里个人十四件，其余是企业", TOTALS)
    assert ex.cells[A + "new_received.natural_person"] == 14
    assert ex.cells[A + "new_received.commercial_enterprise"] == 6
    assert not any("不同的数字" in q for q in ex.questions)


def test_last_years_count_is_the_carry_over_when_it_matches():
    got = _read("去年那三件都是个人的", TOTALS).cells
    assert got[A + "carried_over_from_prev.natural_person"] == 3
    assert A + "new_received.natural_person" not in got


def test_last_years_count_is_no_carry_over_when_none_was_carried():
    got = _read(
        "不对，予以公开是9件，我把去年那两件也算进来了", {A + "carried_over_from_prev.total": 0}
    ).cells
    assert got.get(A + "carried_over_from_prev.total") in (None, 0)


def test_the_outcomes_of_those_dealt_with():
    got = _read(
        "办结的里面：公开十二件，部分公开三件，不掌握四件，还有两件要的是别人的个人信息，涉及隐私，不予公开"
    ).cells
    assert got[A + "results.withheld.third_party_rights.total"] == 2
    assert A + "results.total.total" not in got


def test_a_table_one_figure_of_last_year_is_said_back_not_stored():
    ex = _read("今年新制发规范性文件1件，现行有效的一共11件。行政处罚去年是12件，今年的还没统计出来，先空着")
    assert "active.art20_6.admin_penalty.decisions" not in ex.cells
    assert ex.cells["active.art20_1.normative_docs.issued"] == 1
    assert any("去年的数字" in n for n in ex.notes)


def test_the_same_as_last_year_is_this_years_figure():
    assert _read("规范性文件跟去年一样发了1件").cells["active.art20_1.normative_docs.issued"] == 1


def test_the_year_being_filled_is_no_count():
    ex = extract_message("开始填2025的", ExtractionContext(topic="new_received"))  # the question asked first
    assert not ex.cells
