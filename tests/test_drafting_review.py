"""An editor's review of the offline drafts: labels, decisions, repeats, register, notes, placeholders."""

from __future__ import annotations

from dataclasses import replace

import pytest

from assistant.drafting import draft_report
from assistant.drafting.grounding import build_grounding
from assistant.drafting.offline import offline_section
from assistant.drafting.staff_notes import FOLLOWUP, routed_items, split_label
from tests.test_drafting_support import NARRATIVE, make_facts, make_previous

LABELLED = NARRATIVE | {
    "active": "主动公开方面，全年通过门户网站发布政府信息1268条；平台建设：在县政府网站开设“交通政策解读”栏目",
    "platform": "平台建设：在县政府网站新增政务公开专区",
    "improvements": "改进措施：2025年建立信息发布时限提醒机制；"
    "上年问题整改：针对依申请公开答复文书不规范问题，制定答复文书范本",
}


def _draft(narrative: dict | None = None, **cells):
    facts = make_facts(narrative=narrative, **cells)
    return draft_report(facts, make_previous(), backend="offline", retriever=None)


@pytest.fixture(scope="module")
def labelled():
    return _draft(LABELLED)


@pytest.mark.parametrize(
    ("item", "key", "rest"),
    [
        ("主动公开方面，全年通过门户网站发布信息", "active", "全年通过门户网站发布信息"),
        ("平台建设：在县政府网站开设专栏", "platform", "在县政府网站开设专栏"),
        ("上年问题整改：针对A问题，完成B", FOLLOWUP, "针对A问题，完成B"),
        ("改进措施：2025年完成归集", "improvements", "2025年完成归集"),
        ("存在问题：解读不够深入", "problems", "解读不够深入"),
        ("【监督保障】开展检查2次", "supervision", "开展检查2次"),
        ("主动公开政府信息1268条", "", "主动公开政府信息1268条"),  # words, not a label
    ],
)
def test_topic_labels_are_split_off(item, key, rest):
    assert split_label(item) == (key, rest)


def test_a_label_governs_the_items_after_it():
    routed = routed_items({"improvements": "改进措施：甲措施；乙措施；上年问题整改：丙；丁"})
    assert routed == {"improvements": ["甲措施", "乙措施"], FOLLOWUP: ["丙", "丁"]}


def test_labels_never_reach_the_prose(labelled):
    text = "".join(labelled.text(k) for k in ("s1_overview", "s5_problems"))
    for label in ("主动公开方面", "平台建设：", "上年问题整改", "改进措施：", "本年度平台建设"):
        assert label not in text
    assert "全年通过门户网站发布政府信息1268条" in labelled.text("s1_overview")
    assert "在县政府网站开设“交通政策解读”栏目" in labelled.text("s1_overview").split("（四）")[1]
    assert labelled.findings == ()


def test_followup_note_goes_to_the_followup_not_the_measures(labelled):
    s5 = labelled.text("s5_problems")
    followup, measures = s5.split("（二）")[0], s5.split("（三）")[1]
    assert "制定答复文书范本" in followup and "制定答复文书范本" not in measures
    assert "针对上年度报告指出的“依申请公开答复文书不够规范”问题，本年度制定答复文书范本" in followup
    assert "2025年建立信息发布时限提醒机制" in measures and "建立2025年" not in measures


def test_decisions_are_reported_by_kind_never_summed():
    s1 = _draft().text("s1_overview")
    assert "合计" not in s1 and "分别为" not in s1
    assert "行政许可处理决定120个，较上年增加20个" in s1
    assert "行政处罚处理决定35个，较上年减少5个" in s1
    assert "行政强制处理决定2个，与上年持平" in s1


def test_no_change_is_given_from_a_zero_year():
    previous = make_previous()
    key = "active.art20_6.admin_coercion.decisions"
    previous = replace(previous, cells={**previous.cells, key: 0})
    g = build_grounding(make_facts(), previous)
    s1 = offline_section("s1_overview", g)
    assert "行政强制处理决定2个。" in s1 and "行政强制处理决定2个，" not in s1


