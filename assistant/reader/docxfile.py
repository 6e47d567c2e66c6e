"""Word (.docx) reports via python-docx: paragraphs and tables in body order, merged cells once,
automatic numbering rendered ("一、" headings that Word numbers itself carry no number in their text).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from docx import Document as open_docx
from docx.enum.style import WD_STYLE_TYPE
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml import etree

from assistant.reader.blocks import Document, Grid, GridRow, Para
from assistant.reader.errors import ReaderError

_HEADING_STYLE = re.compile(r"^(heading [1-4]|title|标题\s*[1-4]?)$", re.I)
_CN_DIGITS = "零一二三四五六七八九"


def read_docx(data: bytes, name: str) -> Document:
    if not data.startswith(b"PK"):
        raise ReaderError(name, "不是有效的 Word 文档（.docx）：文件已损坏，或是改了扩展名的其他文件")
    try:
        return _read(open_docx(io.BytesIO(data)), name)
    except (zipfile.BadZipFile, zlib.error, PackageNotFoundError, etree.XMLSyntaxError, EOFError):
        raise ReaderError(
            name, "Word 文档已损坏或不完整，无法打开（请在 Word/WPS 中打开后重新保存为 .docx）"
        ) from None
    except Exception:  # noqa: BLE001 - python-docx fails in many ways on damaged XML
        raise ReaderError(
            name, "Word 文档结构已损坏，无法读取（请在 Word/WPS 中打开后重新保存为 .docx）"
        ) from None


def _read(document, name: str) -> Document:
    doc = Document(name, "docx", title_hint=document.core_properties.title or "")
    styles = _Styles(document)
    numbering = Numbering(document, styles)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = (numbering.label(item) + accepted_text(item)).strip()
            if text:
                style = styles.of(item)
                heading = style is not None and bool(_HEADING_STYLE.match(style.name or ""))
                doc.blocks.append(Para(text, heading=heading))
        elif isinstance(item, Table):
            doc.blocks.append(Grid(table_grid(item), exact=True))
    return doc


_TRACKED = ("w:ins", "w:moveTo", "w:del", "w:moveFrom")


def accepted_text(p: Paragraph) -> str:
    """The paragraph as Word shows it with tracked changes (修订) accepted: inserted runs (which
    python-docx's `.text` skips) read, deleted ones not. Untracked paragraphs: python-docx's text."""
    el = p._p
    if not any(el.find(f".//{qn(tag)}") is not None for tag in _TRACKED):
        return p.text
    out = []
    for node in el.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if any(a.tag in (qn("w:del"), qn("w:moveFrom")) for a in node.iterancestors()):
            continue
        if node.tag == qn("w:t"):
            out.append(node.text or "")
        else:
            out.append("\t" if node.tag == qn("w:tab") else "\n")
    return "".join(out)


class _Styles:
    """Paragraph styles by id (python-docx's `Paragraph.style` runs an XPath query per call)."""

    def __init__(self, document):
        self.by_id = {s.style_id: s for s in document.styles}
        self.default = next(
            (s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH and s.element.default), None
        )

    def of(self, p: Paragraph):
        sid = p._p.style
        return self.by_id.get(sid, self.default) if sid else self.default


def table_grid(table: Table) -> tuple[GridRow, ...]:
    """Rows of cell texts; a merged cell's text once, None where the merge continues."""
    rows: list[GridRow] = []
    above: list = []
    for row in table.rows:
        cells = row.cells
        tcs = [c._tc for c in cells]
        out: list[str | None] = []
        for c, cell in enumerate(cells):
            tc = tcs[c]
            if (c > 0 and tcs[c - 1] is tc) or (c < len(above) and above[c] is tc):
                out.append(None)
            else:
                out.append("\n".join(accepted_text(p) for p in cell.paragraphs).strip())
        rows.append(tuple(out))
        above = tcs
    return tuple(rows)


class Numbering:
    """Renders Word's automatic list numbers (decimal, Chinese counting, letters) for paragraphs."""

    def __init__(self, document, styles: _Styles | None = None):
        self.styles = styles or _Styles(document)
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is not None:
                self.levels[num.get(qn("w:numId"))] = _levels(definition)

    def label(self, p: Paragraph) -> str:
        num_id, ilvl = _num_pr(p, self.styles.of(p))
        levels = self.levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self.counters.setdefault(num_id, {})  # type: ignore[arg-type]
        counters[ilvl] = counters.get(ilvl, levels[ilvl][2] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        fmt, text, _ = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""

        def one(m: re.Match) -> str:
            lvl = int(m.group(1)) - 1
            f, _, start = levels.get(lvl, ("decimal", "", 1))
            return format_number(counters.get(lvl, start), f)

        return re.sub(r"%(\d)", one, text)


def _val(el, tag: str) -> str | None:
    child = el.find(qn(tag))
    return child.get(qn("w:val")) if child is not None else None


def _levels(definition) -> dict[int, tuple[str, str, int]]:
    out = {}
    for lvl in definition.findall(qn("w:lvl")):
        start = _val(lvl, "w:start")
        out[int(lvl.get(qn("w:ilvl"), "0"))] = (
            _val(lvl, "w:numFmt") or "decimal",
            _val(lvl, "w:lvlText") or "",
            int(start) if start and start.isdigit() else 1,
        )
    return out


def _num_pr(p: Paragraph, style) -> tuple[str | None, int]:
    for holder in (p._p.pPr, style.element.pPr if style is not None else None):
        num_pr = holder.numPr if holder is not None else None
        if num_pr is not None and num_pr.numId is not None:
            ilvl = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            return str(num_pr.numId.val), int(ilvl)
    return None, 0


def format_number(n: int, fmt: str) -> str:
    if fmt.startswith("chinese") or fmt in ("ideographDigital", "japaneseCounting", "taiwaneseCounting"):
        return chinese_numeral(n)
    if fmt in ("upperLetter", "lowerLetter"):
        s = chr(ord("A") + (n - 1) % 26)
        return s if fmt == "upperLetter" else s.lower()
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    return str(n)


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (list numbers are small)."""
    if n <= 0 or n >= 1000:
        return str(n)
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    out = f"{_CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else _CN_DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (_CN_DIGITS[ones] if ones else "")
