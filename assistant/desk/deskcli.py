"""The analysis sub-commands of `assistant desk`: recheck, levels, years, coverage."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from assistant.desk.dispositions import DeskError


def register(s: argparse._SubParsersAction) -> None:
    r = s.add_parser("recheck", help="整改复核：整改前后的报告逐条比对（已整改/仍存在/新发现）")
    r.add_argument(
        "--before", nargs="+", required=True, metavar="PATH", help="整改前的报告（文件、文件夹或 zip）"
    )
    r.add_argument("--after", nargs="+", required=True, metavar="PATH", help="整改后的报告")
    r.add_argument("--json", action="store_true", help="输出 JSON")
    r.set_defaults(func=run_recheck)
    lv = s.add_parser("levels", help="上下级：本级申请表、复议诉讼表与下级单位合计比对，列出未报送的下级")
    lv.add_argument("parent", metavar="PARENT", help="本级（上级机关）的报告")
    lv.add_argument("children", nargs="+", metavar="CHILD", help="下级单位的报告（文件、文件夹或 zip）")
    lv.add_argument("--expected", metavar="CSV", help="应报送的下级单位名单（CSV）")
    lv.set_defaults(func=run_levels)
    y = s.add_parser("years", help="跨年度比对：同一机关两个以上年度（输出 html 或 docx）")
    y.add_argument("paths", nargs="+", metavar="PATH", help="同一机关各年度的报告")
    y.add_argument("-o", "--out", required=True, metavar="OUT", help="输出文件（.html 或 .docx）")
    y.set_defaults(func=run_years)
    c = s.add_parser("coverage", help="报送情况：按名单列出未报送、空报告、仍用2019年旧版格式的单位")
    c.add_argument("expected", metavar="CSV", help="应报送单位名单（CSV，第一列或“机关/单位/名称”列）")
    c.add_argument("paths", nargs="+", metavar="PATH", help="收到的报告（文件、文件夹或 zip）")
    c.set_defaults(func=run_coverage)


def _audit(paths: list[str]):
    from assistant.config import load_settings
    from assistant.desk.batch import run_batch

    return run_batch(paths, work_dir=load_settings().home / "desk" / "uploads")


def run_recheck(args: argparse.Namespace) -> int:
    from assistant.desk.recheck import NEW, STILL, recheck, render

    items, notes = recheck(_audit(args.before), _audit(args.after))
    if args.json:
        doc = {"rechecks": [{"agency": r.agency, "year": r.year, "before": r.before, "after": r.after,
                             "changes": [c.to_json() for c in r.changes]} for r in items], "notes": notes}  # fmt: skip
        print(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        print(render(items, notes))
    open_errors = any(c.state in (STILL, NEW) and c.finding.is_error for r in items for c in r.changes)
    return 1 if open_errors else 0


def run_levels(args: argparse.Namespace) -> int:
    from assistant.desk.coverage import read_expected
    from assistant.desk.levels import check_levels, render

    try:
        expected = read_expected(Path(args.expected)) if args.expected else []
    except DeskError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    parent = _audit([args.parent])[0]
    if parent.facts is None:
        print(f"错误：本级报告无法读取：{parent.error}", file=sys.stderr)
        return 2
    kids = _audit(args.children)
    children = [r for r in kids if r.facts is not None]
    for r in kids:
        if r.facts is None:
            print(f"· 下级报告无法读取：{r.error}")
    same_year = [r.facts for r in children if r.facts.year == parent.facts.year]  # type: ignore[union-attr]
    for r in children:
        if r.facts.year != parent.facts.year:  # type: ignore[union-attr]
            print(f"· {r.source}：年度为 {r.facts.year}，与本级 {parent.facts.year} 不同，未计入")  # type: ignore[union-attr]
    lc = check_levels(parent.facts, same_year, expected)
    print(render(lc))
    return 0


def run_years(args: argparse.Namespace) -> int:
    from assistant.desk.years import build
    from assistant.desk.yearsdoc import render_html, write_docx

    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm", ".docx"):
        print("错误：输出文件须为 .html 或 .docx", file=sys.stderr)
        return 2
    results = _audit(args.paths)
    for r in results:
        if r.error:
            print(f"· 无法读取：{r.error}")
    try:
        yr = build(results)
    except DeskError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    if out.suffix.lower() == ".docx":
        write_docx(yr, out)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(render_html(yr), encoding="utf-8")
    print(f"已生成跨年度比对（{'、'.join(map(str, yr.years))}年）：{out}")
    return 0


def run_coverage(args: argparse.Namespace) -> int:
    from assistant.desk.coverage import coverage, read_expected, render

    try:
        names = read_expected(Path(args.expected))
    except DeskError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    cov = coverage(names, _audit(args.paths))
    print(render(cov))
    return 1 if cov.missing or cov.empty or cov.old_form else 0
