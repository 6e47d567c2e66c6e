"""The parts of an exported report, in order, shared by every writer.

A report is its title line, then the six official sections in order; each section is its heading,
its body paragraphs (for 二/三/四: the optional lead-in text) and, for 二/三/四, its table. Findings
given to a writer become an appendix after section 六 (see `assistant.export` for why).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from assistant.core import spec
from assistant.core.findings import ERROR, FAIL, Finding
from assistant.core.report import Report
from assistant.export.layout import Grid, table_grids

TITLE_SUFFIX = "政府信息公开工作年度报告"
APPENDIX_HEADING = "附：核对意见（定稿发布前请逐条处理并删除本附录）"
SECTION_TABLES = {spec.SECTIONS[1].key: 1, spec.SECTIONS[2].key: 2, spec.SECTIONS[3].key: 3}


@dataclass(frozen=True)
class Part:
    """One section of the exported document."""

    key: str
    heading: str  # the official heading, e.g. 一、总体情况
    paragraphs: tuple[str, ...]
    grid: Grid | None = None


def title_of(report: Report) -> str:
    """The title line: the report's own title, else agency + year + 政府信息公开工作年度报告."""
    if report.title.strip():
        return report.title.strip()
    year = f"{report.year}年" if report.year else ""
    return f"{report.agency}{year}{TITLE_SUFFIX}"


def paragraphs(text: str) -> tuple[str, ...]:
    """Body text to paragraphs: one per non-empty line, surrounding whitespace removed."""
    return tuple(line.strip() for line in text.split("\n") if line.strip())


def parts(report: Report) -> Iterator[Part]:
    """The six sections in official order, with the tables of 二/三/四."""
    grids = table_grids(report.format, report.cells)
    for section in spec.SECTIONS:
        table = SECTION_TABLES.get(section.key)
        grid = grids[table] if table else None
        yield Part(section.key, section.label, paragraphs(report.section(section.key)), grid)


def appendix_lines(findings: Iterable[Finding]) -> list[str]:
    """One line per failed finding (errors first), numbered; empty when nothing failed."""
    failed = [f for f in findings if f.status == FAIL]
    failed.sort(key=lambda f: f.severity != ERROR)
    lines = []
    for i, f in enumerate(failed, 1):
        kind = "错误" if f.severity == ERROR else "提醒"
        where = f"（{f.where}）" if f.where else ""
        lines.append(f"{i}. 【{kind}】{f.message}{where}")
    return lines


def flagged_cells(findings: Sequence[Finding]) -> frozenset[str]:
    """Cell keys named by failed table errors (highlighted in docx and html).

    Text findings (a prose number that contradicts a cell) are about the sentence, not the cell.
    """
    return frozenset(
        k
        for f in findings
        if f.is_error and f.table is not None
        for k in f.cells
        if not k.startswith("prev:")
    )
