"""Reports per second of a 100-report batch (txt/html/docx) with --jobs 1 and --jobs 2 (printed; not a test).

Usage: .venv/bin/python benchmarks/bench_desk.py [N]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.desk.batch import run_batch  # noqa: E402
from tests.test_desk_support import make_batch  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        t = time.perf_counter()
        files = make_batch(folder, n)
        print(f"built {len(files)} reports (txt/html/docx) in {time.perf_counter() - t:.1f} s")
        rows = []
        for jobs in (1, 2):
            t = time.perf_counter()
            results = run_batch([folder], jobs=jobs, work_dir=Path(tmp) / "work")
            dt = time.perf_counter() - t
            bad = sum(1 for r in results if r.error)
            rows.append((jobs, len(results), dt, len(results) / dt, bad))
        print(f"{'jobs':>4}  {'reports':>7}  {'seconds':>7}  {'reports/s':>9}  unreadable")
        for jobs, count, dt, rate, bad in rows:
            print(f"{jobs:>4}  {count:>7}  {dt:>7.2f}  {rate:>9.1f}  {bad}")


if __name__ == "__main__":
    main()
