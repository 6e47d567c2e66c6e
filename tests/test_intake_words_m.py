"""Readings from dev set J (j008), as a 乡 clerk typed them: 「今年的五件：……」 names this year's applications before
their outcomes; 「其实是反映村干部的问题，按信访转过去了」 is an application's story (信访), no 存在的主要问题;
「去年那件今年2月答复了，……我们不掌握」 is the carry-over's outcome, not a （七）总计 of 1."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

R = "applications.results."
KNOWN = {
    "applications.new_received.natural_person": 5,
    "applications.new_received.total": 5,
    "applications.carried_over_from_prev.natural_person": 1,
    "applications.carried_over_from_prev.total": 1,
}


def _read(message):
    return extract_message(message, ExtractionContext(cells=KNOWN))


def test_this_years_count_before_a_colon_is_the_new_count_not_a_rival_of_a_row():
    ex = _read("今年的五件：三件公开了，一件是他要我们把几年的低保数据汇总做个表，这个需要另行制作，我们没做")
    cells = ex.cells
    assert cells[R + "granted.total"] == 3 and cells[R + "unable.needs_creation.total"] == 1
    assert cells.get("applications.new_received.total") == 5
    assert not any("不同的数字" in q for q in ex.questions)


def test_a_complaint_about_a_problem_is_a_story_of_an_application():
    ex = _read("最后一件说是申请公开，其实是反映村干部的问题，按信访转过去了")
    assert ex.cells.get(R + "not_processed.petition_complaint.total") == 1
    assert all(n.key != "problems" for n in ex.narrative)


def test_the_carry_overs_answer_is_no_results_total():
    ex = _read("去年那件今年2月答复了，他要的是县里的项目资金，我们不掌握")
    assert R + "total.total" not in ex.cells
    assert ex.cells.get(R + "unable.not_held.total") == 1


def test_a_problem_of_the_office_is_still_a_problem():
    ex = _read("存在的问题主要是群众反映的问题回应不及时")
    assert any(n.key == "problems" for n in ex.narrative)
