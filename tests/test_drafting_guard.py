"""The guard against adversarial model outputs: every planted defect is caught, clean text passes."""

from __future__ import annotations

import pytest

from assistant.drafting.exemplars import StyleExample, sanitize
from assistant.drafting.grounding import build_grounding
from assistant.drafting.guard import check_section
from assistant.drafting.offline import offline_section
from tests.test_drafting_support import INJECTION, make_facts, make_previous


@pytest.fixture(scope="module")
def g():
    ex = StyleExample("s1_overview", "active", "某市示范局", 2022, sanitize(INJECTION))
    return build_grounding(make_facts(), make_previous()).with_exemplars({"s1_overview": (ex,)})


def rules(section: str, text: str, g) -> list[str]:
    return [f.rule for f in check_section(section, text, g).findings]


def s1(g, replace: tuple[str, str] = ("", ""), extra: str = "") -> str:
    text = offline_section("s1_overview", g)
    if replace[0]:
        assert replace[0] in text
        text = text.replace(*replace)
    return text + extra


def test_clean_offline_sections_pass(g):
    for key in ("s1_overview", "s2_active", "s3_applications", "s4_review_litig", "s5_problems", "s6_other"):
        assert check_section(key, offline_section(key, g), g).findings == ()


def test_wrong_number_is_unbound(g):
    result = check_section("s1_overview", s1(g, ("新收政府信息公开申请52件", "新收政府信息公开申请53件")), g)
    unbound = [f for f in result.findings if f.rule == "UNBOUND_NUMBER"]
    assert len(unbound) == 1 and unbound[0].reported == "53件" and unbound[0].is_error
    assert "53件" in unbound[0].where


def test_last_years_number_used_as_this_years_is_caught(g):
    result = check_section("s1_overview", s1(g, ("新收政府信息公开申请52件", "新收政府信息公开申请45件")), g)
    (f,) = [f for f in result.findings if f.rule == "UNBOUND_NUMBER"]
    assert "上年" in f.message


def test_last_years_number_as_a_comparison_is_bound(g):
    text = s1(g, extra="\n本年度新收申请52件，较上年的45件增加7件。")
    assert rules("s1_overview", text, g) == []


@pytest.mark.parametrize(
    ("clause", "rule"),
    [
        ("新收申请较上年减少7件", "TREND_MISMATCH"),  # it increased by 7
        ("新收申请较上年增加7件，下降15.6%", "TREND_MISMATCH"),
        ("新收申请52件，与上年持平", "TREND_MISMATCH"),
        ("行政许可处理决定较上年增加20个", None),
        ("行政处罚处理决定较上年减少5个", None),
        ("新收申请52件，较上年有所增加", None),
    ],
)
def test_trend_words_follow_the_sign(g, clause, rule):
    found = rules("s1_overview", s1(g, extra=f"\n{clause}。"), g)
    assert found == ([rule] if rule else [])


def test_trend_without_previous_data_is_a_warning():
    g0 = build_grounding(make_facts())  # no previous year
    result = check_section("s1_overview", s1(g0, extra="\n本年度新收申请较上年有所增加。"), g0)
    assert [(f.rule, f.severity) for f in result.findings] == [("TREND_UNSUPPORTED", "warning")]


@pytest.mark.parametrize(
    "area", ["主动公开", "依申请公开", "政府信息管理", "政府信息公开平台建设", "监督保障"]
)
def test_missing_subarea_is_caught(g, area):
    text = offline_section("s1_overview", g)
    heading = next(line for line in text.splitlines() if line.startswith("（") and area in line[:16])
    text = text.replace(heading, "")
    found = [f for f in check_section("s1_overview", text, g).findings if f.rule == "TOPIC_MISSING"]
    assert any(area in f.message for f in found)


def test_missing_follow_up_of_last_years_problem(g):
    text = offline_section("s5_problems", g)
    para = next(line for line in text.splitlines() if line.startswith("（一）上年度"))
    first = para.split("。")[1] + "。"  # the follow-up of the first of last year's problems
    findings = check_section("s5_problems", text.replace(first, ""), g).findings
    assert [f.reported for f in findings if f.rule == "TOPIC_MISSING"] == [g.problems[0]]


def test_paraphrased_follow_up_counts(g):
    text = (
        "（一）上年度问题整改情况。针对上年解读形式单一的问题，本年度发布图解、短视频等解读材料36篇；"
        "针对答复文书不规范的问题，制定依申请公开答复文书范本。\n"
        + offline_section("s5_problems", g).split("\n", 1)[1]
    )
    assert "TOPIC_MISSING" not in rules("s5_problems", text, g)


def test_fee_statement_required_in_s6(g):
    found = check_section("s6_other", "本年度办理人大代表建议3件、政协提案4件并公开答复。", g).findings
    assert [f.reported for f in found if f.rule == "TOPIC_MISSING"] == ["信息处理费"]


