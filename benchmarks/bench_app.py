"""App start-up time and the server-side time of a grid edit → re-check (printed; not a test).

Targets (issue 7): start under 10 s, re-check under 50 ms.
Usage: .venv/bin/python benchmarks/bench_app.py
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def startup(home: Path, ingest: bool) -> float:
    """Seconds from `assistant serve` to the first HTTP 200 (a fresh process, as a user starts it)."""
    port = free_port()
    env = {**os.environ, "ASSISTANT_HOME": str(home), "GRADIO_ANALYTICS_ENABLED": "False"}
    args = [str(ROOT / ".venv" / "bin" / "assistant"), "serve", "--port", str(port)] + (
        [] if ingest else ["--no-ingest"]
    )
    t = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - t < 60:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1) as r:
                    if r.status == 200:
                        return time.perf_counter() - t
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the app did not start within 60 s")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def grid_edit_times(home: Path, n: int = 50) -> list[float]:
    from assistant.app import tables
    from assistant.facts_io import load_facts
    from assistant.store import Store
    from assistant.workspace import Workspace

    store = Store(home / "bench.sqlite3")
    ws = Workspace(store, store.user_id("bench", create=True))
    rid = ws.start(
        "青梧县自然资源局", 2024, previous_path=ROOT / "corpus/sources/qingwu_ziranziyuanju_2023.yaml"
    )
    ws.set_cells(rid, dict(load_facts(ROOT / "corpus/sources/qingwu_ziranziyuanju_2024.yaml").facts.cells))
    import gradio as gr

    grid = gr.Dataframe(interactive=True)
    frame = tables.view(ws, rid).frames[2].data.copy()
    out = []
    for i in range(n):
        frame.iat[0, 1] = str(10 + i % 3)  # 一、本年新收 / 自然人
        t = time.perf_counter()
        view, _errors = tables.edit(ws, rid, 2, frame)
        for styled in view.frames:  # what Gradio does before sending the grids back
            grid.postprocess(styled)
        out.append((time.perf_counter() - t) * 1000)
    store.close()
    return out


def main() -> None:
    warnings.filterwarnings("ignore", message="Cannot display Styler object in interactive mode")
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        first = startup(home / "a", ingest=True)
        again = startup(home / "a", ingest=True)
        bare = startup(home / "b", ingest=False)
        print(
            f"start-up to first page: first run (ingests the sample corpus) {first:.1f} s; "
            f"second run {again:.1f} s; without corpus check {bare:.1f} s   (target < 10 s)"
        )
        ms = sorted(grid_edit_times(home))
        p95 = ms[int(len(ms) * 0.95) - 1]
        print(
            f"grid edit → save → re-check → four styled grids serialised (server side, Table 2 of a full report, n={len(ms)}): "
            f"median {statistics.median(ms):.1f} ms, p95 {p95:.1f} ms   (target < 50 ms)"
        )


if __name__ == "__main__":
    main()
