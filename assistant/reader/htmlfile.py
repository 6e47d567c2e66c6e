"""HTML reports (lxml): encoding, page chrome removed, paragraphs and expanded table grids.

Encoding: a BOM, else UTF-8 if the bytes are valid UTF-8 (pages often declare gb2312 wrongly),
else the declared charset (<meta charset> or http-equiv), else GB18030 (a superset of GBK/GB2312). Navigation,
headers, footers, scripts and share bars are dropped by tag and by class/id. Tables without nested
tables are data tables, expanded to a grid (rowspan/colspan: the text at the top-left position,
None in the continued positions); tables holding other tables or long text are page layout and
are read as ordinary content.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from assistant.core.findings import FAIL, READER, WARNING, Finding
from assistant.reader.blocks import Document, Grid, GridRow, Para
from assistant.reader.errors import ReaderError
from assistant.reader.textfile import decode_text

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:-]+)""", re.I)
_GBK = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "cp936", "gb18030", "euc-cn", "hz-gb-2312"}
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "iframe",
    "select",
    "button",
    "template",
)
_JUNK = re.compile(
    r"^(?:.*[-_])?(?:nav|navbar|menu|footer|foot|breadcrumbs?|crumbs?|location|position|sidebar|"
    r"share|copyright|topbar|banner|friendlinks?|toolbar)(?:[-_].*)?$",
    re.I,
)
_JUNK_EXACT = {"header", "site-header", "top", "bottom", "head"}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "center", "blockquote",
    "pre", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table", "tbody", "thead", "tfoot",
    "form", "header", "body", "caption", "hr", "address", "figure", "figcaption",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4"}
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])\s+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)
_MAX_SPAN = 60
_MAX_ROWS = 2_000  # an official table has ~40 rows; a grid is at most _MAX_ROWS x _MAX_COLUMNS
_MAX_COLUMNS = 60


def decode_html(data: bytes, name: str) -> str:
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_text(data, name)
    m = _CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii", "ignore").lower() if m else ""
    # Valid UTF-8 with Chinese text is never real GBK, so UTF-8 goes first whatever is declared.
    order = ["utf-8"] + (["gb18030" if declared in _GBK else declared] if declared else [])
    order += [e for e in ("gb18030",) if e not in order]
    if b"\x00" in data[:65536]:
        raise ReaderError(name, "这是二进制文件，不是 HTML 网页")
    for encoding in order:
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReaderError(name, "网页编码无法识别（既不是 UTF-8 也不是 GBK/GB18030）")


def read_html(data: bytes, name: str) -> Document:
    text = decode_html(data, name)
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        root = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise ReaderError(name, "网页内容为空或已损坏，无法解析") from None
    doc = Document(name, "html", title_hint=_title(root))
    _clean(root)
    body = root.find("body")
    builder = _Builder(doc)
    builder.walk(body if body is not None else root)
    builder.flush()
    lower = text[-2000:].lower()
    if "<html" in text[:2000].lower() and "</html>" not in lower and "</body>" not in lower:
        doc.findings.append(
            Finding("FILE_TRUNCATED", WARNING, FAIL, f"{name}：网页文件不完整（缺少结尾），内容可能被截断")
        )
    return doc


def _title(root) -> str:
    t = root.find(".//title")
    return clean_text(t.text_content()) if t is not None else ""


def _clean(root) -> None:
    for el in list(root.iter(etree.Comment, etree.ProcessingInstruction)):
        if el.getparent() is not None:
            el.drop_tree()  # keeps the tail text
    for el in list(root.iter(*_DROP_TAGS)):
        el.drop_tree()
    for el in list(root.iter("header")):
        if not any(a.tag in ("article", "main") for a in el.iterancestors()):
            el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        tokens = (el.get("class") or "").split() + (el.get("id") or "").split()
        if any(_JUNK.match(t) or t.lower() in _JUNK_EXACT for t in tokens):
            el.drop_tree()


