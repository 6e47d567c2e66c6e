"""A confirm as clerks type it — 「好的，确认」, 「嗯，那就是这3件，确认」 — and a leave-taking 「先这样」 with figures
pending: the proposals are saved and the reply says so (dev I i001, i002: before, 「好的，确认」 was 'not understood'
and nothing was saved; 「先这样」 left twenty proposals unsaved when the clerk left)."""

from __future__ import annotations

import pytest

from assistant.workspace import facts_of
from tests.factories import say

NEW = "applications.new_received.total"
PERSON = "applications.new_received.natural_person"


def _cells(ws, rid):
    return facts_of(ws.row(rid)).cells


@pytest.mark.parametrize("word", ["好的，确认", "嗯，确认", "对，确认保存", "好，没问题", "行，确认"])
def test_assent_words_strung_together_confirm(ws, word):
    rid = ws.start("某县林业局", 2024, "县级部门")
    reply = say(ws, rid, "今年收到申请5件，都是个人的", word)
    assert "已保存" in reply
    assert _cells(ws, rid).get(NEW) == 5 and _cells(ws, rid).get(PERSON) == 5


def test_a_confirm_after_a_question_is_still_a_confirm(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年收到申请5件，都是个人的", "你刚才说的是什么意思？", "好的，确认")
    assert _cells(ws, rid).get(NEW) == 5


def test_restating_a_pending_figure_then_confirm_saves(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年收到申请5件，都是个人的", "嗯，那就是这5件，确认")
    assert _cells(ws, rid).get(NEW) == 5


def test_a_type_with_a_figure_before_confirm_is_no_plain_confirm(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年收到申请5件，个人3件，企业2件", "企业是3件，确认")
    assert _cells(ws, rid).get("applications.new_received.commercial_enterprise") != 2  # not saved as it was


def test_a_new_figure_before_confirm_is_not_taken_as_a_plain_confirm(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年收到申请5件，都是个人的", "那就是这6件，确认")
    assert _cells(ws, rid).get(NEW) != 5  # 6 is no pending figure: not a blind confirm of 5


def test_leave_taking_saves_what_is_pending_and_says_so(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    reply = say(ws, rid, "今年收到申请5件，都是个人的", "先这样，表一那些数明天法规科给我了再报")
    assert _cells(ws, rid).get(NEW) == 5
    assert "先这样" in reply and "已保存" in reply
    assert "表一那些数明天法规科给我了再报" in reply and "没能理解" not in reply


def test_leave_taking_with_nothing_typed_after_it(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "复议诉讼都没有", "好的，先这样")
    assert _cells(ws, rid).get("review.total") == 0


def test_leave_taking_with_a_doubt_keeps_the_figures_pending(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    reply = say(ws, rid, "今年收到申请5件，都是个人的", "先这样，数我回头再核")
    assert NEW not in _cells(ws, rid)
    assert "先不保存" in reply and "没能理解" not in reply
    say(ws, rid, "确认")
    assert _cells(ws, rid).get(NEW) == 5  # still pending, saved when confirmed
