"""PDF reports via pdfplumber: ruled tables as exact grids, the text around them as paragraphs.

Text lines are rebuilt from characters: a wide gap between two characters becomes a tab, so that a
table printed without ruling lines reaches the text table reader as tab-separated rows. Lines are
joined into paragraphs by geometry: a short line ends a paragraph, an indented or centred line
starts one, and a paragraph never continues past a table. The edges are those of the text block
over all pages of the same size: a page with only a heading above a table cannot tell them. A PDF
whose pages carry images but no characters is a scan: it needs OCR, and the reader says so instead
of returning nothing or garbage.
"""

from __future__ import annotations

import io
import logging
import re

import pdfplumber

from assistant.core.findings import FAIL, WARNING, Finding
from assistant.encrypted import is_password_error
from assistant.limits import LimitError, cap_pdf_streams
from assistant.reader.blocks import Document, Grid
from assistant.reader.errors import ReaderError, encrypted
from assistant.reader.pdfbands import regroup
from assistant.reader.pdfpage import closing_lines, rejoin_offset_runs, strip_furniture
from assistant.reader.pdfruns import rejoin_title_runs
from assistant.reader.pdfsplit import PdfTable, is_remainder, join_remainder, join_wrapped_label
from assistant.reader.textfile import lines_to_blocks

logging.getLogger("pdfminer").setLevel(logging.ERROR)  # English warnings on damaged files are noise
_PAGE_NUMBER = re.compile(r"^[-—–\s]*(?:\d{1,4}|第\s*\d+\s*页.*|\d+\s*/\s*\d+)[-—–\s]*$")


def read_pdf(data: bytes, name: str) -> Document:
    if b"%PDF" not in data[:1024]:
        raise ReaderError(name, "不是有效的 PDF 文件（文件头不对，可能已损坏或是改了扩展名的其他文件）")
    doc = Document(name, "pdf")
    cap_pdf_streams()
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            _read_pages(pdf, doc)
    except ReaderError:
        raise
    except LimitError as e:
        raise ReaderError(name, str(e)) from None
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds of errors on broken files
        if is_password_error(e):  # pdfplumber wraps pdfminer's PDFPasswordIncorrect
            raise encrypted(name) from None
        cap = _limit_in(e)  # pdfplumber wraps what pdfminer raised
        raise ReaderError(name, str(cap) if cap else "PDF 文件已损坏或不完整，无法读取") from None
    return doc


def _limit_in(e: BaseException | None) -> LimitError | None:
    for _ in range(8):
        if e is None or isinstance(e, LimitError):
            return e
        e = e.__cause__ or e.__context__ or next((a for a in e.args if isinstance(a, BaseException)), None)
    return None


MAX_PAGES = 300  # a year report has 5-30 pages


def _read_pages(pdf, doc: Document) -> None:
    if len(pdf.pages) > MAX_PAGES:
        raise ReaderError(doc.name, f"PDF 共 {len(pdf.pages)} 页，超过 {MAX_PAGES} 页上限，不像一份年度报告")
    pages, scanned = [], []
    for number, page in enumerate(pdf.pages, start=1):
        if not page.chars:
            if page.images:
                scanned.append(number)
            continue
        pages.append(_Page(page))
    kept = strip_furniture([p.lines for p in pages], [p.height for p in pages])
    for p, lines in zip(pages, kept, strict=True):
        p.lines = regroup(lines)
    if not pages:
        if scanned:
            raise ReaderError(doc.name, "这是扫描件（PDF 只有图片，没有文字层），需要OCR识别成文字后才能核对")
        raise ReaderError(doc.name, "PDF 中没有可提取的文字")
    _page_blocks(pages, doc)
    if scanned:
        pages_text = "、".join(map(str, scanned[:10]))
        doc.findings.append(
            Finding(
                "NEEDS_OCR",
                WARNING,
                FAIL,
                f"{doc.name}：第 {pages_text} 页只有图片没有文字层（扫描页），需要OCR，这些页未读取",
            )
        )


def _page_blocks(pages: list[_Page], doc: Document) -> None:
    """Paragraphs and grids in page order; a row broken across a page is joined again."""
    lines: list[str] = []
    last: PdfTable | None = None  # the last table of the previous page
    for page in pages:
        first = True
        for kind, item in join_wrapped_label(lines, page.items(_margins(pages, page.width))):
            if kind == "table":
                if first and last is not None and len(lines) <= 6 and is_remainder(item):
                    join_remainder(last, item)
                doc.blocks.extend(lines_to_blocks(lines))
                lines = []
                doc.blocks.append(item)
                first = False
            else:
                lines.append(item)
        tail = doc.blocks[-1] if doc.blocks else None  # a running footer or two may follow it
        last = tail if isinstance(tail, PdfTable) and len(lines) <= 3 else None
    doc.blocks.extend(lines_to_blocks(lines))
    doc.blocks[:] = [_grid(b.rows) if isinstance(b, PdfTable) else b for b in doc.blocks if not _emptied(b)]


def _emptied(block) -> bool:
    return isinstance(block, PdfTable) and not block.rows


