"""Words of dev set F's clerks (issue 11): 「行政强制零」 (a bare 零 ending the clause), 「规章不适用」, a
university as 科研机构 but its students as 自然人."""

from __future__ import annotations

from assistant.intake.extract import extract
from assistant.intake.model import Extraction, ExtractionContext


def _values(message: str, topic: str | None = None) -> dict:
    return {p.key: p.value for p in extract(message, ExtractionContext(topic=topic)).proposals}


def test_a_bare_zero_after_the_row():
    cells = _values("行政处罚两件；行政强制零；行政事业性收费零")
    assert cells["active.art20_6.admin_penalty.decisions"] == 2
    assert cells["active.art20_6.admin_coercion.decisions"] == 0
    assert cells["active.art20_8.admin_fees.amount_wan_yuan"] == 0


def test_zero_inside_a_word_or_a_number_is_not_zero():
    assert _values("行政处罚一百零五件")["active.art20_6.admin_penalty.decisions"] == 105
    assert "active.art20_6.admin_coercion.decisions" not in _values("行政强制案件库已清零")


def test_rules_not_applicable_are_none():
    cells = _values("规章不适用；行政规范性文件制发0件，废止2件，现行有效5件")
    assert [cells[f"active.art20_1.regulations.{c}"] for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert cells["active.art20_1.normative_docs.in_force"] == 5


def test_a_university_is_a_research_body_its_students_are_people():
    cells = _values("收到3件，2件是某大学经济学院申请的，还有1件是个大学生申请的")
    assert cells["applications.new_received.research_institution"] == 2
    assert _values("收到1件，是高校申请的")["applications.new_received.research_institution"] == 1
    assert cells["applications.new_received.natural_person"] == 1


def test_the_one_a_review_story_is_about_is_no_count():
    """「复议有一件，一家企业对……不服申请复议，复议机关维持了」: 一家 names the applicant of that review;
    the outcome is the review's (before: 一家 was asked about and the outcome lost)."""
    cells = _values("复议有一件，一家企业对项目核准信息的答复不服申请复议，复议机关维持了", "review")
    assert cells["review.total"] == 1 and cells["review.upheld"] == 1


def test_there_was_one_who_is_still_a_count():
    cells = _values("有一个居民对答复不服申请了行政复议，复议维持了")
    assert cells["review.total"] == 1 and cells["review.upheld"] == 1


def test_no_suit_afterwards_is_none():
    """「企业后来没有起诉」 after a review: no suit (before: spelled as a suit after review, and lost)."""
    cells = _values("复议有一件，维持了，企业后来没有起诉", "review")
    assert cells["litigation_after_review.total"] == 0 and cells["litigation_direct.total"] == 0
    assert _values("复议1件维持了，后来又去法院起诉了1件")["litigation_after_review.total"] == 1


def test_a_part_named_with_shi_and_no_comma():
    from assistant.intake.narrative import named_topic

    assert named_topic("问题是个别科室对公开属性认定把握不准") == "problems"
    assert named_topic("主要问题是人手不足") == "problems"
    assert named_topic("改进措施是明年修订公开属性认定指引") == "improvements"
    assert named_topic("问题不大") is None


def test_owners_and_social_workers():
    cells = _values("小区业主5件 物业公司1件 业委会1件 还有一个社工机构", "new_received")
    new = "applications.new_received."
    assert [cells[new + c] for c in ("natural_person", "commercial_enterprise", "other_org", "social_welfare_org")] == [
        5, 1, 1, 1,
    ]  # fmt: skip
    assert "applications.new_received.natural_person" not in _values("业主委员会1件", "new_received")


def test_what_was_asked_for_is_no_table_row_and_sent_elsewhere_is_not_held():
    """「还有1件问的是小区规划许可 让他去区住建局问了」: 规划许可 is what was asked (no 行政许可 count);
    sent to another office is 本机关不掌握."""
    cells = _values(
        "业主的5件 给了3件 1件一部分给了 还有1件问的是小区规划许可 让他去区住建局问了", "results.main"
    )
    assert "active.art20_5.admin_license.decisions" not in cells
    assert cells["applications.results.unable.not_held.natural_person"] == 1
    assert cells["applications.results.granted.natural_person"] == 3


def test_the_type_before_a_number_holds_when_a_later_clause_names_the_row():
    cells = _values("物业公司那件也是问规划的，一样让他去住建局", "results.main")
    assert cells["applications.results.unable.not_held.commercial_enterprise"] == 1


def test_a_clause_explaining_the_last_count_takes_no_other_number():
    """「七件里面五件给了，一件我们这没有这个信息，让他去找区住建局了」: 让他去找…… explains the 一件, the
    七件 is no 不掌握 count."""
    cells = _values("七件里面五件给了，一件我们这没有这个信息，让他去找区住建局了", "results.main")
    assert cells["applications.results.unable.not_held.total"] == 1


def test_a_correction_said_not_a_but_b_is_accounted_for():
    from assistant.intake.accounting import unaccounted

    ctx = ExtractionContext(cells={"applications.new_received.commercial_enterprise": 5})
    message = "刚才说错了，公司不是5件是6件"
    ex = extract(message, ctx)
    assert {p.key: p.value for p in ex.proposals}["applications.new_received.commercial_enterprise"] == 6
    assert unaccounted(message, ex) == []


def test_a_plan_still_being_studied_is_process_information():
    cells = _values(
        "个人的：给了9件，部分公开2件，一件问的是征收补偿方案，方案还在研究没定，没给", "results.main"
    )
    assert cells["applications.results.withheld.process_info.natural_person"] == 1


def test_a_late_receipt_still_open_is_accounted_for_once_read():
    from assistant.intake.accounting import unaccounted

    message = "公司的：4件给了，1件部分公开，还有1件12月底收的，现在还在办"
    ex = extract(message, ExtractionContext(topic="results.main"))
    assert {p.key: p.value for p in ex.proposals}["applications.carried_to_next.commercial_enterprise"] == 1
    assert unaccounted(message, ex) == []
    assert unaccounted("现在还在办", Extraction()) == ["现在还在办"]  # not read: said back


def test_a_count_named_by_its_type_then_its_outcome_in_the_next_clause():
    """「合作社那件，涉及个人隐私，没给」: before, the count was taken as a scope and the outcome lost."""
    cells = _values("合作社那件，涉及个人隐私，没给", "results.main")
    assert cells["applications.results.withheld.third_party_rights.other_org"] == 1


def test_who_an_application_is_from_is_no_second_count():
    """「还有一个是省里一个研究所申请的」: the second 一个 says who it is (before: asked back as unplaced)."""
    ctx = ExtractionContext(topic="new_received", cells={"applications.new_received.total": 28})
    ex = extract("个人21件，公司4件，律所2件，还有一个是省里一个研究所申请的", ctx)
    assert {p.key: p.value for p in ex.proposals}["applications.new_received.research_institution"] == 1
    assert not any("没能确定" in q for q in ex.questions)
    ex = extract("收到23件，村民二十件，合作社两件，还有一件是一个公司申请的", ExtractionContext())
    assert not any("没能确定" in q for q in ex.questions)
    two = _values("两件：一个村民一个公司", "new_received")  # two counts, each 一个
    assert two["applications.new_received.natural_person"] == 1
    assert two["applications.new_received.commercial_enterprise"] == 1


def test_applications_listed_one_by_one_add_up():
    """「1件是某大学……申请的，1件是高校申请的」: two applications of one type (before: one value, and the
    other asked back as 其余1件)."""
    ex = extract(
        "收到3件，1件是某大学经济学院申请的，1件是高校申请的，还有1件是个大学生申请的", ExtractionContext()
    )
    cells = {p.key: p.value for p in ex.proposals}
    assert cells["applications.new_received.research_institution"] == 2
    assert any("1＋1" in n for n in ex.notes)  # said back


def test_together_is_no_count_but_one_case_is():
    """「结果我一起算在下面个人的数里了」: 一起 is together (before: 上年结转·自然人 became 1, not 3)."""
    cells = _values(
        "去年结转过来3件，都是个人的，今年都办完了，结果我一起算在下面个人的数里了", "carried_over"
    )
    assert cells["applications.carried_over_from_prev.natural_person"] == 3
    assert _values("复议一起，维持了", "review")["review.total"] == 1


def test_a_scope_named_as_a_types_results():
    cells = _values("个人的结果：给了十八件，部分公开四件，查无此信息三件", "results.main")
    assert cells["applications.results.granted.natural_person"] == 18
    assert cells["applications.results.unable.not_held.natural_person"] == 3


def test_a_trade_association_is_another_organisation_a_charity_a_public_welfare_one():
    cells = _values("个人1件，还有一个是行业协会的，一个慈善协会", "new_received")
    assert cells["applications.new_received.other_org"] == 1
    assert cells["applications.new_received.social_welfare_org"] == 1
