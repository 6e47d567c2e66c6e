"""`assistant config [--test]`: the effective settings, secrets masked; --test probes the endpoint."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from assistant.config import Settings, load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="显示当前生效的设置（密钥已遮盖）")
    p.add_argument(
        "--test", action="store_true", help="向模型服务发一个很小的请求，报告模型、耗时和可用的能力"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    for k, v in settings.describe().items():
        print(f"{k:18} {v}")
    if getattr(args, "test", False):
        return test_endpoint(settings)
    return 0


def test_endpoint(settings: Settings, out: Callable[[str], None] = print) -> int:
    """One tiny request per capability (`llm_probe`); exit 0 if the plain request worked, else 2."""
    from assistant.llm_probe import probe_endpoint

    return 0 if probe_endpoint(settings, out).usable else 2
