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
    html = "<html><body><p>某县人民政府2023年政府信息公开工作年度报告</p><table>"
    html += "".join(f"<tr>{cells}</tr>" for _ in range(300)) + "</table></body></html>"
    t0 = time.perf_counter()
    try:
        read_report_bytes(html.encode(), "spans.html")
    except ReaderError:
        pass
    assert time.perf_counter() - t0 < 10
