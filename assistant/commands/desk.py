"""`assistant desk decide|letters|recheck|levels|years|coverage`: the supervisor's desk."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from assistant.desk import checkrun
from assistant.desk.dispositions import DeskError, bulk, read_reviews, review, with_decisions, write_reviews

_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("desk", help="审核台：处理意见、审核意见书、整改复核、上下级、跨年度、报送情况")
    s = p.add_subparsers(dest="desk_command", metavar="子命令", required=True)
    d = s.add_parser("decide", help="对核对发现批量标记 确认/已说明/误报，写入审核记录文件")
    _batch_args(d)
    d.add_argument("--as", dest="disposition", required=True, metavar="意见", help="确认、已说明 或 误报")
    d.add_argument("--reason", default="", help="理由（已说明、误报必填）")
    d.add_argument("--by", default="", metavar="NAME", help="审核人")
    d.add_argument("--rule", help="只标记这一类规则的发现")
    d.add_argument("--fingerprint", nargs="+", metavar="FP", help="只标记这些指纹")
    d.set_defaults(func=run_decide)
    lt = s.add_parser("letters", help="按审核记录为每份报告生成审核意见（docx），并生成汇总工作簿（xlsx）")
    _batch_args(lt)
    lt.add_argument("-o", "--out", required=True, metavar="DIR", help="输出文件夹")
    lt.add_argument("--deadline", default="", help="整改期限，如 2024年4月15日（不填则留空待填）")
    lt.add_argument("--from", dest="reviewer_org", default="县人民政府办公室（政务公开办）", help="审核单位")
    lt.set_defaults(func=run_letters)
    from assistant.desk import deskcli  # the analysis sub-commands live with their modules

    deskcli.register(s)


def _batch_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="年报文档、数据文件、文件夹或 zip")
    p.add_argument("--reviews", required=True, metavar="FILE", help="审核记录文件（JSON）")
    p.add_argument("--previous", metavar="PATH", help="上一年度的报告，用于跨年度核对")
    p.add_argument("--jobs", type=int, metavar="N", help="并行核对的进程数（默认为 CPU 核数）")


def _reviewed(args: argparse.Namespace):
    decisions, notes = read_reviews(Path(args.reviews))
    for n in notes:
        print(f"· {n}", file=sys.stderr)
    results = checkrun.audit(args)
    return results, decisions


def run_decide(args: argparse.Namespace) -> int:
    try:
        results, decisions = _reviewed(args)
        reviewed = review(results, decisions)
        new = bulk(reviewed, args.disposition, args.reason, args.by, args.rule, args.fingerprint)
    except DeskError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    merged = with_decisions(decisions, new)
    pending = write_reviews(Path(args.reviews), review(results, merged), merged)
    label = new[0].label if new else args.disposition
    print(f"已标记 {len(new)} 条为“{label}”，写入 {args.reviews}（另有 {pending} 条待处理）")
    return 0 if new else 1


def run_letters(args: argparse.Namespace) -> int:
    from assistant.desk.opinion import Letter, confirmed, write_opinion
    from assistant.desk.workbook import write_workbook

    try:
        results, decisions = _reviewed(args)
    except DeskError as e:
        print(f"错误：{e}", file=sys.stderr)
        return 2
    reviewed = review(results, decisions)
    out = Path(args.out)
    letter = Letter(args.reviewer_org, args.deadline)
    written = 0
    for rep in reviewed:
        if rep.result.facts is None or not confirmed(rep):
            continue
        f = rep.result.facts
        write_opinion(rep, out / f"{_UNSAFE.sub('_', f.agency)}_{f.year}年度_审核意见.docx", letter)
        written += 1
    book = write_workbook(reviewed, out / "审核汇总.xlsx")
    print(f"已生成 {written} 份审核意见（只含“确认须整改”的问题），汇总工作簿：{book}")
    return 0
