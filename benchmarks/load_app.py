"""Load test: 20 logged-in sessions saving sections while drafts wait on a hung model endpoint.

    .venv/bin/python benchmarks/load_app.py [--sessions 20] [--saves 5] [--generators 4]

Everything is on 127.0.0.1: a mock OpenAI-compatible endpoint that answers only after 30 s, and the
app (in this process) with one report per user. Each session logs in over HTTP, loads the page and
saves its 六、其他需要报告的事项 `--saves` times through Gradio's queue (as the browser does); meanwhile
`--generators` sessions press 生成全文, which waits on the hung endpoint until the draft deadline.
Run twice: with Gradio's default queue (one worker per event) and with the app's configured queue.
Prints save and generate latency p50 / p95 for each. Bounded: at most a few minutes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

PASSWORD = "load-test-pw-1"
FACTS = ROOT / "corpus/sources/qingwu_ziranziyuanju_2024.yaml"
TEXTS = ("本年度未收取信息处理费。", "本年度未收取信息处理费，无其他需要报告的事项。")
HUNG = 30.0  # seconds the mock endpoint takes to answer
DEADLINE = 12.0  # the draft deadline: generate falls back to the offline draft after it


def prepare_home(home: Path, users: int) -> None:
    """One account and one report (with an offline draft) per session."""
    from assistant.app import draft
    from assistant.config import Settings
    from assistant.facts_io import load_facts
    from assistant.store import Store
    from assistant.workspace import Workspace

    store = Store(home / "assistant.sqlite3")
    cells = dict(load_facts(FACTS).facts.cells)
    offline = Settings(home=home)
    for i in range(users):
        store.add_user(f"user{i:02d}", PASSWORD)
        ws = Workspace(store, store.user_id(f"user{i:02d}"))
        rid = ws.start(f"青梧县测试局{i:02d}", 2024, "县级部门")
        ws.set_cells(rid, cells)
        for _view in draft.generate(ws, rid, offline, retriever=None):
            pass
    store.close()


class Session:
    """One logged-in browser tab, speaking Gradio's queue protocol."""

    def __init__(self, base: str, user: str, deps: dict[str, tuple[int, int]], tag: str) -> None:
        import httpx

        self.base, self.deps, self.hash = base, deps, f"{user}-{tag}"
        self.http = httpx.Client(base_url=base, timeout=120)
        r = self.http.post("/login", data={"username": user, "password": PASSWORD})
        r.raise_for_status()

    def call(self, name: str, data: list) -> float:
        """Seconds from sending the event to its completion."""
        fn, trigger = self.deps[name]
        body = {"data": data, "fn_index": fn, "trigger_id": trigger, "session_hash": self.hash, "event_data": None}
        t0 = time.perf_counter()
        event = self.http.post("/gradio_api/queue/join", json=body).json()["event_id"]
        with self.http.stream("GET", f"/gradio_api/queue/data?session_hash={self.hash}") as r:
            for line in r.iter_lines():
                if not line.startswith("data:"):
                    continue
                msg = json.loads(line[5:])
                if msg.get("event_id") == event and msg.get("msg") == "process_completed":
                    if not msg.get("success", True):
                        raise RuntimeError(f"{name} failed: {msg}")
                    return time.perf_counter() - t0
        raise RuntimeError(f"{name}: the stream ended before completion")


def dependencies(base: str, user: str) -> dict[str, tuple[int, int]]:
    """fn_index and trigger id of page load, the s6 save button and 生成全文, from /config."""
    import httpx

    with httpx.Client(base_url=base, timeout=60) as http:
        http.post("/login", data={"username": user, "password": PASSWORD}).raise_for_status()
        config = http.get("/config").json()
    ids = {c.get("props", {}).get("elem_id"): c["id"] for c in config["components"]}
    wanted = {"save": (ids["save_s6_other"], "click"), "generate": (ids["generate_btn"], "click")}
    out: dict[str, tuple[int, int]] = {}
    for d in config["dependencies"]:
        targets = [tuple(t) for t in d["targets"]]
        for name, target in wanted.items():
            if target in targets and name not in out:
                out[name] = (d["id"], target[0])
        if any(t[1] == "load" for t in targets) and "load" not in out:
            out["load"] = (d["id"], targets[0][0])
    return out


