"""The chat as a dialogue: state, clause accounting, never-silent replacement, balance, prefill."""

from __future__ import annotations

from pathlib import Path

from assistant.app import chat, chat_uploads
from assistant.intake import Extraction, NarrativeProposal, Proposal
from assistant.intake.accounting import unaccounted
from tests.factories import say

CASES = Path(__file__).resolve().parents[1] / "evals" / "cases" / "conversations" / "files"


def test_short_answer_is_read_against_pending_totals(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年收到申请23件", "都是自然人", "确认")
    assert ws.facts(rid).cells["applications.new_received.natural_person"] == 23


def test_correction_is_shown_old_to_new_and_the_broken_balance_is_said(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年新收申请23件，自然人20件，企业3件", "确认")
    shown = say(ws, rid, "企业是4件不是3件")
    assert "3 → 4" in shown
    reply = say(ws, rid, "确认")  # the replacement was listed old → new, so 确认 applies it
    assert ws.facts(rid).cells["applications.new_received.commercial_enterprise"] == 4
    assert "不一致" in reply and "24" in reply and "齐全" not in reply
    again = say(ws, rid, "覆盖")  # nothing pending: the balance question is asked again, not dropped
    assert "目前没有待确认的数据" in again and "不一致" in again
    assert ws.row(rid).state["topic"] == "row:applications.new_received"


def test_prefilled_carry_over_is_shown_with_its_source_and_replaced_only_when_said(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    chat_uploads.previous(ws, rid, CASES / "linye_2023.yaml")
    asked = say(ws, rid, "今年新收申请10件，都是自然人", "确认")
    assert "上年年报" in asked and "预填为4件" in asked
    shown = say(ws, rid, "上年结转2件，都是自然人")
    assert "4 → 2" in shown and "上年年报预填" in shown
    say(ws, rid, "确认")
    assert ws.facts(rid).cells["applications.carried_over_from_prev.natural_person"] == 2
    assert not ws.row(rid).state.get("prefilled")


def test_zero_fill_is_only_for_the_row_named(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    reply = say(ws, rid, "年底没有结转")
    assert "“四、结转下年度继续办理”6栏" in reply and "另有" not in reply
    say(ws, rid, "确认")
    assert not [k for k in ws.facts(rid).cells if ".results." in k]


def test_a_county_body_is_not_asked_about_rules():
    from assistant.intake import IntakeState, next_question
    from assistant.intake.dialogue import TABLE_TOPICS

    before = frozenset(t.key for t in TABLE_TOPICS[: [t.key for t in TABLE_TOPICS].index("active.docs")])
    county = next_question(IntakeState("某县林业局", "县级部门", 2024, skipped=before))
    # its own topic (the 规范性文件 row alone), so a bare 「发了3件，废止1件」 answers that row
    assert (
        county.topic == "active.docs.normative" and "规范性文件" in county.text and "规章" not in county.text
    )
    assert not [k for k in county.keys if "regulations" in k]
    city = next_question(IntakeState("某市人民政府", "设区的市人民政府", 2024, skipped=before))
    assert "规章" in city.text


def test_clauses_nothing_accounts_for_are_said_back(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    reply = say(ws, rid, "今年没有收到申请，另外我们局长换人了")
    assert "这部分没能理解：“另外我们局长换人了”" in reply


def test_accounting_is_by_clause_coverage():
    ex = Extraction(
        (Proposal("applications.new_received.total", 3, "x", "收到申请3件"),),
        (NarrativeProposal("platform", "平台", "门户网站改版了。"),),
    )
    assert unaccounted("收到申请3件，门户网站改版了，好的，天气不错啊朋友", ex) == ["天气不错啊朋友"]


def test_refile_moves_pending_narrative_and_a_complaint_is_never_material(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "政策解读形式单一，基本上都是文字解读，图解和视频很少")
    assert "哪一部分" in say(ws, rid, "你放错了")
    say(ws, rid, "这个放到存在的问题里", "确认")
    narrative = ws.facts(rid).narrative
    assert "政策解读形式单一" in narrative["problems"] and "active" not in narrative
    assert "放错" not in "".join(narrative.values())


def test_the_explanation_asked_for_is_kept(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    chat_uploads.previous(ws, rid, CASES / "linye_2023.yaml")
    say(ws, rid, "今年收到申请3件，都是自然人", "确认")
    say(ws, rid, "主要是去年集中开展了林权确权登记，今年恢复正常", "确认")
    assert "林权确权登记" in ws.facts(rid).narrative["on_request"]


def test_misfiled_complaint_right_after_confirm_moves_the_saved_text(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    ws.update_state(rid, topic="narrative.info_mgmt")  # as if the 信息管理 question was asked
    chat.turn(ws, rid, "我们在服务大厅放了一台政务公开查询机")
    say(ws, rid, "确认")
    assert "查询机" in ws.facts(rid).narrative.get("info_mgmt", "")
    reply = say(ws, rid, "放错了，这是平台建设的")
    assert "从【政府信息管理】改放到【政府信息公开平台建设】" in reply
    narrative = ws.facts(rid).narrative
    assert "查询机" in narrative["platform"] and "查询机" not in narrative.get("info_mgmt", "")
    assert "放错了" not in "".join(narrative.values())
    again = say(ws, rid, "放错了，这是监督保障的")  # the moved text is still what was just saved: it moves on
    assert "从【政府信息公开平台建设】改放到【监督保障】" in again
    assert "查询机" in ws.facts(rid).narrative["supervision"] and not ws.facts(rid).narrative.get("platform")
