"""Drafting latency, printed; not a test.

1. The offline drafter: a whole report (grounding, six sections, guard), per report.
2. The LLM path against the local mock server with a fixed delay per call: the sections are drafted
   concurrently, so the wall time should be close to one call (the slowest section), not the sum
   of six. A sequential run (one section at a time) is printed for comparison.

Usage: .venv/bin/python benchmarks/bench_drafting.py [DELAY_SECONDS] [OFFLINE_RUNS]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings  # noqa: E402
from assistant.drafting import DRAFTED_SECTIONS, draft_report  # noqa: E402
from assistant.drafting.grounding import build_grounding  # noqa: E402
from assistant.drafting.llm import openai_writer  # noqa: E402
from assistant.drafting.offline import offline_section  # noqa: E402
from assistant.drafting.service import draft_section  # noqa: E402
from assistant.drafting.writer import SectionRequest  # noqa: E402
from tests.mock_openai import MockOpenAI, Reply, section_of  # noqa: E402
from tests.test_drafting_support import make_facts, make_previous  # noqa: E402


def bench_offline(runs: int) -> None:
    facts, previous = make_facts(), make_previous()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        d = draft_report(facts, previous, backend="offline", retriever=None)
        times.append(time.perf_counter() - t)
        assert not d.findings
    chars = sum(len(s.text) for s in d.sections.values())
    print(
        f"offline: whole report ({chars} characters, 6 sections, guard included): "
        f"median {statistics.median(times) * 1000:.1f} ms, min {min(times) * 1000:.1f} ms over {runs} runs"
    )


def bench_llm(delay: float) -> None:
    facts, previous = make_facts(), make_previous()
    g = build_grounding(facts, previous)
    texts = {k: offline_section(k, g) for k in DRAFTED_SECTIONS}  # clean answers: no regeneration
    with MockOpenAI(lambda body: Reply(texts[section_of(body)], delay=delay)) as mock:
        settings = Settings(
            openai_api_key="sk-bench", openai_base_url=mock.base_url, model="mock", llm_timeout=30
        )
        writer = openai_writer(settings)
        draft_report(facts, previous, backend=writer, retriever=None)  # warm-up: client set-up
        mock.requests.clear()
        t = time.perf_counter()
        d = draft_report(facts, previous, backend=writer, retriever=None)
        concurrent = time.perf_counter() - t
        calls = len(mock.requests)
        t = time.perf_counter()
        for key in DRAFTED_SECTIONS:
            draft_section(SectionRequest(key, d.grounding), writer)
        sequential = time.perf_counter() - t
    assert all(s.backend == "openai" and not s.findings for s in d.sections.values())
    print(f"LLM path against the mock ({delay:.2f} s per call, {calls} calls):")
    print(f"  concurrent: {concurrent:.2f} s wall ({concurrent / delay:.2f} × one call)")
    print(f"  sequential: {sequential:.2f} s wall ({sequential / delay:.2f} × one call)")


def main() -> None:
    delay = float(sys.argv[1]) if len(sys.argv) > 1 else 0.5
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    bench_offline(runs)
    bench_llm(delay)


if __name__ == "__main__":
    main()
