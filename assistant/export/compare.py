"""What an editor changed between two versions of one report: table numbers and sentences.

Used when an exported draft comes back edited in Word/WPS: both files are read by the reader, the
cells are compared key by key (named by their official labels) and each section's text sentence by
sentence. Pure: works on `Report`s, no file access.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assistant.core import spec
from assistant.core.facts import Marker, Value
from assistant.core.findings import FAIL, Finding, json_value
from assistant.core.report import Report
from assistant.export.layout import cell_text

CHANGED, ADDED, REMOVED = "changed", "added", "removed"
TABLE_NAMES = {1: "表一", 2: "表二", 3: "表三"}
# A sentence ends at 。！？ (with any closing quotes or brackets that follow) or at a line end.
_SENTENCE = re.compile(r"[^。！？!?]*[。！？!?]+[”’」』）)]*|[^。！？!?]+$")


@dataclass(frozen=True)
class CellChange:
    key: str
    table: int
    label: str  # official row / column labels
    old: Value | None
    new: Value | None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "table": self.table,
            "label": self.label,
            "old": _json_cell(self.old),
            "new": _json_cell(self.new),
        }


@dataclass(frozen=True)
class SentenceChange:
    kind: str  # changed | added | removed
    old: str = ""
    new: str = ""


@dataclass(frozen=True)
class SectionDiff:
    key: str
    label: str
    changes: tuple[SentenceChange, ...]

    def count(self, kind: str) -> int:
        return sum(1 for c in self.changes if c.kind == kind)


@dataclass(frozen=True)
class ReportDiff:
    meta: tuple[tuple[str, str, str], ...]  # (field label, old, new)
    cells: tuple[CellChange, ...]
    sections: tuple[SectionDiff, ...]

    @property
    def changed(self) -> bool:
        return bool(self.meta or self.cells or self.sections)

    def to_json(self) -> dict[str, Any]:
        return {
            "changed": self.changed,
            "meta": [{"field": f, "old": o, "new": n} for f, o, n in self.meta],
            "cells": [c.to_json() for c in self.cells],
            "sections": [
                {"key": s.key, "label": s.label, "changes": [c.__dict__ for c in s.changes]}
                for s in self.sections
            ],
        }


def _json_cell(v: Value | None) -> Any:
    if isinstance(v, Marker):
        return str(v)
    return json_value(v)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, paragraph by paragraph, surrounding whitespace removed."""
    out = []
    for para in text.split("\n"):
        out += [s.strip() for s in _SENTENCE.findall(para) if s.strip()]
    return out


def compare_reports(old: Report, new: Report) -> ReportDiff:
    """Every difference of title/agency/year/format, of cell values and of section sentences."""
    return ReportDiff(_meta(old, new), tuple(_cells(old, new)), tuple(_sections(old, new)))


def _meta(old: Report, new: Report) -> tuple[tuple[str, str, str], ...]:
    fields = (("标题", "title"), ("机关", "agency"), ("年度", "year"), ("表格格式", "format"))
    out = []
    for label, attr in fields:
        a, b = str(getattr(old, attr) or ""), str(getattr(new, attr) or "")
        if "".join(a.split()) != "".join(b.split()):  # a title broken over two lines is the same title
            out.append((label, " ".join(a.split()), " ".join(b.split())))
    return tuple(out)


def _cells(old: Report, new: Report) -> Iterable[CellChange]:
    specs = [spec.spec_for(new.format), spec.spec_for(old.format)]
    seen: set[str] = set()
    for fspec in specs:
        for cell in fspec.cells:
            if cell.key in seen:
                continue
            seen.add(cell.key)
            a, b = old.cells.get(cell.key), new.cells.get(cell.key)
            if not _same(a, b):
                yield CellChange(cell.key, cell.table, cell.label, a, b)


def _same(a: Value | None, b: Value | None) -> bool:
    if isinstance(a, Marker) or isinstance(b, Marker) or a is None or b is None:
        return type(a) is type(b) and a == b
    return a == b  # int 3 == Decimal("3.0")


def _sections(old: Report, new: Report) -> Iterable[SectionDiff]:
    for section in spec.SECTIONS:
        a = split_sentences(old.section(section.key))
        b = split_sentences(new.section(section.key))
        changes = sentence_changes(a, b)
        if changes:
            yield SectionDiff(section.key, section.label, tuple(changes))


def sentence_changes(a: list[str], b: list[str]) -> list[SentenceChange]:
    """Aligned differences: replaced sentences pair up as "changed", the rest are added/removed."""
    out: list[SentenceChange] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        olds, news = a[i1:i2], b[j1:j2]
        paired = min(len(olds), len(news))
        out += [SentenceChange(CHANGED, o, n) for o, n in zip(olds[:paired], news[:paired], strict=True)]
        out += [SentenceChange(REMOVED, old=o) for o in olds[paired:]]
        out += [SentenceChange(ADDED, new=n) for n in news[paired:]]
    return out


def show_value(v: Value | None) -> str:
    """A cell value for people: absent and blank cells say so."""
    if v is None:
        return "（缺失）"
    if isinstance(v, Marker) and v == "":
        return "（空白）"
    return cell_text(v)


def finding_delta(before: Iterable[Finding], after: Iterable[Finding]) -> tuple[list[Finding], list[Finding]]:
    """(introduced, resolved): failed findings present only after, and only before, the edit."""

    def key(f: Finding) -> tuple:
        return (f.rule, f.cells, f.where)

    old = {key(f): f for f in before if f.status == FAIL}
    new = {key(f): f for f in after if f.status == FAIL}
    return [f for k, f in new.items() if k not in old], [f for k, f in old.items() if k not in new]
