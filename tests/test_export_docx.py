"""Structure of the Word export: merged ranges, fonts (incl. eastAsia), repeated headers, A4, page numbers."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Mm

from assistant.core import spec
from assistant.core.findings import ERROR, FAIL, Finding
from assistant.export import build_docx, docx_bytes, write_report
from assistant.export import word_style as ws
from assistant.export.layout import table_grids
from tests.test_export_fixtures import full_report, marker_report, sample_report


def _reopen(report, findings=()):
    return Document(io.BytesIO(docx_bytes(report, findings)))


@pytest.fixture(scope="module")
def doc():
    return _reopen(full_report())


def physical_spans(table):
    """(row, col, rowspan, colspan, text) of each merged range, from the w:tc elements themselves."""
    rows = []
    for tr in table._tbl.tr_lst:
        col, row = 0, []
        for tc in tr.tc_lst:
            row.append((col, tc.grid_span, tc.vMerge))
            col += tc.grid_span
        rows.append(row)
    spans = set()
    for r, row in enumerate(rows):
        for col, width, vmerge in row:
            if vmerge == "continue":
                continue
            height = 1
            while r + height < len(rows) and any(
                c == col and v == "continue" for c, _, v in rows[r + height]
            ):
                height += 1
            text = "\n".join(p.text for p in table.cell(r, col).paragraphs)
            spans.add((r, col, height, width, text))
    return spans


@pytest.mark.parametrize("version", spec.FORMATS)
def test_merged_ranges_match_the_official_layout(version):
    report = full_report(version)
    d = _reopen(report)
    assert len(d.tables) == 3
    grids = table_grids(version, report.cells)
    for table, n in zip(d.tables, (1, 2, 3), strict=True):
        expected = {(s.row, s.col, s.rowspan, s.colspan, s.text) for s in grids[n].spans}
        assert physical_spans(table) == expected


def test_header_rows_repeat_and_rows_do_not_split(doc):
    for table, head in zip(doc.tables, (0, 3, 3), strict=True):
        for i, tr in enumerate(table._tbl.tr_lst):
            tr_pr = tr.trPr
            assert tr_pr is not None and tr_pr.find(qn("w:cantSplit")) is not None
            assert (tr_pr.find(qn("w:tblHeader")) is not None) == (i < head)


def test_tables_fit_the_text_width(doc):
    text_width = doc.sections[0].page_width - doc.sections[0].left_margin - doc.sections[0].right_margin
    for table in doc.tables:
        total = sum(gc.w for gc in table._tbl.tblGrid.gridCol_lst)
        assert total <= text_width + Mm(0.5)
        assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_page_is_a4_with_official_margins(doc):
    s = doc.sections[0]
    assert (round(s.page_width.mm), round(s.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [
        37,
        35,
        28,
        26,
    ]


def test_page_number_field_in_footer(doc):
    footer = doc.sections[0].footer.paragraphs[0]._p
    instr = [el.text for el in footer.iter(qn("w:instrText"))]
    assert instr == [" PAGE "]
    kinds = [el.get(qn("w:fldCharType")) for el in footer.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]


def _fonts(rpr_owner):
    fonts = rpr_owner.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {k: fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia", "asciiTheme", "eastAsiaTheme")}


def test_every_run_names_its_east_asian_font(doc):
    runs = [r for p in doc.paragraphs for r in p.runs]
    runs += [r for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs]
    runs += [r for p in doc.sections[0].footer.paragraphs for r in p.runs]
    assert runs
    for run in runs:
        f = _fonts(run._element)
        assert f["eastAsia"] and f["eastAsia"] == f["ascii"] == f["hAnsi"], (run.text, f)


def test_typography_title_headings_body(doc):
    title, heading, body = doc.paragraphs[0], doc.paragraphs[1], doc.paragraphs[2]
    assert title.style.name == "Title" and heading.style.name == "Heading 1"
    assert _fonts(title.runs[0]._element)["eastAsia"] == ws.TITLE_FONT
    assert _fonts(heading.runs[0]._element)["eastAsia"] == ws.HEADING_FONT
    assert heading.text == "一、总体情况"
    assert _fonts(body.runs[-1]._element)["eastAsia"] == ws.BODY_FONT
    assert body.paragraph_format.first_line_indent == ws.INDENT
    assert body.runs[-1].font.size == ws.BODY_SIZE
    assert title.runs[0].font.size == ws.TITLE_SIZE
    run_in = doc.paragraphs[3]  # （一）主动公开。… : the run-in sub-heading is set in 楷体
    assert _fonts(run_in.runs[0]._element)["eastAsia"] == ws.SUBHEADING_FONT
    assert run_in.runs[0].text == "（一）主动公开。"


def test_styles_carry_no_theme_fonts_or_colour(doc):
    for name in ("Normal", "Title", "Heading 1"):
        style = doc.styles[name]
        f = _fonts(style.element)
        assert f["asciiTheme"] is None and f["eastAsiaTheme"] is None
        assert f["eastAsia"]
        if name != "Normal":
            assert str(style.font.color.rgb) == "000000"
    assert doc.styles["Title"].element.pPr.find(qn("w:pBdr")) is None
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    assert _fonts(defaults) == _fonts(doc.styles["Normal"].element)


def test_font_table_declares_fallbacks(doc):
    xml = doc.part.part_related_by(RT.FONT_TABLE).blob.decode("utf-8")
    assert 'w:name="方正小标宋简体"' in xml and 'w:altName w:val="宋体"' in xml
    assert 'w:name="仿宋_GB2312"' in xml and 'w:altName w:val="仿宋"' in xml


def test_headings_are_the_six_official_ones(doc):
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert headings == [s.label for s in spec.SECTIONS]


def test_long_title_breaks_before_the_fixed_part():
    d = _reopen(sample_report())
    assert d.paragraphs[0].text == "某县自然资源局2023年\n政府信息公开工作年度报告"
    short = replace(full_report(), agency="某县某局")  # 19 characters wide: one line
    assert _reopen(short).paragraphs[0].text == "某县某局2023年政府信息公开工作年度报告"


def test_findings_appendix_and_flagged_cells():
    key = "review.total"
    bad = Finding("T3_REVIEW_TOTAL", ERROR, FAIL, "行政复议 / 总计：填报 9，计算 4", (key,), 9, 4, table=3)
    d = _reopen(marker_report(), [bad])
    headings = [p.text for p in d.paragraphs if p.style.name == "Heading 1"]
    assert headings[-1].startswith("附：核对意见")
    assert any("填报 9" in p.text for p in d.paragraphs)
    shaded = [tc for tc in d.tables[2]._tbl.iter(qn("w:tc")) if tc.find(".//" + qn("w:shd")) is not None]
    assert len(shaded) == 1
    tags = [child.tag for child in shaded[0].tcPr]
    assert tags.index(qn("w:shd")) < tags.index(qn("w:vAlign"))  # schema order, or Word refuses the file


def test_markers_print_as_empty_and_slash():
    d = _reopen(marker_report())
    t1 = d.tables[0]
    assert t1.cell(2, 1).text == "/"  # 规章 / 本年制发件数
    assert t1.cell(13, 1).text == "0.5"  # 行政事业性收费
    t3 = d.tables[2]
    assert [t3.cell(3, c).text for c in range(3)] == [str(full_report().cells["review.upheld"]), "828", ""]


def test_write_report_picks_format_by_suffix(tmp_path):
    report = full_report()
    for name in ("r.docx", "r.html", "r.htm", "r.md", "r.txt"):
        path = write_report(report, tmp_path / "out" / name)
        assert path.stat().st_size > 1000
    assert Document(str(tmp_path / "out" / "r.docx")).tables
    assert isinstance(build_docx(report).tables[1].rows[0].cells[0].text, str)