def clean_text(text: str) -> str:
    text = re.sub(r"[ \t\r\n\f\v\u00a0\u200b]+", " ", text or "")
    return _CJK_GAP.sub("", text).strip(" \u3000")


class _Builder:
    """Walks the cleaned tree, emitting paragraphs at block boundaries and grids for data tables."""

    def __init__(self, doc: Document):
        self.doc = doc
        self.buf: list[str] = []
        self.heading = False

    def flush(self) -> None:
        text = clean_text("".join(self.buf))
        if text:
            self.doc.blocks.append(Para(text, heading=self.heading))
        self.buf = []

    def walk(self, el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table" and _is_data_table(el):
            self.flush()
            cut: list[str] = []
            self.doc.blocks.append(Grid(expand_table(el, cut), exact=True))
            if cut:  # what was not read is said, never dropped silently (issue 15)
                self.doc.findings.append(capped_table(self.doc, cut))
            self.buf.append(el.tail or "")
            return
        if tag == "br":
            self.flush()
            self.buf.append(el.tail or "")
            return
        block = tag in _BLOCK_TAGS
        if block:
            self.flush()
        was = self.heading
        self.heading = self.heading or tag in _HEADINGS
        self.buf.append(el.text or "")
        for child in el:
            self.walk(child)
        if block:
            self.flush()
        self.heading = was
        self.buf.append(el.tail or "")


def _is_data_table(table) -> bool:
    if table.find(".//table") is not None:
        return False
    cells = table.findall(".//td") + table.findall(".//th")
    if not cells:
        return False
    widest = max((len(tr.findall("td")) + len(tr.findall("th")) for tr in table.iter("tr")), default=0)
    return not (widest <= 2 and any(len(c.text_content()) > 200 for c in cells))


def _span(cell, attr: str, cut: list[str]) -> int:
    try:
        n = int(str(cell.get(attr, "1")).strip() or 1)
    except ValueError:
        return 1
    if n > _MAX_SPAN:
        cut.append(f"合并单元格跨度{n}超过{_MAX_SPAN}，按{_MAX_SPAN}读取")
    return max(1, min(n, _MAX_SPAN))


def capped_table(doc: Document, cut: list[str]) -> Finding:
    n = sum(1 for b in doc.blocks if isinstance(b, Grid))
    return Finding(
        "TABLE_CAPPED", WARNING, FAIL,
        f"{doc.name}：第{n}个表格超出读取上限（{'；'.join(list(dict.fromkeys(cut))[:3])}），超出部分未读取，请核对原文",
        source=READER,
    )  # fmt: skip


def expand_table(table, cut: list[str] | None = None) -> tuple[GridRow, ...]:
    """The table as a rectangular grid: merged cells once, None where a span continues.

    Beyond `_MAX_ROWS` rows, `_MAX_COLUMNS` columns or `_MAX_SPAN` a span, the rest is not read and
    `cut` says so."""
    cut = [] if cut is None else cut
    grid: dict[tuple[int, int], str | None] = {}
    all_rows = list(table.iter("tr"))
    rows = all_rows[:_MAX_ROWS]
    if len(all_rows) > _MAX_ROWS:
        cut.append(f"共{len(all_rows)}行，只读取前{_MAX_ROWS}行")
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            while (r, c) in grid:
                c += 1
            rs, cs = _span(td, "rowspan", cut), _span(td, "colspan", cut)
            if c + cs > _MAX_COLUMNS:
                cut.append(f"超过{_MAX_COLUMNS}列的部分未读取")
                break  # far wider than any official table (15 columns): the rest of the row is dropped
            for dr in range(min(rs, len(rows) - r)):
                for dc in range(cs):
                    grid[(r + dr, c + dc)] = None
            grid[(r, c)] = clean_text(td.text_content())
            c += cs
    width = max((c for _, c in grid), default=-1) + 1
    return tuple(tuple(grid.get((r, c), "") for c in range(width)) for r in range(len(rows)))
