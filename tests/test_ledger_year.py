"""A ledger none of whose applications was received in the report's year: said before the confirm.

The flaky browser test's failure (本年新收·自然人 3 → 0 by the user) is what a report created for the
form's default year (last year) does with a ledger of the year before: the chat's 3 is replaced by the
ledger's 0 on the confirm, with only a line in the diff list to say so.
"""

from __future__ import annotations

from assistant.app import chat, chat_uploads

LEDGER = (
    "收到日期,申请人类型,办理结果,办结日期\n2024-02-01,自然人,予以公开,2024-02-20\n"
    "2024-05-09,自然人,予以公开,2024-05-30\n2024-12-25,自然人,,\n"
)
NATURAL = "applications.new_received.natural_person"


def _upload(ws, tmp_path, year: int, given: dict | None = None) -> str:
    rid = ws.start("青梧县测试局", year)
    if given:
        ws.set_cells(rid, given, source="chat")
    ledger = tmp_path / "台账.csv"
    ledger.write_text(LEDGER, encoding="utf-8")
    return chat_uploads.ledger(ws, rid, ledger).history[-1]["content"]


def test_a_ledger_of_another_year_is_said_with_what_the_confirm_would_replace(ws, tmp_path):
    text = _upload(ws, tmp_path, 2025, {NATURAL: 3})
    assert "台账中没有一件申请是2025年收到的（收到日期为2024-02-01至2024-12-25）" in text
    assert "确认后已保存的本年新收3件将改为0" in text
    assert "请先核对报告年度" in text


def test_the_saved_total_is_named_when_it_was_given(ws, tmp_path):
    text = _upload(ws, tmp_path, 2025, {NATURAL: 3, "applications.new_received.total": 4})
    assert "已保存的本年新收4件将改为0" in text


def test_without_saved_figures_the_year_is_still_questioned(ws, tmp_path):
    text = _upload(ws, tmp_path, 2025)
    assert "台账中没有一件申请是2025年收到的" in text
    assert "将改为0" not in text


def test_a_ledger_of_the_report_year_has_no_warning(ws, tmp_path):
    text = _upload(ws, tmp_path, 2024, {NATURAL: 3})
    assert "没有一件申请" not in text
    rid = ws.reports()[0].id
    chat.turn(ws, rid, "确认")
    assert ws.facts(rid).cells[NATURAL] == 3
