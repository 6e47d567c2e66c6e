"""Issue 15 item 12: ledgers as other programs write them — formulas without results, merged cells,
UTF-16 CSV, a sheet padded to thousands of columns."""

from __future__ import annotations

import io
import time

import pytest
from openpyxl import Workbook

from assistant.intake import read_ledger

HEADER = ["申请人类型", "收到日期", "办理结果", "办结日期"]
ROWS = [["自然人", "2023-01-10", "予以公开", "2023-01-20"], ["自然人", "2023-03-01", "部分公开", "2023-03-20"],
        ["商业企业", "2023-05-01", "予以公开", "2023-05-09"]]  # fmt: skip


def _xlsx(rows, edit=None) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for r in rows:
        ws.append(r)
    if edit:
        edit(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_formula_without_a_cached_result_is_refused_by_cell() -> None:
    data = _xlsx(ROWS, lambda ws: ws.cell(row=3, column=4, value="=B3+19"))
    r = read_ledger(data, "台账.xlsx", 2023)
    assert not r.ok and not r.cells
    assert "第 3 行 D 列是公式，文件中没有计算结果，请在 Excel 中打开并保存后再上传" in r.errors[0]
    assert "台账.xlsx" in r.errors[0]


def test_a_formula_beyond_the_header_columns_does_not_matter() -> None:
    r = read_ledger(_xlsx(ROWS, lambda ws: ws.cell(row=2, column=9, value="=1+1")), "台账.xlsx", 2023)
    assert r.ok, r.errors


def test_merged_applicant_type_applies_to_every_covered_row() -> None:
    rows = [
        list(ROWS[0]),
        ["", "2023-02-01", "予以公开", "2023-02-10"],
        ["", "2023-03-01", "予以公开", "2023-03-05"],
    ]

    def merge(ws):
        ws.merge_cells("A2:A4")
        ws.merge_cells("A6:D6")  # a one-row note across the foot stays as Excel shows it

    r = read_ledger(_xlsx(rows, merge), "台账.xlsx", 2023)
    assert r.ok, r.errors
    assert r.cells["applications.new_received.natural_person"] == 3
    assert r.cells["applications.results.granted.natural_person"] == 3


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("sep", [",", "\t"])
def test_utf16_csv_is_read(codec, sep) -> None:
    text = "\r\n".join(sep.join(r) for r in [HEADER, *ROWS]) + "\r\n"
    r = read_ledger(text.encode(codec), "台账.csv", 2023)
    assert r.ok, r.errors
    assert r.cells["applications.new_received.total"] == 3
    assert r.cells["applications.new_received.natural_person"] == 2


def test_a_sheet_padded_to_16384_columns_reads_only_the_used_ones() -> None:
    def stray(ws):
        for row in range(2, 3000):
            ws.cell(row=row, column=16384, value=" ")

    rows = [ROWS[i % 3] for i in range(3000)]
    data = _xlsx(rows, stray)
    t0 = time.perf_counter()
    r = read_ledger(data, "台账.xlsx", 2023)
    took = time.perf_counter() - t0
    assert r.ok, r.errors
    assert r.cells["applications.new_received.total"] == 3000
    print(f"padded ledger: {took:.2f} s")
