"""Readings from dev K k008 (session 20): 表三 told one case a message after 「复议诉讼我一件一件说。」 (was filed as
依申请公开 text), 「第二件，……复议维持了，他又起诉，法院也判维持」 (one case in 行政复议 and one in 复议后起诉; was
asked back), and 「律所3件都是问拆迁的，2件公开，……」 (the type's scope survives what they asked about)."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

A = "applications."


def _read(message, cells=None):
    return extract_message(message, ExtractionContext(cells=cells or {}))


def test_one_case_after_saying_they_will_be_told_one_by_one():
    ex = _read("复议诉讼我一件一件说。第一件，个人不服不掌握的答复申请复议，复议维持了")
    assert ex.cells == {"review.upheld": 1, "review.total": 1}
    assert not ex.narrative


def test_a_review_that_went_on_to_court_counts_in_both():
    ex = _read(
        "第二件，律所那件执法案卷的，复议维持了，他又起诉，法院也判维持",
        {"review.upheld": 1},
    )
    assert ex.cells["review.upheld"] == 2 and ex.cells["review.total"] == 2
    assert ex.cells["litigation_after_review.upheld"] == 1
    assert not ex.questions


def test_a_case_beyond_the_review_total_is_asked_not_added():
    ex = _read("第一件，复议维持了", {"review.upheld": 1, "review.total": 1})
    assert ex.questions and "review.total" not in ex.cells


def test_a_types_scope_survives_what_they_asked_about():
    cells = {A + "new_received.legal_service_org": 3, A + "new_received.total": 30}
    ex = _read("律所3件都是问拆迁的，2件公开，1件要的是行政执法案卷，没给", cells)
    assert ex.cells[A + "results.granted.legal_service_org"] == 2
    assert ex.cells[A + "results.withheld.enforcement_file.legal_service_org"] == 1


def test_one_applicant_who_sent_several():
    ex = _read("今年新收申请十五件：个人十件，教育科研所2件，算科研机构，还有一个助学基金会来了3件")
    assert ex.cells[A + "new_received.social_welfare_org"] == 3
    assert ex.cells[A + "new_received.research_institution"] == 2
    assert not any("不同的数字" in q for q in ex.questions)
    assert any(p.source == "还有一个助学基金会来了3件" for p in ex.proposals)


def test_this_years_count_of_a_type_as_scope():
    cells = {A + "new_received.natural_person": 10, A + "new_received.total": 15}
    ex = _read("今年新收的个人10件里公开6件；还有1件补正后还是说不清要什么", cells)
    assert ex.cells[A + "results.granted.natural_person"] == 6
    assert ex.cells[A + "results.unable.unclear_after_correction.natural_person"] == 1


def test_a_research_office_is_a_research_institution():
    ex = _read("科研所2件：1件公开，1件还没答复", {A + "new_received.total": 15})
    assert ex.cells.get(A + "results.granted.research_institution") == 1


def test_carry_over_by_last_years_report_in_a_clerks_words():
    from assistant.core.facts import ReportFacts
    from assistant.intake.previous_answer import adopt_previous

    prev = ReportFacts(
        "某县教育局", 2023, "2021", {A + "carried_to_next.natural_person": 2, A + "carried_to_next.total": 2}
    )
    got = {p.key: p.value for p in adopt_previous("上年结转就按去年报告里结转下年度的那个数", prev)}
    assert got[A + "carried_over_from_prev.natural_person"] == 2
    assert adopt_previous("去年的数我再查一下", prev) == []
