"""`assistant` command line: a thin shell over the service functions.

Each sub-command lives in `assistant/commands/<name>.py` and defines `register(subparsers)`, which
adds a parser whose `func(args) -> int` runs it. Commands are discovered, so adding one touches no
other file.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys

from assistant import commands


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # Chinese usage errors, exit 2, no traceback
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="assistant", description="年报助手：政府信息公开工作年度报告的起草、核对与审核")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"assistant.commands.{info.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        sys.stderr.write("已中断\n")
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early: not an error of ours
        _silence_stdout()
        return 0


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def entry() -> None:  # pragma: no cover - the console script
    code = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