class _Page:
    """One page's ruled tables and its text lines outside them."""

    def __init__(self, page):
        self.width, self.height = page.width, page.height
        region = _table_band(page)
        found = _find_tables(region) if region is not None else []
        # a "table" of one cell per row (prose lines in boxes) is text: not worth extracting
        found = [t for t in found if max((sum(1 for c in r.cells if c) for r in t.rows), default=0) >= 2]
        tables = [(t, rows) for t in found if _is_table(rows := t.extract())]
        self.boxes = [t.bbox for t, _ in tables]
        self.tables = [PdfTable(t.bbox[1], rows, [list(r.cells) for r in t.rows]) for t, rows in tables]
        boxes = self.boxes
        text_page = (
            page.filter(lambda o: o.get("object_type") != "char" or not _inside(o, boxes)) if boxes else page
        )
        lines = rejoin_title_runs(rejoin_offset_runs(text_page.extract_text_lines(return_chars=True)))
        # regrouped once the page furniture over all pages is known
        self.lines = [ln for ln in lines if not _PAGE_NUMBER.match(ln["text"])]

    def extent(self) -> tuple[float, float] | None:
        """Leftmost and rightmost x of the page's text lines and tables."""
        xs = [(ln["x0"], ln["x1"]) for ln in self.lines] + [(b[0], b[2]) for b in self.boxes]
        return (min(x for x, _ in xs), max(x for _, x in xs)) if xs else None

    def items(self, margins: tuple[float, float]) -> list[tuple[str, object]]:
        items: list[tuple[float, str, object]] = [(t.top, "table", t) for t in self.tables]
        tops = [b[1] for b in self.boxes]
        for top, text in _paragraph_lines(self.lines, margins, tops):
            items.append((top, "line", text))
        items.sort(key=lambda x: x[0])
        return [(kind, obj) for _, kind, obj in items]


def _table_band(page):
    """The page cropped to the band its rules and rectangles occupy (None: no rules, no ruled
    table), so that table finding and cell extraction do not walk the prose's characters."""
    if any(_is_background(r) for r in page.rects):
        page = page.filter(lambda o: o.get("object_type") != "rect" or not _is_background(o))
    edges = page.edges
    if not edges:
        return None
    x0 = max(page.bbox[0], min(e["x0"] for e in edges) - 2)
    top = max(page.bbox[1], min(e["top"] for e in edges) - 2)
    x1 = min(page.bbox[2], max(e["x1"] for e in edges) + 2)
    bottom = min(page.bbox[3], max(e["bottom"] for e in edges) + 2)
    if x1 - x0 < 1 or bottom - top < 1:
        return None
    return page.crop((x0, top, x1, bottom))


def _is_background(rect) -> bool:
    """A filled, unstroked rectangle larger than a rule: shading behind text, not a table's line
    (rules are stroked, or filled rectangles a point or two thin)."""
    return bool(rect.get("fill")) and not rect.get("stroke") and min(rect["width"], rect["height"]) > 2


def _find_tables(region):
    closing = closing_lines(region.edges)
    return region.find_tables({"explicit_horizontal_lines": closing} if closing else None)


def _is_table(rows: list[list[str | None]]) -> bool:
    """A statistical table has text in more than one column; a one-column run of prose drawn on
    filled rectangles (each line its own "cell") is text, and its headings must stay headings."""
    width = max((sum(1 for c in row if c is not None and c.strip()) for row in rows), default=0)
    return width >= 2  # an empty 表三 has no numbers, but its header spans many columns


def _grid(rows: list[list[str | None]]) -> Grid:
    return Grid(
        tuple(tuple(c if c is None else c.replace("\n", "") for c in row) for row in rows), exact=True
    )


def _margins(pages: list[_Page], width: float) -> tuple[float, float]:
    """The text block's left and right edges over all pages of this width: a page with only a few
    short lines (a heading above a table) does not tell where its lines would wrap."""
    extents = [e for p in pages if abs(p.width - width) < 1 and (e := p.extent())]
    if not extents:
        return 0.0, width
    return min(e[0] for e in extents), max(e[1] for e in extents)


def _inside(obj, boxes) -> bool:
    cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)


def _paragraph_lines(
    lines: list[dict], margins: tuple[float, float], table_tops: list[float]
) -> list[tuple[float, str]]:
    """Logical lines: wrapped prose joined, a blank line after each paragraph, tab rows kept.
    A paragraph never continues past a table."""
    left, right = margins
    out: list[tuple[float, str]] = []
    open_para = prev_tab = False
    last_top = None
    prev_size = 0.0
    for ln in lines:
        text, size = _line_text(ln["chars"]) if "chars" in ln else (ln["text"], ln["bottom"] - ln["top"])
        if last_top is not None and any(last_top < t < ln["top"] for t in table_tops):
            open_para = prev_tab = False
        last_top = ln["top"]
        if "\t" in text:  # a table row: no paragraph breaks around it, so the grid stays whole
            out.append((ln["top"], text))
            open_para, prev_tab = False, True
            continue
        fragment = prev_tab and len(text) <= 60 and "。" not in text  # a wrapped table label
        if open_para and abs(size - prev_size) > 1:
            open_para = False  # a title over the full width in a larger font, then a heading
        prev_size = size
        if open_para and ln["x0"] <= left + 1.5 * size:
            top, prev = out[-1]
            out[-1] = (top, prev + text)
        else:
            if out and not prev_tab:
                out.append((ln["top"] - 0.1, ""))
            out.append((ln["top"], text))
        open_para = ln["x1"] >= right - 2 * size and not fragment
        prev_tab = fragment
    return out


def _line_text(chars: list[dict]) -> tuple[str, float]:
    parts: list[str] = []
    prev = None
    size = max((c.get("size", 10) for c in chars), default=10)
    for c in sorted(chars, key=lambda c: c["x0"]):
        if prev is not None:
            gap = c["x0"] - prev["x1"]
            if gap > 1.5 * size:
                parts.append("\t")
            elif gap > 0.25 * size and (c["text"].isascii() or prev["text"].isascii()):
                parts.append(" ")
        parts.append(c["text"])
        prev = c
    return "".join(parts).strip(), size
