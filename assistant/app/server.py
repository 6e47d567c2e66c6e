"""Start-up: settings, store, auth decision, first-run corpus ingest, launch."""

from __future__ import annotations

import os
import sys

from assistant.app.context import AppContext, ServeRefused, decide_auth
from assistant.config import Settings, load_settings
from assistant.store import Store

__all__ = ["ServeRefused", "prepare", "launch", "make_app"]


def prepare(host: str, ingest: bool = True, settings: Settings | None = None) -> AppContext:
    settings = settings or load_settings()
    settings.home.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("GRADIO_TEMP_DIR", str((settings.home / "uploads").resolve()))
    store = Store(settings.db_path)
    auth = decide_auth(host, store)
    ctx = AppContext(store, settings, auth, export_dir=settings.home / "exports")
    if not settings.has_llm:
        print("未设置模型接口密钥（OPENAI_API_KEY），使用离线起草。", file=sys.stderr)
    if ingest:
        _first_run_ingest(ctx)
    return ctx


def _first_run_ingest(ctx: AppContext) -> None:
    from assistant.corpus.ingest import ensure_sample_corpus

    msg = ensure_sample_corpus(ctx.settings)
    if msg:
        print(msg, file=sys.stderr)


EVENT_CONCURRENCY = 16  # per event: a hung model call must not queue other users' saves behind it
QUEUE_MAX = 200  # requests waiting at most, beyond that a user is told the server is busy


def make_app(ctx: AppContext):
    from assistant.app.ui import CSS, build

    demo = build(ctx)
    demo.queue(default_concurrency_limit=EVENT_CONCURRENCY, max_size=QUEUE_MAX)
    return demo, CSS


def launch(ctx: AppContext, host: str, port: int, block: bool = True):
    from assistant.app.locale import launch_options

    demo, css = make_app(ctx)
    from assistant.app import login

    auth = login.make_auth(ctx.store, login.Throttle(login.USER_LIMIT)) if ctx.auth else None
    if not ctx.auth:
        print(
            "提示：尚未创建账号，本机免登录使用。多人使用请先运行 `assistant user add 用户名`。",
            file=sys.stderr,
        )
    print(f"年报助手已启动：http://{host}:{port}", file=sys.stderr)
    demo.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        auth_message="请使用管理员为您创建的账号登录",
        share=False,
        ssr_mode=False,
        max_file_size="50mb",
        prevent_thread_lock=not block,
        quiet=True,
        css=css,
        footer_links=[],
        app_kwargs=login.app_kwargs(ctx.store, ctx.export_dir) if ctx.auth else None,
        head=login.STALE_HEAD if ctx.auth else None,  # an ended session says so (issue 16)
        **launch_options(),  # Gradio's own texts in Chinese whatever the browser's language
    )
    return demo
