"""Ledger import speed (issue 15 item 12): a wide .xlsx (a stray value far to the right pads every
row to thousands of columns) and an ordinary one. Prints seconds per file; no assertions.

Run: ASSISTANT_SANDBOX=0 .venv/bin/python benchmarks/bench_ledger.py (in process: the parse budget's
deadline would otherwise cut a slow read short)
"""

from __future__ import annotations

import io
import time

from openpyxl import Workbook

from assistant.intake import read_ledger

HEADER = ["序号", "申请人类型", "收到日期", "办理结果", "办结日期", "申请内容", "备注"]


def ledger_xlsx(rows: int, stray_column: int = 0) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER)
    for i in range(rows):
        ws.append(
            [
                i + 1,
                "自然人",
                f"2023-{i % 12 + 1:02d}-01",
                "予以公开",
                f"2023-{i % 12 + 1:02d}-20",
                f"关于某街道某小区{i}号楼规划许可信息的申请",
                "",
            ]
        )
        if stray_column:
            ws.cell(row=i + 2, column=stray_column, value=" ")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def timed(data: bytes, name: str) -> tuple[float, bool]:
    t0 = time.perf_counter()
    r = read_ledger(data, name, 2023)
    return time.perf_counter() - t0, r.ok


def main() -> None:
    for label, data in (
        ("ordinary 2,000 rows", ledger_xlsx(2000)),
        ("wide 6,000 rows, a stray cell at column 16384 in each", ledger_xlsx(6000, 16384)),
    ):
        took, ok = timed(data, "台账.xlsx")
        print(f"{label}: {len(data) / 1024 / 1024:.2f} MB, {took:.2f} s, ok={ok}")


if __name__ == "__main__":
    main()
