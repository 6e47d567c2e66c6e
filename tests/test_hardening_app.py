"""Issue 15 item 4: the app's queue runs events concurrently (a hung generate never blocks saves)."""

from __future__ import annotations

from assistant.app.context import AppContext
from assistant.app.server import EVENT_CONCURRENCY, make_app
from assistant.config import load_settings
from assistant.store import Store


def test_queue_allows_concurrent_runs_of_each_event(tmp_path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    try:
        ctx = AppContext(store, load_settings(env={}), auth=False, export_dir=tmp_path / "exports")
        demo, _css = make_app(ctx)
        assert EVENT_CONCURRENCY >= 8
        assert demo._queue.default_concurrency_limit == EVENT_CONCURRENCY
        assert demo._queue.max_size
        fns = demo.fns.values() if isinstance(demo.fns, dict) else demo.fns
        assert all(f.concurrency_limit in ("default", None) or f.concurrency_limit > 1 for f in fns)
    finally:
        store.close()
