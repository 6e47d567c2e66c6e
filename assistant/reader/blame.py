"""Who is to blame for something the reader did not find: the report, or the reader.

A row, table or heading the reader did not find is the reader's gap (`source: reader`, a warning
「本工具未能读取……」) unless there is positive evidence that the report lacks it: its printed label
appears nowhere in the document's text (paragraphs and every table cell). A label that is printed
but was not read means the layout defeated the reader, never that the report is wrong.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.core import spec
from assistant.core.findings import READER, WARNING, Finding
from assistant.reader.blocks import Document, Grid
from assistant.reader.labels import norm, squash

_GAP = "[0-9]{0,24}.{0,6}?"  # a row's numbers and a few characters of other cells allowed between two of a wrapped label's
_PREFIX = 5  # characters of a label's start that must be printed: wrapped labels split after that


def document_text(doc: Document) -> str:
    """Everything printed, squashed (no spaces or punctuation), in body order."""
    parts: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Grid):
            parts.extend(c for row in block.rows for c in row if c)
        else:
            parts.append(block.text)
    return squash("".join(parts))


def printed(label: str, text: str) -> bool:
    """True when the start of `label` (numbering dropped) is printed somewhere in `text`: as one
    run, or with a few characters between each of its characters — a label wrapped in a narrow
    cell whose lines a text extraction interleaves with the next column's (「不予公 于国」 /
    「开 家秘」), or with its numbering and the row's numbers on the line between (「属」 /
    「5. 0 2 0 0 2 1 5」 / 「于三」)."""
    core = norm(label)
    if not core:
        return False
    start = core[:_PREFIX]
    if start in text:
        return True
    return len(start) >= 4 and re.search(_GAP.join(map(re.escape, start)), text) is not None


def as_reader_gap(f: Finding, message: str) -> Finding:
    """The finding recast as the reader's gap: a warning about the tool, not the report."""
    return replace(f, severity=WARNING, source=READER, message=message)


_TABLES = {1: "表一", 2: "表二", 3: "表三"}
_ALWAYS_READER = {"ROW_UNREADABLE", "NEEDS_OCR", "FILE_TRUNCATED"}


def blame(findings: list[Finding], text: str, fspec: spec.FormatSpec) -> list[Finding]:
    """Each structural finding blamed on the report (label absent) or on the reader (label printed)."""
    out: list[Finding] = []
    for f in findings:
        if f.rule in _ALWAYS_READER:
            out.append(replace(f, source=READER))
        elif f.rule == "ROW_MISSING" and f.source != READER:  # a reader's gap already
            out.append(_row(f, text, fspec))
        elif f.rule == "TABLE_MISSING" and f.table:
            out.append(_table(f, text, fspec))
        elif f.rule == "SECTION_MISSING" and f.computed is None:
            out.append(_section(f, text))
        else:
            out.append(f)
    return out


def _row_name(cell: spec.Cell) -> str:
    return cell.row_path[-1] if cell.row_path else cell.col_path[0]


def _row(f: Finding, text: str, fspec: spec.FormatSpec) -> Finding:
    cell = fspec.by_key.get(f.cells[0]) if f.cells else None
    if cell is None or not printed(_row_name(cell), text):
        return f
    return as_reader_gap(
        f,
        f"本工具未能读取{_TABLES[cell.table]}“{cell.row_label}”一行的数值（{len(f.cells)} 个单元格）："
        "文件中印有该行，但版式未能解析，请人工核对，这不是报告的错误",
    )


def _table(f: Finding, text: str, fspec: spec.FormatSpec) -> Finding:
    names = {_row_name(c) for c in fspec.table_cells(f.table)} | {
        c.col_label for c in fspec.table_cells(f.table)
    }
    seen = sum(1 for n in names if n and printed(n, text))
    if seen < 3:
        return f
    title = spec.TABLE_TITLES[f.table]
    return as_reader_gap(
        f,
        f"本工具未能读取{_TABLES[f.table]}（{title}）：文件中印有该表的行列名称，但表格版式未能解析，"
        "请人工核对，这不是报告的错误",
    )


def _section(f: Finding, text: str) -> Finding:
    sec = next((s for s in spec.SECTIONS if f"“{s.label}”" in f.message), None)
    if sec is None or squash(sec.title) not in text:
        return f
    return as_reader_gap(
        f,
        f"本工具未能识别第{sec.number}部分“{sec.label}”的章节标题：文件中印有该标题文字，"
        "但版式未能解析，请人工核对",
    )
