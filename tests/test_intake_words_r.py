"""Readings from dev K k001 (session 20): 「不对，是13件，漏了一件12月底收到的」 corrects 本年新收 12 → 13 (was 12 → 1,
the 13 asked back; the row is the one the reason adds up with), a count that does not add up is asked; 「还有一件个人的是12月28号收到的，年底没办完，转到明年」 when
本年新收 already counts it is that type's 结转下年度 (was: one more received, 11 → 12)."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

A = "applications."
TOLD = {
    A + "new_received.total": 13,
    A + "new_received.natural_person": 11,
    A + "new_received.commercial_enterprise": 2,
    A + "carried_over_from_prev.total": 1,
    A + "carried_over_from_prev.natural_person": 1,
    A + "results.granted.natural_person": 8,
    A + "results.withheld.third_party_rights.natural_person": 2,
    A + "results.unable.not_held.natural_person": 1,
}


def _read(message, cells, topic=None):
    return extract_message(message, ExtractionContext(topic=topic, cells=cells))


def test_a_bare_correction_with_its_reason_sets_the_total_asked():
    ex = _read("不对，是13件，漏了一件12月底收到的", {A + "new_received.total": 12}, "new_received")
    assert ex.cells == {A + "new_received.total": 13}


def test_the_row_is_the_one_the_reason_adds_up_with_not_the_topic():
    cells = {A + "new_received.total": 16, A + "results.partially_granted.total": 5}
    assert not _read("不对，是6件，漏了一件", cells, "new_received").cells.get(A + "new_received.total")
    ex = _read("不对，是17件，漏了一件12月底收到的", cells, "results.main")
    assert ex.cells == {A + "new_received.total": 17}


def test_a_reason_that_does_not_add_up_is_asked():
    ex = _read("不对，是14件，漏了一件12月底收到的", {A + "new_received.total": 12}, "new_received")
    assert not ex.cells and ex.questions and "14件" in ex.questions[0]


def test_the_one_left_open_is_carried_to_next_year_not_received_again():
    ex = _read("还有一件个人的是12月28号收到的，年底没办完，转到明年", TOLD)
    assert ex.cells == {A + "carried_to_next.natural_person": 1}


def test_one_more_when_nothing_is_left_is_still_an_addition():
    full = {**TOLD, A + "results.granted.natural_person": 9}
    ex = _read("还有一件个人的是12月28号收到的，年底没办完，转到明年", full)
    assert (
        ex.cells.get(A + "carried_to_next.natural_person") != 1
        or A + "new_received.natural_person" in ex.cells
    )


def test_the_result_of_something_else_published_is_no_all_granted():
    cells = {
        A + "new_received.total": 38,
        A + "new_received.natural_person": 30,
        A + "results.granted.natural_person": 20,
    }
    for message in ("公开了土地征收信息、采矿权出让结果", "主动公开方面：都公开了"):
        ex = _read(message, cells)
        assert not any(k.startswith(A + "results.") for k in ex.cells), message


def test_a_types_scope_after_saying_it_comes_first():
    ex = _read("先说个人的：新收九件，上年结转两件", {})
    assert ex.cells == {A + "new_received.natural_person": 9, A + "carried_over_from_prev.natural_person": 2}


def test_an_applicant_filed_as_other_keeps_its_application_received():
    ex = _read("另外村委会申请了1件，算其他吧，要的是内部审计的讨论稿，没给", {A + "new_received.total": 14})
    assert ex.cells[A + "new_received.other_org"] == 1
    assert ex.cells[A + "results.withheld.process_info.other_org"] == 1


def test_the_application_a_review_was_about_is_no_table_two_value(tmp_path):
    cells = {A + "results.unable.not_held.natural_person": 2}
    ex = _read("复议有1件，就是个人不掌握那件，复议机关纠正了", cells)
    assert ex.cells["review.corrected"] == 1
    assert not any(k.startswith(A) for k in ex.cells)


def test_a_fee_notice_never_paid_is_fee_unpaid_overdue():
    cells = {A + "new_received.commercial_enterprise": 1, A + "new_received.total": 3}
    ex = _read("公司那个申请的量特别大，我们发了收费通知，他过了期限也没交，就没再处理", cells)
    assert ex.cells.get(A + "results.other.fee_unpaid_overdue.commercial_enterprise") == 1
    ex = _read("还有一件让他补正，他过了期限也没交材料", cells)
    assert not any(".fee_unpaid_overdue." in k for k in ex.cells)


def test_a_types_outcomes_after_of_it():
    cells = {A + "new_received.natural_person": 10, A + "new_received.total": 13}
    ex = _read("个人的里面公开7件，两件涉及隐私没给", cells)
    assert ex.cells == {
        A + "results.granted.natural_person": 7,
        A + "results.withheld.third_party_rights.natural_person": 2,
    }
    assert _read("个人的公开7件", cells).cells == {A + "results.granted.natural_person": 7}
