"""Start-up cost of the CLI (issue 15: `assistant check one.txt` under 0.4 s wall), repeated like hyperfine.

    python benchmarks/bench_cli_start.py [--runs 10] [--src DIR] [FILE ...]

Each run is a fresh interpreter doing what the console script does (`assistant check FILE`, and
`assistant --help`). Printed per target: wall median and min, CPU (user + system, the children the
command forks included) median, and which heavy libraries the command's own process imported (a docx
or pdf is parsed in a forked child, `assistant/sandbox.py`, whose imports are not listed); the load average is printed
before and after, since on a shared machine the wall time follows it. Without FILE the targets are real
reports: a txt and a docx from `corpus/reports/`, a LibreOffice-made pdf from the reader's fixtures.
Pass --src DIR to time another checkout of the package instead
(e.g. `mkdir /tmp/old && git archive main assistant | tar -x -C /tmp/old`).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = (
    ROOT / "corpus" / "reports" / "qingwu_hezhuzhen_2024.txt",
    ROOT / "corpus" / "reports" / "qingwu_hezhuzhen_2023.docx",
    ROOT / "tests" / "fixtures" / "reader_real" / "office_row_broken_2023.pdf",
)
HEAVY = (
    "yaml",
    "multiprocessing",
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
    "import sys; from assistant.cli import main\ntry:\n    code = main(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
    f"print('HEAVY', [m for m in {HEAVY!r} if m in sys.modules], file=sys.stderr); sys.exit(code)"
)


def one_run(argv: list[str], prefix: str) -> tuple[float, float, str]:
    """(wall s, CPU s of the process and what it forked, heavy modules line) of one fresh run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", prefix + SNIPPET, *argv], capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode not in (0, 1):  # 1 = errors found in the report: a normal outcome of check
        raise SystemExit(f"`assistant {' '.join(argv)}` exited {done.returncode}:\n{done.stderr[-2000:]}")
    heavy = next((ln[6:] for ln in done.stderr.splitlines() if ln.startswith("HEAVY")), "?")
    return wall, cpu, heavy


def measure(argv: list[str], runs: int, prefix: str) -> str:
    walls, cpus, heavy = [], [], ""
    one_run(argv, prefix)  # warm the page cache; not counted
    for _ in range(runs):
        wall, cpu, heavy = one_run(argv, prefix)
        walls.append(wall)
        cpus.append(cpu)
    name = " ".join(Path(a).name if "/" in a else a for a in argv)
    return (f"assistant {name:<34} wall median {statistics.median(walls):.3f} s (min {min(walls):.3f}), "
            f"CPU median {statistics.median(cpus):.3f} s; imported {heavy}")  # fmt: skip


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("files", nargs="*", help="reports to check (default: a real txt, docx and pdf)")
    p.add_argument("--runs", type=int, default=10)
    p.add_argument("--src", help="a folder holding another `assistant` package to time instead")
    args = p.parse_args()
    prefix = ""
    if args.src:  # ahead of the editable install of this checkout
        prefix = (f"import sys; sys.path.insert(0, {args.src!r}); "
                  "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in repr(f)]; ")  # fmt: skip
    targets = [["check", str(f)] for f in (args.files or SAMPLES)] + [["--help"]]
    print(f"load average (1/5/15 min) before: {_load()}; {args.runs} runs each, "
          f"{os.cpu_count()} cores, PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r}")  # fmt: skip
    for argv in targets:
        print(measure(argv, args.runs, prefix), flush=True)
    print(f"load average after: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
