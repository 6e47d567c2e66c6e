"""The prose lint and the colloquial → 公文 rewriting of the staff's notes (issue 13)."""

from __future__ import annotations

import pytest

from assistant.core.numbers import extract_numbers
from assistant.drafting.formal import drop_repeated_sentences, formalize, single_year_word
from assistant.drafting.lint import (
    COLLOQUIAL,
    ENGLISH,
    ENUMERATION,
    MARKDOWN,
    REPEATED,
    YEAR_MIX,
    lint_prose,
)
from assistant.drafting.staff_notes import routed_items


def kinds(text: str) -> list[str]:
    return [i.kind for i in lint_prose(text)]


# The defects seen in the draft made from a 住建局 clerk's chat notes (issue 13).
@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("本年度主动公开这块，我局在专栏发布信息。", COLLOQUIAL),
        ("我们在县政府网站发布信息186条。", COLLOQUIAL),
        ("发布了大概186条信息。", COLLOQUIAL),
        ("在住建局专栏发了186条信息。", COLLOQUIAL),
        ("全年没出过泄密问题。", COLLOQUIAL),
        ("本年度没收过信息处理费。", COLLOQUIAL),
        ("局里把政务公开纳入考核。", COLLOQUIAL),
        ("镇里按目录补充公开事项11项。", COLLOQUIAL),
        ("把政务公开放进年度考核。", COLLOQUIAL),
        ("本年度承办了11件，今年按时办结。", COLLOQUIAL),
        ("问题主要是：一是解读不够；二是三是栏目更新慢。", ENUMERATION),
        ("一是解读不够；二是二是栏目更新慢。", ENUMERATION),
        ("一是解读不够；二是栏目更新慢；一是队伍不稳。", ENUMERATION),
        ("二是栏目更新慢。", ENUMERATION),
        ("本年度在专栏发布信息今年共186条。", YEAR_MIX),
        ("平台建设方面，完成了网站改版迁移工作。平台建设方面，完成了网站改版迁移工作。", REPEATED),
        ("本年度完成了网站的 upgrade 工作。", ENGLISH),
        ("**主动公开**方面，本年度发布信息。", MARKDOWN),
    ],
)
def test_each_defect_is_found(text, kind):
    assert kind in kinds(text)


def test_formal_prose_has_no_finding():
    text = (
        "本年度，我局在县政府网站专栏发布信息约186条，重点公开住房保障、工程建设项目审批等信息。"
        "主要做了以下工作：一是统一公开标准；二是规范保密审查，未发生泄密问题；三是建立台账。\n"
        "（二）依申请公开。全年统一受理，均按时答复。针对上年度报告指出的“今年解读不够”问题，已整改。"
    )
    assert lint_prose(text) == []


def test_enumeration_restarts_per_paragraph_and_words_are_not_ordinals():
    assert kinds("一是甲；二是乙。\n一是丙；二是丁。") == []
    assert kinds("标准统一是基础，唯一是指定渠道。") == []


def test_english_named_by_the_staff_is_allowed():
    assert lint_prose("本年度上线“青梧发布”App。", allowed_english="上线App") == []


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "本年度主动公开这块，我们今年在县政府网站住建局专栏发了大概186条信息",
            "本年度主动公开方面，我局在县政府网站住建局专栏发布约186条信息",
        ),
        ("没出过泄密问题", "未发生泄密问题"),
        ("今年没有责任追究的情况", "本年度未发生责任追究的情况"),
        ("今年没收过信息处理费", "本年度未收取信息处理费"),
        ("局里把考核放进了年度计划", "我局把考核纳入年度计划"),
        ("嗯，镇里今年发了差不多150条", "我局本年度发布约150条"),
    ],
)
def test_formalize(note, expected):
    assert formalize(note, "我局") == expected


def test_formalize_keeps_every_number():
    notes = [
        "我们今年在县政府网站发了大概1260条信息，政策解读发了36篇",
        "今年抽了40家，明年争取抽80家，人手不够就2个人",
        "信息处理费今年收了大概600.5元",
    ]
    for note in notes:
        before = [m.value for m in extract_numbers(note)]
        after = [m.value for m in extract_numbers(formalize(note, "我局"))]
        assert after == before, (note, formalize(note, "我局"))


def test_one_year_word_per_sentence_and_no_sentence_twice():
    assert single_year_word("本年度在专栏本年度发布信息。上年度改版，本年度迁移。") == (
        "本年度在专栏发布信息。上年度改版，本年度迁移。"
    )
    assert drop_repeated_sentences("网站完成改版迁移。网站完成改版迁移。另设查询机。") == (
        "网站完成改版迁移。另设查询机。"
    )


def test_staff_enumeration_becomes_plain_items():
    routed = routed_items(
        {
            "problems": "存在的问题主要是：一是政策解读形式比较单一。二是有些栏目更新不及时。",
            "improvements": "打算明年一是搞一次专项督查，二是多做图解解读。",
            "other": "1、建议5件。2、提案7件。",
        },
        "我局",
    )
    assert routed["problems"] == ["政策解读形式较单一", "部分栏目更新不及时"]
    assert routed["improvements"] == ["开展一次专项督查", "多做图解解读"]
    assert routed["other"] == ["建议5件", "提案7件"]


def test_a_note_typed_twice_is_kept_once():
    note = "网站去年改版了，今年把老的链接都修好了。网站去年改版了，今年把老的链接都修好了。"
    assert len(routed_items({"platform": note}, "我局")["platform"]) == 1


def test_a_labelled_colloquial_note_goes_to_its_part():
    routed = routed_items({"platform": "本年度主动公开这块，我们发了大概186条信息。"}, "我局")
    assert routed == {"active": ["我局发布约186条信息"]}


def test_the_lint_runs_on_the_llm_path_as_warnings():
    """A model that pastes the staff's colloquial note through (scripted, offline) is told so."""
    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.core.facts import ReportFacts
    from assistant.drafting import draft_report
    from assistant.drafting.llm import LLMWriter

    text = "本年度我们没收过信息处理费。一是无其他事项；二是二是无建议提案。"
    facts = ReportFacts("测试县交通运输局", 2024, "2021", {}, narrative={"other": "今年没收过信息处理费"})
    model = FakeListChatModel(responses=[text] * 20)
    d = draft_report(facts, None, backend=LLMWriter(model), retriever=None)
    rules = {f.rule for f in d.sections["s6_other"].findings}
    assert {"PROSE_COLLOQUIAL", "PROSE_ENUMERATION"} <= rules
    assert not any(f.is_error for f in d.sections["s6_other"].findings if f.rule.startswith("PROSE_"))
