"""A control word with more after it, as clerks type it: the word acts on what is pending, the rest is said back
as the reason or read as new information — a cancelled figure is never saved by a later 「确认」."""

from __future__ import annotations

from assistant.workspace import facts_of
from tests.factories import say

COERCION = "active.art20_6.admin_coercion.decisions"
LICENSE = "active.art20_5.admin_license.decisions"


def _cells(ws, rid):
    return facts_of(ws.row(rid)).cells


def test_a_cancel_with_its_reason_drops_the_figure_and_a_later_confirm_does_not_save_it(ws):
    rid = ws.start("某县城管局", 2025, "县级部门")
    reply = say(ws, rid, "行政强制18件", "取消，这个数我还没核实，先别填")
    assert "已放弃" in reply and "这个数我还没核实" in reply
    say(ws, rid, "许可是9件", "确认")
    cells = _cells(ws, rid)
    assert COERCION not in cells and cells.get(LICENSE) == 9


def test_a_reason_without_the_word_cancels_nothing(ws):
    rid = ws.start("某县城管局", 2025, "县级部门")
    say(ws, rid, "行政强制18件", "其他的回头再说", "确认")
    assert _cells(ws, rid).get(COERCION) == 18


def test_cancel_then_the_right_figure_keeps_the_other_pending_value(ws):
    rid = ws.start("某县城管局", 2025, "县级部门")
    say(ws, rid, "行政强制18件，许可9件", "取消，强制应该是16件", "确认")
    cells = _cells(ws, rid)
    assert cells.get(COERCION) == 16 and cells.get(LICENSE) == 9


def test_confirm_then_more_in_one_message_saves_and_reads_the_rest(ws):
    rid = ws.start("某县城管局", 2025, "县级部门")
    say(ws, rid, "行政强制18件", "确认，另外许可是9件", "确认")
    cells = _cells(ws, rid)
    assert cells.get(COERCION) == 18 and cells.get(LICENSE) == 9


def test_a_correction_opening_with_bu_dui_is_still_a_correction_not_a_cancel(ws):
    rid = ws.start("某县城管局", 2025, "县级部门")
    reply = say(ws, rid, "行政强制18件，许可9件", "不对，强制是16件")
    assert "已放弃" not in reply
    say(ws, rid, "确认")
    cells = _cells(ws, rid)
    assert cells.get(COERCION) == 16 and cells.get(LICENSE) == 9


PENALTY = "active.art20_6.admin_penalty.decisions"


def test_a_cancel_whose_reason_names_a_row_drops_that_row_only(ws):
    rid = ws.start("某乡人民政府", 2025, "乡镇")
    reply = say(
        ws, rid, "行政许可9件，行政强制2件", "行政处罚8件", "取消，处罚的数我还没核实，等综合执法办报过来再填"
    )
    assert "已放弃待确认的 1 项" in reply and "其余 2 项仍待确认" in reply and "还没核实" in reply
    say(ws, rid, "确认")
    cells = _cells(ws, rid)
    assert PENALTY not in cells and cells.get(LICENSE) == 9 and cells.get(COERCION) == 2


def test_a_cancel_naming_the_only_pending_row_is_the_whole_cancel(ws):
    rid = ws.start("某乡人民政府", 2025, "乡镇")
    reply = say(ws, rid, "行政处罚8件", "取消，处罚的数还没核实")
    assert "已放弃待确认的 1 项；此前已保存的数据不受影响" in reply
    say(ws, rid, "确认")
    assert PENALTY not in _cells(ws, rid)


def test_a_correction_of_a_number_in_the_text_just_saved_replaces_it_said_old_to_new(ws):
    rid = ws.start("某乡人民政府", 2025, "乡镇")
    reply = say(ws, rid, "总体情况里主动公开写一下：乡政府网站专栏全年公开信息52条，重点是惠农补贴发放")
    assert "【主动公开】" in reply
    reply = say(ws, rid, "惠农补贴发放的公示一共15期")
    assert "已记入【主动公开】" in reply
    reply = say(ws, rid, "不对，公示是16期")
    assert "“15期” → “16期”" in reply
    text = facts_of(ws.row(rid)).narrative["active"]
    assert "一共16期" in text and "15期" not in text and "不对" not in text and "52条" in text


def test_a_correction_without_a_number_of_that_unit_is_read_as_before(ws):
    rid = ws.start("某乡人民政府", 2025, "乡镇")
    say(ws, rid, "惠农补贴发放的公示一共15期", "不对，行政许可是3件", "确认")
    assert _cells(ws, rid).get(LICENSE) == 3
    assert "15期" in facts_of(ws.row(rid)).narrative["active"]
