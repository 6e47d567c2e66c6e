"""Readings from dev J j002 and dev I i011 (session 20): 「去年没有结转，今年也都办完了」 closes the year (结转下年度
0, so （七）总计 follows), and a 部分公开 told as what was held back and what was given, in either order
(「涉及别人隐私那部分没给，其他给了」, 「一部分给了，涉及企业报价的没给」) is one 部分公开 whose words are all its source."""

from __future__ import annotations

from assistant.app import chat
from assistant.intake.accounting import unaccounted
from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

A = "applications."
TOLD = {
    A + "new_received.total": 3,
    A + "new_received.natural_person": 3,
    A + "results.granted.total": 1,
    A + "results.unable.not_held.total": 1,
    A + "results.partially_granted.total": 1,
}


def _read(message, cells=None, topic=None):
    return extract_message(message, ExtractionContext(topic=topic, cells=cells or {}))


def test_this_years_all_done_beside_no_carry_over_closes_the_year():
    got = _read("去年没有结转，今年也都办完了", TOLD).cells
    assert got[A + "carried_over_from_prev.total"] == 0
    assert got[A + "carried_to_next.total"] == 0
    assert got[A + "results.total.total"] == 3


def test_all_done_asked_about_the_carry_over_is_not_the_years_end():
    got = _read("今年都办完了", TOLD, topic="carried_over").cells
    assert A + "carried_to_next.total" not in got


def test_the_part_held_back_then_the_rest_given_is_one_partial_grant():
    message = "还有一个申请的是他们组的低保审批材料，涉及别人隐私那部分没给，其他给了"
    ex = _read(message, {A + "new_received.total": 3})
    assert ex.cells == {A + "results.partially_granted.total": 1}
    assert not any(k.startswith(A + "results.withheld.") for k in ex.cells)
    assert not unaccounted(message, ex) and not ex.narrative


def test_the_part_given_then_what_was_held_back():
    ex = _read("一个医药公司的，一部分给了，涉及企业报价的没给", {A + "new_received.total": 3})
    assert ex.cells[A + "results.partially_granted.commercial_enterprise"] == 1
    assert not unaccounted("一部分给了，涉及企业报价的没给", ex) and not ex.narrative


def test_counts_held_back_are_still_their_own_row():
    ex = _read("两件涉及隐私没给，其他给了", {A + "new_received.total": 5})
    assert ex.cells.get(A + "results.withheld.third_party_rights.total") == 2
    assert A + "results.partially_granted.total" not in ex.cells


def _chat(turns, tmp_path):
    from assistant.store import Store
    from assistant.workspace import Workspace

    store = Store(tmp_path / "db.sqlite3")
    ws = Workspace(store, store.user_id("t", create=True))
    rid = ws.start("某县某镇人民政府", 2024, "乡镇")
    chat.greet(ws, rid)
    for t in turns:
        chat.turn(ws, rid, t, None)
    return ws.row(rid).state["chat"][-1]["content"]


def test_in_the_chat_nothing_is_said_back_as_not_understood(tmp_path):
    said = ("我们镇今年收到信息公开申请仨，都是村民申请的", "确认")
    reply = _chat((*said, "还有一个申请的是低保审批材料，涉及别人隐私那部分没给，其他给了"), tmp_path)
    assert "部分公开" in reply and "没能理解" not in reply and "保护第三方" not in reply
    reply = _chat(
        ("今年收到三件申请", "确认", "第二件是个医药公司问价格的，一部分给了，涉及企业报价的没给"), tmp_path
    )
    assert "部分公开" in reply and "没能理解" not in reply


def test_what_was_asked_for_keeps_an_outcome_it_names():
    ex = _read(
        "个人的：公开六件，两件要的是征收补偿方案的内部讨论稿没给", {A + "new_received.natural_person": 9}
    )
    assert ex.cells[A + "results.withheld.process_info.natural_person"] == 2


def test_a_correction_notice_never_answered_is_overdue():
    ex = _read("剩下两件个人的，补正通知发了他没回，逾期了", {A + "new_received.natural_person": 9})
    assert ex.cells[A + "results.other.no_correction_overdue.natural_person"] == 2
