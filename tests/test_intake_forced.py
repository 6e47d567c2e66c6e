"""Table 2 cells the arithmetic forces: a column with no application this year nor carried over has
办理结果总计 0 and 结转下年度 0 (attribution rule 4); results that use up a positive inflow do not fill
结转下年度, which the year-end question asks."""

from __future__ import annotations

from assistant.core import engine
from assistant.intake import ExtractionContext, extract_message
from assistant.intake.model import ARITHMETIC
from tests.factories import say

_A = "applications."


def _filled(ws, rid):
    return engine.fill(ws.facts(rid))[0].cells


def test_no_application_at_all_fills_results_total_and_next_year_with_zero(ws):
    rid = ws.start("某县档案馆", 2025, "县级部门")
    reply = say(ws, rid, "今年没有收到申请，上年也没有结转的")
    assert ARITHMETIC.rstrip("：") in reply  # the reason is said, not a quote of the user's words
    say(ws, rid, "确认")
    cells = _filled(ws, rid)
    assert cells[_A + "results.total.total"] == 0
    assert cells[_A + "carried_to_next.total"] == 0


def test_results_that_use_up_a_positive_inflow_leave_the_year_end_question_to_the_clerk(ws):
    rid = ws.start("某县林业局", 2025, "县级部门")
    say(ws, rid, "申请就4件，都是老百姓的", "确认", "上年结转没有", "确认")
    say(ws, rid, "3件公开了，还有1件我们不掌握", "确认")
    cells = _filled(ws, rid)
    assert _A + "carried_to_next.total" not in cells  # its answer cross-checks the results said
    say(ws, rid, "年底都办完了", "确认")
    cells = _filled(ws, rid)
    assert cells[_A + "carried_to_next.total"] == 0
    assert cells[_A + "results.total.total"] == 4


def test_results_short_of_the_inflow_force_nothing(ws):
    rid = ws.start("某县林业局", 2025, "县级部门")
    say(ws, rid, "申请就4件，都是老百姓的", "确认", "上年结转没有", "确认")
    say(ws, rid, "3件公开了", "确认")
    cells = _filled(ws, rid)
    assert _A + "carried_to_next.total" not in cells
    assert _A + "results.total.total" not in cells


def test_a_carry_to_next_already_said_is_never_overridden():
    ctx = ExtractionContext(
        cells={
            _A + "new_received.total": 5,
            _A + "carried_over_from_prev.total": 0,
            _A + "carried_to_next.total": 1,
        }
    )
    ex = extract_message("予以公开5件", ctx)
    assert (
        _A + "carried_to_next.total" not in ex.cells
    )  # 5 results + 1 carried: the balance says so, not this rule


def test_nothing_left_said_colloquially_is_next_year_zero(ws):
    rid = ws.start("某镇人民政府", 2025, "乡镇")
    say(ws, rid, "收了2件申请，都是个人的，都公开了", "确认")
    reply = say(ws, rid, "去年没转过来的，也没剩下的")
    assert "没能理解" not in reply
    say(ws, rid, "确认")
    cells = _filled(ws, rid)
    assert cells[_A + "carried_over_from_prev.total"] == 0
    assert cells[_A + "carried_to_next.total"] == 0


def test_remainder_words_are_not_next_year():
    ex = extract_message("收到申请5件，剩下的都是企业的，个人2件")
    assert _A + "carried_to_next.total" not in ex.cells
