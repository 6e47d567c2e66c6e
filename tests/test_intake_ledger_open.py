"""Ledgers as clerks keep them: 办理中 / 在办 / blank = still open; short forms listed back; whole table."""

from __future__ import annotations

from assistant.app import chat, chat_uploads
from tests.factories import ledger_read

LEDGER = (
    "申请人类型,收到日期,办理结果,办结日期\n"
    "自然人,2024-01-10,予以公开,2024-01-20\n"
    "律所,2024-05-11,部分公开,2024-05-30\n"
    "自然人,2024-12-20,办理中,\n"
    "个人,2024-12-26,,\n"
    "企业,2024-12-28,在办,\n"
    "自然人,2024-12-29,未办结,\n"
)


def test_open_outcomes_are_carried_to_next_year(tmp_path):
    r = ledger_read(tmp_path, LEDGER, 2024)
    assert r.ok, r.errors
    assert r.cells["applications.carried_to_next.total"] == 4
    assert r.cells["applications.carried_to_next.commercial_enterprise"] == 1
    assert r.cells["applications.results.partially_granted.legal_service_org"] == 1
    text = r.message()
    assert "“律所”→法律服务机构（第3行）" in text
    assert "“办理中”→尚未办结" in text and "“在办”" in text and "（空白）" in text and "“未办结”" in text


def test_an_open_word_with_a_completion_date_is_still_an_error(tmp_path):
    r = ledger_read(
        tmp_path, "申请人类型,收到日期,办理结果,办结日期\n自然人,2024-01-10,办理中,2024-02-01\n", 2024
    )
    assert not r.ok and "办理中" in r.errors[0] and not r.cells


def _chat_then_ledger(ws, tmp_path):
    rid = ws.start("某县林业局", 2024, "县级部门")
    chat.turn(ws, rid, "今年新收申请5件，都是自然人")
    chat.turn(ws, rid, "确认")
    p = tmp_path / "台账.csv"
    p.write_text(LEDGER, encoding="utf-8")
    return rid, chat_uploads.ledger(ws, rid, p).history[-1]["content"]


def test_a_disagreeing_ledger_is_shown_as_a_whole_and_cancel_keeps_everything(ws, tmp_path):
    rid, shown = _chat_then_ledger(ws, tmp_path)
    assert "已保存 → 台账" in shown and "总计：5 → 6" in shown
    before = dict(ws.facts(rid).cells)
    reply = chat.turn(ws, rid, "取消").history[-1]["content"]
    assert ws.facts(rid).cells == before and "一项也未采用" in reply


def test_confirm_applies_the_whole_ledger_and_leaves_no_error(ws, tmp_path):
    rid, _ = _chat_then_ledger(ws, tmp_path)
    reply = chat.turn(ws, rid, "确认").history[-1]["content"]
    cells = ws.facts(rid).cells
    assert (
        cells["applications.new_received.total"] == 6
        and cells["applications.new_received.natural_person"] == 4
    )
    assert "覆盖" not in reply and not ws.check(rid).errors


def test_a_chat_number_while_the_ledger_waits_is_not_mixed_in(ws, tmp_path):
    rid, _ = _chat_then_ledger(ws, tmp_path)
    reply = chat.turn(ws, rid, "予以公开3件").history[-1]["content"]
    assert "尚未记录" in reply
    assert ws.row(rid).state["pending"].get("whole")
