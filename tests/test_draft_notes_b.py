"""Drafts from clerks' notes (dev set dev_drafts_b): swaps that respect words, time words kept,
approximate numerals, empty notes, fees, product names, pasted sub-headings."""

from __future__ import annotations

import pytest

from assistant.core.report import Report
from assistant.drafting.binding import mentions
from assistant.drafting.formal import formalize
from assistant.drafting.grounding import build_grounding, pasted_notes
from assistant.drafting.lint import AS_TYPED, lint_prose
from assistant.drafting.numerals import arabic_counts
from assistant.drafting.offline_overview import channels_said
from assistant.drafting.phrasing import drop_repeats
from assistant.drafting.staff_notes import routed_items
from assistant.evals.drafts import not_copied
from tests.test_drafting_grounding import make_facts


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        # a swap never lands inside a longer word
        ("把全县的行政规范性文件清理了一遍", "对全县的行政规范性文件进行了全面清理"),
        ("本年度OA里走的文件全部都认定了", "认定"),
        ("就一个人兼着干", "仅一个人兼职负责"),
        ("抖音号发了几十个短视频", "数十个短视频"),
        # time words keep their meaning
        ("转到明年的还有2件", "结转下一年度的还有2件"),
        ("明年上半年把栏目重新整一下", "2026年上半年把栏目重新调整"),
        ("明年出一个公开模板", "2026年制定公开模板"),
        # 责任追究 named as the form names it
        ("没有追责的", "未发生责任追究情况"),
        ("没有发生责任追究", "未发生责任追究情况"),
        # a clerk's verb before an approximate count, a 次 of press conferences, 3月份
        ("政策解读弄了三十来篇", "政策解读发布30余篇"),
        ("3月份和9月份搞了两次新闻发布会", "3月和9月召开2次新闻发布会"),
        ("主动公开今年整了六百多条", "主动公开本年度发布600余条"),
        ("规范性文件今年清理了", "规范性文件本年度进行了清理"),
        ("全县32个政务号都检查了一遍", "全县32个政务号均进行了全面检查"),
    ],
)
def test_swaps_respect_words_and_time(typed: str, written: str) -> None:
    out = formalize(typed, "我局", 2025)
    assert written in out
    for broken in ("清进行", "认制定", "兼任干", "几10", "下一步的还有", "下一步上半年"):
        assert broken not in out


def test_next_year_without_a_report_year_is_the_next_year_in_words() -> None:
    assert formalize("明年上半年完成改版", "我局") == "下一年度上半年完成改版"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("一共发了一千二百来条", "1200余条"),
        ("政策解读弄了三十来篇", "30余篇"),
        ("一百来份问卷", "100余份"),
        ("十几条", "10余条"),
        ("两百多条", "200余条"),
        ("满意率百分之九十几", "90%以上"),
        ("关注的人涨到三万多", "3万余"),
        ("全年信息约一千五", "约1500"),
        ("八十几条", "80余条"),
    ],
)
def test_approximate_numerals_are_written_as_a_report_writes_them(typed: str, written: str) -> None:
    assert written in arabic_counts(typed)


@pytest.mark.parametrize(
    "kept",
    ["一是", "二是", "两年", "十四五", "一批", "第一", "三万元", "一站式", "统一", "几十个", "2个多月",
     "来了3人", "一千五百条", "第一千五", "修了300多条"],
)  # fmt: skip
def test_numerals_that_are_no_approximate_count_stay(kept: str) -> None:
    assert arabic_counts(kept) in (kept, "1500条")  # 一千五百条 is a plain count (1500条)


def test_a_plan_keeps_next_year_as_a_plan() -> None:
    routed = routed_items({"improvements": "明年①多搞图解、短视频②给窗口人员办一次专题培训"}, "我局", 2025)
    assert routed["improvements"] == ["多采用图解、短视频", "对窗口人员开展一次专题培训"]


@pytest.mark.parametrize(
    ("note", "items"),
    [
        (
            "问题嘛①政策解读还是文字多②基层经办窗口对公开要求不熟",
            ["政策解读仍文字多", "基层经办窗口对公开要求不够熟悉"],
        ),
        ("1 部分乡镇公开不主动 2 答复文书部分不规范", ["部分乡镇公开不主动", "答复文书部分不规范"]),
    ],
)
def test_circled_and_spaced_lists_are_items(note: str, items: list[str]) -> None:
    assert routed_items({"problems": note}, "我局", 2025)["problems"] == items


