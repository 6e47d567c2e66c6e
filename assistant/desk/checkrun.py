"""The desk's part of `assistant check`: `--jobs N` (parallel batch) and `--reviews FILE`.

Kept here so that `commands/check.py` only calls two functions. Both import what they use when called
(`desk/batch.py`, the reviews in `desk/checkreviews.py`), so a plain `check` of one file loads neither.
"""

from __future__ import annotations

import argparse

from assistant.audit import AuditResult


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--jobs", type=int, metavar="N", help="并行核对的进程数（默认为 CPU 核数）")
    p.add_argument(
        "--reviews", metavar="FILE",
        help="审核记录（JSON）：读取以往的处理意见（确认/已说明/误报），并写回本次新发现的待处理条目",
    )  # fmt: skip


def audit(args: argparse.Namespace, on_progress=None) -> list[AuditResult]:
    from assistant.config import load_settings
    from assistant.desk.batch import run_batch

    work = load_settings().home / "desk" / "uploads"
    return run_batch(args.paths, args.previous, getattr(args, "jobs", None), on_progress, work)


def with_reviews(args: argparse.Namespace, results: list[AuditResult], render) -> int:
    """Output of a run with a reviews file; the exit code leaves dismissed errors out."""
    from assistant.desk.checkreviews import with_reviews

    return with_reviews(args, results, render)
