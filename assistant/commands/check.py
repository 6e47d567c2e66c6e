"""`assistant check PATH... [--previous PATH] [--json] [--csv FILE]`."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from assistant.audit import AuditResult, empty_folders, exit_code, skipped_files
from assistant.core import spec
from assistant.core.engine import summarize
from assistant.core.finding_kinds import kind_of, tag_of
from assistant.core.findings import NOT_ASSESSABLE, Finding
from assistant.desk import checkrun

PROGRESS_MIN_FILES = 5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="核对数据文件或已发布的年报（文件或文件夹）",
        description="核对数据文件（yaml/json）或年报文档（txt/md/html/docx/pdf），文件夹递归处理。"
        "退出码：0 无错误，1 发现错误，2 有无法读取的输入。",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="数据文件、年报文档或文件夹")
    p.add_argument("--previous", metavar="PATH", help="上一年度的数据文件或年报，用于跨年度核对和雷同比对")
    p.add_argument("--json", action="store_true", help="输出 JSON（机器可读）")
    p.add_argument("--csv", metavar="FILE", help="把全部发现写入 CSV 文件")
    p.add_argument("--all", action="store_true", help="列出每一条“无法核验”（默认合并显示）")
    checkrun.add_arguments(p)  # --jobs, --reviews (the supervisor's desk)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    results = checkrun.audit(args, on_progress=_progress_bar(args.paths)) + empty_folders(args.paths)
    if args.csv:
        write_csv(results, Path(args.csv))
    if getattr(args, "reviews", None):
        return checkrun.with_reviews(args, results, lambda rs: render_text(rs, show_all=args.all))
    skipped = skipped_files(args.paths)  # files in the folders that are not audited: said, never silent
    if args.json:
        out: dict = {"reports": [r.to_json() for r in results]}
        if skipped:
            out["skipped"] = [{"source": s, "reason": why} for s, why in skipped]
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(render_text(results, show_all=args.all))
        if skipped:
            print(f"已跳过 {len(skipped)} 个文件：\n" + "\n".join(f"  {s}：{why}" for s, why in skipped))
        if args.csv:
            print(f"已写入 CSV：{args.csv}")
    return exit_code(results)


def _progress_bar(paths: list[str]):
    state: dict = {}

    def update(done: int, total: int, name: str) -> None:
        if total < PROGRESS_MIN_FILES or not sys.stderr.isatty():
            return
        if "bar" not in state:
            from tqdm import tqdm

            state["bar"] = tqdm(total=total, desc="核对", unit="份", file=sys.stderr, leave=False)
        bar = state["bar"]
        bar.n = done
        bar.set_postfix_str(Path(name).name[:30] if name else "")
        bar.refresh()
        if done >= total:
            bar.close()

    return update


_TABLE_NAMES = {
    1: "表一 " + spec.TABLE_TITLES[1],
    2: "表二 " + spec.TABLE_TITLES[2],
    3: "表三 " + spec.TABLE_TITLES[3],
}
_MARK = {"error": "✗ 错误", "warning": "! 提醒"}


def render_text(results: list[AuditResult], show_all: bool = False) -> str:
    blocks = [_render_guarded(r, show_all) for r in results]
    if len(results) > 1:
        blocks.append(render_summary(results))
    return "\n\n".join(blocks)


def _render_guarded(r: AuditResult, show_all: bool) -> str:
    try:
        return _render_one(r, show_all)
    except Exception as e:  # noqa: BLE001 - one result that cannot be shown must not hide the others
        return f"== {r.source} ==\n  ✗ 显示核对结果时出现意外错误（{type(e).__name__}），请单独核对此文件"


def _render_one(r: AuditResult, show_all: bool) -> str:
    if r.error:
        return f"== {r.source} ==\n  ✗ 无法读取：{r.error}"
    f = r.facts
    assert f is not None
    head = f"== {f.agency} {f.year or '（年度未识别）'}年度（{r.source}，{f.format}年格式）=="
    lines = [head]
    for note in r.notes:
        lines.append(f"  · 说明：{note}")
    groups: dict[str, list[Finding]] = {}
    for x in r.findings:
        groups.setdefault(_TABLE_NAMES.get(x.table or 0, "文本与格式"), []).append(x)
    for name, items in groups.items():
        lines.append(f"【{name}】")
        failing = [x for x in items if x.status != NOT_ASSESSABLE]
        for x in sorted(failing, key=lambda x: x.severity != "error"):
            where = f"（{x.where}）" if x.where else ""
            lines.append(f"  {_MARK.get(x.severity, x.severity)} {tag_of(x)}{x.message}{where}")
        unassessable = [x for x in items if x.status == NOT_ASSESSABLE]
        if unassessable and show_all:
            lines += [f"  ? 无法核验 {tag_of(x)}{x.message}" for x in unassessable]
        elif unassessable:
            kinds = "、".join(sorted({kind_of(x) for x in unassessable}))
            lines.append(f"  ? 另有 {len(unassessable)} 处因数据不全无法核验（{kinds}），加 --all 查看")
    c = summarize(r.findings)
    if not r.findings:
        lines.append("  ✓ 未发现问题")
    lines.append(f"结论：{c['error']} 个错误，{c['warning']} 个提醒，{c['not_assessable']} 处无法核验")
    return "\n".join(lines)


def render_summary(results: list[AuditResult]) -> str:
    rows = [("文件", "机关", "年度", "错误", "提醒", "无法核验")]
    for r in results:
        if r.error:
            rows.append((Path(r.source).name, "—", "—", "无法读取", "", ""))
            continue
        c = summarize(r.findings)
        f = r.facts
        assert f is not None
        rows.append(
            (
                Path(r.source).name,
                f.agency,
                str(f.year or "?"),
                str(c["error"]),
                str(c["warning"]),
                str(c["not_assessable"]),
            )
        )
    widths = [max(_width(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = ["汇总："]
    for j, row in enumerate(rows):
        out.append("  " + "  ".join(_pad(cell, widths[i]) for i, cell in enumerate(row)))
        if j == 0:
            out.append("  " + "  ".join("-" * w for w in widths))
    bad = sum(1 for r in results if r.error)
    with_errors = sum(1 for r in results if r.errors and not r.error)
    out.append(f"共 {len(results)} 份：{with_errors} 份有错误，{bad} 份无法读取")
    return "\n".join(out)


def _width(s: str) -> int:
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in s)


def _pad(s: str, w: int) -> str:
    return s + " " * (w - _width(s))


CSV_FIELDS = [
    "source",
    "agency",
    "year",
    "rule",
    "severity",
    "status",
    "table",
    "cells",
    "reported",
    "computed",
    "message",
]


def write_csv(results: list[AuditResult], path: Path) -> None:
    """All findings, one per row (UTF-8 with BOM so that Excel opens the Chinese correctly)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
        w.writeheader()
        for r in results:
            if not r.findings:  # a clean file is listed too, so the CSV shows everything that was checked
                w.writerow({"source": r.source, "agency": r.facts.agency if r.facts else "",
                            "year": r.facts.year if r.facts else "", "status": "ok", "message": "未发现问题"})  # fmt: skip
            for x in r.findings:
                j = x.to_json()
                w.writerow(
                    {
                        "source": r.source,
                        "agency": r.facts.agency if r.facts else "",
                        "year": r.facts.year if r.facts else "",
                        "rule": x.rule,
                        "severity": x.severity,
                        "status": x.status,
                        "table": x.table or "",
                        "cells": " ".join(x.cells),
                        "reported": "" if j["reported"] is None else j["reported"],
                        "computed": "" if j["computed"] is None else j["computed"],
                        "message": x.message,
                    }
                )
