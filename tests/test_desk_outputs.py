"""What goes back to the body: the 审核意见 docx and the batch workbook (xlsx), from the CLI too."""

from __future__ import annotations

import json

from docx import Document
from openpyxl import load_workbook

from assistant.audit import check_paths
from assistant.cli import main
from assistant.desk.dispositions import bulk, review, with_decisions
from assistant.desk.opinion import Letter, write_opinion
from assistant.desk.workbook import write_workbook
from tests.test_desk_support import planted_yaml, render


def _reviewed(tmp_path):
    src = planted_yaml(tmp_path)
    results = check_paths([render(src, tmp_path / "r.docx")])
    first = review(results, {})
    ds = bulk(first, "确认", reviewer="李", rule="T2_ROW_TOTAL")
    ds += bulk(first, "误报", "正文口径为当年新收", "李", rule="TEXT_TABLE_MISMATCH")
    return review(results, with_decisions({}, ds))


def test_opinion_lists_only_confirmed_problems_with_the_official_place(tmp_path):
    [rep] = _reviewed(tmp_path)
    out = write_opinion(rep, tmp_path / "意见.docx", Letter("青梧县人民政府办公室", "2024年4月15日"))
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "关于《青梧县自然资源局2023年政府信息公开工作年度报告》的审核意见" in text
    assert "青梧县自然资源局：" in text
    assert "存在以下1个须整改的问题" in text
    assert "表二（收到和处理政府信息公开申请情况）“一、本年新收政府信息公开申请数量 / 总计”" in text
    assert "现填报 70，按勾稽关系应为 63" in text
    assert "请于2024年4月15日前完成整改" in text and "青梧县人民政府办公室" in text
    assert "正文写" not in text  # dismissed as 误报: not sent to the body
    assert "行政复议 / 总计" not in text  # undecided: not sent either


def test_opinion_without_confirmed_problems_and_a_blank_deadline(tmp_path):
    [rep] = review(check_paths([planted_yaml(tmp_path)]), {})
    out = write_opinion(rep, tmp_path / "o.docx")
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "未发现须整改的问题" in text and "____年__月__日前" in text


def test_workbook_has_summary_findings_and_dispositions(tmp_path):
    reviewed = _reviewed(tmp_path)
    out = write_workbook(reviewed, tmp_path / "汇总.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == ["汇总", "问题清单", "处理意见"]
    summary = list(wb["汇总"].iter_rows(values_only=True))
    assert summary[0][:6] == ("文件", "机关", "层级", "年度", "格式", "待处理错误")
    row = summary[1]
    assert row[1] == "青梧县自然资源局" and row[3] == 2023 and row[5:9] == (2, 1, 0, 2)
    findings = list(wb["问题清单"].iter_rows(values_only=True))
    assert len(findings) == 6  # header + the 5 failing findings
    states = sorted(r[8] for r in findings[1:])
    assert states == ["待处理", "待处理", "确认（须整改）", "误报", "误报"]
    assert any(r[6] == 70 and r[7] == 63 for r in findings[1:])  # numbers stay numbers
    decisions = list(wb["处理意见"].iter_rows(values_only=True))
    assert len(decisions) == 4 and {r[4] for r in decisions[1:]} == {"李"}


def test_cli_decide_then_letters(tmp_path, capsys):
    src = planted_yaml(tmp_path)
    rev = tmp_path / "rev.json"
    assert (
        main(
            [
                "desk",
                "decide",
                str(src),
                "--reviews",
                str(rev),
                "--as",
                "确认",
                "--by",
                "王",
                "--rule",
                "T3_REVIEW_TOTAL",
            ]
        )
        == 0
    )
    assert main(["desk", "decide", str(src), "--reviews", str(rev), "--as", "误报"]) == 2  # no reason
    assert "须附理由" in capsys.readouterr().err
    doc = json.loads(rev.read_text(encoding="utf-8"))
    assert sum(1 for e in doc["reviews"] if e["disposition"] == "confirmed") == 1
    out = tmp_path / "out"
    assert (
        main(
            ["desk", "letters", str(src), "--reviews", str(rev), "-o", str(out), "--deadline", "2024年5月1日"]
        )
        == 0
    )
    [letter] = list(out.glob("*.docx"))
    assert letter.name == "青梧县自然资源局_2023年度_审核意见.docx"
    text = "\n".join(p.text for p in Document(str(letter)).paragraphs)
    assert "表三" in text and "行政复议 / 总计" in text and "2024年5月1日" in text
    assert (out / "审核汇总.xlsx").exists()