def test_all_zero_review_table_lead_in():
    zero = {"review.upheld": 0, "review.corrected": 0, "review.pending": 0, "litigation_direct.upheld": 0}
    lead = _draft(**zero).text("s4_review_litig")
    assert lead == "本年度我局未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"


def test_report_register_leads():
    for i in range(12):
        g = build_grounding(make_facts(agency=f"测试县第{i}局"), make_previous())
        s1 = offline_section("s1_overview", g)
        assert "重点做了以下工作" not in s1 and "具体工作中" not in s1


def _on_request(note: str) -> str:
    s1 = _draft(NARRATIVE | {"on_request": note}).text("s1_overview")
    return s1.split("（二）")[1].split("（三）")[0]


def test_a_note_restating_the_carry_over_is_dropped():
    para = _on_request("12月下旬4件结转；申请主要涉及道路建设征迁补偿")
    assert "结转下年度继续办理4件。" in para and "12月下旬" not in para
    assert "申请主要涉及道路建设征迁补偿" in para


def test_a_note_explaining_the_carry_over_is_merged():
    para = _on_request("年底4件在答复期内")
    assert "结转下年度继续办理4件（年底在答复期内）。" in para
    assert para.count("4件") == 1


def test_merged_and_dropped_notes_raise_no_finding():
    for note in ("12月下旬4件结转", "年底4件在答复期内"):
        d = _draft(NARRATIVE | {"on_request": note})
        assert d.sections["s1_overview"].findings == ()


def _shown(section) -> list[str]:
    """Notes as the app shows them (assistant/app/draft.py prefixes each with the section label)."""
    return [f"{section.label}：{n}" for n in section.notes]


def test_section_notes_carry_their_label_once():
    d = _draft(NARRATIVE | {"on_request": "", "problems": ""})
    s1, s5 = d.sections["s1_overview"], d.sections["s5_problems"]
    assert "一、总体情况：依申请公开部分，经办人未提供工作情况" in _shown(s1)[0]
    assert all(n.count("一、总体情况") == 1 for n in _shown(s1))
    assert all(n.count("五、") == 1 and "：五：" not in n for n in _shown(s5))
    previous = make_previous(s5="存在的问题：一是档案数字化进度滞后。\n改进措施：加快进度。")
    bare = draft_report(make_facts(), previous, backend="offline", retriever=None)
    unmatched = [n for n in bare.sections["s5_problems"].notes if "未找到上年问题" in n]
    assert unmatched and all(n.startswith("未找到上年问题") for n in unmatched)


def test_fallback_note_has_no_label_of_its_own():
    from assistant.drafting.service import _fallback

    g = build_grounding(make_facts(), make_previous())
    s = _fallback("s6_other", g, "请求超时", lambda _e: None, False)
    assert s.notes[0] == "模型起草失败（请求超时），已改用离线起草"


def test_placeholder_problems_are_general_and_announced():
    d = _draft(NARRATIVE | {"problems": "", "improvements": ""})
    s5 = d.text("s5_problems")
    assert "仍有改进空间" in s5 and "仍存在以下问题" not in s5
    assert "业务能力有待" not in s5 and "不够丰富" not in s5  # no concrete weakness asserted
    notes = d.sections["s5_problems"].notes
    assert any("存在的主要问题" in n and "占位内容" in n and "请据实替换" in n for n in notes)
    assert any("改进措施" in n and "占位内容" in n for n in notes)
    assert d.sections["s5_problems"].findings == ()


def test_a_nil_note_restating_the_nil_table_is_dropped():
    note = NARRATIVE | {"on_request": "全年无申请，无结转"}
    assert "全年无申请，无结转" in _on_request(note["on_request"])  # the table has some: kept
    cells = {k: 0 for k in make_facts().cells if k.startswith("applications.")}
    g = build_grounding(make_facts(narrative=note, **cells))
    para = offline_section("s1_overview", g).split("（二）")[1].split("（三）")[0]
    assert para == "依申请公开。本年度未收到政府信息公开申请，也没有上年结转的申请。\n"
