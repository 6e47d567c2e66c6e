"""`assistant draft FACTS [--previous REPORT] [--backend offline|openai] [-o OUT] [--json]`.

Drafts the prose of the report (tables filled by the engine) and writes it with the exporter
(.docx/.html/.md/.txt by OUT's suffix); without -o the report is printed as text. The facts' table
findings come first when there are errors; drafting runs anyway. Exit code: 0 no error, 1 errors in
the tables or the drafted text (the report is still written), 2 unusable input or unwritable output.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.audit import AuditResult, InputError, guarded_load
from assistant.core import spec
from assistant.core.finding_kinds import kind_of
from assistant.core.findings import FAIL
from assistant.core.report import Report
from assistant.facts_io import FactsFileError, is_facts_file, load_facts

if TYPE_CHECKING:  # drafting loads its prompts and lexicons: imported when the command runs
    from assistant.drafting import Draft


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "draft",
        help="起草年报正文（总体情况、问题及改进、其他事项和表格导语），表格由系统填写",
        description="根据数据文件起草年报全文并导出（.docx/.html/.md/.txt）。未设置模型接口密钥（OPENAI_API_KEY）时使用离线起草。"
        "退出码：0 无错误，1 表格或正文有错误（仍然写出），2 输入无法使用或无法写入。",
    )
    p.add_argument("facts", metavar="FACTS", help="本年度数据文件（yaml/json），含 narrative 工作情况")
    p.add_argument(
        "--previous", metavar="REPORT", help="上一年度的年报或数据文件：用于同比和上年问题整改情况"
    )
    p.add_argument(
        "--backend", choices=("offline", "openai"), help="起草方式（默认：有密钥用模型，否则离线）"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="输出文件（.docx/.html/.md/.txt）；不给则在屏幕显示")
    p.add_argument("--json", action="store_true", help="输出 JSON：各部分正文、数字来源和核查意见")
    p.add_argument("--no-corpus", action="store_true", help="不检索范文库")
    p.set_defaults(func=run)


def _refusal(args: argparse.Namespace, facts, previous) -> str:
    """Why drafting must not start: a model asked for without a key, or another body's last year."""
    from assistant.config import load_settings
    from assistant.core.agency import same_agency

    if args.backend == "openai" and not load_settings().has_llm:
        return (
            "指定了 --backend openai，但未设置模型接口密钥（OPENAI_API_KEY）（不指定 --backend 则离线起草）"
        )
    prev = previous.to_facts() if hasattr(previous, "to_facts") else previous
    if prev is not None and not same_agency(prev.agency, facts.agency):
        return f"--previous 是“{prev.agency}”的报告，与本报告“{facts.agency}”不是同一机关"
    if prev is not None and prev.year and prev.year >= facts.year:
        return f"--previous 是{prev.year}年度报告，不早于本报告的{facts.year}年度"
    return ""


def run(args: argparse.Namespace) -> int:
    from assistant.export import ExportError, format_for

    try:
        if args.output:
            format_for(args.output)
        loaded = guarded_load(Path(args.facts))
        previous = _previous(args.previous) if args.previous else None
    except (InputError, ExportError) as e:
        sys.stderr.write(f"未起草：{e}\n")
        return 2
    refusal = _refusal(args, loaded.facts, previous)
    if refusal:
        sys.stderr.write(f"未起草：{refusal}\n")
        return 2
    out = sys.stderr if args.json else sys.stdout
    try:
        draft = _draft(args, loaded.facts, previous)
    except Exception as e:  # noqa: BLE001 - hostile facts (recursion, overflow) never end in a traceback
        sys.stderr.write(f"未起草：{args.facts}：起草时出现意外错误（{type(e).__name__}），请检查数据文件\n")
        return 2
    try:
        return _emit(args, loaded, draft, out)
    except Exception as e:  # noqa: BLE001 - showing or writing a hostile draft never ends in a traceback
        sys.stderr.write(f"未写出：{args.facts}：输出草稿时出现意外错误（{type(e).__name__}）\n")
        return 2


def _draft(args: argparse.Namespace, facts, previous) -> Draft:
    """The draft, saying on stderr what it waits for while a model is slow (stdout stays the result)."""
    from assistant.config import load_settings
    from assistant.drafting import stream_draft
    from assistant.drafting.service import AUTO

    events = stream_draft(
        facts, previous, backend=args.backend, retriever=None if args.no_corpus else AUTO,
        settings=load_settings(), stream=False,
    )  # fmt: skip
    draft = None
    for event in events:
        if event.kind == "waiting":
            print(f"· {event.text}", file=sys.stderr, flush=True)
        draft = event.draft or draft
    assert draft is not None
    return draft


def _emit(args: argparse.Namespace, loaded, draft: Draft, out) -> int:
    table_findings = tuple(loaded.findings) + draft.table_findings
    if any(f.is_error for f in table_findings):
        _print_table_findings(loaded.source, draft, table_findings, loaded.notes, out)
    for note in draft.notes:
        print(f"· 说明：{note}", file=out)
    code = 0
    if args.output:
        code = _write(draft, table_findings, Path(args.output), out)
        if code == 2:
            return 2
    if args.json:
        data = draft.to_json()
        data["table_findings"] = [f.to_json() for f in table_findings]
        data["output"] = args.output
        print(json.dumps(data, ensure_ascii=False, indent=2))
    elif not args.output:
        from assistant.export import render_text

        print(render_text(draft.to_report()))
    _print_sections(draft, out)
    errors = any(f.is_error for f in table_findings) or any(s.errors for s in draft.sections.values())
    return 1 if errors else code


def _previous(path: str) -> Report:
    p = Path(path)
    if is_facts_file(p):
        try:
            return load_facts(p).to_report()
        except FactsFileError as e:
            raise InputError(f"上年报告无法使用：{e}") from None
    try:
        loaded = guarded_load(p)
    except InputError as e:
        raise InputError(f"上年报告无法使用：{e}") from None
    assert loaded.report is not None
    return loaded.report


def _print_table_findings(source: str, draft: Draft, findings: tuple, notes: tuple, out) -> None:
    from assistant.commands.check import render_text

    result = AuditResult(source, draft.facts, findings, notes)
    print("表格核对发现错误（正文照常起草，定稿前请先改正表格数据）：", file=out)
    print(render_text([result]), file=out)
    print(file=out)


def _write(draft: Draft, table_findings: tuple, path: Path, out) -> int:
    from assistant.export import ExportError, write_report

    failed = tuple(f for f in table_findings + draft.findings if f.status == FAIL)
    try:
        written = write_report(draft.to_report(), path, failed)
    except ExportError as e:
        sys.stderr.write(f"未写出：{e}\n")
        return 2
    print(f"已写入：{written}", file=out)
    if failed:
        print(f"核查意见 {len(failed)} 条已列入文末附录，定稿前请逐条处理并删除附录", file=out)
    return 0


_BACKEND = {"offline": "离线起草", "openai": "模型起草", "staff": "经办人编辑"}


def _print_sections(draft: Draft, out) -> None:
    for key in (sec.key for sec in spec.SECTIONS):
        s = draft.sections.get(key)
        if s is None:
            continue
        how = _BACKEND.get(s.backend, s.backend) + ("（模型失败后改用）" if s.fallback else "")
        status = f"发现 {len(s.findings)} 个问题" if s.findings else "核查未发现问题"
        print(f"【{s.label}】{how}，{status}", file=out)
        for f in s.findings:
            mark = "✗" if f.is_error else "!"
            print(f"  {mark} [{kind_of(f)}] {f.message}", file=out)
        for note in s.notes:
            print(f"  · {note}", file=out)
