"""An application received in late December and still open (issue 11): its date of receipt is set aside
(said back), its type kept, and the count is 结转下年度, not a rival 新收 value."""

from __future__ import annotations

from assistant.intake.last_year import set_aside
from tests.factories import say


def test_a_day_in_december_and_the_type_are_read():
    kept, notes = set_aside("还剩一件村民的是12月28号才收到的，现在还在办", 2025)
    assert "村民" in kept and "12月28号" not in kept
    assert notes and "12月28号" in notes[0]


def test_the_late_one_is_carried_not_a_new_total(ws):
    rid = ws.start("某县林业局", 2025, "县级部门")
    say(ws, rid, "今年收到申请12件，都是村民申请的")
    say(ws, rid, "确认")
    reply = say(ws, rid, "还剩一件村民的是12月28号才收到的，现在还在办")
    say(ws, rid, "确认")
    cells = ws.row(rid).state.get("cells") or {}
    assert "12 → 1" not in reply and "9 → 1" not in reply
    assert cells.get("applications.new_received.natural_person") == 12
    assert cells.get("applications.carried_to_next.natural_person") == 1