def test_a_pasted_sub_heading_is_a_label_not_an_item() -> None:
    routed = routed_items({"on_request": "（二）依申请公开。我局严格依法依规办理政府信息公开申请。"}, "我局")
    assert routed == {"on_request": ["我局严格依法依规办理政府信息公开申请"]}


@pytest.mark.parametrize("empty", ["同去年", "同上年度", "没有", "无", "暂无", "其他没了"])
def test_an_empty_note_is_never_an_item(empty: str) -> None:
    assert routed_items({"info_mgmt": empty}, "我局") == {}


def test_an_empty_note_is_said_to_the_user_as_missing() -> None:
    g = build_grounding(make_facts(narrative={"info_mgmt": "同去年", "platform": "依托政府网站专栏发布信息"}))
    notice = [n for n in g.notices if "政府信息管理" in n]
    assert notice and "只写了“同去年”" in notice[0]
    assert not g.items("info_mgmt")


def test_same_as_last_year_at_the_head_of_an_item_goes() -> None:
    routed = routed_items({"info_mgmt": "同去年，发文前公开属性源头认定，保密审查三审"}, "我局")
    assert routed["info_mgmt"] == ["发文前公开属性源头认定，保密审查三审"]


@pytest.mark.parametrize(
    ("note", "text"),
    [
        ("信息处理费：0", "本年度未收取政府信息公开信息处理费。"),
        ("信息处理费今年收了1笔，300元", "本年度我局共收取政府信息公开信息处理费1笔，金额300元。"),
    ],
)
def test_fee_notes_in_report_form(note: str, text: str) -> None:
    g = build_grounding(make_facts(narrative={"other": note}))
    assert g.fee.given and g.fee.text == text


def test_a_product_name_is_no_number() -> None:
    found = [m.raw for m in mentions("一是多用图解、H5；二是每个月通报1次；5G基站12个")]
    assert found == ["1次", "12个"]


@pytest.mark.parametrize(
    ("text", "excerpt"),
    [
        ("（三）政府信息管理。同上年度。", "同上年度"),
        ("下一步，我局将重点做好以下工作：暂无。", "暂无"),
        ("本年度我镇未收取政府信息公开信息处理费。本年度无。", "本年度无"),
        ("网站上共发布一千二百来条。", "百来"),
        ("抖音号发布几10个短视频。", "几1"),
        ("满意率90%几。", "0%几"),
    ],
)
def test_lint_finds_a_note_left_as_typed(text: str, excerpt: str) -> None:
    found = [i for i in lint_prose(text) if i.kind == AS_TYPED]
    assert [i.excerpt for i in found] == [excerpt]


@pytest.mark.parametrize(
    "text",
    [
        "本年度无其他需要报告的事项。",
        "本年度未收到政府信息公开申请，无超期。",
        "发布信息1200余条，满意率90%以上。",
    ],
)
def test_lint_leaves_report_prose_alone(text: str) -> None:
    assert not [i for i in lint_prose(text) if i.kind == AS_TYPED]


