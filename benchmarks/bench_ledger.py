"""Ledger import speed and memory (issue 15 item 12): an ordinary .xlsx, a wide one (a case system's
export with 80 filled columns, ~1.1 MB at 5,000 rows) and a padded one (a stray value far to the
right pads every row to 16,384 columns). Prints wall and CPU seconds (CPU: the machine may be shared) and
peak RSS per file, read with only the needed columns converted and with openpyxl's full read.

Each file is read in a fresh interpreter, so the peak RSS is that read's own (VmHWM), not this
script's. In process (ASSISTANT_SANDBOX=0): the parse budget's deadline would otherwise cut a slow read
short. Run: .venv/bin/python benchmarks/bench_ledger.py
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
HEADER = ["序号", "申请人类型", "收到日期", "办理结果", "办结日期", "申请内容", "备注"]
EXTRA = [f"扩展字段{i}" for i in range(1, 74)]  # 联系方式、承办科室、流转记录 … in a real export

_READ = """
import json, re, sys, time
from pathlib import Path
from assistant.intake import ledger_xlsx, read_ledger
ledger_xlsx.FAST = sys.argv[2] == "1"
data = Path(sys.argv[1]).read_bytes()
t0, c0 = time.perf_counter(), time.process_time()
r = read_ledger(data, "台账.xlsx", 2023)
took, cpu = time.perf_counter() - t0, time.process_time() - c0
peak = int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) / 1024
print(json.dumps({"seconds": took, "cpu": cpu, "peak_mb": peak, "ok": r.ok, "entries": len(r.entries)}))
"""


def ledger_xlsx(rows: int, stray_column: int = 0, extra: int = 0) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(HEADER + EXTRA[:extra])
    for i in range(rows):
        row = [i + 1, "自然人", f"2023-{i % 12 + 1:02d}-01", "予以公开", f"2023-{i % 12 + 1:02d}-20",
               f"关于某街道某小区{i}号楼规划许可信息的申请", ""]  # fmt: skip
        ws.append(row + [f"{i % 97}" for _ in range(extra)])
        if stray_column:
            ws.cell(row=i + 2, column=stray_column, value=" ")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def measure(data: bytes, fast: bool) -> dict:
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
        f.write(data)
        f.flush()
        env = {**os.environ, "ASSISTANT_SANDBOX": "0", "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", _READ, f.name, "1" if fast else "0"],
            capture_output=True,
            text=True,
            env=env,
        )
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def main() -> None:
    """Each file read twice: needed columns only (now) and openpyxl's full read (before, FAST=False)."""
    for label, data in (
        ("ordinary 2,000 rows x 7 columns", ledger_xlsx(2000)),
        ("wide 5,000 rows x 80 filled columns", ledger_xlsx(5000, extra=73)),
        ("padded 6,000 rows, a stray cell at column 16384 in each", ledger_xlsx(6000, 16384)),
    ):
        print(f"{label}: {len(data) / 1024 / 1024:.2f} MB")
        for way, fast in (("needed columns", True), ("openpyxl full read", False)):
            m = measure(data, fast)
            print(
                f"  {way}: {m['seconds']:.2f} s wall, {m['cpu']:.2f} s CPU, peak RSS {m['peak_mb']:.0f} MB, "
                f"{m['entries']} entries, ok={m['ok']}"
            )


if __name__ == "__main__":
    main()
