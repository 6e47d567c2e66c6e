"""表一 as clerks correct it: a part or the reason of a correction said after the value is no rival value;
a correction naming only a 表一 column (「现行有效我数错了」) or only an amount (「是12.63万元」) finds its cell."""

from __future__ import annotations

from decimal import Decimal

from assistant.intake import ExtractionContext, extract_message
from tests.factories import say

_DOCS = "active.art20_1.normative_docs"
_FEE = "active.art20_8.admin_fees.amount_wan_yuan"


def test_a_part_after_the_count_is_said_back_not_a_rival_value():
    ex = extract_message("处罚案件37起，其中简易程序20起")
    assert ex.cells == {"active.art20_6.admin_penalty.decisions": 37}
    reply = ex.reply()
    assert "一部分" in reply and "没能确定" not in reply


def test_the_reason_of_a_correction_is_no_second_value(ws):
    rid = ws.start("某县农业农村局", 2025, "县级部门")
    say(ws, rid, "行政处罚四十二件", "确认")
    reply = say(ws, rid, "处罚刚才说错了，是四十五件，有三件是年底补录的")
    assert "42 → 45" in reply and "不同的数字" not in reply
    say(ws, rid, "确认")
    assert ws.facts(rid).cells["active.art20_6.admin_penalty.decisions"] == 45


def test_a_column_only_correction_goes_to_the_one_row_with_a_count(ws):
    rid = ws.start("某县司法局", 2025, "县级部门")
    say(ws, rid, "规范性文件制发2件，没废止，现行有效是十九件", "规章不涉及", "确认")
    reply = say(ws, rid, "现行有效我数错了，应该是二十一件，漏了两件联合发文的")
    assert "19 → 21" in reply and "没能" not in reply
    say(ws, rid, "确认")
    cells = ws.facts(rid).cells
    assert cells[f"{_DOCS}.in_force"] == 21 and cells["active.art20_1.regulations.in_force"] == 0


def test_an_amount_said_as_a_correction_can_only_be_the_fee():
    ctx = ExtractionContext(cells={_FEE: Decimal("12.36")})
    assert extract_message("哦不对 我看错行了 是12.63万元", ctx).cells[_FEE] == Decimal("12.63")
    assert _FEE not in extract_message("网站改版投入了12万元", ctx).cells


def test_a_column_word_is_not_a_part():
    cells = extract_message("规范性文件制发0件，废止2件，有效的还剩1件").cells
    assert cells[f"{_DOCS}.in_force"] == 1
