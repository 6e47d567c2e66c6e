"""Colloquial wording of the carried-over applications and of lawsuits after a review.

「去年还剩2件没办完转过来」 is 上年结转 (the 总计 column unless an applicant type is given);
「复议后又起诉的案件2件」 is 行政诉讼·复议后起诉, not 行政复议.
"""

from __future__ import annotations

import pytest

from assistant.intake import extract

NEW, PREV, NEXT = (
    f"applications.{r}." for r in ("new_received", "carried_over_from_prev", "carried_to_next")
)


def stated(message: str) -> dict:
    return {p.key: p.value for p in extract(message).proposals if not p.inferred}


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            "今年我们一共收到依申请公开的申请18件，另外去年还剩2件没办完转过来。",
            {NEW + "total": 18, PREV + "total": 2},
        ),
        ("去年还剩2件没办完转过来", {PREV + "total": 2}),
        ("去年剩下的3件申请今年接着办", {PREV + "total": 3}),
        ("去年还有2件没办完", {PREV + "total": 2}),
        ("从去年转过来的申请2件", {PREV + "total": 2}),
        ("上年底还剩1件，今年已办结", {PREV + "total": 1}),
        ("有1件是去年没答复完的，结转到今年", {PREV + "total": 1}),
    ],
)
def test_carried_over_in_everyday_words(message, expected):
    assert stated(message) == expected


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("去年还有2件企业的申请没办完转过来", {PREV + "commercial_enterprise": 2}),
        ("去年转过来3件，都是自然人申请的", {PREV + "natural_person": 3}),
    ],
)
def test_carried_over_with_an_applicant_type(message, expected):
    found = {p.key: p.value for p in extract(message).proposals}
    assert all(found.get(k) == v for k, v in expected.items())
    assert PREV + "total" not in found or found[PREV + "total"] == sum(expected.values())


def test_no_carry_over_in_everyday_words():
    proposals = {p.key: p.value for p in extract("去年没有剩下的申请").proposals}
    assert proposals[PREV + "total"] == 0


def test_carried_to_next_year_stays_next_year():
    assert stated("年底还有3件没办完，转到明年继续办") == {NEXT + "total": 3}
    assert stated("结转到下一年继续办理的有2件") == {NEXT + "total": 2}


@pytest.mark.parametrize(
    "message",
    [
        "复议后又起诉的案件2件",
        "对复议决定不服又起诉的2件",
        "复议完了又去法院告我们的有2件",
        "不服行政复议结果提起诉讼2件",
        "经复议后起诉2件",
    ],
)
def test_lawsuits_after_a_review(message):
    found = stated(message)
    assert found == {"litigation_after_review.total": 2}
    assert "review.total" not in found


@pytest.mark.parametrize("message", ["没走复议直接去法院起诉的1件", "没经过复议直接起诉1件"])
def test_lawsuits_without_a_review(message):
    assert stated(message) == {"litigation_direct.total": 1}


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("因政府信息公开被申请行政复议3件", {"review.total": 3}),
        ("行政复议后被纠正1件", {"review.corrected": 1}),
        (
            "收到申请10件，其中自然人8件、企业2件",
            {NEW + "total": 10, NEW + "natural_person": 8, NEW + "commercial_enterprise": 2},
        ),
    ],
)
def test_plain_statements_are_unchanged(message, expected):
    assert stated(message) == expected


def test_lawsuit_of_unknown_kind_is_asked():
    result = extract("打官司的有1件")
    assert not [p for p in result.proposals if not p.inferred]
    assert any("复议后起诉" in q for q in result.questions)
