"""The Word (.docx) export, built natively with python-docx (never through Markdown or HTML).

Structure: a Title-style title line, the six official headings in Heading 1 style (so Word's
navigation pane lists them), body paragraphs, and the three tables with the official merged
ranges (see `layout.py`); header rows of Tables 2 and 3 repeat on each page (w:tblHeader), no row
breaks across pages (w:cantSplit), and the tables use fixed column widths that add up to the
156 mm text width. Typography is in `word_style.py`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell

from assistant.core.findings import Finding
from assistant.core.report import Report
from assistant.export import word_revisions
from assistant.export import word_style as ws
from assistant.export.document import (
    APPENDIX_HEADING,
    TITLE_SUFFIX,
    appendix_lines,
    flagged_cells,
    parts,
    title_of,
)
from assistant.export.layout import NOTE, Grid, Span
from assistant.export.revisions import Piece

TABLE_FONT_SIZE = {1: ws.TABLE_SIZE, 2: Pt(9), 3: Pt(9)}
CELL_MARGIN_TWIPS = 57  # 1 mm left/right inside cells (Word's default is 1.9 mm)
FLAG_FILL = "FFE8A3"
TITLE_LINE_CHARS = 20  # 二号 characters per 156 mm line
# w:tcPr children that the schema places after w:shd (Word refuses elements out of order).
_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers")
# A sub-heading such as "（一）主动公开" or the run-in "（一）主动公开。…" is set in 楷体.
SUBHEADING = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*[^。；;：:，,（(]{1,24}(?:[。：:]|$)")


def build_docx(
    report: Report, findings: Sequence[Finding] = (), tracked: Mapping[str, Sequence[Piece]] | None = None
) -> DocxDocument:
    """The report as a python-docx Document (save it with `.save(path)`). `tracked`: per section key,
    its text as kept / inserted / deleted pieces, written as Word tracked changes (the 修订 copy)."""
    doc = Document()
    ws.setup_document(doc)
    title = title_of(report)
    doc.core_properties.title = title
    doc.core_properties.author = report.agency
    _title(doc, title)
    flagged = flagged_cells(findings)
    ids = word_revisions.new_ids()
    for part in parts(report):
        _heading(doc, part.heading)
        if tracked and part.key in tracked:
            word_revisions.write_section(doc, tracked[part.key], ids, SUBHEADING)
        for text in () if tracked and part.key in tracked else part.paragraphs:
            _body(doc, text)
        if part.grid is not None:
            add_table(doc, part.grid, flagged)
    lines = appendix_lines(findings)
    if lines:
        doc.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
        _heading(doc, APPENDIX_HEADING)
        for line in lines:
            _body(doc, line, appendix=True)
    return doc


def docx_bytes(
    report: Report, findings: Sequence[Finding] = (), tracked: Mapping[str, Sequence[Piece]] | None = None
) -> bytes:
    buf = io.BytesIO()
    build_docx(report, findings, tracked).save(buf)
    return buf.getvalue()


def _title(doc: DocxDocument, title: str) -> None:
    """The title, centred; a long one breaks before 政府信息公开工作年度报告, as 公文 titles do."""
    p = doc.add_paragraph(style="Title")
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ws.fixed_spacing(p, Pt(35), indent=Pt(0))
    p.paragraph_format.space_after = ws.LINE_PITCH
    lines = [title]
    if _width(title) > TITLE_LINE_CHARS and title.endswith(TITLE_SUFFIX) and title != TITLE_SUFFIX:
        lines = [title.removesuffix(TITLE_SUFFIX), TITLE_SUFFIX]
    for i, line in enumerate(lines):
        run = ws.style_run(p.add_run(line), ws.TITLE_FONT, ws.TITLE_SIZE, bold=False)
        if i < len(lines) - 1:
            run.add_break()


def _width(text: str) -> float:
    """Printed width in full-width characters (digits and Latin letters are half as wide)."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def _heading(doc: DocxDocument, text: str) -> None:
    p = doc.add_paragraph(style="Heading 1")
    ws.fixed_spacing(p)
    ws.style_run(p.add_run(text), ws.HEADING_FONT, ws.BODY_SIZE, bold=False)


def _body(doc: DocxDocument, text: str, appendix: bool = False) -> None:
    """A body paragraph; appendix lines are left-aligned (long cell keys would stretch justified text)."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT if appendix else WD_ALIGN_PARAGRAPH.JUSTIFY
    ws.fixed_spacing(p)
    m = SUBHEADING.match(text)
    if m:
        ws.style_run(p.add_run(m.group(0)), ws.SUBHEADING_FONT, ws.BODY_SIZE)
        text = text[m.end() :]
    if text:
        ws.style_run(p.add_run(text), ws.BODY_FONT, ws.BODY_SIZE)


# ---------------------------------------------------------------- tables


def add_table(doc: DocxDocument, grid: Grid, flagged: frozenset[str] = frozenset()) -> Table:
    """Append `grid` as a Word table with its merged ranges."""
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = [Mm(w) for w in grid.widths_mm]
    _fixed_layout(table, widths)
    size = TABLE_FONT_SIZE[grid.table]
    # The cells' XML elements, taken once before any merge: `table.cell()` walks the whole grid on
    # every call (3 s per export); spans do not overlap, so a merge leaves the others' corners alone.
    tcs = [list(tr.tc_lst) for tr in table._tbl.tr_lst]
    for span in grid.spans:
        cell = _Cell(tcs[span.row][span.col], table)
        if span.rowspan > 1 or span.colspan > 1:
            cell = cell.merge(_Cell(tcs[span.row + span.rowspan - 1][span.col + span.colspan - 1], table))
        _fill(cell, span, size, span.key in flagged, _alignment(grid, span))
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if i < grid.head_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))
    return table


def _fixed_layout(table: Table, widths: list) -> None:
    """Fixed layout: Word keeps these widths instead of growing columns to fit the text."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(CELL_MARGIN_TWIPS))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
    for grid_col, w in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = w
    for tr in table._tbl.tr_lst:  # straight to the XML: row.cells re-reads the whole grid per row
        for tc, w in zip(tr.tc_lst, widths, strict=True):
            tc.width = w


def _fill(cell: _Cell, span: Span, size: Pt, flag: bool, align: WD_ALIGN_PARAGRAPH) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    p = cell.paragraphs[0]
    ws.fixed_spacing(p, Pt(size.pt * 1.3), indent=Pt(0))
    p.alignment = align
    if span.text:
        ws.style_run(p.add_run(span.text), ws.BODY_FONT, size)
    if flag:
        shd = OxmlElement("w:shd")
        for attr, val in (("w:val", "clear"), ("w:color", "auto"), ("w:fill", FLAG_FILL)):
            shd.set(qn(attr), val)
        tc_pr = cell._tc.get_or_add_tcPr()
        tc_pr.insert_element_before(shd, *_AFTER_SHD)


def _alignment(grid: Grid, span: Span) -> WD_ALIGN_PARAGRAPH:
    """Item labels and the corner note are left-aligned; group labels, headers and values centred."""
    if span.kind == NOTE or grid.is_leaf_label(span):
        return WD_ALIGN_PARAGRAPH.JUSTIFY if span.kind == NOTE else WD_ALIGN_PARAGRAPH.LEFT
    return WD_ALIGN_PARAGRAPH.CENTER
