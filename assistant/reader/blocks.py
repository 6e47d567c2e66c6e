"""The reader's intermediate form: a document as paragraphs and table grids in body order.

Every format parser (text, html, docx, pdf) produces a `Document`; `assemble` turns it into a
`core.report.Report`. A grid cell is a string, or None where a merged cell continues (colspan or
rowspan), so that the text of a merged cell appears once, at its top-left position.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.core.findings import Finding

GridRow = tuple[str | None, ...]


@dataclass(frozen=True)
class Para:
    text: str
    heading: bool = False  # styled as a heading (docx Heading style, html h1-h4, markdown #)
    line: int = -1  # text files: the source line the paragraph starts on (-1: not known)


@dataclass(frozen=True)
class Grid:
    """A table. `exact`: grid positions are reliable (html/docx/pdf ruled tables, markdown);
    tab-separated text is not exact (its columns drift), so values are read in sequence."""

    rows: tuple[GridRow, ...]
    exact: bool = True


Block = Para | Grid


@dataclass
class Document:
    name: str  # the file name as given, for messages
    kind: str  # txt, md, html, docx, pdf
    blocks: list[Block] = field(default_factory=list)
    title_hint: str = ""  # html <title>, for when the body has no title line
    findings: list[Finding] = field(default_factory=list)  # parser findings (truncated file, …)
