"""Wall time of `assistant check ONE.txt` (start-up included), repeated like hyperfine.

    python benchmarks/bench_cli_start.py [--runs 10] [FILE]

Prints min / median / mean of the runs and which heavy libraries the command imported. Pass
--src DIR to time another checkout of the package (e.g. `git archive HEAD~3 assistant | tar -x -C DIR`).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAVY = (
    "chromadb",
    "gradio",
    "langchain_core",
    "langchain_openai",
    "pdfplumber",
    "docx",
    "openpyxl",
    "pandas",
)
SNIPPET = (
    "import sys; from assistant.cli import main; code = main(['check', sys.argv[1]]); "
    f"print('HEAVY', [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr); sys.exit(code)"
)


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("file", nargs="?")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--src", help="a folder holding another `assistant` package to time instead")
    args = p.parse_args()
    prefix = ""
    if args.src:  # ahead of the editable install of this checkout
        prefix = (f"import sys; sys.path.insert(0, {args.src!r}); "
                  "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; ")  # fmt: skip
    path = Path(args.file) if args.file else _sample()
    times, heavy = [], ""
    for _ in range(args.runs):
        t0 = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", prefix + SNIPPET, str(path)], capture_output=True, text=True)
        times.append(time.perf_counter() - t0)
        heavy = next((line for line in done.stderr.splitlines() if line.startswith("HEAVY")), heavy)
    print(f"assistant check {path.name}: {args.runs} runs, min {min(times):.3f} s, "
          f"median {statistics.median(times):.3f} s, mean {statistics.mean(times):.3f} s")  # fmt: skip
    print(f"heavy libraries imported: {heavy[6:] or '[]'}")
    return 0


def _sample() -> Path:
    root = Path(__file__).resolve().parents[1]
    found = sorted((root / "tests" / "fixtures").rglob("*.txt"))
    if found:
        return found[0]
    tmp = Path(tempfile.mkdtemp()) / "one.txt"
    tmp.write_text("某县人民政府2024年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
    return tmp


if __name__ == "__main__":
    raise SystemExit(main())
