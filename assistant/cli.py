"""`assistant` command line: a thin shell over the service functions.

Each sub-command lives in `assistant/commands/<name>.py` (the file is named as the command) and defines
`register(subparsers)`, which adds a parser whose `func(args) -> int` runs it. Commands are discovered,
so adding one touches no other file; a run imports only the module of the command typed.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from assistant import commands


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # Chinese usage errors, exit 2, no traceback
        self.print_usage(sys.stderr)
        sys.stderr.write(f"参数错误：{message}\n")
        raise SystemExit(2)


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `command` (the first word typed), only that command's module is imported.

    Without it (or for a word that is no command) every command is registered, so `--help` and the
    "invalid choice" message list them all.
    """
    parser = _Parser(prog="assistant", description="年报助手：政府信息公开工作年度报告的起草、核对与审核")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=_Parser)
    names = _command_names()
    for name in [command] if command in names else names:
        module = importlib.import_module(f"assistant.commands.{name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def _command_names() -> list[str]:
    """The modules of `assistant/commands/` (listed directly: pkgutil would import inspect, ~6 ms)."""
    found = set()
    for folder in commands.__path__:
        for entry in os.scandir(folder):
            stem, dot, ext = entry.name.partition(".")
            package = not dot and os.path.isfile(os.path.join(entry.path, "__init__.py"))
            if stem and not stem.startswith("_") and (ext == "py" or package):
                found.add(stem)
    return sorted(found)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv and not argv[0].startswith("-") else None)
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
