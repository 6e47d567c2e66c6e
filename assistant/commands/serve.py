"""`assistant serve [--host] [--port]`: the Gradio app (127.0.0.1:7860 by default)."""

from __future__ import annotations

import argparse
import os
import sys

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
MAX_UPLOAD = "50mb"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="启动网页应用（默认 http://127.0.0.1:7860）")
    p.add_argument("--host", default=DEFAULT_HOST, help="监听地址（非本机地址必须先创建账号）")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    p.add_argument("--no-ingest", action="store_true", help="首次启动时不导入示例语料")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    from assistant.app.context import resolve_host
    from assistant.app.server import ServeRefused, launch, prepare

    args.host = resolve_host(args.host)
    try:
        ctx = prepare(args.host, ingest=not args.no_ingest)
    except ServeRefused as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    if not _port_free(args.host, args.port):
        print(
            f"错误：端口 {args.port} 已被占用（年报助手可能已在运行）。请用 --port 指定其他端口",
            file=sys.stderr,
        )
        return 2
    launch(ctx, args.host, args.port)
    return 0


def _port_free(host: str, port: int) -> bool:
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True
