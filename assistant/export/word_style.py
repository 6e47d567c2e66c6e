"""公文 typography for the Word export: fonts (with w:eastAsia), styles, page setup, page numbers.

Sizes follow the usual 党政机关公文格式 (GB/T 9704) conventions: title 二号 (22pt) 方正小标宋简体,
headings 三号 (16pt) 黑体, body 三号 仿宋_GB2312 with a two-character first-line indent and a fixed
28pt line pitch, tables 五号 (10.5pt), page numbers 四号 in the footer, A4 with 37/35/28/26 mm
margins (a 156 mm x 225 mm text block). The national format itself prescribes no fonts.

The Chinese fonts are not installed everywhere. Each is declared in the font table with a common
Windows font as `w:altName` (方正小标宋简体 → 宋体, 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体), which
Word and WPS use when the first choice is missing.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import BaseStyle
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml import etree

TITLE_FONT = "方正小标宋简体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋_GB2312"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
FONT_FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", SUBHEADING_FONT: "楷体"}
# Font-table family hints: a serif ("roman") or sans ("swiss") stand-in where a font is missing.
FONT_FAMILIES = {TITLE_FONT: "roman", BODY_FONT: "roman", SUBHEADING_FONT: "roman", HEADING_FONT: "swiss"}

TITLE_SIZE = Pt(22)
BODY_SIZE = Pt(16)
TABLE_SIZE = Pt(10.5)
PAGE_NUMBER_SIZE = Pt(14)
LINE_PITCH = Pt(28)
INDENT = Pt(32)  # two characters of 16pt

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = Mm(156)
BLACK = RGBColor(0, 0, 0)
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(rpr_owner, name: str) -> None:
    """Set ascii, hAnsi and eastAsia fonts on a run or style element (python-docx sets only two)."""
    _plain_fonts(rpr_owner.get_or_add_rPr().get_or_add_rFonts(), name)


def _plain_fonts(fonts, name: str) -> None:
    for attr in _THEME_ATTRS:  # theme fonts would override the names below
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), name)


def style_run(run: Run, font: str, size: Pt, bold: bool | None = None) -> Run:
    set_fonts(run._element, font)
    run.font.size = size
    run.font.bold = bold
    return run


def set_style(style: BaseStyle, font: str, size: Pt, bold: bool = False) -> None:
    """A paragraph style in 公文 form: plain font names (no theme fonts), black, not bold."""
    set_fonts(style.element, font)
    style.font.size = size
    style.font.bold = bold
    style.font.color.rgb = BLACK
    ppr = style.element.get_or_add_pPr()
    border = ppr.find(qn("w:pBdr"))
    if border is not None:  # the Title style draws a blue rule under the title
        ppr.remove(border)


def fixed_spacing(paragraph: Paragraph, pitch: Pt = LINE_PITCH, indent: Pt | None = INDENT) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = pitch
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    fmt.first_line_indent = indent


def setup_document(doc: DocxDocument) -> None:
    """Styles, A4 page, margins, page-number footer, font fallbacks, Chinese as the document language."""
    set_style(doc.styles["Normal"], BODY_FONT, BODY_SIZE)
    set_style(doc.styles["Title"], TITLE_FONT, TITLE_SIZE)
    set_style(doc.styles["Heading 1"], HEADING_FONT, BODY_SIZE)
    _set_defaults(doc)
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    for side, value in MARGINS.items():
        setattr(section, f"{side}_margin", value)
    section.footer_distance = Mm(28)
    section.header_distance = Mm(15)
    _page_number_footer(section.footer.paragraphs[0])
    _declare_font_fallbacks(doc)


def _set_defaults(doc: DocxDocument) -> None:
    """Document defaults: the body font without theme fonts, and Chinese as the East Asian language."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _plain_fonts(rpr.find(qn("w:rFonts")), BODY_FONT)  # the default template always has one
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _page_number_footer(paragraph: Paragraph) -> None:
    """ "— N —" centred, N being a PAGE field (Word computes it)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fixed_spacing(paragraph, Pt(18), indent=Pt(0))
    style_run(paragraph.add_run("— "), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
    for kind, text in (("begin", ""), ("instr", " PAGE "), ("separate", ""), ("text", "1"), ("end", "")):
        run = style_run(paragraph.add_run(), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        elif kind == "text":
            run.text = text
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
    style_run(paragraph.add_run(" —"), PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE)


def _declare_font_fallbacks(doc: DocxDocument) -> None:
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = parse_xml(part.blob)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name in (TITLE_FONT, HEADING_FONT, BODY_FONT, SUBHEADING_FONT, PAGE_NUMBER_FONT):
        if name in known:
            continue
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        if name in FONT_FALLBACKS:
            alt = OxmlElement("w:altName")
            alt.set(qn("w:val"), FONT_FALLBACKS[name])
            font.append(alt)
        family = FONT_FAMILIES.get(name, "roman")
        for tag, val in (("w:charset", "86"), ("w:family", family), ("w:pitch", "variable")):
            el = OxmlElement(tag)
            el.set(qn("w:val"), val)
            font.append(el)
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
