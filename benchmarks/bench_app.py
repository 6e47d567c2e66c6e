"""App start-up time and the server-side time of a grid edit → re-check (printed; not a test).

Targets (issue 7): start under 10 s, re-check under 50 ms.
Usage: .venv/bin/python benchmarks/bench_app.py [--save-export]
(--save-export: only the section save and export figures, issue 15: target < 300 ms each.)
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


def _report(home: Path, name: str):
    """A workspace with a full report (cells, previous year, an offline draft) for one user."""
    from assistant.app import draft
    from assistant.config import Settings
    from assistant.facts_io import load_facts
    from assistant.store import Store
    from assistant.workspace import Workspace

    store = Store(home / f"{name}.sqlite3")
    ws = Workspace(store, store.user_id(name, create=True))
    rid = ws.start(
        "青梧县自然资源局", 2024, previous_path=ROOT / "corpus/sources/qingwu_ziranziyuanju_2023.yaml"
    )
    ws.set_cells(rid, dict(load_facts(ROOT / "corpus/sources/qingwu_ziranziyuanju_2024.yaml").facts.cells))
    for _view in draft.generate(ws, rid, Settings(home=home), retriever=None):
        pass
    return store, ws, rid


def save_and_export_times(home: Path, n: int = 20) -> tuple[list[float], list[float]]:
    """Server-side ms of 保存修改并核对 on 一、总体情况 (save, guard, view) and of a 定稿 .docx export."""
    from assistant.app import draft, files

    store, ws, rid = _report(home, "saver")
    text = ws.sections(rid)["s1_overview"].text
    saves, exports = [], []
    for i in range(n):
        edited = text + ("\n本年度工作总体平稳有序。" if i % 2 == 0 else "")
        t = time.perf_counter()
        draft.edit(ws, rid, "s1_overview", edited, None)
        saves.append((time.perf_counter() - t) * 1000)
    for _ in range(max(3, n // 4)):
        t = time.perf_counter()
        files.export(ws, rid, ".docx", home / "exports")
        exports.append((time.perf_counter() - t) * 1000)
    store.close()
    return saves, exports


def _p95(ms: list[float]) -> float:
    ordered = sorted(ms)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


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


def save_export_main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        saves, exports = save_and_export_times(Path(tmp))
        print(f"section save → guard → view (server side, 一、总体情况 of a full report, n={len(saves)}): "
              f"median {statistics.median(saves):.0f} ms, p95 {_p95(saves):.0f} ms   (target < 300 ms)")  # fmt: skip
        print(f"export 定稿 .docx (server side, n={len(exports)}): "
              f"median {statistics.median(exports):.0f} ms, p95 {_p95(exports):.0f} ms   (target < 300 ms)")  # fmt: skip


if __name__ == "__main__" and "--save-export" in sys.argv:
    save_export_main()
elif __name__ == "__main__":
    main()