def run(concurrency: int, sessions: int, saves: int, generators: int) -> dict[str, list[float]]:
    from assistant.app import server
    from assistant.config import load_settings
    from tests.mock_openai import MockOpenAI, Reply
    from tests.test_browser import _free_port

    times: dict[str, list[float]] = {"save": [], "generate": []}
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, MockOpenAI(lambda body: Reply(delay=HUNG)) as mock:
        home = Path(tmp)
        prepare_home(home, sessions)
        env = {"ASSISTANT_HOME": str(home), "OPENAI_BASE_URL": mock.base_url, "ASSISTANT_LLM_TIMEOUT": str(HUNG + 5),
               "ASSISTANT_LLM_MAX_RETRIES": "0", "ASSISTANT_DRAFT_DEADLINE": str(DEADLINE)}  # fmt: skip
        settings = replace(load_settings(env=env, dotenv=False))
        saved = server.EVENT_CONCURRENCY
        server.EVENT_CONCURRENCY = concurrency
        try:
            ctx = server.prepare("127.0.0.1", ingest=False, settings=settings)
            port = _free_port()
            demo = server.launch(ctx, "127.0.0.1", port, block=False)
        finally:
            server.EVENT_CONCURRENCY = saved
        base = f"http://127.0.0.1:{port}"
        try:
            deps = dependencies(base, "user00")

            def saver(i: int) -> None:
                try:
                    s = Session(base, f"user{i:02d}", deps, "tab")
                    s.call("load", [])
                    for n in range(saves):
                        times["save"].append(s.call("save", [None, TEXTS[n % 2], None]))
                        time.sleep(0.2)
                except Exception as e:  # noqa: BLE001 - reported below
                    errors.append(f"save {i}: {e}")

            def generator(i: int) -> None:
                try:
                    s = Session(base, f"user{i:02d}", deps, "gen")
                    s.call("load", [])
                    times["generate"].append(s.call("generate", [None]))
                except Exception as e:  # noqa: BLE001 - reported below
                    errors.append(f"generate {i}: {e}")

            threads = [threading.Thread(target=generator, args=(i,)) for i in range(generators)]
            for t in threads:
                t.start()
            time.sleep(1.0)  # the drafts are waiting on the endpoint before the saves start
            threads += [threading.Thread(target=saver, args=(i,)) for i in range(sessions)]
            for t in threads[generators:]:
                t.start()
            for t in threads:
                t.join(timeout=300)
        finally:
            demo.close()
    for e in errors[:5]:
        print(f"  error: {e}")
    return times


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] if ordered else float("nan")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--saves", type=int, default=5)
    p.add_argument("--generators", type=int, default=4)
    args = p.parse_args()
    from assistant.app.server import EVENT_CONCURRENCY

    for label, limit in (("before: Gradio's default queue (1 per event)", 1),
                         (f"after: the app's queue ({EVENT_CONCURRENCY} per event)", EVENT_CONCURRENCY)):  # fmt: skip
        t0 = time.perf_counter()
        times = run(limit, args.sessions, args.saves, args.generators)
        print(f"{label}; {args.sessions} sessions, {args.generators} drafts on a hung endpoint "
              f"({HUNG:g} s, deadline {DEADLINE:g} s), {time.perf_counter() - t0:.0f} s in all")  # fmt: skip
        for name in ("save", "generate"):
            v = times[name]
            if v:
                print(f"  {name:8} n={len(v):3}  p50 {statistics.median(v):6.2f} s  p95 {pct(v, 0.95):6.2f} s  "
                      f"max {max(v):6.2f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
