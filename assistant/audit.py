"""The audit service behind `assistant check`: facts files and report documents, one or many.

Each input is read, filled and checked independently; an unreadable input becomes a result with an
`error` (exit code 2) and never stops the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant import sandbox
from assistant.core import engine
from assistant.core.facts import Marker, ReportFacts
from assistant.core.findings import ERROR, FAIL, Finding, json_value
from assistant.core.report import Report
from assistant.facts_io import FactsFileError, is_facts_file, load_facts

DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
REFUSED_SUFFIXES = (".doc", ".wps")  # found in folders and reported (save as .docx), not skipped silently


@dataclass(frozen=True)
class Loaded:
    """One input after reading: the facts, the reader's report (documents only), notes, findings."""

    source: str
    facts: ReportFacts
    report: Report | None = None
    notes: tuple[str, ...] = ()
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class AuditResult:
    source: str
    facts: ReportFacts | None = None
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    error: str = ""  # set when the input could not be used at all
    report: Report | None = None
    derived: frozenset[str] = field(default_factory=frozenset)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.is_error]

    def to_json(self) -> dict[str, Any]:
        f = self.facts
        out: dict[str, Any] = {
            "source": self.source,
            "format": f.format if f else None,
            "year": f.year if f and f.year else None,
            "agency": f.agency if f else None,
            "cells": {k: _cell_json(v) for k, v in (f.cells.items() if f else [])},
            "findings": [x.to_json() for x in self.findings],
        }
        if self.report is not None:
            out["title"] = self.report.title
        if self.derived:
            out["derived"] = sorted(self.derived)
        if self.notes:
            out["notes"] = list(self.notes)
        if self.error:
            out["error"] = self.error
        return out


def _cell_json(v: Any) -> Any:
    if isinstance(v, Marker):
        return None if v == "" else str(v)
    return json_value(v)


class InputError(Exception):
    """An input that cannot be used; the message is Chinese and names the file."""


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and supported files inside folders (recursive, sorted)."""
    for p in map(Path, paths):
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                if child.is_file() and _supported(child) and not child.name.startswith((".", "~$")):
                    yield child
        else:
            yield p


def skipped_files(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """(file, reason) for every file inside the given folders that a folder audit does not take,
    so that none is skipped silently (hidden files such as .DS_Store are not listed)."""
    out = []
    for p in map(Path, paths):
        if not p.is_dir():
            continue
        for child in sorted(p.rglob("*")):
            if not child.is_file() or child.name.startswith("."):
                continue
            if child.name.startswith("~$"):
                out.append((str(child), "Word/Excel 打开文档时生成的临时文件，不是年报"))
            elif not _supported(child):
                out.append((str(child), _skip_reason(child)))
    return out


def empty_folders(paths: Iterable[str | Path]) -> list[AuditResult]:
    """An unreadable result for each given folder that holds nothing to audit: said, never an empty
    run that exits 0."""
    out = []
    for p in map(Path, paths):
        if p.is_dir() and next(expand_paths([p]), None) is None:
            reason = "文件夹中没有可核对的文件（支持 yaml/json 数据文件及 txt、md、html、docx、pdf 报告）"
            out.append(_unreadable(str(p), f"{p}：{reason}"))
    return out


def _skip_reason(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xls", ".csv", ".et"):
        return "表格文件不是年报（申请台账请在“对话填报”页上传）"
    return (
        f"不支持的文件类型“{suffix or '无扩展名'}”（支持 yaml/json 数据文件及 txt、md、html、docx、pdf 报告）"
    )


def _supported(p: Path) -> bool:
    """Files a folder audit takes: facts, documents, and old Word files (reported as such).

    Word's lock files (~$name.docx) and hidden files are not reports.
    """
    return is_facts_file(p) or p.suffix.lower() in DOCUMENT_SUFFIXES + REFUSED_SUFFIXES


def load_input(path: Path) -> Loaded:
    """Read a facts file or a report document; raises InputError if it cannot be used."""
    if not path.exists():
        raise InputError(f"{path}：文件不存在")
    if is_facts_file(path):
        try:
            lf = load_facts(path)
        except FactsFileError as e:
            raise InputError(str(e)) from None
        report = lf.to_report() if lf.sections else None  # prose given: checked against the tables too
        return Loaded(str(path), lf.facts, report, tuple(n.message for n in lf.notes), lf.findings)
    if path.suffix.lower() in DOCUMENT_SUFFIXES:
        return _load_document(path)
    if path.suffix.lower() in REFUSED_SUFFIXES:
        raise InputError(f"{path}：不支持旧版 Word/WPS 格式（{path.suffix}），请另存为 .docx 后再核对")
    raise InputError(
        f"{path}：不支持的文件类型“{path.suffix or '无扩展名'}”（支持 yaml/json 数据文件及 txt、md、html、docx、pdf 报告）"
    )


def _load_document(path: Path) -> Loaded:
    from assistant.reader import ReaderError, read_report

    try:
        report = read_report(path)
    except ReaderError as e:
        raise InputError(str(e)) from None
    return Loaded(str(path), report.to_facts(), report, (), report.findings)


def audit_one(loaded: Loaded, previous: Loaded | None = None) -> AuditResult:
    if loaded.report is not None and previous is not None:
        from assistant.reader.rollforward import settle

        loaded = settle(loaded, previous)  # run-together 表一 digits settled by last year's in-force count
    subtotals = loaded.report.subtotals if loaded.report is not None else None
    blank_as_gap = loaded.report is not None  # a published document: a blank is a gap to fill
    result = engine.check(loaded.facts, previous.facts if previous else None, subtotals, blank_as_gap)
    own = {f.rule for f in loaded.findings}  # a reader's FORMAT_2019 (with evidence) replaces the engine's
    findings = list(loaded.findings) + [
        f for f in result.findings if not (f.rule == "FORMAT_2019" and f.rule in own)
    ]
    if loaded.report is not None:
        findings += _document_findings(loaded, result.facts, previous)
        findings = _old_form(findings)
    return AuditResult(
        loaded.source, result.facts, tuple(findings), loaded.notes, "", loaded.report, result.derived
    )


def _old_form(findings: list[Finding]) -> list[Finding]:
    """A report in the pre-2019 form: the current form's table checks do not apply (the reader says so)."""
    from assistant.reader.oldform import RULE, applies

    return [f for f in findings if applies(f)] if any(f.rule == RULE for f in findings) else findings


