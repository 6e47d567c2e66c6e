"""A count given roughly then exactly, an applicant moved between types by a correction, and two counts
of one type said together (issue 11; found by dev set F, f002)."""

from __future__ import annotations

from assistant.app import chat, chat_uploads
from tests.factories import say

_NEW = "applications.new_received."
_LAST_YEAR = """agency: 某县青石镇人民政府
year: 2023
cells:
  applications.new_received.natural_person: 14
  applications.new_received.total: 14
  applications.carried_over_from_prev.total: 0
  applications.results.granted.natural_person: 13
  applications.results.granted.total: 13
  applications.results.total.natural_person: 13
  applications.results.total.total: 13
  applications.carried_to_next.natural_person: 1
  applications.carried_to_next.total: 1
"""


def _saved(ws, rid) -> dict:
    return ws.row(rid).state.get("cells") or {}


def test_last_years_report_then_the_question_goes_on(ws, tmp_path):
    """After last year's report is read the assistant asks its next question, so a rough count and
    then 「准确是二十三件」 answer it (before: the exact count was 「没能确定对应表格的哪一栏」)."""
    rid = ws.start("某县青石镇人民政府", 2024, "乡镇")
    prev = tmp_path / "2023.yaml"
    prev.write_text(_LAST_YEAR, encoding="utf-8")
    reply = chat_uploads.previous(ws, rid, prev).history[-1]["content"]
    chat.greet(ws, rid)
    assert "今年共收到多少件" in reply
    assert "不是确切数字" in say(ws, rid, "今年的政府信息公开申请大概二十来件吧，我翻一下登记本")
    reply = say(ws, rid, "准确是二十三件")
    assert "本年新收政府信息公开申请数量 / 总计：23" in reply


def test_a_correction_moves_one_applicant_to_another_type(ws):
    """「村民是十九件，有一件是村委会替村里申请的」: 村民 20 → 19 and 其他组织 2 → 3 (the one moved),
    not 2 → 1; the remark 「不算村民个人」 is part of it, not 「没能理解」."""
    rid = ws.start("某县青石镇人民政府", 2024, "乡镇")
    say(ws, rid, "今年收到23件，村民二十件，合作社两件，还有一件是公司申请的", "确认")
    reply = say(ws, rid, "不对，村民是十九件，有一件是村委会替村里申请的，不算村民个人")
    assert "20 → 19" in reply and "2 → 3" in reply
    assert "没能理解" not in reply
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert (cells[_NEW + "natural_person"], cells[_NEW + "other_org"], cells[_NEW + "total"]) == (19, 3, 23)


def test_a_lowered_type_with_no_other_type_named_is_only_lowered(ws):
    rid = ws.start("某县青石镇人民政府", 2024, "乡镇")
    say(ws, rid, "今年收到23件，村民二十件，合作社两件，还有一件是公司申请的", "确认")
    reply = say(ws, rid, "不对，村民是十九件")
    assert "20 → 19" in reply and "2 → 3" not in reply


def test_two_counts_of_one_type_with_one_outcome_add_up(ws):
    """「合作社那两件和村委会那件都公开了」: both are 其他组织, so 予以公开·其他组织 is 3 (before: two
    rival values 2 and 1)."""
    rid = ws.start("某县青石镇人民政府", 2024, "乡镇")
    say(ws, rid, "今年收到23件，村民19件，合作社和村委会3件，公司1件", "确认")
    reply = say(ws, rid, "合作社那两件和村委会那件都公开了")
    assert "予以公开 / 其他：3" in reply and "不同的数字" not in reply


def test_two_types_with_one_outcome_each_keep_their_count(ws):
    rid = ws.start("某县青石镇人民政府", 2024, "乡镇")
    say(ws, rid, "今年收到4件，个人1件，企业2件，慈善协会1件", "确认")
    reply = say(ws, rid, "企业的2件和慈善协会那1件都公开了")
    assert "予以公开 / 商业企业：2" in reply and "予以公开 / 社会公益组织：1" in reply


def test_rough_counts_by_type_then_the_exact_ones(ws):
    """A rough count said without its row is about the row the assistant asked (本年新收), so the exact
    counts that follow go there too (before: they stayed unplaced)."""
    rid = ws.start("某县住房和城乡建设局", 2024, "县级部门")
    chat.greet(ws, rid)
    say(ws, rid, "住建局的，今年依申请公开大概三十来件吧，我先查一下台账", "个人的二十几件，企业的有几件")
    say(ws, rid, "查到了，准确的是：个人26，企业5，律师事务所2，一共33", "确认")
    cells = _saved(ws, rid)
    assert [
        cells.get(_NEW + c) for c in ("natural_person", "commercial_enterprise", "legal_service_org")
    ] == [26, 5, 2]


def test_a_count_said_again_in_a_correction_is_no_second_value(ws):
    """「不对，……去年结转了2件，对的是2件，都是村民的」: 「对的是2件」 is the carry-over said again; before,
    it corrected the confirmed 本年新收·自然人 6 → 2."""
    rid = ws.start("某县柳湾镇人民政府", 2025, "乡镇")
    say(ws, rid, "今年新收的6件都是村民申请的", "确认", "上年结转的是1件吧")
    reply = say(ws, rid, "不对，我看了去年的报告，去年结转了2件，对的是2件，都是村民的")
    assert "6 → 2" not in reply and "没能理解" not in reply
    say(ws, rid, "确认")
    cells = _saved(ws, rid)
    assert cells[_NEW + "natural_person"] == 6
    assert cells["applications.carried_over_from_prev.natural_person"] == 2
