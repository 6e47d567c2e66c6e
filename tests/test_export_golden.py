"""Golden files for the text renderings (md, txt, html).

A changed rendering fails here; look at the diff and, if the change is intended, regenerate with
`UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_export_golden.py` and commit tests/golden/.
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser

import pytest

from assistant.core.findings import ERROR, FAIL, Finding
from assistant.export import render_html, render_markdown, render_text
from assistant.export.layout import HEAD, VALUE, Grid, Span
from assistant.export.plain import markdown_table
from tests.test_export_fixtures import GOLDEN, full_report, marker_report, sample_report

CASES = {
    "sample_2021": sample_report,
    "full_2019": lambda: full_report("2019"),
    "markers_2021": marker_report,
}
RENDERERS = {"md": render_markdown, "txt": render_text, "html": render_html}


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_rendering_matches_golden(case, fmt):
    text = RENDERERS[fmt](CASES[case]())
    path = GOLDEN / f"{case}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"缺少 golden 文件 {path}：运行 UPDATE_GOLDEN=1 pytest {__file__}"
    assert text == path.read_text(encoding="utf-8")


class _Checker(HTMLParser):
    """Tracks open tags; every table row must cover the same number of grid columns."""

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.tags = [], [], set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag not in ("meta", "br", "col"):  # void elements
            self.stack.append(tag)
        for name, value in attrs:
            if name in ("src", "href") or (value and "url(" in value):
                self.errors.append(f"external reference {name}={value}")

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"unbalanced </{tag}>")


def test_html_is_standalone_balanced_and_escaped():
    page = render_html(full_report())
    checker = _Checker()
    checker.feed(page)
    assert checker.errors == [] and checker.stack == []
    assert {"table", "thead", "tbody", "th", "td", "h1", "h2", "style"} <= checker.tags
    assert "script" not in checker.tags and "link" not in checker.tags
    assert "A&amp;B类&lt;2&gt;批" in page and "A&B" not in page
    assert page.startswith("<!DOCTYPE html>") and '<html lang="zh-CN">' in page
    assert 'rowspan="3" colspan="3"' in page  # the corner note
    assert 'rowspan="22"' in page  # 三、本年度办理结果


def test_markdown_tables_have_equal_width_rows():
    md = render_markdown(sample_report())
    table_lines = [line for line in md.splitlines() if line.startswith("|")]
    widths = {len(re.findall(r"(?<!\\)\|", line)) for line in table_lines}
    assert widths == {5, 11, 16}  # Table 1: 4 columns, Table 2: 10, Table 3: 15
    grid = Grid(9, 2, 2, 0, (Span(0, 0, "甲|乙", 1, 2, HEAD), Span(1, 0, "x"), Span(1, 1, "1", kind=VALUE)))
    assert markdown_table(grid).splitlines()[0] == "| 甲\\|乙 |  |"  # a pipe never splits a cell


def test_text_rows_have_one_field_per_grid_column():
    txt = render_text(sample_report())
    lines = [line for line in txt.splitlines() if "\t" in line]
    assert {line.count("\t") + 1 for line in lines} == {4, 10, 15}


def test_appendix_lists_failed_findings_errors_first():
    findings = [
        Finding("W", "warning", FAIL, "提醒一"),
        Finding("E", ERROR, FAIL, "错误一", ("review.total",), table=3),
        Finding("G", ERROR, FAIL, "正文数字与表格不符", ("review.upheld",), where="四、第1句"),
        Finding("N", ERROR, "not_assessable", "无法核验"),
    ]
    for render in RENDERERS.values():
        out = render(marker_report(), findings)
        assert "附：核对意见" in out
        assert out.index("错误一") < out.index("提醒一") and "无法核验" not in out
    page = render_html(marker_report(), findings)
    assert page.count("background:#ffe8a3") == 1  # the table error's cell, not the prose finding's
    assert "正文数字与表格不符（四、第1句）" in page
    assert "附：核对意见" not in render_text(marker_report())
