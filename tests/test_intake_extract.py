"""Rule-based extraction: table-driven phrasings (Chinese numerals, contradictions, no numbers …)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core import spec
from assistant.intake import ExtractionContext, extract
from assistant.intake.model import NO_NUMBERS_REPLY

A = "applications."
NEW = A + "new_received."
PREV = A + "carried_over_from_prev."
NEXT = A + "carried_to_next."
R = A + "results."

# (message, topic, explicit cells expected (exactly the non-inferred proposals),
#  inferred cells expected (subset), question fragments expected, narrative keys expected)
CASES = [
    ("今年共收到申请12件，其中自然人10件、企业2件；予以公开8件，部分公开1件，结转下年度3件", None,
     {NEW + "total": 12, NEW + "natural_person": 10, NEW + "commercial_enterprise": 2, R + "granted.total": 8,
      R + "partially_granted.total": 1, NEXT + "total": 3},
     {NEW + "research_institution": 0, NEW + "other_org": 0}, ["未说明申请人类型", "予以公开8件"], []),
    ("共收到申请12件，其中自然人10件、企业5件", None,
     {NEW + "natural_person": 10, NEW + "commercial_enterprise": 5}, {}, ["两者不一致", "合计15件"], []),
    ("今年收到十二件申请，两件来自企业", None,
     {NEW + "total": 12, NEW + "commercial_enterprise": 2}, {}, ["其余10件"], []),
    ("全年新收政府信息公开申请１５件，均为自然人", None,
     {NEW + "total": 15}, {NEW + "natural_person": 15, NEW + "commercial_enterprise": 0}, [], []),
    ("本年度受理申请一百零五件", None, {NEW + "total": 105}, {}, ["未说明申请人类型"], []),
    ("上年结转2件，均为自然人", None, {PREV + "total": 2}, {PREV + "natural_person": 2}, [], []),
    ("上年度结转申请两件", None, {PREV + "total": 2}, {}, [], []),
    ("我们今年没有收到政府信息公开申请", None, {NEW + "total": 0}, {NEW + "natural_person": 0}, [], []),
    ("上年没有结转的申请", None, {PREV + "total": 0}, {PREV + "legal_service_org": 0}, [], []),
    ("予以公开8件（自然人6件、企业2件）", None,
     {R + "granted.total": 8, R + "granted.natural_person": 6, R + "granted.commercial_enterprise": 2},
     {R + "granted.other_org": 0}, [], []),
    ("全部公开5件，部分公开一件", None, {R + "granted.total": 5, R + "partially_granted.total": 1}, {}, [], []),
    ("不予公开3件，其中属于国家秘密1件，涉及第三方合法权益2件", None,
     {R + "withheld.state_secret.total": 1, R + "withheld.third_party_rights.total": 2},
     {R + "withheld.process_info.total": 0}, [], []),
    ("因属于四类过程性信息不予公开2件，属于三类内部事务信息1件", None,
     {R + "withheld.process_info.total": 2, R + "withheld.internal_affairs.total": 1}, {}, [], []),
    ("危及“三安全一稳定”不予公开1件", None, {R + "withheld.three_security_one_stability.total": 1}, {}, [], []),
    ("不予公开4件", None, {}, {}, ["不予公开4件，请说明分别属于哪种情形"], []),
    ("没有不予公开的申请", None, {}, {R + "withheld.state_secret.total": 0, R + "withheld.admin_inquiry.natural_person": 0},
     [], []),
    ("本机关不掌握相关政府信息4件，需要另行制作1件，补正后申请内容仍不明确1件", None,
     {R + "unable.not_held.total": 4, R + "unable.needs_creation.total": 1,
      R + "unable.unclear_after_correction.total": 1}, {}, [], []),
    ("不予处理：信访举报投诉类2件，重复申请1件，要求提供公开出版物1件", None,
     {R + "not_processed.petition_complaint.total": 2, R + "not_processed.duplicate.total": 1,
      R + "not_processed.publication.total": 1}, {}, [], []),
    ("无正当理由大量反复申请3件，要求确认或重新出具已获取信息1件", None,
     {R + "not_processed.massive_repeat.total": 3, R + "not_processed.confirm_or_reissue.total": 1}, {}, [], []),
    ("申请人逾期不补正2件，逾期未缴费0件", None,
     {R + "other.no_correction_overdue.total": 2, R + "other.fee_unpaid_overdue.total": 0}, {}, [], []),
    ("截至12月31日尚未办结3件", None, {NEXT + "total": 3}, {}, [], []),
    ("被申请行政复议3件，其中维持2件、纠正1件", None,
     {"review.total": 3, "review.upheld": 2, "review.corrected": 1}, {"review.pending": 0}, [], []),
    ("行政复议1件，结果维持", None, {"review.total": 1}, {"review.upheld": 1, "review.corrected": 0}, [], []),
    ("行政复议2件，均尚未审结", None, {"review.total": 2}, {"review.pending": 2}, [], []),
    ("未经复议直接起诉的行政诉讼2件，结果维持1件，尚未审结1件；复议后起诉1件，结果纠正", None,
     {"litigation_direct.total": 2, "litigation_direct.upheld": 1, "litigation_direct.pending": 1,
      "litigation_after_review.total": 1}, {"litigation_after_review.corrected": 1}, [], []),
    ("被提起行政诉讼2件", None, {}, {}, ["行政诉讼2件，请说明分别属于哪种情形"], []),
    ("本年度没有发生行政复议和行政诉讼", None, {"review.total": 0},
     {"litigation_direct.total": 0, "litigation_after_review.upheld": 0, "review.upheld": 0}, [], []),
    ("本年制发行政规范性文件5件，废止2件，现行有效30件；规章0件", None,
     {"active.art20_1.normative_docs.issued": 5, "active.art20_1.normative_docs.repealed": 2,
      "active.art20_1.normative_docs.in_force": 30},
     {"active.art20_1.regulations.issued": 0, "active.art20_1.regulations.in_force": 0}, [], []),
    ("现行有效规范性文件30件", None, {"active.art20_1.normative_docs.in_force": 30}, {}, [], []),
    ("规范性文件12件", None, {}, {}, ["是本年制发、本年废止还是现行有效"], []),
    ("作出行政许可决定1286个，行政处罚57个，行政强制4个", None,
     {"active.art20_5.admin_license.decisions": 1286, "active.art20_6.admin_penalty.decisions": 57,
      "active.art20_6.admin_coercion.decisions": 4}, {}, [], []),
    ("行政事业性收费12.35万元", None, {"active.art20_8.admin_fees.amount_wan_yuan": Decimal("12.35")}, {}, [], []),
    ("行政事业性收费3000元", None, {"active.art20_8.admin_fees.amount_wan_yuan": Decimal("0.3")}, {}, [], []),
    ("本年度未收取信息处理费", None, {}, {}, [], ["other"]),
    ("律师事务所申请1件，科研机构1件，公益组织1件，其他组织2件", None,
     {NEW + "legal_service_org": 1, NEW + "research_institution": 1, NEW + "social_welfare_org": 1,
      NEW + "other_org": 2}, {}, [], []),
    ("收到申请约100件", None, {}, {}, ["不是确切数字"], []),
    ("共收到申请12件（含上年结转2件）", None, {PREV + "total": 2}, {}, ["不含上年结转"], []),
    ("今年一共12件", None, {}, {}, ["没能确定"], []),
    ("法人或其他组织3件", "new_received", {}, {}, ["没有“法人或其他组织”合计栏"], []),
    ("3件", "carried_over", {PREV + "total": 3}, {}, ["未说明申请人类型"], []),
    ("没有", "review", {"review.total": 0}, {"review.upheld": 0}, [], []),
    ("没有", "results.withheld", {}, {R + "withheld.state_secret.total": 0}, [], []),
    ("无", "active.docs", {}, {"active.art20_1.regulations.issued": 0, "active.art20_1.normative_docs.in_force": 0},
     [], []),
    ("依托政府门户网站专栏及时发布信息", None, {}, {}, [], ["active"]),  # publishing through a channel is 主动公开 (narr3)
    ("下一步将进一步加强政务新媒体管理", None, {}, {}, [], ["improvements"]),
    ("部分工作人员对条例理解不够深入，答复规范性有待提高", None, {}, {}, [], ["problems"]),
    ("全年主动公开政府信息1200条，发布政策解读15篇", None, {}, {}, [], ["active"]),
    ("已按期完成年度考核和业务培训2次", "narrative.supervision", {}, {}, [], ["supervision"]),
    ("好的", None, {}, {}, [], []),
    ("行政复议和行政诉讼均为0件", None, {"review.total": 0},
     {"litigation_direct.total": 0, "litigation_after_review.pending": 0}, [], []),
    ("无法提供8件（本机关不掌握相关政府信息），不予处理2件（重复申请）", None, {},
     {R + "unable.not_held.total": 8, R + "unable.needs_creation.total": 0, R + "not_processed.duplicate.total": 2},
     ["本机关不掌握相关政府信息8件"], []),
    ("2023年收到行政复议申请1件，复议机关维持原答复", None, {"review.total": 1}, {"review.upheld": 1}, [], []),
    ("被提起行政诉讼1件，系复议后起诉", None, {}, {"litigation_after_review.total": 1, "litigation_direct.total": 0},
     ["复议后起诉1件，请说明其中结果维持"], []),
    ("本机关共收到申请35件，其中自然人32件，法人或其他组织3件（商业企业2件，法律服务机构1件）", None,
     {NEW + "total": 35, NEW + "natural_person": 32, NEW + "commercial_enterprise": 2, NEW + "legal_service_org": 1},
     {NEW + "other_org": 0}, ["没有“法人或其他组织”合计栏"], []),
    ("收到申请12件，办结10件，2件结转下年度", None,
     {NEW + "total": 12, R + "total.total": 10, NEXT + "total": 2}, {}, [], []),
    ("其中10件予以公开", None, {R + "granted.total": 10}, {}, [], []),
]  # fmt: skip


def _check(ex, cells, inferred, questions, narrative):
    explicit = {p.key: p.value for p in ex.proposals if not p.inferred}
    assert explicit == cells
    got = ex.cells
    for key, value in inferred.items():
        assert got.get(key) == value, key
    for fragment in questions:
        assert any(fragment in q for q in ex.questions), (fragment, ex.questions)
    assert [n.key for n in ex.narrative] == narrative


@pytest.mark.parametrize(("message", "topic", "cells", "inferred", "questions", "narrative"), CASES)
def test_extract(message, topic, cells, inferred, questions, narrative):
    ex = extract(message, ExtractionContext(topic=topic))
    _check(ex, cells, inferred, questions, narrative)


def test_enough_cases():
    assert len(CASES) >= 30


def test_labels_and_sources_are_official_and_from_the_message():
    ex = extract(CASES[0][0])
    fspec = spec.spec_for(spec.FORMAT_2021)
    for p in ex.proposals:
        assert p.label == fspec.cell(p.key).label
        assert p.source in CASES[0][0]
    new = next(p for p in ex.proposals if p.key == NEW + "natural_person")
    assert new.label == "一、本年新收政府信息公开申请数量 / 自然人"
    assert new.source == "其中自然人10件"


def test_contradiction_proposes_nothing_for_the_total():
    ex = extract("共收到申请12件，其中自然人10件、企业5件")
    assert NEW + "total" not in ex.cells
    assert "请核对" in ex.reply()


def test_repeated_cell_with_different_values_is_a_question():
    ex = extract("予以公开8件。予以公开9件。")
    assert R + "granted.total" not in ex.cells
    assert any("不同的数字" in q for q in ex.questions)


def test_same_value_twice_is_one_proposal():
    ex = extract("予以公开8件。其中予以公开8件")
    assert [p.key for p in ex.proposals] == [R + "granted.total"]


def test_no_numbers_gets_a_helpful_reply():
    ex = extract("今天天气不错")
    assert ex.empty and not ex.questions
    assert ex.reply().startswith(NO_NUMBERS_REPLY)
    assert "今年共收到申请12件" in ex.reply()


def test_empty_message():
    assert extract("").empty
    assert extract("   \n ").reply().startswith(NO_NUMBERS_REPLY)


def test_reply_lists_proposals_and_summarises_inferred_zeros():
    text = extract("本年度没有发生行政复议").reply()
    assert "行政复议 / 总计：0" in text
    assert "“行政复议”4栏" in text and "另有" not in text  # listed by row (issue 11), not a bare count


def test_all_of_one_type_uses_confirmed_totals():
    confirmed = {R + "granted.total": 8, NEXT + "total": 3}
    ex = extract("都是自然人", ExtractionContext(cells=confirmed))
    assert ex.cells[R + "granted.natural_person"] == 8
    assert ex.cells[R + "granted.commercial_enterprise"] == 0
    assert ex.cells[NEXT + "natural_person"] == 3


def test_2019_format_maps_other_processing_to_its_single_row():
    ex = extract("申请人逾期不补正2件", ExtractionContext(version=spec.FORMAT_2019))
    assert ex.cells == {R + "other_2019.total": 2}


def test_decimal_count_is_refused():
    ex = extract("予以公开2.5件")
    assert not ex.proposals
    assert any("不是整数" in q for q in ex.questions)


def test_list_numbering_and_named_numerals_are_not_counts():
    ex = extract("1.属于国家秘密2件")
    assert ex.cells == {R + "withheld.state_secret.total": 2}
    ex = extract("属于三类内部事务信息不予公开1件")
    assert ex.cells == {R + "withheld.internal_affairs.total": 1}


def test_fee_unpaid_is_a_cell_not_a_narrative():
    ex = extract("申请人逾期未缴纳信息处理费1件")
    assert ex.cells == {R + "other.fee_unpaid_overdue.total": 1}
    assert not ex.narrative


_FRAGMENTS = [
    "收到", "申请", "予以公开", "部分公开", "不予公开", "国家秘密", "行政复议", "行政诉讼", "维持", "纠正",
    "自然人", "企业", "其中", "共", "没有", "无", "均", "全部", "结转下年度", "上年结转", "规章", "废止",
    "行政处罚", "收费", "万元", "元", "件", "个", "，", "。", "；", "（", "）", "、", "12", "0", "十二", "两",
    "3.5", "约", "余", "2024年", "1.", "信息处理费", "下一步", "网站", "法人或其他组织",
]  # fmt: skip


@given(
    st.lists(st.sampled_from(_FRAGMENTS), max_size=25), st.sampled_from([None, "review", "narrative.other"])
)
@settings(max_examples=300, deadline=None)
def test_any_text_gives_valid_proposals_and_never_raises(parts, topic):
    ex = extract("".join(parts), ExtractionContext(topic=topic))
    fspec = spec.spec_for(spec.FORMAT_2021)
    for p in ex.proposals:
        cell = fspec.cell(p.key)
        assert p.value >= 0 and p.label == cell.label
        assert isinstance(p.value, int) or cell.type == spec.DECIMAL
    assert isinstance(ex.reply(), str)


def test_very_long_message_is_cut_with_a_note():
    ex = extract("予以公开8件。" + "好" * 30_000 + "部分公开1件")
    assert ex.cells == {R + "granted.total": 8}
    assert any("消息过长" in n for n in ex.notes)


def _cells(message: str) -> dict[str, Decimal]:
    return {p.key: Decimal(p.value) for p in extract(message).proposals}


def test_one_of_none_is_zero_not_one():
    assert _cells("今年依申请公开一件也没收到").get("applications.new_received.total") == 0


def test_fee_in_wan_is_an_amount_and_an_estimate_is_not_stored():
    assert _cells("财务说了，收费是3.2万") == {"active.art20_8.admin_fees.amount_wan_yuan": Decimal("3.2")}
    ex = extract("行政事业性收费今年大概3万多吧")
    assert not ex.proposals and ex.questions


def test_a_duration_is_not_a_count():
    assert "applications.new_received.total" not in _cells("收到申请后力争3个工作日内完成审核")


def test_bare_no_fee_and_short_carry_negations_are_zero():
    assert _cells("不收费") == {"active.art20_8.admin_fees.amount_wan_yuan": 0}
    assert _cells("上年没结转").get("applications.carried_over_from_prev.total") == 0
    assert _cells("去年没有没办完的").get("applications.carried_over_from_prev.total") == 0
    assert _cells("执法卷宗2件").get("applications.results.withheld.enforcement_file.total") == 2


def test_colloquial_needs_creation_and_issued():
    assert _cells("没有现成信息1件").get("applications.results.unable.needs_creation.total") == 1
    assert _cells("规范性文件今年发了两件").get("active.art20_1.normative_docs.issued") == 2


def test_bare_gongkai_is_granted_and_yijia_is_no_count():
    assert _cells("公开4件，部分公开1件").get("applications.results.granted.total") == 4
    got = _cells("今年新收了6件，5件是居民个人的，1件是一家物业公司")
    assert got.get("applications.new_received.commercial_enterprise") == 1


def test_whose_clause_gives_the_applicant_type_of_the_number_before():
    got = _cells("上年结转1件，是个人的")
    assert got.get("applications.carried_over_from_prev.natural_person") == 1
