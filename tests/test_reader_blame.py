"""Who is blamed (issue 12, cause 10): what the reader could not read is the reader's gap.

A row whose label is printed nowhere is missing from the report (`source: report`, an error); a
row whose label is printed but whose values could not be placed is the reader's gap (`source:
reader`, a warning 「本工具未能读取……」), never an error against the report.
"""

from __future__ import annotations

import json

from assistant.audit import check_paths
from assistant.core.findings import ERROR, READER, REPORT, WARNING, Finding
from assistant.reader import read_report_bytes
from tests.fixtures.reader.render_text import txt
from tests.fixtures.reader.truth import make_truth


def _by_rule(findings, rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def test_finding_json_says_who_is_blamed():
    assert Finding("X", ERROR, "fail", "m").to_json()["source"] == REPORT
    assert Finding("X", WARNING, "fail", "m", source=READER).to_json()["source"] == READER


def test_row_absent_from_the_document_is_the_reports_error():
    t = make_truth("云溪县市场监督管理局", 2023, seed=3)
    text = "\n".join(ln for ln in txt(t).splitlines() if "行政强制" not in ln)
    report = read_report_bytes(text.encode(), "a.txt")
    [f] = _by_rule(report.findings, "ROW_MISSING")
    assert (f.severity, f.source) == (ERROR, REPORT)


def test_row_printed_but_not_read_is_the_readers_gap():
    t = make_truth("云溪县市场监督管理局", 2023, seed=3)
    lines = txt(t).splitlines()
    i = next(i for i, ln in enumerate(lines) if ln.startswith("行政强制"))
    # the label is printed, but its numbers landed in running text: the reader cannot place them
    lines[i] = ""
    lines.insert(2, "行政强制一行见附件")
    report = read_report_bytes("\n".join(lines).encode(), "b.txt")
    [f] = _by_rule(report.findings, "ROW_MISSING")
    assert (f.severity, f.source) == (WARNING, READER)
    assert f.message.startswith("本工具未能读取")


def test_check_json_carries_source_on_every_finding(tmp_path):
    t = make_truth("云溪县市场监督管理局", 2023, seed=3)
    p = tmp_path / "c.txt"
    p.write_text("\n".join(ln for ln in txt(t).splitlines() if "行政强制" not in ln), encoding="utf-8")
    [result] = check_paths([p])
    out = json.loads(json.dumps(result.to_json(), ensure_ascii=False))
    assert out["findings"] and all(f["source"] in (REPORT, READER) for f in out["findings"])
