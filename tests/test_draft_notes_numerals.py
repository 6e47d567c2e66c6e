"""Clerks' notes as 公文: counts in Arabic digits, fillers gone however many, the guard knowing both forms."""

from __future__ import annotations

import pytest

from assistant.drafting import draft_report
from assistant.drafting.binding import bind_numbers
from assistant.drafting.formal import formalize
from assistant.drafting.grounding import build_grounding
from assistant.drafting.numerals import arabic_counts
from tests.test_drafting_support import make_facts, make_previous


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("发了八十六条信息", "发了86条信息"),
        ("清理出1千多条过期信息", "清理出1000余条过期信息"),
        ("门户网站发了1千2百多条", "门户网站发了1200余条"),
        ("其中医疗机构信息3百多条", "其中医疗机构信息300余条"),
        ("满意率百分之九十五", "满意率95%"),
        ("比例提到百分之三十以上", "比例提到30%以上"),
        ("还开设两场新闻发布会", "还开设2场新闻发布会"),
        ("网站上发了三百二十条信息", "网站上发了320条信息"),
        ("行政许可一千零八十件", "行政许可1080件"),
        ("一百零五条", "105条"),
        ("数字化了两千三百卷", "数字化了2300卷"),
        ("来了五十多人", "来了50余人"),
        ("二十几篇", "20余篇"),
        ("七个工作日内", "7个工作日内"),
        ("十个栏目长期不更新", "10个栏目长期不更新"),
        ("参训六十人次", "参训60人次"),
        ("就一件申请", "就1件申请"),
    ],
)
def test_a_count_is_written_in_arabic_digits(typed: str, written: str) -> None:
    assert arabic_counts(typed) == written


@pytest.mark.parametrize(
    "typed",
    [
        "一是加强培训；二是规范流程",
        "近两年未发生",
        "落实十四五规划",
        "公开了一批文件",
        "排名第一",
        "投入三万元",
        "投入2万元",
        "一站式服务",
        "一律公开",
        "统一模板",
        "每季度检查一次",
        "开设一个专栏",
        "落实中央八项规定精神",
        "推进一件事一次办",
        "两微一端均在用",
        "百家争鸣",
        "已有86条",
        "《条例》第二十条",
        "三五个村",
    ],
)
def test_words_and_names_with_numerals_stay_as_typed(typed: str) -> None:
    assert arabic_counts(typed) == typed


def test_formalize_writes_counts_in_arabic_digits() -> None:
    out = formalize("今年在县政府网站镇专栏发了八十六条信息，还开设两场新闻发布会", "我镇")
    assert "86条" in out and "2场" in out and "八十六" not in out


def test_every_filler_goes_however_many_in_a_row() -> None:
    assert formalize("嗯那个主动公开方面，今年发了10条", "我镇").startswith("主动公开方面")
    assert formalize("嗯，那个，就是今年收到3件申请", "我镇").startswith("本年度收到3件")


def _grounding(active: str):
    facts = make_facts(narrative={"active": active, "other": "没收信息处理费"})
    return build_grounding(facts, make_previous())


def test_the_guard_takes_a_count_typed_in_chinese_as_its_arabic_form() -> None:
    g = _grounding("网站发了八十六条，清理出1千多条过期信息，社会评议满意率百分之九十五")
    _bound, unbound = bind_numbers(
        "本年度网站发布86条，清理出1000余条过期信息，满意率95%。", g.sources, g.year
    )
    assert unbound == []


def test_the_guard_still_catches_an_invented_count() -> None:
    g = _grounding("网站发了八十六条，清理出1千多条过期信息")
    _bound, unbound = bind_numbers("本年度网站发布87条，清理出3000余条过期信息。", g.sources, g.year)
    assert [u.mention.raw for u in unbound] == ["87条", "3000余条"]


def test_an_offline_draft_from_chinese_numerals_is_clean() -> None:
    facts = make_facts(
        narrative={
            "active": "嗯，那个今年网站发了八十六条，还开设两场新闻发布会",
            "other": "没收过信息处理费",
        }
    )
    draft = draft_report(facts, make_previous(), backend="offline")
    text = draft.text("s1_overview")
    assert "86条" in text and "2场新闻发布会" in text and "那个" not in text
    assert not [f for f in draft.findings if f.rule == "UNBOUND_NUMBER"]
