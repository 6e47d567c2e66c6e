"""`assistant check --reviews FILE`: findings with the reviewers' past decisions, written back.

Imported by `desk/checkrun.py` only when `--reviews` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.audit import AuditResult
from assistant.desk.dispositions import (
    CONFIRMED,
    EXPLAINED,
    FALSE_POSITIVE,
    DeskError,
    ReviewedReport,
    exit_code,
    read_reviews,
    review,
    write_reviews,
)  # fmt: skip


def with_reviews(args: argparse.Namespace, results: list[AuditResult], render) -> int:
    """Output of a run with a reviews file; the exit code leaves dismissed errors out."""
    path = Path(args.reviews)
    try:
        decisions, notes = read_reviews(path)
    except DeskError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    reviewed = review(results, decisions)
    pending = write_reviews(path, reviewed, decisions)
    if args.json:
        doc = {"reports": [_report_json(r) for r in reviewed], "reviews": str(path)}
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print(render(results))
        print(summary_text(reviewed, notes, pending, path))
    return exit_code(reviewed)


def _report_json(rep: ReviewedReport) -> dict:
    out = rep.result.to_json()
    out["findings"] = [x.to_json() for x in rep.items]
    return out


def summary_text(reviewed: list[ReviewedReport], notes: list[str], pending: int, path: Path) -> str:
    lines = ["", "审核记录："]
    lines += [f"  · {n}" for n in notes]
    for rep in reviewed:
        decided = [x for x in rep.items if x.decision is not None]
        if not decided:
            continue
        lines.append(
            f"  {rep.ident.agency if rep.ident else rep.result.source} {rep.ident.year if rep.ident else ''}年度："
        )
        for x in decided:
            d = x.decision
            assert d is not None
            why = f"，理由：{d.reason}" if d.reason else ""
            lines.append(
                f"    [{d.label}] {x.finding.message[:60]}（{d.reviewer or '未署名'}，{d.decided_at}{why}）"
            )
    counts = {k: sum(r.count(k) for r in reviewed) for k in ("open", CONFIRMED, EXPLAINED, FALSE_POSITIVE)}
    lines.append(
        f"  错误：待处理 {counts['open']}，确认须整改 {counts[CONFIRMED]}，已说明 {counts[EXPLAINED]}，"
        f"误报 {counts[FALSE_POSITIVE]}（已说明和误报不计入退出码）"
    )
    lines.append(f"  已写回 {path}（{pending} 条待处理，填写 disposition 后再次运行即可）")
    return "\n".join(lines)
