"""Clerks' phrasings from dev set F (f001), session 13: a count placed by the row a later clause
names, and the reason a 部分公开's part was withheld."""

from __future__ import annotations

from assistant.intake.extract import extract
from assistant.intake.model import ExtractionContext

A = "applications."
NEW = {
    f"{A}new_received.total": 12,
    f"{A}new_received.natural_person": 9,
    f"{A}new_received.commercial_enterprise": 2,
    f"{A}new_received.legal_service_org": 1,
}


def _values(msg: str, cells: dict | None = None) -> dict:
    ex = extract(msg, ExtractionContext(topic="results.main", cells=cells or {}))
    return {p.key: p.value for p in ex.proposals}, ex


def test_a_count_without_row_takes_the_row_of_the_next_clause_even_when_just_said():
    got, ex = _values(
        "村民的：给了5件，查无此信息2件，还有一件要的是土地承包的材料，不归我们管，让他去农业农村局问了"
    )
    assert got[f"{A}results.granted.natural_person"] == 5
    assert got[f"{A}results.unable.not_held.natural_person"] == 3  # 2 + the 一件 不归我们管
    assert not ex.questions
    # a clause of the same row right after its number still only explains it
    got, _ = _values("查无此信息2件，让他去农业农村局问了")
    assert got == {f"{A}results.unable.not_held.total": 2}


def test_why_part_of_a_partial_grant_was_withheld_is_no_second_count():
    got, _ = _values("公司那两件都给了，律所那个一部分给了，涉及别人隐私的那部分没给", NEW)
    assert got == {
        f"{A}results.granted.commercial_enterprise": 2,
        f"{A}results.partially_granted.legal_service_org": 1,
    }
    got, ex = _values("部分公开1件，其中涉及个人隐私的部分没有公开")
    assert got == {f"{A}results.partially_granted.total": 1}
    assert "隐私" in ex.proposals[0].source
    # a 不予公开 reason after a 不予公开 count is still that count's row
    got, _ = _values("不予公开1件，涉及第三方的隐私")
    assert got.get(f"{A}results.withheld.third_party_rights.total") == 1


FULL = {
    f"{A}new_received.total": 8,
    f"{A}new_received.natural_person": 5,
    f"{A}new_received.commercial_enterprise": 1,
    f"{A}new_received.social_welfare_org": 1,
    f"{A}new_received.other_org": 1,
}


def test_one_more_when_the_given_types_make_up_the_total_is_added():
    from assistant.intake.llm import extract_message

    ctx = ExtractionContext(topic="new_received", cells=FULL)  # 科研机构、律所 not given: 0 by the total
    ex = extract_message("哦对了还有一件，12月30号收到的，一个业主的，还没答复", ctx)
    got = {p.key: p.value for p in ex.proposals}
    assert got[f"{A}new_received.natural_person"] == 6 and got[f"{A}new_received.total"] == 9
    assert got[f"{A}carried_to_next.natural_person"] == 1


def test_a_doubled_no_is_a_correction_not_an_addition():
    from assistant.intake.llm import extract_message

    cells = {
        f"{A}new_received.total": 12,
        f"{A}new_received.natural_person": 9,
        f"{A}new_received.commercial_enterprise": 3,
    }
    ex = extract_message(
        "不对不对，企业是2件，还有一件是律师事务所申请的",
        ExtractionContext(topic="new_received", cells=cells),
    )
    got = {p.key: p.value for p in ex.proposals}
    assert got[f"{A}new_received.commercial_enterprise"] == 2
    assert got.get(f"{A}new_received.total", 12) == 12


def test_no_fee_said_with_the_body_as_subject():
    for msg in ("收费的话，我们乡不收费", "我们镇不收费", "行政事业性收费没有，我局不收费"):
        got, ex = _values(msg)
        assert got == {"active.art20_8.admin_fees.amount_wan_yuan": 0}, msg


def test_a_total_then_types_and_members_in_brackets():
    ex = extract(
        "今年15件，个人8件，大学和研究机构4件（两所大学、一个研究院、一个社科院），公司3件",
        ExtractionContext(topic="new_received"),
    )
    got = {p.key: p.value for p in ex.proposals if not p.inferred}
    assert got == {
        f"{A}new_received.total": 15,
        f"{A}new_received.natural_person": 8,
        f"{A}new_received.research_institution": 4,
        f"{A}new_received.commercial_enterprise": 3,
    }
    assert not ex.questions


def test_brackets_that_give_the_types_are_still_read_as_types():
    ex = extract("新收3件（企业1件、个人2件）", ExtractionContext(topic="new_received"))
    got = {p.key: p.value for p in ex.proposals if not p.inferred}
    assert got[f"{A}new_received.commercial_enterprise"] == 1 and got[f"{A}new_received.natural_person"] == 2
