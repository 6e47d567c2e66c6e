"""One application's outcome said in the next clause, and what became of last year's carry-over told
after this year's results (issue 11; found by dev set F, f002/f017/f025): added, said old → new."""

from __future__ import annotations

from assistant.intake.extract import extract
from assistant.intake.model import ExtractionContext
from tests.factories import say

_R = "applications.results."


def _values(message: str, cells: dict | None = None) -> dict:
    return {p.key: p.value for p in extract(message, ExtractionContext(cells=cells or {})).proposals}


def test_one_applications_outcome_in_the_next_clause():
    """「收到1件企业的，给他公开了」: before, the outcome was dropped without a word."""
    assert _values("收到1件企业的，给他公开了")[_R + "granted.commercial_enterprise"] == 1
    assert _values("新收3件，也给了")[_R + "granted.total"] == 3


def test_a_count_of_several_without_all_keeps_its_outcome_open():
    assert _R + "granted.total" not in _values("新收3件，给他公开了")


def _year_given(ws):
    rid = ws.start("某县青石镇人民政府", 2024, "乡镇")
    say(ws, rid, "今年收到19件，都是个人申请的", "确认")
    say(ws, rid, "予以公开13件，部分公开5件，都是个人的", "确认")
    say(ws, rid, "结转下年度1件，个人的", "确认")
    return rid


def test_the_carry_overs_outcome_adds_to_this_years_results(ws):
    rid = _year_given(ws)
    reply = say(ws, rid, "去年转过来的那一件，今年1月份就答复了，给他公开了，上面说的13件不包括这件")
    assert "13 → 14" in reply
    assert "没能确定" not in reply and "没能理解" not in reply
    say(ws, rid, "都是个人", "确认")
    cells = ws.row(rid).state["cells"]
    assert cells[_R + "granted.total"] == 14
    assert cells["applications.carried_over_from_prev.total"] == 1


def test_without_this_years_results_the_carry_over_is_only_said_back(ws):
    rid = ws.start("某县青石镇人民政府", 2024, "乡镇")
    say(ws, rid, "今年收到19件，都是个人申请的", "确认", "予以公开10件，都是个人的", "确认")
    reply = say(ws, rid, "上年结转1件，予以公开")
    assert "计入本年办理结果" in reply and "10 → 11" not in reply


def test_no_correction_told_as_a_story():
    cells = _values("一件让他补正材料，他一直没补，过了期限就不再处理了")
    assert cells[_R + "other.no_correction_overdue.total"] == 1
    assert _values("一件让他补正，他没补，就不再处理了")[_R + "other.no_correction_overdue.total"] == 1


def test_all_of_a_typed_part_is_that_parts_outcome():
    """「收到5件，4件是企业申请的，都给了，还有1件是……大学……申请的，部分公开」: 都给了 is the 4 企业 ones
    (before: all 5 granted and the other 4 types zero-filled)."""
    cells = _values("依申请公开收到5件，4件是企业申请的，都给了，还有1件是某大学经济学院申请的，部分公开")
    assert cells[_R + "granted.commercial_enterprise"] == 4
    assert cells[_R + "partially_granted.research_institution"] == 1
    assert cells["applications.new_received.research_institution"] == 1
    assert _R + "granted.total" not in cells


def test_all_of_counts_making_up_the_total_is_the_whole_year():
    cells = _values("收到3件，2个居民1个物业公司的，都给公开了")
    assert cells[_R + "granted.total"] == 3
