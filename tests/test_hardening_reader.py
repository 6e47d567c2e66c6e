"""Issue 15 item 1: decompression bombs in docx/xlsx and huge HTML spans are refused or bounded."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from assistant.reader import read_report_bytes
from assistant.reader.errors import ReaderError


def _zip_bomb(member: str, size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(member, b"<" + b"a" * size + b">")
    return buf.getvalue()


def test_docx_bomb_is_refused_before_opening() -> None:
    data = _zip_bomb("word/document.xml", 200 * 1024 * 1024)
    assert len(data) < 1024 * 1024
    t0 = time.perf_counter()
    with pytest.raises(ReaderError) as e:
        read_report_bytes(data, "bomb.docx")
    assert time.perf_counter() - t0 < 3
    assert "bomb.docx" in str(e.value) and ("膨胀" in str(e.value) or "过大" in str(e.value))


def test_xlsx_bomb_is_refused_by_the_ledger() -> None:
    from assistant.intake import ledger

    data = _zip_bomb("xl/worksheets/sheet1.xml", 200 * 1024 * 1024)
    with pytest.raises(ledger.LedgerError) as e:
        ledger._open_workbook(data, "bomb.xlsx")
    assert "bomb.xlsx" in str(e.value) and "压缩" in str(e.value)


def test_huge_spans_in_html_stay_bounded() -> None:
    cells = '<td rowspan="100000000" colspan="100000000">1</td>' * 200
    html = "<html><body><p>某县人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p><table>"
    html += "".join(f"<tr>{cells}</tr>" for _ in range(300)) + "</table></body></html>"
    t0 = time.perf_counter()
    try:
        read_report_bytes(html.encode(), "spans.html")
    except ReaderError:
        pass
    assert time.perf_counter() - t0 < 10


def test_html_table_over_the_cap_is_said_by_file_and_table() -> None:
    title = "<p>某县人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度公开信息。</p>"
    small = "<table><tr><td>a</td><td>b</td></tr><tr><td>1</td><td>2</td></tr></table>"
    rows = "".join(f"<tr>{'<td>1</td>' * 70}</tr>" for _ in range(2100))
    html = f"<html><body>{title}{small}<table>{rows}</table></body></html>"
    report = read_report_bytes(html.encode(), "大表.html")
    capped = [f for f in report.findings if f.rule == "TABLE_CAPPED"]
    assert len(capped) == 1 and capped[0].source == "reader" and capped[0].severity == "warning"
    msg = capped[0].message
    assert "大表.html" in msg and "第2个表格" in msg and "2100行" in msg and "60列" in msg


def test_huge_spans_are_said() -> None:
    html = "<html><body><p>某县人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p><table>"
    html += '<tr><td rowspan="100000">1</td><td>2</td></tr><tr><td>3</td></tr></table></body></html>'
    report = read_report_bytes(html.encode(), "跨度.html")
    assert any(f.rule == "TABLE_CAPPED" and "跨度100000" in f.message for f in report.findings)
