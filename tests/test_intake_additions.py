"""An addition said as such (「还有一个」「再加一件」, issue 11, task t2add) adds to the stored value of the
same row and column and is said back old → new; 「不是2件是3件」 still replaces (`intake/additions.py`)."""

from __future__ import annotations

from tests.factories import say

_NEW = "applications.new_received."


def _saved(ws, rid) -> dict:
    return ws.row(rid).state.get("cells") or {}


def test_one_more_of_a_named_type_adds_to_the_stored_row(ws):
    rid = ws.start("某县农业农村局", 2025, "县级部门")
    say(ws, rid, "新收申请5件，都是个人的")
    say(ws, rid, "确认")
    reply = say(ws, rid, "哦对了再加一件，漏了一个科研机构的")
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert "5 → 6" in reply
    assert cells.get(_NEW + "research_institution") == 1 and cells.get(_NEW + "total") == 6


def test_one_more_of_the_same_type_adds_not_replaces(ws):
    rid = ws.start("某县退役军人事务局", 2023, "县级部门")
    say(ws, rid, "今年收到申请2件，都是个人申请的")
    say(ws, rid, "确认")
    reply = say(ws, rid, "还有一个是12月30号收到的，也是个人的")
    say(ws, rid, "确认")
    assert "2 → 3" in reply
    assert _saved(ws, rid).get(_NEW + "total") == 3


def test_a_correction_still_replaces(ws):
    rid = ws.start("某县退役军人事务局", 2023, "县级部门")
    say(ws, rid, "今年收到申请2件，都是个人申请的")
    say(ws, rid, "确认")
    say(ws, rid, "不对，不是2件是4件，都是个人的")
    say(ws, rid, "确认")
    assert _saved(ws, rid).get(_NEW + "total") == 4


def test_the_rest_of_a_total_is_no_addition(ws):
    """「还有2件是企业的」 after 「共5件，个人3件」 says what the other two are: the total stays 5."""
    rid = ws.start("某县市场监督管理局", 2024, "县级部门")
    say(ws, rid, "今年新收申请5件，个人的3件")
    reply = say(ws, rid, "还有2件是企业的")
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert "5 → 7" not in reply
    assert cells.get(_NEW + "total") == 5 and cells.get(_NEW + "commercial_enterprise") == 2


def test_an_addition_to_a_pending_value_adds_before_the_confirm(ws):
    rid = ws.start("某镇人民政府", 2024, "乡镇")
    say(ws, rid, "新收申请3件，都是村民申请的")
    reply = say(ws, rid, "哦还漏了一件，是一家公司申请的")
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert cells.get(_NEW + "total") == 4, reply
    assert cells.get(_NEW + "natural_person") == 3 and cells.get(_NEW + "commercial_enterprise") == 1


def test_a_restated_total_with_the_addition_and_still_open(ws):
    """「其实是仨，还有一个……，现在还在办」 after 俩: 2 + 1 = 3 (the restated total is no rival value), and
    the added one is also 结转下年度."""
    rid = ws.start("某县退役军人事务局", 2023, "县级部门")
    say(ws, rid, "今年依申请就俩，都是个人申请的")
    say(ws, rid, "确认")
    say(ws, rid, "年底没有结转")
    say(ws, rid, "确认")
    reply = say(ws, rid, "哦对了，更正一下，其实是仨，还有一个是12月30号收到的，也是个人，现在还在办")
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert "2 → 3" in reply and "这部分没能理解" not in reply, reply
    assert cells.get(_NEW + "total") == 3 and cells.get(_NEW + "natural_person") == 3
    assert cells.get("applications.carried_to_next.natural_person") == 1
    assert cells.get("applications.carried_to_next.total") == 1


def test_one_missed_of_a_type_alone_adds_to_the_row(ws):
    rid = ws.start("某县农业农村局", 2025, "县级部门")
    say(ws, rid, "新收申请5件，都是个人的")
    say(ws, rid, "确认")
    reply = say(ws, rid, "漏了一个科研机构的")
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert "5 → 6" in reply
    assert cells.get(_NEW + "research_institution") == 1 and cells.get(_NEW + "total") == 6


def test_the_last_of_a_list_said_with_haiyou_is_no_addition(ws):
    rid = ws.start("澄川县人民政府", 2024, "县政府")
    say(ws, rid, "行政复议今年3件：1件确认违法，1件责令履行，还有1件申请人撤回了")
    say(ws, rid, "确认")
    assert _saved(ws, rid).get("review.total") == 3


def test_an_addition_that_also_says_the_new_values_is_not_added_twice(ws):
    """「漏了一件……所以律所是3件，一共29件」 after 律所2件, 共28件: 3 and 29 are the new values."""
    rid = ws.start("某县自然资源局", 2025, "县级部门")
    say(ws, rid, "新收申请28件")
    say(ws, rid, "个人21件，公司4件，律所2件，还有一个是省里一个研究所申请的")
    say(ws, rid, "确认")
    say(ws, rid, "哦还有一件漏了，是个律所的，11月份收的，所以律所是3件，一共29件")
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert cells.get(_NEW + "legal_service_org") == 3 and cells.get(_NEW + "total") == 29
