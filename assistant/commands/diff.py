"""`assistant diff ORIGINAL EDITED [--previous PATH] [--json]`: what an editor changed, then a re-check.

ORIGINAL is the exported draft (or its facts file), EDITED the file that came back from Word/WPS
(any format the reader takes). Shows the changed table numbers by official label and the changed
sentences per section, then checks the edited report as `assistant check` does and says which
problems the edit introduced or resolved. Exit code: 0 no error in the edited report, 1 errors,
2 an input cannot be read.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from assistant.commands.check import render_text as render_check
from assistant.core.finding_kinds import kind_of

if TYPE_CHECKING:  # assistant.export loads python-docx: imported when the command runs
    from assistant.export.compare import ReportDiff
    from assistant.export.service import Prepared


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "diff",
        help="对比原稿与修改稿：哪些表格数字、哪些句子被改动，并重新核对修改稿",
        description="对比导出的原稿与编辑后的修改稿（docx/html/md/txt/pdf 或数据文件），"
        "列出改动的表格数字（按官方栏目名称）和各节改动的句子，并重新核对修改稿。"
        "退出码：0 修改稿无错误，1 修改稿有错误，2 有无法读取的输入。",
    )
    p.add_argument("original", metavar="ORIGINAL", help="原稿（导出的文件或其数据文件）")
    p.add_argument("edited", metavar="EDITED", help="修改稿（编辑后的文件）")
    p.add_argument("--previous", metavar="PATH", help="上一年度的数据文件或年报，用于跨年度核对")
    p.add_argument("--json", action="store_true", help="输出 JSON（机器可读）")
    p.add_argument("--all", action="store_true", help="列出每一条“无法核验”（默认合并显示）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.export import ExportError
    from assistant.export.compare import compare_reports
    from assistant.export.service import prepare

    try:
        original = prepare(args.original)
        edited = prepare(args.edited, args.previous)
    except ExportError as e:
        sys.stderr.write(f"无法对比：{e}\n")
        return 2
    diff = compare_reports(original.report, edited.report)
    if args.json:
        print(json.dumps(to_json(args, diff, original, edited), ensure_ascii=False, indent=2))
    else:
        print(render(args.original, args.edited, diff, original, edited, args.all))
    return 1 if edited.errors else 0


def to_json(args: argparse.Namespace, diff: ReportDiff, original: Prepared, edited: Prepared) -> dict:
    from assistant.export.compare import finding_delta

    introduced, resolved = finding_delta(original.audit.findings, edited.audit.findings)
    return {
        "original": args.original,
        "edited": args.edited,
        **diff.to_json(),
        "check": edited.audit.to_json(),
        "introduced": [f.to_json() for f in introduced],
        "resolved": [f.to_json() for f in resolved],
    }


def render(
    old_name: str, new_name: str, diff: ReportDiff, original: Prepared, edited: Prepared, show_all: bool
) -> str:
    from assistant.export.compare import ADDED, CHANGED, REMOVED, TABLE_NAMES, show_value

    lines = [f"对比：{old_name}（原稿） → {new_name}（修改稿）"]
    if not diff.changed:
        lines.append("  未发现改动：表格数字与各节正文均与原稿一致")
    if diff.meta:
        lines.append("【基本信息】")
        lines += [f"  {field}：“{old}” → “{new}”" for field, old, new in diff.meta]
    if diff.cells:
        lines.append(f"【表格数字】{len(diff.cells)} 处改动")
        for c in diff.cells:
            lines.append(f"  {TABLE_NAMES[c.table]} {c.label}：{show_value(c.old)} → {show_value(c.new)}")
    if diff.sections:
        lines.append("【正文】")
        for s in diff.sections:
            counts = f"改 {s.count(CHANGED)} 句，增 {s.count(ADDED)} 句，删 {s.count(REMOVED)} 句"
            lines.append(f"  {s.label}（{counts}）")
            lines += [_sentence_line(c) for c in s.changes]
    lines.append("")
    lines.append("【重新核对修改稿】")
    lines.append(render_check([edited.audit], show_all=show_all))
    lines += _delta_lines(original, edited)
    return "\n".join(lines)


def _sentence_line(c) -> str:
    from assistant.export.compare import ADDED, CHANGED

    if c.kind == CHANGED:
        return f"    改：{c.old}\n      → {c.new}"
    if c.kind == ADDED:
        return f"    增：{c.new}"
    return f"    删：{c.old}"


def _delta_lines(original: Prepared, edited: Prepared) -> list[str]:
    from assistant.export.compare import finding_delta

    introduced, resolved = finding_delta(original.audit.findings, edited.audit.findings)
    if not introduced and not resolved:
        return ["与原稿相比：核对结果没有变化"]
    out = [f"与原稿相比：新出现 {len(introduced)} 个问题，消除 {len(resolved)} 个问题"]
    out += [f"  + [{kind_of(f)}] {f.message}" for f in introduced]
    out += [f"  - [{kind_of(f)}] {f.message}" for f in resolved]
    return out
