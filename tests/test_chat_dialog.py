"""Chat-level intake behaviour driven through the chat handler: where a saved value came from, last
year's report of another body, balance after each save, every clause accounted for."""

from __future__ import annotations

from pathlib import Path

from assistant.app import chat_uploads, tables
from tests.factories import say

FILES = Path(__file__).resolve().parents[1] / "evals" / "cases" / "conversations" / "files"
NEW = "applications.new_received"


def test_a_total_said_in_the_chat_is_shown_as_from_the_chat_not_typed(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年新收申请23件，自然人20件，企业3件", "确认")
    v = tables.view(ws, rid)
    where = dict((k, w) for w, k in v.typed)
    assert f"{NEW}.total" in where, v.typed
    assert "对话中给出" in where[f"{NEW}.total"] and "手工填报" not in where[f"{NEW}.total"]
    assert "对话中给出 1 个" in v.summary and "手工填报" not in v.summary


def test_a_total_typed_in_the_grid_after_the_chat_is_typed(ws):
    from tests.factories import grid_position

    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年新收申请23件，自然人20件，企业3件", "确认")
    v, errors, note = tables.edit_cell(ws, rid, 2, grid_position(f"{NEW}.total", 2), "24")
    assert not errors and "23 → 24" in note
    where = dict((k, w) for w, k in v.typed)
    assert "统计表中手工填报" in where[f"{NEW}.total"]
    v, msg = tables.compute_totals(ws, rid, [w for w, _ in v.typed])  # the choices as the page sends them
    assert "1 个合计" in msg and v.typed == []


def test_a_ledger_total_is_shown_as_from_the_ledger(ws):
    rid = ws.start("某县商务局", 2024, "县级部门")
    chat_uploads.ledger(ws, rid, FILES / "ledger_qingwu_shangwu_2024.csv")
    say(ws, rid, "确认")
    v = tables.view(ws, rid)
    assert v.typed and all("台账计算" in w for w, _ in v.typed)


def test_a_derived_total_is_not_listed_as_given(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年新收申请，自然人20件，企业3件", "确认")
    assert f"{NEW}.total" not in dict((k, w) for w, k in tables.view(ws, rid).typed)
    assert f"{NEW}.total" not in ws.row(rid).state["cells"]
