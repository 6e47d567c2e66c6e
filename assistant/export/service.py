"""Export a facts file or a report document to a file: the service behind `assistant export`.

A facts file is checked by the engine (derived totals filled, every rule evaluated); a document is
read by the reader and audited the same way as `assistant check` does. What happens with findings
is decided in `assistant.export` (module docstring): listed in an appendix, or refused with
`strict=True`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from assistant.audit import AuditResult, InputError, Loaded, audit_one, load_input
from assistant.core.findings import FAIL, Finding
from assistant.core.report import Report
from assistant.export import ExportError, format_for, write_report
from assistant.facts_io import FactsFileError, is_facts_file, load_facts


class ExportRefused(ExportError):
    """`strict` export of a report with errors: nothing was written."""


@dataclass(frozen=True)
class Prepared:
    """A report ready to be written, with the findings of its check."""

    report: Report
    audit: AuditResult
    notes: tuple[str, ...] = ()

    @property
    def failed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.audit.findings if f.status == FAIL)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.audit.findings if f.is_error)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    prepared: Prepared
    appendix: bool  # whether the findings were written into the file


def prepare(source: str | Path, previous: str | Path | None = None) -> Prepared:
    """Read and check a facts file or a document; ExportError if it cannot be used at all."""
    src = Path(source)
    prev = None
    if previous is not None:
        try:
            prev = _load(Path(previous))[0]
        except ExportError as e:
            raise ExportError(f"上年报告无法使用：{e}") from None
    loaded, report = _load(src)
    audit = audit_one(loaded, prev)
    notes = loaded.notes
    if is_facts_file(src):
        assert audit.facts is not None
        report = replace(report, cells=dict(audit.facts.cells))  # with the derived totals
        if not any(report.sections.values()):
            notes += (
                f"{src}：数据文件没有 sections（各节正文），导出的正文为空；正文请用 assistant draft 起草",
            )
    return Prepared(report, audit, notes)


def _load(path: Path) -> tuple[Loaded, Report]:
    if is_facts_file(path):
        try:
            lf = load_facts(path)
        except FactsFileError as e:
            raise ExportError(str(e)) from None
        notes = tuple(n.message for n in lf.notes)
        return Loaded(str(path), lf.facts, None, notes, lf.findings), lf.to_report()
    try:
        loaded = load_input(path)
    except InputError as e:
        raise ExportError(str(e)) from None
    assert loaded.report is not None
    return loaded, loaded.report


def export_file(
    source: str | Path,
    dest: str | Path,
    previous: str | Path | None = None,
    appendix: bool = True,
    strict: bool = False,
) -> ExportResult:
    """Export `source` (facts file or document) to `dest`; the format follows `dest`'s suffix.

    With errors found: `strict` refuses (ExportError, nothing written); otherwise the file is written
    and, unless `appendix` is False, the findings are listed in it.
    """
    format_for(dest)  # refuse an unknown suffix before any work
    prepared = prepare(source, previous)
    if strict and prepared.errors:
        raise ExportRefused(
            f"{source}：核对发现 {len(prepared.errors)} 个错误，--strict 模式下不导出；"
            "请先用 assistant check 查看并修正"
        )
    findings = prepared.failed if appendix else ()
    path = write_report(prepared.report, dest, findings)
    return ExportResult(path, prepared, bool(findings))
