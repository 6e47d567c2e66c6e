"""The grounding bundle: metrics by code, last year's problems, the fee statement, the staff's notes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.drafting.followup import mentions, problem_items
from assistant.drafting.grounding import FEE_NIL, build_grounding, clean_note, self_name
from assistant.drafting.metrics import compute_metrics
from tests.test_drafting_support import make_facts, make_previous


@pytest.fixture(scope="module")
def g():
    return build_grounding(make_facts(), make_previous())


def test_year_on_year_metrics(g):
    m = g.metrics
    assert m["yoy.applications.new_received.total.change"].value == 7
    assert m["yoy.applications.new_received.total.change"].sign == 1
    assert m["yoy.applications.new_received.total.pct"].show() == "15.6%"
    assert (
        m["prev.applications.new_received.total"].value == 45
        and m["prev.applications.new_received.total"].previous
    )
    assert m["yoy.active.art20_6.admin_penalty.decisions.change"].sign == -1
    assert m["yoy.active.art20_6.admin_coercion.decisions.change"].sign == 0
    assert m["yoy.active.art20_8.admin_fees.amount_wan_yuan.change"].value == Decimal("2.5")
    assert "yoy.active.art20_1.normative_docs.repealed.change" not in m  # not a year-on-year key


def test_shares_and_correction_rates(g):
    m = g.metrics
    assert m["share.granted"].show() == "54.9%"  # 28 / 51
    assert m["share.natural_person"].show() == "76.9%"  # 40 / 52
    assert m["rate.review_corrected"].show() == "33.3%"  # 1 corrected of 3 concluded
    assert m["rate.litigation_corrected"].value == 0
    assert m["q.applications.unable"].value == 11 and m["q.applications.new_by_orgs"].value == 12


def test_no_previous_no_year_on_year():
    m = compute_metrics(build_grounding(make_facts()).facts)
    assert not any(k.startswith(("yoy.", "prev.")) for k in m)


def test_no_division_by_zero():
    facts = make_facts(**{"review.upheld": 0, "review.corrected": 0, "review.pending": 0})
    assert "rate.review_corrected" not in build_grounding(facts).metrics


@pytest.mark.parametrize(
    ("text", "items"),
    [
        (
            "存在的问题：一是政务公开专区利用率不高，群众知晓度较低；二是信息公开工作人员多为兼职，业务水平有待提高。\n"
            "改进措施：加强宣传。",
            ("政务公开专区利用率不高，群众知晓度较低", "信息公开工作人员多为兼职，业务水平有待提高"),
        ),
        (
            "上年度问题整改情况：已全部整改。\n本年度仍存在的问题：一是网站改版后，部分历史信息迁移后出现链接失效，"
            "尚有少量附件需要补传；二是目录应用还不够深入。下一步，将逐条核验。",
            ("部分历史信息迁移后出现链接失效", "目录应用还不够深入"),
        ),
        ("主要存在问题：人员变动导致政务信息公开工作效率较低，信息更新不及时。改进情况：加强培训。", None),
        ("本年度工作平稳。", ()),
    ],
)
def test_problem_items(text, items):
    found = problem_items(text)
    if items is None:
        assert found and "效率较低" in found[0]
    else:
        assert found == items


def test_mentions_accepts_paraphrase_rejects_unrelated():
    item = "部分历史信息迁移后出现链接失效"
    assert mentions("针对链接失效问题，已全部修复。", item)
    assert not mentions("本年度组织业务培训2次。", item)


def test_fee_statement_from_the_staff(g):
    assert g.fee.given and g.fee.text == FEE_NIL
    charged = build_grounding(make_facts(narrative={"other": "收取信息处理费1300元"}))
    assert charged.fee.text == "本年度我局共收取政府信息公开信息处理费1300元。" and charged.fee.given
    told = build_grounding(make_facts(narrative={"other": "收取信息处理费1300元，依据收费管理办法按件计收"}))
    assert told.fee.text == "收取信息处理费1300元，依据收费管理办法按件计收。"  # more than the fee: as typed


def test_fee_statement_assumed_with_a_notice():
    g0 = build_grounding(make_facts(narrative={}))
    assert g0.fee.text == FEE_NIL and not g0.fee.given
    assert any("信息处理费" in n and "请核实" in n for n in g0.notices)
    unpaid = build_grounding(
        make_facts(narrative={}, **{"applications.results.other.fee_unpaid_overdue.natural_person": 2})
    )
    assert "2件" in unpaid.fee.text and "信息处理费" in unpaid.fee.text
    assert any("请补充" in n for n in unpaid.notices)


def test_staff_notes_are_kept_whole():
    raw = "- 第一项 **重点**\n* 第二项；\n\n1. 第三项"
    assert clean_note(raw) == "第一项 重点；第二项；第三项"
    g0 = build_grounding(make_facts(narrative={"active": raw}))
    assert g0.items("active") == ["第一项 重点", "第二项", "第三项"]


def test_missing_notes_are_announced():
    g0 = build_grounding(make_facts(narrative={"active": "发布信息10条"}))
    assert sum("经办人未提供工作情况" in n for n in g0.notices) == 4
    gov = build_grounding(make_facts(agency="测试县人民政府", narrative={}))
    assert any("工作考核、社会评议和责任追究" in n for n in gov.notices)


@pytest.mark.parametrize(
    ("agency", "name"),
    [("某县交通运输局", "我局"), ("某市发展和改革委员会", "我委"), ("某县人民政府办公室", "我办"),
     ("某县人民政府", "我县"), ("某区某街道办事处", "我街道"), ("某县档案馆", "本机关")],
)  # fmt: skip
def test_self_name(agency, name):
    assert self_name(agency) == name
