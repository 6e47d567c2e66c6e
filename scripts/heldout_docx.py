"""Held-out documents as Word files the way clerks lay them out (python-docx), and their PDFs (LibreOffice).

Layout options: merged header cells (always, as the form has them), bordered or borderless tables,
narrow label columns so labels wrap, 表三 as one 15-column table or three 5-column tables, a landscape
section for the wide tables, a repeated header row on a table that runs over a page.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_ALIGN_VERTICAL, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from heldout_grid import Grid


@dataclass(frozen=True)
class DocxStyle:
    borders: bool = True
    label_cm: float = 3.0  # total width of the label columns (narrow → labels wrap)
    font_pt: float = 9.0
    landscape_tables: bool = False  # 表二 and 表三 on a landscape page
    t3_three: bool = False
    valign_centre: bool = (
        False  # cells centred vertically: a value sits beside the middle of its wrapped label
    )
    repeat_header: bool = False
    body_pt: float = 12.0


def _cjk(run, name: str = "Noto Serif CJK SC") -> None:
    run.font.name = name
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), name)


def _para(doc, text: str, size: float, bold: bool = False, centre: bool = False, indent: bool = True) -> None:
    p = doc.add_paragraph()
    if centre:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    _cjk(run)


def _set_borders(table, on: bool) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if on else "nil")
        if on:
            el.set(qn("w:sz"), "4")
            el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _repeat_header(table, n: int) -> None:
    for row in table.rows[:n]:
        tr_pr = row._tr.get_or_add_trPr()
        el = OxmlElement("w:tblHeader")
        el.set(qn("w:val"), "true")
        tr_pr.append(el)


def add_grid(doc, grid: Grid, style: DocxStyle, widths_cm: list[float]) -> None:
    table = doc.add_table(rows=grid.n_rows, cols=grid.n_cols)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_borders(table, style.borders)
    for r, c, rs, cs, text in grid.spans:
        cell = table.cell(r, c)
        if rs > 1 or cs > 1:
            cell = cell.merge(table.cell(r + rs - 1, c + cs - 1))
        cell.text = ""
        if style.valign_centre:
            cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        run = cell.paragraphs[0].add_run(text)
        run.font.size = Pt(style.font_pt)
        _cjk(run)
        if text[:1].isdigit() or text in ("/", ""):
            cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        for i, cell in enumerate(row.cells):
            cell.width = Cm(widths_cm[i])
    if style.repeat_header and grid.header_rows:
        _repeat_header(table, grid.header_rows)
    doc.add_paragraph()


def _landscape(doc, on: bool) -> None:
    sec = doc.add_section(WD_SECTION.NEW_PAGE)
    w, h = sec.page_width, sec.page_height
    if on and w < h or not on and w > h:
        sec.orientation = WD_ORIENT.LANDSCAPE if on else WD_ORIENT.PORTRAIT
        sec.page_width, sec.page_height = h, w


def write_docx(path: Path, title: str, blocks: list, style: DocxStyle) -> None:
    """`blocks`: ("heading", text) | ("para", text) | ("table", table_no, [Grid, ...])."""
    doc = Document()
    first = doc.sections[0]
    first.page_width, first.page_height = Cm(21.0), Cm(29.7)  # A4, as government reports are printed
    first.left_margin = first.right_margin = Cm(2.6)
    _para(doc, title, 16, bold=True, centre=True)
    landscape = False
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            _para(doc, block[1], style.body_pt, bold=True, indent=False)
        elif kind == "para":
            _para(doc, block[1], style.body_pt)
        else:
            _, table_no, grids = block
            wide = table_no in (2, 3) and style.landscape_tables
            if wide != landscape:
                _landscape(doc, wide)
                landscape = wide
            for g in grids:
                add_grid(doc, g, style, _widths(g, style, wide))
            if landscape and table_no == 3:
                _landscape(doc, False)
                landscape = False
    props = doc.core_properties
    props.author = props.last_modified_by = "政务公开办"
    props.created = props.modified = datetime(2024, 1, 20, 9, 0, 0)
    doc.save(str(path))
    _fix_zip_times(path)


def _fix_zip_times(path: Path) -> None:
    """Rewrite the package with fixed member times, so the same truth gives the same bytes."""
    with zipfile.ZipFile(path) as z:
        members = [(i, z.read(i)) for i in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 20, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(fixed, data)


def _widths(grid: Grid, style: DocxStyle, wide: bool) -> list[float]:
    usable = 24.0 if wide else 15.5
    if grid.n_cols == 10:  # 表二: three label columns, seven value columns
        label = [style.label_cm * 0.3, style.label_cm * 0.35, style.label_cm * 0.35 + 0.4]
        return label + [(usable - sum(label)) / 7] * 7
    if grid.n_cols == 4:
        first = max(style.label_cm, 2.0)
        return [first] + [(usable - first) / 3] * 3
    return [usable / grid.n_cols] * grid.n_cols


def docx_to_pdf(docx: Path, pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [
                "libreoffice",
                f"-env:UserInstallation=file://{tmp}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                tmp,
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.move(str(Path(tmp) / (docx.stem + ".pdf")), pdf)
