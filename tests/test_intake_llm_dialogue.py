"""The structured (LLM) intake path keeps the same dialogue state as the rules: what the last reply
asked (a vague count's row, a suit's kind) is carried in the chat, told to the model, and read back."""

from __future__ import annotations

from decimal import Decimal

from langchain_core.messages import AIMessage

from assistant.app import chat
from assistant.core import spec
from assistant.evals.scripted import ScriptedIntakeChat
from assistant.intake import ExtractionContext, extract_message
from assistant.intake.followup import followup_kept, followup_line, groups_of_line
from assistant.intake.model import Followup, Proposal
from tests.test_intake_llm import ToolFake

SUED = (("group:litigation", "total", 3), ("group:litigation", "pending", 3))
PENALTY = "active.art20_6.admin_penalty.decisions"


def _tool_model(cells):
    args = {
        "cells": [{"key": k, "value": v, "source": s} for k, v, s in cells],
        "narrative": [],
        "questions": [],
    }
    call = {"name": "LlmExtraction", "args": args, "id": "call_1"}
    return ToolFake(messages=iter([AIMessage(content="", tool_calls=[call])]), seen=[])


def _talk(ws, rid, *turns):
    for t in turns:
        chat.turn(ws, rid, t, ScriptedIntakeChat())


def test_the_model_answer_keeps_what_the_rules_leave_asked():
    # the model maps nothing of a suit without its kind: the kind is still asked next time
    ex = extract_message("今年被告了三起，法院都还没判", ExtractionContext(), _tool_model([]))
    assert ex.followup and ("group:litigation", "total", 3) in ex.followup.groups


def test_the_row_asked_and_the_groups_go_into_the_prompt():
    model = _tool_model([])
    ctx = ExtractionContext(followup=Followup("row:" + PENALTY[:-10], SUED))
    extract_message("准确数字是640", ctx, model)
    (messages,) = model.seen
    human = messages[1].content
    assert "主题：row:active.art20_6.admin_penalty" in human
    assert groups_of_line(human) == SUED


def test_a_row_or_group_the_model_filled_is_no_longer_asked():
    fu = Followup("row:active.art20_6.admin_penalty", SUED)
    filled = [Proposal(PENALTY, 640, "处罚", "640"), Proposal("litigation_direct.total", 3, "诉讼", "3")]
    assert followup_kept(fu, filled) is None
    assert followup_kept(fu, filled[:1]) == Followup(None, SUED)
    assert followup_line(None) == "" and groups_of_line(followup_line(Followup(None, SUED))) == SUED


def _one_type_year(n):
    """新收 n, all from 自然人, nothing carried over: the results are the 自然人 column's."""
    rows = ("applications.new_received", "applications.carried_over_from_prev")
    cells = {f"{r}.{c}": 0 for r in rows for c in (*spec.T2_APPLICANT_COLUMNS, "total")}
    return cells | {f"{rows[0]}.natural_person": n, f"{rows[0]}.total": n}


def test_a_code_explained_cell_keeps_its_reason_on_the_model_path():
    # every application from 自然人: the model's same cell carries code's reason for its column
    key = "applications.results.granted.natural_person"
    model = _tool_model([(key, 5, "同意公开的有5件")])
    ex = extract_message("同意公开的有5件", ExtractionContext(cells=_one_type_year(5)), model)
    p = next(p for p in ex.proposals if p.key == key)
    assert p.note and "自然人" in p.note


def test_suit_kind_answered_next_through_the_model(ws):
    rid = ws.start("某县自然资源局", 2024, "县级部门")
    _talk(ws, rid, "今年有两起行政诉讼，法院都还没判下来", "两起都是先申请了复议，不服再去起诉的", "确认")
    cells = ws.facts(rid).cells
    assert cells["litigation_after_review.total"] == 2 and cells["litigation_after_review.pending"] == 2
    assert cells["litigation_direct.total"] == 0


def test_vague_count_then_bare_exact_through_the_model(ws):
    rid = ws.start("某区城市管理局", 2024, "县级部门")
    _talk(ws, rid, "处罚决定今年六百多份吧", "核对过了，是643", "确认")
    cells = ws.facts(rid).cells
    assert cells[PENALTY] == 643 and "applications.new_received.total" not in cells


def test_vague_fee_then_exact_yuan_through_the_model(ws):
    rid = ws.start("某市公安局交警支队", 2024, "市级部门")
    _talk(ws, rid, "行政事业性收费大约五万多", "财务核过了，是51230元", "确认")
    assert ws.facts(rid).cells["active.art20_8.admin_fees.amount_wan_yuan"] == Decimal("5.123")


def test_the_results_total_by_the_identity_on_the_model_path():
    # 新收 9, nothing carried in, 2 carried to next: code computes 办理结果总计 7 on both paths
    cells = {"applications.new_received.total": 9, "applications.carried_over_from_prev.total": 0}
    said = "还有2件到年底没办完"
    model = _tool_model([("applications.carried_to_next.total", 2, said)])
    got = extract_message(said, ExtractionContext(cells=cells), model).cells
    assert got["applications.results.total.total"] == 7