def test_a_note_restating_the_table_sentence_is_not_said_twice() -> None:
    stated = "本年度新收政府信息公开申请15件，其中自然人提出14件、法人或其他组织提出1件；上年结转2件。结转下年度继续办理2件。"
    item = "依申请本年度接收15件，自然人14件企业1件，上年转过来2件，均在期限内答复，结转下一年度的还有2件"
    assert drop_repeats(item, stated, "上述申请") == "上述申请均在期限内答复"
    assert drop_repeats("本年度培训2次，均按时开展", stated, "上述申请") == "本年度培训2次，均按时开展"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("都是村民问征地补偿的", "均为村民申请公开征地补偿相关信息"),
        ("大部分是问企业排污和环评的", "主要涉及企业排污和环评"),
        ("主要是群众关心的", "主要是群众关心的"),
        ("都在七个工作日内公开的", "均在7个工作日内公开"),
        ("关停了3个不更新的", "关停了3个不更新的"),
        ("已经清理了", "已清理"),
        ("给窗口人员办一次专题培训", "对窗口人员开展一次专题培训"),
        ("群众评议那块发了一百来份问卷", "群众评议方面发放100余份问卷"),
        ("请了居民代表搞了一次评议会", "邀请居民代表召开一次评议会"),
        ("行政处罚64件也都上网了", "行政处罚64件也均在网站公开"),
        ("公众号关注的人今年涨到三万多了", "公众号关注人数本年度增至3万余"),
        ("有的科室对公开不重视，拖着不报", "部分科室对公开不重视，报送信息不及时"),
        ("基层经办窗口对公开要求不熟", "基层经办窗口对公开要求不够熟悉"),
        ("办了一次培训", "办了一次培训"),
        ("责任追究：今年没有", "本年度未发生责任追究情况"),
        ("12345转过来的咨询也都及时回了", "12345转过来的咨询也均及时答复"),
    ],
)
def test_clause_final_de_and_replies(typed: str, written: str) -> None:
    assert formalize(typed, "我局", 2025) == written


@pytest.mark.parametrize(
    ("note", "written"),
    [
        (
            "网站医保局专栏，两微一端，医保服务热线12393",
            "依托网站医保局专栏、两微一端、医保服务热线12393等渠道发布政府信息",
        ),
        (
            "网站专栏+镇政务公众号，各村的村务公开栏也均完善",
            "依托网站专栏、镇政务公众号等渠道发布政府信息，各村的村务公开栏也均完善",
        ),
        (
            "区政府网站财政信息专栏，预决算公开统一平台",
            "依托区政府网站财政信息专栏、预决算公开统一平台等渠道发布政府信息",
        ),
        ("本年度政府门户网站改版，上线了政策文件库", "本年度政府门户网站改版，上线了政策文件库"),
    ],
)
def test_a_platform_note_listing_channels_gets_its_verb(note: str, written: str) -> None:
    assert channels_said(note) == written


def test_assessment_names_what_is_assessed() -> None:
    assert (
        formalize("纳入年度绩效考核，上半年搞了一次培训", "我局")
        == "将政务公开工作纳入年度绩效考核，上半年开展一次培训"
    )
    assert formalize("把政务公开纳入股室年度考核了", "我局") == "把政务公开纳入股室年度考核"


def test_an_application_clause_leans_on_the_table_sentence() -> None:
    stated = "本年度新收政府信息公开申请15件，其中自然人提出12件。"
    item = "严格依法依规办理政府信息公开申请，本年度共新收政府信息公开申请15件，均在法定期限内予以答复"
    assert (
        drop_repeats(item, stated, "上述申请") == "严格依法依规办理政府信息公开申请，均在法定期限内予以答复"
    )
    assert drop_repeats("收到15件，均7个工作日内公开", stated) == "收到15件，均7个工作日内公开"


def test_a_note_pasted_from_last_years_report_is_said_to_the_user() -> None:
    last = "严格落实公文公开属性源头认定机制，健全完善信息发布审核制度，坚持先审查后公开和一事一审原则。"
    previous = Report(source="2024.md", agency="某县市场监管局", year=2024, sections={"s1_overview": last})
    notes = {"info_mgmt": last, "platform": "本年度新开设“石门市场监管”视频号，全年发布短视频四十余条。"}
    found = pasted_notes(notes, previous)
    assert len(found) == 1 and found[0].startswith("一、总体情况：政府信息管理部分") and "100%" in found[0]


def test_followup_is_not_found_in_last_years_sentences_pasted_again() -> None:
    last = "一是信息公开的及时性有待加强；二是政策解读形式较为单一。"
    previous = Report(source="2024.md", year=2024, sections={"s5_problems": last})
    pasted = "（一）存在的主要问题。一是信息公开的及时性有待加强；二是政策解读形式较为单一。"
    assert "解读" not in not_copied(pasted, previous)
    told = "针对上年度报告指出的政策解读形式单一问题，本年度制作图解12期、视频解读3期。"
    assert not_copied(told, previous) == told
    assert not_copied(pasted, None) == pasted
