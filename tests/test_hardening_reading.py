"""Issue 15 item 13: what the reader cannot use is said plainly (skipped files, unexpected errors)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.reader import ReaderError, read_report


def test_files_a_folder_audit_does_not_take_are_listed_with_the_reason(tmp_path, capsys) -> None:
    shutil.copy("examples/sample_report.yaml", tmp_path / "a.yaml")
    for name in ("台账.xlsx", "~$报告.docx", "说明.rtf", ".DS_Store"):
        (tmp_path / name).write_bytes(b"x")
    code = main(["check", "--json", str(tmp_path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and len(out["reports"]) == 1
    skipped = {Path(s["source"]).name: s["reason"] for s in out["skipped"]}
    assert set(skipped) == {"台账.xlsx", "~$报告.docx", "说明.rtf"}
    assert "表格文件不是年报" in skipped["台账.xlsx"] and "临时文件" in skipped["~$报告.docx"]
    main(["check", str(tmp_path)])
    text = capsys.readouterr().out
    assert "已跳过 3 个文件" in text and "说明.rtf" in text


SECTION = re.compile(
    r"^[一二三四五六]、(总体情况|主动公开|收到和处理|政府信息公开行政复议|存在的主要|其他需要)"
)


def _parts(tmp_path) -> list[list[str]]:
    """The exported sample report cut at its six headings: [preamble, s1, …, s6]."""
    main(["export", "examples/sample_report.yaml", "-o", str(tmp_path / "r.txt")])
    lines = (tmp_path / "r.txt").read_text("utf-8").split("\n")
    heads = [i for i, x in enumerate(lines) if SECTION.match(x)]
    assert len(heads) == 6
    return [lines[: heads[0]]] + [lines[a:b] for a, b in zip(heads, heads[1:] + [len(lines)], strict=True)]


def _rules(tmp_path, name: str, lines: list[str]) -> dict[str, str]:
    path = tmp_path / name
    path.write_text("\n".join(lines), "utf-8")
    return {f.rule: f.message for f in read_report(path).findings}


def test_the_sample_itself_has_no_form_findings(tmp_path) -> None:
    rules = _rules(tmp_path, "ok.txt", sum(_parts(tmp_path), []))
    assert not {"SECTION_ORDER", "TABLE_PLACEMENT", "TABLE_ROW_REPEATED"} & set(rules)


def test_sections_in_reverse_order_are_a_finding(tmp_path) -> None:
    p = _parts(tmp_path)
    rules = _rules(tmp_path, "rev.txt", p[0] + sum(p[:0:-1], []))
    assert "第六、五、四、三、二、一部分" in rules["SECTION_ORDER"]


def test_tables_two_and_three_swapped_are_findings(tmp_path) -> None:
    p = _parts(tmp_path)
    s3, s4 = p[3], p[4]
    lines = p[0] + p[1] + p[2] + [s3[0]] + s4[1:] + [s4[0]] + s3[1:] + p[5] + p[6]
    rules = _rules(tmp_path, "swap.txt", lines)
    assert "TABLE_PLACEMENT" in rules and "应在第" in rules["TABLE_PLACEMENT"]


def test_repeated_table_two_rows_are_a_finding(tmp_path) -> None:
    lines = sum(_parts(tmp_path), [])
    i = next(k for k, x in enumerate(lines) if x.startswith("二、上年结转政府信息公开申请数量"))
    rules = _rules(tmp_path, "dup.txt", lines[: i + 1] + [lines[i]] + lines[i + 1 :])
    assert "“二、上年结转政府信息公开申请数量”重复出现" in rules["TABLE_ROW_REPEATED"]


def test_a_budget_report_is_not_an_annual_report(tmp_path) -> None:
    text = (
        "某县财政局2023年部门决算公开说明\n\n第一部分 部门概况\n一、主要职能\n负责全县财政收支管理。\n"
        "二、部门决算单位构成\n本部门决算包括局本级。\n第二部分 2023年度部门决算表\n"
        "项目\t本年收入\t本年支出\n一般公共预算财政拨款收入\t1200.5\t1180.2\n"
        "第三部分 情况说明\n一、收入支出决算总体情况说明\n2023年度收入总计1200.5万元。\n二、其他需要说明的事项\n无。\n"
    )
    (tmp_path / "决算.txt").write_text(text, "utf-8")
    with pytest.raises(ReaderError) as e:
        read_report(tmp_path / "决算.txt")
    assert "决算.txt" in str(e.value) and "不是政府信息公开工作年度报告" in str(e.value)
