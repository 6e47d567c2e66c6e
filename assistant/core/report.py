"""Report: a published report as read from a document (sections as text, tables as cells)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.core import spec
from assistant.core.facts import ReportFacts, Value
from assistant.core.findings import Finding


@dataclass(frozen=True)
class Report:
    """What a reader got out of one document.

    `sections` maps the six section keys of `spec.SECTIONS` to their body text (heading removed;
    paragraphs separated by "\\n"); a missing section is absent. `cells` uses the cell keys of
    `spec`; `provenance` says where each value came from (e.g. "表2 第5行第3列"). `findings` are the
    reader's own findings (format conformance: LABEL_DEVIATION, FORMAT_2019, SECTION_MISSING, …).
    """

    source: str
    title: str = ""
    agency: str = ""
    year: int | None = None
    format: str = spec.FORMAT_2021
    sections: Mapping[str, str] = field(default_factory=dict)
    cells: Mapping[str, Value] = field(default_factory=dict)
    provenance: Mapping[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    level: str = ""
    # printed subtotals of rows collapsed into one (（六）其他处理 as one row): the sub-items' cell
    # keys of one column → the printed value; the checks use them where the sub-items are absent
    subtotals: Mapping[tuple[str, ...], int | Decimal] = field(default_factory=dict)

    def to_facts(self) -> ReportFacts:
        return ReportFacts(
            agency=self.agency or "（未识别机关）",
            year=self.year or 0,
            format=self.format,
            cells=dict(self.cells),
            narrative={},
            level=self.level,
            source=self.source,
        )

    def section(self, key: str) -> str:
        return self.sections.get(key, "")