def test_instruction_obeyed_from_exemplar_is_caught(g):
    obeyed = "本局荣获全国政务公开第1名，联系电话0371-6666888。Approved by AI"
    found = rules("s1_overview", s1(g, extra="\n" + obeyed), g)
    assert found.count("UNBOUND_NUMBER") >= 2 and "ENGLISH" in found


def test_copied_exemplar_text_and_agency_name_are_caught(g):
    copied = "X年，本局共公开信息N条。本文参考了某市示范局的做法。"
    found = rules("s1_overview", s1(g, extra="\n" + copied), g)
    assert "EXEMPLAR_COPY" in found and "PLACEHOLDER" in found  # the masked N leaks too


@pytest.mark.parametrize("bad", ["XX", "××", "【待定】", "〔待补充〕", "待填写", "（  ）", "{{year}}", "N件"])
def test_placeholders(g, bad):
    assert "PLACEHOLDER" in rules("s6_other", f"本年度未收取政府信息公开信息处理费。其他事项：{bad}。", g)


@pytest.mark.parametrize(
    "bad", ["## 总体情况\n", "**主动公开**", "- 第一项\n", "| a | b |\n", "```\n", "[网站](http://x.cn)"]
)
def test_markdown(g, bad):
    assert "MARKDOWN" in rules("s1_overview", s1(g, extra="\n" + bad + "正文。"), g)


def test_english_allowed_when_the_staff_wrote_it():
    facts = make_facts(narrative={"platform": "优化门户网站app版本"})
    g1 = build_grounding(facts)
    text = offline_section("s1_overview", g1)
    assert "app" in text and "ENGLISH" not in rules("s1_overview", text, g1)
    assert "ENGLISH" in rules("s1_overview", text + "\nThe end.", g1)


def test_allowed_numbers(g):
    text = s1(
        g,
        extra="\n依照《条例》第二十条规定，按照国办函〔2020〕109号的要求，2023年和2024年均做好一次性告知。"
        "开展专项检查2次。",
    )
    assert rules("s1_overview", text, g) == []
    assert rules("s1_overview", s1(g, extra="\n2025年将继续推进。"), g) == ["UNBOUND_NUMBER"]
    period = "\n本报告数据统计期限为2024年1月1日至2024年12月31日，即1月至12月。"
    assert rules("s1_overview", s1(g, extra=period), g) == []
    assert (
        rules("s1_overview", s1(g, extra="\n统计期限为2022年1月1日至2022年12月31日。"), g)
        == ["UNBOUND_NUMBER"] * 2
    )
    assert rules("s1_overview", s1(g, extra="\n3月15日召开会议。"), g) == ["UNBOUND_NUMBER"] * 2


def test_bindings_name_their_sources(g):
    result = check_section("s1_overview", s1(g), g)
    by_raw = {b.raw: b.source for s in result.sentences for b in s.bindings}
    assert by_raw["52件"].key == "applications.new_received.total"
    trend = next(s for s in result.sentences if "较上年增加7件" in s.text)
    assert [b.source.key for b in trend.bindings] == [
        "yoy.applications.new_received.total.change",
        "yoy.applications.new_received.total.pct",
    ]
    assert [b.source.trend for b in trend.bindings] == [1, 1]
    assert by_raw["部分公开7件"[4:]].key  # the other 7件 is bound too
    parts = next(s for s in result.sentences if "部分公开7件" in s.text)
    assert "applications.results.partially_granted.total" in [b.source.key for b in parts.bindings]
    assert by_raw["1268条"].kind == "note" and by_raw["2024年"].kind == "year"
    sentence = next(s for s in result.sentences if "12.5万元" in s.text)
    assert [b.source.key for b in sentence.bindings] == ["active.art20_8.admin_fees.amount_wan_yuan"]


def test_length_and_empty(g):
    assert rules("s1_overview", "", g) == ["EMPTY_SECTION"]
    assert "LENGTH" in rules("s2_active", "如下：", g)


def test_note_omitted_is_a_warning(g):
    text = s1(g, ("一是将政务公开纳入年度目标考核；二是开展专项检查2次。", "开展专项检查2次。"))
    findings = check_section("s1_overview", text, g).findings
    assert [(f.rule, f.severity) for f in findings] == [("NOTE_OMITTED", "warning")]


def test_shared_set_wording_is_not_copying():
    g0 = build_grounding(
        make_facts(
            **{"review.upheld": 0, "review.corrected": 0, "review.pending": 0, "litigation_direct.upheld": 0}
        )
    )
    formula = "本年度本街道未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    g0 = g0.with_exemplars(
        {"s4_review_litig": (StyleExample("s4_review_litig", "", "某街道", 2022, formula),)}
    )
    text = offline_section("s4_review_litig", g0)
    assert "未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况" in text
    assert rules("s4_review_litig", text, g0) == []
