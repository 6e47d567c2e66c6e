"""`assistant diff`: an exported draft edited in Word comes back; changes are shown and re-checked."""

from __future__ import annotations

import json

from docx import Document

from assistant.cli import main
from assistant.export import write_report
from tests.test_export_fixtures import SAMPLE_FACTS, sample_report

GRANTED_NP = "applications.results.granted.natural_person"


def _draft_and_edit(tmp_path):
    """The sample report as a draft .docx and a copy edited the way an editor would in Word."""
    draft = write_report(sample_report(), tmp_path / "draft.docx")
    doc = Document(str(draft))
    t2 = doc.tables[1]
    cell = t2.cell(5, 3)  # 三、本年度办理结果（一）予以公开 / 自然人
    assert cell.text == "18"
    cell.paragraphs[0].runs[0].text = "19"
    for p in doc.paragraphs:
        if p.text.startswith("（三）政府信息管理。"):
            p.runs[-1].text = p.runs[-1].text.replace("27条", "30条")
        if p.text == "本年度未收取信息处理费。":
            p.runs[-1].text += "本年度无其他需要报告的事项。"
    edited = tmp_path / "edited.docx"
    doc.save(str(edited))
    return draft, edited


def test_diff_shows_changed_numbers_and_sentences(tmp_path, capsys):
    draft, edited = _draft_and_edit(tmp_path)
    code = main(["diff", str(draft), str(edited)])
    out = capsys.readouterr().out
    assert code == 1  # the edit broke the table's sums
    assert "表二 三、本年度办理结果（一）予以公开 / 自然人：18 → 19" in out
    assert "一、总体情况（改 1 句，增 0 句，删 0 句）" in out
    assert "全年清理过时信息30条。" in out
    assert "增：本年度无其他需要报告的事项。" in out
    assert (
        "【重新核对修改稿】" in out
        and "  + [表二] " in out
        and "按自然人及法人或其他组织各分项合计应为" in out
    )
    assert "T2_ROW_TOTAL" not in out  # rule ids are in --json (test_diff_json)
    assert "新出现" in out


def test_diff_json(tmp_path, capsys):
    draft, edited = _draft_and_edit(tmp_path)
    assert main(["diff", str(draft), str(edited), "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["changed"] is True
    assert [(c["key"], c["old"], c["new"]) for c in data["cells"]] == [(GRANTED_NP, 18, 19)]
    assert {s["key"] for s in data["sections"]} == {"s1_overview", "s6_other"}
    rules = {f["rule"] for f in data["introduced"]}
    assert {"T2_ROW_TOTAL", "T2_RESULTS_TOTAL_2021"} <= rules
    assert data["check"]["cells"][GRANTED_NP] == 19


def test_unchanged_export_against_its_facts_file(tmp_path, capsys):
    draft = write_report(sample_report(), tmp_path / "draft.docx")
    assert main(["diff", str(SAMPLE_FACTS), str(draft)]) == 0
    out = capsys.readouterr().out
    assert "未发现改动" in out and "与原稿相比：核对结果没有变化" in out


def test_diff_unreadable_input(tmp_path, capsys):
    draft = write_report(sample_report(), tmp_path / "draft.docx")
    assert main(["diff", str(draft), str(tmp_path / "missing.docx")]) == 2
    err = capsys.readouterr().err
    assert "无法对比" in err and "Traceback" not in err
