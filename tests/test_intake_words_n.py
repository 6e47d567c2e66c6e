"""Readings from dev set J (j003) and dev F (f005): a scope after 「办理结果：」, 「个人公开的是五件」 as a correction of
予以公开, 「还有一件到年底还在办」 after a type was lowered (the same type moves), what a review was brought against
(「对我们不掌握的答复不服」) is no 表二 outcome, 「一起」 of a review never takes a 表二 row, and 「另一起」 is one of
the cases counted, no rival of the count."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

R = "applications.results."
NEW = {
    "applications.new_received.natural_person": 11,
    "applications.new_received.total": 15,
}


def _read(message, cells=None):
    return extract_message(message, ExtractionContext(cells=cells or {}))


def test_a_scope_after_a_heading_and_colon():
    cells = _read("办理结果：个人的十一件里公开了六件，部分公开一件", NEW).cells
    assert cells[R + "granted.natural_person"] == 6 and cells[R + "partially_granted.natural_person"] == 1


def test_a_type_then_the_row_then_its_corrected_count():
    known = {**NEW, R + "granted.natural_person": 6}
    assert _read("不对，个人公开的是五件", known).cells[R + "granted.natural_person"] == 5


def test_the_one_taken_off_is_the_one_told_next_in_the_same_type():
    known = {**NEW, R + "granted.natural_person": 6}
    ex = _read("不对，个人公开的是五件，还有一件到年底还在办", known)
    got = ex.cells
    assert got[R + "granted.natural_person"] == 5
    assert got["applications.carried_to_next.natural_person"] == 1
    assert got["applications.carried_to_next.total"] == 1
    assert not any("暂记入" in q for q in ex.questions)


def test_another_type_named_is_not_moved():
    known = {**NEW, R + "granted.natural_person": 6}
    got = _read("不对，个人公开的是五件，还有一件是企业的", known).cells
    assert "applications.carried_to_next.natural_person" not in got


def test_what_a_review_was_brought_against_is_no_outcome():
    got = _read("复议有一件，是个人对我们不掌握的答复不服，复议机关维持了。没有诉讼").cells
    assert not any(k.startswith("applications.") for k in got)
    assert got["review.upheld"] == 1 and got["review.total"] == 1


def test_another_case_is_one_of_those_counted():
    ex = _read(
        "复议有两起。一起是个人对不予公开的答复不服，市局复议维持了；另一起复议机关认为我们答复不规范，责令重新答复"
    )
    assert (
        ex.cells["review.total"] == 2 and ex.cells["review.upheld"] == 1 and ex.cells["review.corrected"] == 1
    )
    assert not any("不同的数字" in q for q in ex.questions)
