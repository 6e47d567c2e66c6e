"""`assistant export SOURCE -o OUT [--previous PATH] [--strict] [--no-appendix]`.

Writes a facts file or a report document as .docx / .html / .md / .txt (format from OUT's suffix).
Input with errors still exports, with the findings in an appendix (see `assistant.export` for why);
`--strict` refuses instead. Exit code: 0 exported without errors, 1 errors found (exported unless
--strict), 2 the input cannot be used or the file cannot be written.
"""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="把数据文件或年报导出为 Word/网页/Markdown/文本（官方表格版式）",
        description="把数据文件（yaml/json）或年报文档导出为 .docx/.html/.md/.txt，格式由输出文件扩展名决定。"
        "核对有错误时仍然导出，并在文末附“核对意见”；加 --strict 则拒绝导出。"
        "退出码：0 无错误，1 有错误，2 输入无法使用或无法写入。",
    )
    p.add_argument("source", metavar="SOURCE", help="数据文件或年报文档")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件（.docx/.html/.md/.txt）")
    p.add_argument("--previous", metavar="PATH", help="上一年度的数据文件或年报，用于跨年度核对")
    p.add_argument("--strict", action="store_true", help="核对有错误时拒绝导出")
    p.add_argument("--no-appendix", action="store_true", help="不在文末附核对意见")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.export import ExportError  # python-docx: only when run
    from assistant.export.service import ExportRefused, export_file

    try:
        result = export_file(
            args.source, args.output, args.previous, appendix=not args.no_appendix, strict=args.strict
        )
    except ExportRefused as e:
        sys.stderr.write(f"未导出：{e}\n")
        return 1
    except ExportError as e:
        sys.stderr.write(f"未导出：{e}\n")
        return 2
    prepared = result.prepared
    for note in prepared.notes:
        print(f"· 说明：{note}")
    errors, failed = len(prepared.errors), len(prepared.failed)
    print(f"已导出：{result.path}")
    if failed:
        where = "已列入文末“核对意见”附录，定稿前请处理并删除" if result.appendix else "未写入文件"
        print(
            f"核对发现 {errors} 个错误、{failed - errors} 个提醒，{where}；详见 assistant check {args.source}"
        )
    return 1 if errors else 0
