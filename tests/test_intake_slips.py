"""Typing slips of the form's words and 「去年也没有」 beside a 结转 (spelling.py)."""

from __future__ import annotations

from assistant.core import engine
from assistant.intake import extract_message
from tests.factories import say


def test_slipped_official_words_are_read_and_the_source_keeps_what_was_typed():
    ex = extract_message("出罚的话今年一共一百五十六件")
    assert ex.cells["active.art20_6.admin_penalty.decisions"] == 156
    assert "出罚" in ex.reply()
    assert extract_message("行政复义3件，都维持了").cells["review.total"] == 3
    assert extract_message("强治措施8件").cells["active.art20_6.admin_coercion.decisions"] == 8
    assert extract_message("行政许克一共23件").cells["active.art20_5.admin_license.decisions"] == 23


def test_words_that_merely_contain_a_slip_are_left_alone():
    ex = extract_message("答复意见书12份都按规范制作")
    assert "review.total" not in ex.cells


def test_last_year_none_beside_a_carry_is_carried_over_zero(ws):
    rid = ws.start("某县民政局", 2025, "县级部门")
    say(ws, rid, "今年申请6件，个人5件，企业1件。公开了4件，部分公开1件，不掌握1件")
    reply = say(ws, rid, "没有结转的哈，去年也没有")
    assert "没能理解" not in reply
    say(ws, rid, "确认")
    cells = engine.fill(ws.facts(rid))[0].cells
    assert cells["applications.carried_over_from_prev.total"] == 0
    assert cells["applications.carried_to_next.total"] == 0


def test_last_year_none_without_any_carry_is_not_guessed():
    ex = extract_message("去年也没有")
    assert "applications.carried_over_from_prev.total" not in ex.cells