def _document_findings(loaded: Loaded, filled: ReportFacts, previous: Loaded | None) -> list[Finding]:
    try:
        from assistant.reader.textcheck import text_findings
    except ImportError:  # the prose checks are optional until the reader package provides them
        return []
    prev_report = previous.report if previous else None
    return list(text_findings(loaded.report, filled, prev_report))


def check_paths(
    paths: Iterable[str | Path],
    previous: str | Path | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
) -> list[AuditResult]:
    """Audit every input; `previous` (a facts file or document) enables the cross-year rules."""
    files = list(expand_paths(paths))
    prev_loaded: Loaded | None = None
    results: list[AuditResult] = []
    if previous is not None:
        try:
            prev_loaded = guarded_load(Path(previous))
        except InputError as e:
            results.append(_unreadable(str(previous), f"上年报告无法使用：{e}"))
    for i, path in enumerate(files):
        if on_progress:
            on_progress(i, len(files), str(path))
        results.append(audit_path(path, prev_loaded))
    if on_progress:
        on_progress(len(files), len(files), "")
    return results


def guarded_load(path: Path) -> Loaded:
    """load_input, with any unexpected failure (recursion, memory, a library's bug) an InputError.

    A file of some size is parsed in a forked child under a memory and time budget
    (`assistant.sandbox`), so one hostile upload cannot starve the server or the batch."""
    try:
        if _isolate(path):
            return sandbox.run(_load_unsandboxed, path, name=str(path))
        return _load_unsandboxed(path)
    except sandbox.BudgetError as e:
        raise InputError(f"{e}，已跳过") from None


def _isolate(path: Path) -> bool:
    try:
        return sandbox.should_isolate(path.stat().st_size)
    except OSError:
        return False


def _load_unsandboxed(path: Path) -> Loaded:
    try:
        return load_input(path)
    except InputError:
        raise
    except MemoryError:
        raise InputError(f"{path}：文件内容过于庞大，读取时超出内存限制，已跳过") from None
    except RecursionError:
        raise InputError(f"{path}：文件结构嵌套过深，无法读取，已跳过") from None
    except Exception as e:  # noqa: BLE001 - one broken file must never stop a batch
        raise InputError(f"{path}：读取时出现意外错误（{type(e).__name__}），已跳过") from None


def audit_path(path: Path, previous: Loaded | None = None) -> AuditResult:
    """One input read and checked; every stage guarded, so one hostile file never stops a batch."""
    try:
        loaded = guarded_load(path)
    except InputError as e:
        return _unreadable(str(path), str(e))
    try:
        result = audit_one(loaded, previous)
        result.to_json()  # rendering is part of the stage: a value that cannot be shown fails here
        return result
    except Exception as e:  # noqa: BLE001 - one broken file must never stop a batch
        return _unreadable(str(path), f"{path}：核对时出现意外错误（{type(e).__name__}），已跳过")


def _unreadable(source: str, message: str) -> AuditResult:
    return AuditResult(source, None, (Finding("UNREADABLE", ERROR, FAIL, message),), (), message)


def exit_code(results: list[AuditResult]) -> int:
    if any(r.error for r in results):
        return 2
    if any(r.errors for r in results):
        return 1
    return 0
