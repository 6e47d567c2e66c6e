"""`assistant draft` against a hung endpoint (issue 15 item 5), with the default settings (printed).

    .venv/bin/python benchmarks/draft_hung.py [--hang 300] [--deadline SECONDS]

A loopback OpenAI-compatible mock (tests/mock_openai.py) answers only after --hang seconds. The real
CLI drafts a corpus facts file with the endpoint configured (default timeout 60 s and draft deadline
60 s unless --deadline is given); printed: wall time, exit code, how many sections fell back to the
offline draft, the requests the endpoint received, and each progress line with its time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
FACTS = ROOT / "corpus" / "sources" / "qingwu_hezhuzhen_2024.yaml"


def run(base_url: str, deadline: str | None) -> tuple[float, int, list[tuple[float, str]], str]:
    env = {**os.environ, "OPENAI_API_KEY": "sk-test", "OPENAI_BASE_URL": base_url}
    env.pop("ASSISTANT_LLM_TIMEOUT", None)
    if deadline:
        env["ASSISTANT_DRAFT_DEADLINE"] = deadline
    with tempfile.TemporaryDirectory() as home:
        env["ASSISTANT_HOME"] = home
        argv = [sys.executable, "-m", "assistant.cli", "draft", str(FACTS), "--json", "--no-corpus"]
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            argv, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        lines: list[tuple[float, str]] = []
        reader = threading.Thread(
            target=lambda: lines.extend((time.perf_counter() - t0, ln.rstrip()) for ln in proc.stderr or [])
        )
        reader.start()
        out = proc.stdout.read() if proc.stdout else ""  # stderr is the reader thread's alone
        proc.wait()
        reader.join()
        return time.perf_counter() - t0, proc.returncode, lines, out


def main() -> None:
    from tests.mock_openai import MockOpenAI, Reply

    ap = argparse.ArgumentParser()
    ap.add_argument("--hang", type=float, default=300.0)
    ap.add_argument("--deadline", default=None)
    args = ap.parse_args()
    with MockOpenAI(lambda body: Reply("本年度……", delay=args.hang)) as mock:
        wall, code, lines, out = run(mock.base_url, args.deadline)
        requests = len(mock.requests)
    try:
        sections = json.loads(out).get("sections", [])
        fell = sum(1 for s in sections if s.get("fallback"))
    except (json.JSONDecodeError, AttributeError):
        sections, fell = [], -1
    print(f"assistant draft, endpoint hung {args.hang:.0f} s, deadline {args.deadline or 'default (60 s)'}:")
    print(
        f"  wall {wall:.1f} s, exit {code}, {fell} of {len(sections)} sections fell back, {requests} requests"
    )
    for t, line in lines[:8]:
        print(f"  {t:6.1f} s  {line[:110]}")


if __name__ == "__main__":
    main()
