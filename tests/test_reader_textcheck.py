"""Prose against tables (true positives and scope cases), the report year, copy rate vs last year."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from assistant.core import engine
from assistant.core.report import Report
from assistant.reader.copyrate import copy_rates
from assistant.reader.prose import statements
from assistant.reader.textcheck import text_findings
from tests.fixtures.reader import cases
from tests.fixtures.reader.truth import AGENCIES, make_truth

TRUTH = make_truth(AGENCIES[0], 2023, seed=51).with_cells(
    **{
        "applications.new_received.natural_person": 12,
        "applications.new_received.commercial_enterprise": 3,
        "applications.new_received.research_institution": 0,
        "applications.new_received.social_welfare_org": 0,
        "applications.new_received.legal_service_org": 0,
        "applications.new_received.other_org": 0,
        "applications.new_received.total": 15,
        "review.upheld": 1,
        "review.corrected": 0,
        "review.other": 0,
        "review.pending": 1,
        "review.total": 2,
        "litigation_direct.total": 1,
        "litigation_after_review.total": 0,
        "active.art20_8.admin_fees.amount_wan_yuan": Decimal("3.25"),
    }
)


def _report(s1: str, year: int = 2023, truth=TRUTH) -> Report:
    return Report("x.txt", "t", truth.agency, year, truth.format, {"s1_overview": s1}, truth.cells)


def _findings(s1: str, year: int = 2023):
    report = _report(s1, year)
    filled = engine.fill(report.to_facts())[0]
    return [f for f in text_findings(report, filled, None) if f.rule == "TEXT_TABLE_MISMATCH"]


@pytest.mark.parametrize(
    "sentence,stated",
    [
        ("本年度共收到政府信息公开申请16件。", 16),
        ("全年共收到公民、法人和其他组织提出的政府信息公开申请二十件。", 20),
        ("本年新收政府信息公开申请数量为14件。", 14),
        ("全年被申请行政复议3件。", 3),
        ("因政府信息公开被提起行政诉讼2起。", 2),
        ("全年未收到政府信息公开申请。", 0),
        ("本年度未发生政府信息公开行政复议和行政诉讼。", 0),
        ("本年度行政事业性收费3.5万元。", Decimal("3.5")),
        ("本年度行政事业性收费32500元。", Decimal("3.25")),  # equal after conversion: no finding
    ],
)
def test_true_positives(sentence, stated):
    found = _findings(sentence)
    if stated == Decimal("3.25"):
        assert found == []
        return
    assert found, sentence
    assert found[0].severity == "error" and found[0].reported == stated
    assert found[0].where.startswith("一、总体情况：")


@pytest.mark.parametrize(
    "sentence",
    [
        "本年度共收到政府信息公开申请15件，其中自然人申请12件。",  # agrees with the table
        "其中自然人申请10件。",  # a sub-scope (applicant type)
        "其中网上申请9件。",  # a channel
        "12月份收到政府信息公开申请3件。",  # a month
        "2022年共收到政府信息公开申请30件。",  # another year
        "下属事业单位共收到政府信息公开申请8件。",  # a sub-unit
        "全县共收到政府信息公开申请120件。",  # the wider area
        "共收到政府信息公开申请约20件。",  # approximate
        "收到政府信息公开申请数量同比增加5件。",  # a change, not the count
        "累计收到政府信息公开申请300件。",  # cumulative
        "行政复议和行政诉讼各1件。",  # "each": not bound
        "全年办理人大代表建议12件，政协提案8件。",  # other quantities
        "本年度共发布政府信息1200条，其中政策解读40篇。",
        "全年会审拟作出不予公开、无法提供答复的申请17件。",  # a subset of the answered ones
        "收到人大代表建议和政协提案申请办理12件。",
    ],
)
def test_counts_about_another_scope_are_not_errors(sentence):
    assert _findings(sentence) == []


def test_several_numbers_in_one_sentence_bind_to_their_own_phrases():
    found = list(statements("予以公开10件、部分公开2件、不予公开1件，结转下年度继续办理3件。", 2023))
    assert [(s.quantity.name, int(s.stated)) for s in found] == [
        ("予以公开", 10),
        ("部分公开", 2),
        ("不予公开", 1),
        ("结转下年度继续办理的申请", 3),
    ]


def test_the_mismatch_fixture_has_exactly_its_true_positives():
    truth, text = cases.mismatch()
    from assistant.reader import read_report_bytes

    report = read_report_bytes(text.encode(), "m.txt")
    found = text_findings(report, engine.fill(report.to_facts())[0], None)
    assert len(found) == cases.MISMATCH_ERRORS
    said = " ".join(f.message for f in found)
    for words in ("收到政府信息公开申请", "予以公开", "行政复议", "现行有效行政规范性文件", "2022年"):
        assert words in said


@pytest.mark.parametrize(
    "s1,wrong",
    [
        ("2022年，本局扎实推进政务公开工作。", True),
        ("2022年度，本局扎实推进政务公开工作。", True),
        ("本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止。", True),
        ("现将本局2022年度政府信息公开工作年度报告公布如下。", True),
        ("2023年，本局扎实推进政务公开工作。", False),
        ("与2022年相比，申请数量有所增加。", False),
        ("2024年，本局将进一步加强培训。", False),  # a plan for next year, not a stale copy
    ],
)
def test_wrong_report_year_in_the_prose(s1, wrong):
    report = _report(s1)
    found = text_findings(report, engine.fill(report.to_facts())[0], None)
    assert bool(found) == wrong
    if wrong:
        assert found[0].computed == 2023 and found[0].reported == 2022


def test_copy_rate_per_section_and_overall():
    prev, cur = cases.copied()
    rates = copy_rates(cur.sections, prev.sections)
    assert rates["s1_overview"][0] > 0.8 and rates["overall"][0] > 0.8
    fresh = {
        "s1_overview": "今年我们把重点放在基层政务公开标准化上，新建了十二个便民服务点的公开栏目，群众查询更方便。"
    }
    assert copy_rates(fresh, prev.sections)["s1_overview"][0] < 0.2
    assert copy_rates({"a": "一二三"}, prev.sections) == {}


def test_copied_text_is_a_warning_with_the_rate():
    prev, cur = cases.copied()
    prev_report = Report("p.txt", "", prev.agency, prev.year, prev.format, prev.sections, prev.cells)
    report = Report("c.txt", "", cur.agency, cur.year, cur.format, cur.sections, cur.cells)
    found = [f for f in text_findings(report, engine.fill(report.to_facts())[0], prev_report)]
    copied = [f for f in found if f.rule == "TEXT_COPIED"]
    assert copied and all(f.severity == "warning" and f.reported > 50 for f in copied)
    assert {f.message[:6] for f in copied} >= {"全文与上年报", "一、总体情况"}
    other = replace(
        report,
        sections={
            "s1_overview": "今年的工作重点与去年完全不同，围绕营商环境开展了专项公开，发布涉企政策解读二十余篇，并组织开放日活动。"
        },
    )
    assert not [
        f
        for f in text_findings(other, engine.fill(other.to_facts())[0], prev_report)
        if f.rule == "TEXT_COPIED"
    ]


@pytest.mark.parametrize(
    "s6,inconsistent",
    [
        ("本年度未收取信息处理费。", False),
        ("2023年我单位无收取信息处理费情况", False),
        ("本年度收取信息处理费200元。", False),
        ("本年度收取信息处理费200元。全年未收取信息处理费。", True),
        ("本年度收取信息处理费0.02万元，即信息处理费200元。", False),
    ],
)
def test_information_processing_fee_statements_must_agree(s6, inconsistent):
    report = Report("x.txt", "t", TRUTH.agency, 2023, TRUTH.format, {"s6_other": s6}, TRUTH.cells)
    found = [
        f for f in text_findings(report, engine.fill(report.to_facts())[0]) if f.rule == "TEXT_INCONSISTENT"
    ]
    assert bool(found) == inconsistent
    if found:
        assert found[0].severity == "warning" and "信息处理费" in found[0].message


def test_sections_numbered_with_parentheses_are_found():
    from assistant.reader import read_report_bytes

    text = "某局2023年政府信息公开工作年度报告\n\n（一）总体情况\n\n本年度工作平稳。\n\n（五）存在的主要问题及改进情况\n\n人员不足。\n\n（六）其他需要报告的事项\n\n未收取信息处理费。\n"
    report = read_report_bytes(text.encode(), "paren.txt")
    assert report.sections == {
        "s1_overview": "本年度工作平稳。",
        "s5_problems": "人员不足。",
        "s6_other": "未收取信息处理费。",
    }
