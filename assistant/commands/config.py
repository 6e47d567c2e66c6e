"""`assistant config`: the effective settings, secrets masked."""

from __future__ import annotations

import argparse

from assistant.config import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="显示当前生效的设置（密钥已遮盖）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    for k, v in load_settings().describe().items():
        print(f"{k:18} {v}")
    return 0
