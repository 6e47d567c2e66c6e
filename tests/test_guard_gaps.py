"""The guard binds numbers by what the words around them say, not by value alone.

The report of `make_facts`: 52 new applications (45 last year: +7, +15.6%), 3 carried over (new +
carried over = 55, a metric), 4 administrative reviews, 1 lawsuit, 28 granted of 51 concluded
(54.9%), 2 withheld (a sum of leaves), 40 natural persons of 52 (76.9%); the staff's notes hold
2 (检查2次), 3 (建议3件) and 4 (提案4件). A wrong figure equal to one of these must not pass.
"""

from __future__ import annotations

import pytest

from assistant.drafting import binding as B
from assistant.drafting.grounding import build_grounding
from assistant.drafting.guard import check_section
from assistant.drafting.offline import offline_section
from tests.test_drafting_support import NARRATIVE, make_facts, make_previous


@pytest.fixture(scope="module")
def g():
    return build_grounding(make_facts(), make_previous())


@pytest.fixture(scope="module")
def ranked():
    notes = dict(NARRATIVE, supervision="在全市政务公开考评中排名第2；开展专项检查3次；群众满意率96.3%")
    return build_grounding(make_facts(narrative=notes), make_previous())


def unbound(text: str, g, section: str = "s1_overview") -> list:
    return [f for f in check_section(section, text, g).findings if f.rule == "UNBOUND_NUMBER"]


def with_s1(g, extra: str) -> str:
    return offline_section("s1_overview", g) + "\n" + extra


# ------------------------------------------------------------------ the quantity a sentence names


@pytest.mark.parametrize(
    ("sentence", "wrong", "expected"),
    [
        ("本年度新收政府信息公开申请55件。", "55件", "52件"),  # 55 = new + carried over (a metric)
        ("本年度共收到政府信息公开申请3件。", "3件", "52件"),  # 3 = carried over, and a note number
        ("本年度被申请行政复议3件。", "3件", "4件"),  # 3 = another cell
        ("本年度被提起行政诉讼2件。", "2件", "1件"),  # 2 = withheld, and a note number
        ("全年予以公开7件。", "7件", "28件"),  # 7 = partially granted
        ("上年结转政府信息公开申请4件。", "4件", "3件"),  # 4 = carried to next year
        ("结转下年度继续办理3件。", "3件", "4件"),
    ],
)
def test_a_number_equal_to_another_quantity_is_caught(g, sentence, wrong, expected):
    (f,) = unbound(with_s1(g, sentence), g)
    assert f.reported == wrong and f.is_error
    assert expected in f.message and "表格" in f.message


def test_the_message_names_the_expected_cell_and_value(g):
    (f,) = unbound(with_s1(g, "本年度新收政府信息公开申请55件。"), g)
    assert "本年新收申请" in f.message
    assert "一、本年新收政府信息公开申请数量 / 总计" in f.message and "应写52件" in f.message


def test_a_sum_of_cells_names_its_cells(g):
    (f,) = unbound(with_s1(g, "其余不予公开3件。"), g)
    assert "不予公开" in f.message and "项之和" in f.message and "2件" in f.message


def test_last_years_value_of_the_quantity_is_called_so(g):
    (f,) = unbound(with_s1(g, "本年度新收政府信息公开申请45件。"), g)
    assert "上年" in f.message


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度新收政府信息公开申请52件，较上年的45件增加7件。",
        "本年度被申请行政复议4件、被提起行政诉讼1件。",
        "全年办结申请51件，其中予以公开28件、部分公开7件、不予公开2件。",
        "截至年底，现行有效的行政规范性文件25件。",
        "本年度行政事业性收费金额为12.5万元。",
        "本年度新收申请数量同比增加7件。",  # a change: the words do not end with the quantity
        "其中自然人提出40件。",  # another scope
    ],
)
def test_right_numbers_of_named_quantities_pass(g, sentence):
    assert unbound(with_s1(g, sentence), g) == []


def test_a_named_quantity_binds_to_its_own_cell(g):
    bound, _ = B.bind_numbers("被申请行政复议4件，不予公开2件。", g.sources, g.year)
    assert [b.source.key for b in bound] == ["review.total", "q.applications.withheld"]


# ------------------------------------------------------------------ ranks


@pytest.mark.parametrize(
    "sentence",
    [
        "本局在全省政务公开第三方评估中位列第2名。",  # 2 is a number the staff typed (检查2次)
        "我局在全国政务公开评估中排名第1。",
        "本局政务公开工作位列全市第三。",  # a Chinese numeral without a measure word
        "考评成绩进入全市前三名。",
    ],
)
def test_a_rank_nobody_stated_is_caught(g, sentence):
    (f,) = unbound(with_s1(g, sentence), g)
    assert "名次" in f.message


def test_a_rank_binds_only_to_a_rank_the_staff_stated(ranked):
    assert unbound(with_s1(ranked, "本局在全市政务公开考评中排名第2。"), ranked) == []
    assert unbound(with_s1(ranked, "在全市考评中位列第2名。"), ranked) == []
    (f,) = unbound(with_s1(ranked, "在全市考评中排名第3。"), ranked)  # 3 is stated, but not as a rank
    assert f.reported == "第3"


@pytest.mark.parametrize("sentence", ["组织第三方评估机构开展评估。", "依据《条例》第二十条规定主动公开。"])
def test_ordinal_words_that_are_not_ranks_are_left_alone(g, sentence):
    assert unbound(with_s1(g, sentence), g) == []


# ------------------------------------------------------------------ percentages


def test_a_made_up_rate_equal_to_a_change_is_caught(g):
    (f,) = unbound(with_s1(g, "上年度问题整改完成率为15.6%。"), g)  # 15.6% = the rise of new applications
    assert f.reported == "15.6%"


@pytest.mark.parametrize(
    "sentence",
    ["新收申请较上年增加7件，增长15.6%。", "新收申请同比增长15.6%。", "与上年相比，新收申请增幅为15.6%。"],
)
def test_a_change_with_a_comparison_word_binds(g, sentence):
    assert unbound(with_s1(g, sentence), g) == []


def test_a_share_binds_only_to_the_share_it_names(g):
    assert unbound(with_s1(g, "予以公开的占办理总数的54.9%。"), g) == []
    assert unbound(with_s1(g, "自然人申请占新收申请的76.9%。"), g) == []
    (f,) = unbound(with_s1(g, "予以公开的占办理总数的76.9%。"), g)  # the natural persons' share
    assert "予以公开占办结总数的比例" in f.message and "54.9%" in f.message


def test_a_rate_whose_subject_is_not_a_table_share_is_caught(g):
    (f,) = unbound(with_s1(g, "群众满意率为76.9%。"), g)  # 76.9% is the natural persons' share
    assert f.reported == "76.9%"


def test_a_percentage_the_staff_typed_still_binds(ranked):
    assert unbound(with_s1(ranked, "群众满意率为96.3%。"), ranked) == []


# ------------------------------------------------------------------ no false alarms


@pytest.mark.parametrize(
    "key", ["s1_overview", "s2_active", "s3_applications", "s4_review_litig", "s5_problems", "s6_other"]
)
def test_offline_sections_stay_clean(g, ranked, key):
    for grounding in (g, ranked):
        assert check_section(key, offline_section(key, grounding), grounding).findings == ()
