"""Reader throughput: reports per second for each document format, and for the full audit.

Documents are generated from the test fixtures' truth (fictional agencies, all 200 cells filled),
one per seed, so every run reads different numbers. Each format is read `--rounds` times over
`--docs` documents with `read_report_bytes` (parsing, sections, tables, findings); "audit" adds the
engine and the prose checks on the txt documents. Then every committed PDF fixture
(tests/fixtures/reader_real/*.pdf and the seed-made tests/fixtures/reader/pdf_text_2023.pdf) is read
`--rounds` times: pages/s by the wall clock and per CPU second, with the machine's load average
before and after (a wall figure at load 4 on 2 cores is half what the code does). Printed, not
asserted; target (issue 12): PDF at ≥ 5 pages/s.

    .venv/bin/python benchmarks/bench_reader.py [--docs 20] [--rounds 3] [--fixtures-only]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.audit import Loaded, audit_one  # noqa: E402
from assistant.reader import read_report_bytes  # noqa: E402
from tests.fixtures.reader import render_html, render_office, render_text  # noqa: E402
from tests.fixtures.reader.truth import AGENCIES, Truth, make_truth  # noqa: E402
from tests.fixtures.reader_real import cases as real  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
PDF_FIXTURES = sorted((ROOT / "tests" / "fixtures" / "reader_real").glob("*.pdf")) + [
    ROOT / "tests" / "fixtures" / "reader" / "pdf_text_2023.pdf"
]

FORMATS: dict[str, Callable[[Truth], bytes]] = {
    "txt": lambda t: render_text.txt(t).encode(),
    "md": lambda t: render_text.md(t).encode(),
    "html": lambda t: render_html.page(t).encode(),
    "html-gbk": lambda t: render_html.page(t, "gbk").encode("gbk"),
    "docx": render_office.docx_bytes,
    "pdf": render_office.pdf_bytes,
    "pdf-noline": lambda t: render_office.pdf_bytes(t, ruled=False),
    # issue 12 layouts: prose on filled rectangles; unruled tables with wrapped labels, split pages
    "pdf-bgrect": lambda t: real.report_pdf(t, bg=True),
    "pdf-wrapped": lambda t: real.report_pdf(t, t1=real.T1_WRAPPED, t2=real.T2_WRAPPED, t3=real.T3_UNRULED),
}
SUFFIX = {"html-gbk": "html", "pdf-noline": "pdf", "pdf-bgrect": "pdf", "pdf-wrapped": "pdf"}


def pages(data: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def bench(name: str, docs: list[bytes], rounds: int, audit: bool = False) -> tuple[float, float, float]:
    """Reports per second (wall clock), ms per report, and reports per CPU second: on a shared
    machine the wall clock counts the time other processes held the cores, the CPU time does not."""
    suffix = SUFFIX.get(name, name)
    read_report_bytes(docs[0], f"warmup.{suffix}")  # lazy imports and caches out of the timing
    start, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for i, data in enumerate(docs):
            report = read_report_bytes(data, f"doc{i}.{suffix}")
            if audit:
                audit_one(Loaded(report.source, report.to_facts(), report, (), report.findings))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    n = rounds * len(docs)
    return n / elapsed, elapsed / n * 1000, n / max(cpu, 1e-9)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.2f} (1 min) {five:.2f} (5 min) on {os.cpu_count()} cores"


def bench_fixtures(rounds: int) -> None:
    """Pages/s (wall, CPU) of each committed PDF fixture, slowest marked."""
    print(f"PDF fixtures × {rounds} rounds — {load()}")
    print(f"{'fixture':<36}{'pages':>6}{'pages/s':>10}{'pages/cpu-s':>13}")
    total_pages = total_wall = total_cpu = 0.0
    for path in PDF_FIXTURES:
        data = path.read_bytes()
        n = pages(data)
        rate, _, cpu_rate = bench("pdf", [data], rounds)
        total_pages += n * rounds
        total_wall += rounds / rate
        total_cpu += rounds / cpu_rate
        mark = "  < 5 pages/s" if rate * n < 5 else ""
        print(f"{path.name:<36}{n:>6}{rate * n:>10.1f}{cpu_rate * n:>13.1f}{mark}")
    print(
        f"{'all PDF fixtures':<36}{int(total_pages / rounds):>6}{total_pages / total_wall:>10.1f}"
        f"{total_pages / total_cpu:>13.1f}"
    )
    print(f"after: {load()}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--fixtures-only", action="store_true", help="only the committed PDF fixtures")
    args = ap.parse_args(argv)
    if args.fixtures_only:
        bench_fixtures(args.rounds)
        return
    print(load())
    truths = [make_truth(AGENCIES[i % len(AGENCIES)], 2023, seed=i) for i in range(args.docs)]
    print(f"reader benchmark: {args.docs} documents × {args.rounds} rounds per format")
    print(
        f"{'format':<12}{'avg size':>10}{'reports/s':>12}{'ms/report':>12}{'pages/s':>10}{'pages/cpu-s':>13}"
    )
    for name, build in FORMATS.items():
        docs = [build(t) for t in truths]
        size = sum(map(len, docs)) / len(docs) / 1024
        rate, ms, cpu_rate = bench(name, docs, args.rounds)
        per_page = per_cpu = ""
        if SUFFIX.get(name, name) == "pdf":  # target (issue 12): PDF at ≥ 5 pages/s
            mean_pages = sum(map(pages, docs)) / len(docs)
            per_page, per_cpu = f"{rate * mean_pages:.1f}", f"{cpu_rate * mean_pages:.1f}"
        print(f"{name:<12}{size:>8.1f}KB{rate:>12.1f}{ms:>12.1f}{per_page:>10}{per_cpu:>13}")
    docs = [FORMATS["txt"](t) for t in truths]
    rate, ms, _ = bench("txt", docs, args.rounds, audit=True)
    print(f"{'txt+audit':<12}{'':>10}{rate:>12.1f}{ms:>12.1f}")
    bench_fixtures(args.rounds)


if __name__ == "__main__":
    main()
