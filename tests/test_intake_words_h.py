"""Clerks' phrasings from dev set F, session 14: a carry row told as one count of one applicant type,
the type after a count placed by a later clause, 「公司那个」 with a number about something else after it."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

A = "applications."
PREV, NEXT = f"{A}carried_over_from_prev", f"{A}carried_to_next"


def _values(msg: str, cells: dict | None = None) -> tuple[dict, object]:
    ex = extract_message(msg, ExtractionContext(topic="results.main", cells=cells or {}))
    return {p.key: p.value for p in ex.proposals}, ex


def test_one_count_of_one_type_is_the_whole_carry_row():
    got, ex = _values("另外去年结转下来1件企业的，今年1月答复了，也给了")
    assert got[f"{PREV}.commercial_enterprise"] == 1
    assert got[f"{PREV}.total"] == 1
    total = next(p for p in ex.proposals if p.key == f"{PREV}.total")
    assert total.inferred  # shown as inferred, confirmed with the rest
    got, _ = _values("今年收到8件，个人4件、律师事务所3件、公司1件，去年没有结转的，年底还有1件个人的没办完")
    assert got[f"{NEXT}.natural_person"] == 1
    assert got[f"{NEXT}.total"] == 1


def test_a_part_of_a_carry_row_is_no_whole_row():
    got, ex = _values("去年结转3件，其中企业1件")
    assert got[f"{PREV}.total"] == 3 and got[f"{PREV}.commercial_enterprise"] == 1
    assert ex.questions  # the other 2 are asked
    # something of the row already known: the count is that type's only
    got, _ = _values("还有一件个人的，还在办", {f"{NEXT}.commercial_enterprise": 1})
    assert got == {f"{NEXT}.natural_person": 1}


def test_the_type_after_a_count_placed_by_the_next_clause_stays_the_counts():
    got, ex = _values("还剩一件村民的，还在办")
    assert got[f"{NEXT}.natural_person"] == 1
    assert not any("未说明申请人类型" in q for q in ex.questions)


def test_that_one_of_a_company_with_years_named_after_it():
    got, _ = _values(
        "公司那个要我们把近五年的补贴发放数据汇总成表给他，我们没有现成的，需要另外做，就答复他了"
    )
    assert got == {f"{A}results.unable.needs_creation.commercial_enterprise": 1}
    got, _ = _values("那个，我们今年公开的比较多的是补贴")
    assert got == {}


def _with_topic(msg: str, topic: str) -> dict:
    ex = extract_message(msg, ExtractionContext(topic=topic, cells={}))
    return {p.key: p.value for p in ex.proposals}, ex


def test_all_granted_after_all_of_one_type_when_the_received_question_was_asked():
    got, ex = _with_topic("依申请公开今年就5件，都是个人申请的，全给了", "new_received")
    assert got[f"{A}new_received.natural_person"] == 5  # never zeroed by 「全给了」
    assert got[f"{A}results.granted.natural_person"] == 5
    assert got[f"{A}results.granted.commercial_enterprise"] == 0
    assert not ex.questions


def test_review_and_suits_that_did_not_happen():
    got, _ = _values("复议和诉讼都没有发生")
    assert got["review.total"] == 0
    assert got["litigation_direct.total"] == 0 and got["litigation_after_review.total"] == 0
    got, _ = _values("处罚和强制今年都没发生过")
    assert got["active.art20_6.admin_penalty.decisions"] == 0
    assert got["active.art20_6.admin_coercion.decisions"] == 0


def test_the_rest_of_table_one_is_none():
    got, _ = _values("许可12件，处罚3件，其他都没有")
    assert got["active.art20_5.admin_license.decisions"] == 12
    assert got["active.art20_6.admin_penalty.decisions"] == 3
    for key in (
        "active.art20_6.admin_coercion.decisions",
        "active.art20_8.admin_fees.amount_wan_yuan",
        "active.art20_1.normative_docs.issued",
        "active.art20_1.regulations.in_force",
    ):
        assert got[key] == 0
    # what is known already is not zeroed
    got, _ = _values("处罚3件，其他都没有", {"active.art20_5.admin_license.decisions": 7})
    assert "active.art20_5.admin_license.decisions" not in got


def test_a_table_named_at_the_start_is_no_narrative_and_no_unread_words():
    from assistant.intake.accounting import unaccounted

    text = "主动公开的表：我们镇没有规范性文件，许可也没有，行政处罚今年十二件，强制没有"
    got, ex = _values(text)
    assert got["active.art20_6.admin_penalty.decisions"] == 12
    assert not ex.narrative
    assert not unaccounted(text, ex)
    text = "主动公开表：处罚三件 其他都没有 不收费"
    got, ex = _values(text)
    assert got["active.art20_6.admin_penalty.decisions"] == 3 and not unaccounted(text, ex)


NEW12 = {
    f"{A}new_received.total": 12,
    f"{A}new_received.natural_person": 10,
    f"{A}new_received.other_org": 2,
}


def test_a_total_without_a_row_is_the_row_of_the_other_numbers():
    got, ex = _values("刚才说错了，总数是十三件，村民的十一件，合作社还是两件", NEW12)
    assert got[f"{A}new_received.total"] == 13
    assert got[f"{A}new_received.natural_person"] == 11
    assert not any("没能确定" in q for q in ex.questions)


def test_an_applicant_who_never_sends_the_material():
    got, _ = _values("还有一件申请人一直不补材料，我们就没再处理了")
    assert got == {f"{A}results.other.no_correction_overdue.total": 1}


def test_how_the_clerk_files_an_applicant_is_understood_when_it_agrees():
    from assistant.intake.accounting import unaccounted

    text = "村民申请的十件，还有两件是合作社，合作社的算其他组织吧"
    got, ex = _values(text)
    assert got[f"{A}new_received.other_org"] == 2
    assert not unaccounted(text, ex)
    # a filing that differs from how the words were read is said back, never silently agreed
    text = "村民申请的十件，还有两件是合作社，合作社的算企业吧"
    got, ex = _values(text)
    assert unaccounted(text, ex) == ["合作社的算企业吧"]
