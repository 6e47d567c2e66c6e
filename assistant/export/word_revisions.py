"""Word tracked changes (修订) written as OOXML: python-docx has no API for them.

An inserted run is wrapped in `<w:ins w:id w:author w:date>`; a deleted run is wrapped in `<w:del …>`
and carries its text in `<w:delText>` instead of `<w:t>`; an inserted or deleted line break is the
paragraph mark's own `<w:ins>` / `<w:del>` inside `<w:pPr><w:rPr>` (ECMA-376 §17.13.5). Word's 审阅
pane lists each one with its author and time; 接受所有修订 gives the current text, 拒绝 the clerk's.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from assistant.export import word_style as ws
from assistant.export.revisions import DELETED, INSERTED, KEPT, Piece, final_text

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def stamp(at: float) -> str:
    """w:date: ISO 8601 in UTC, to the second."""
    return dt.datetime.fromtimestamp(at, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def lines(pieces: Sequence[Piece]) -> Iterator[tuple[list[Piece], Piece | None]]:
    """The pieces of each paragraph, with the line break that ends it (None for the last one)."""
    current: list[Piece] = []
    for p in pieces:
        if p.text == "\n":
            yield current, p
            current = []
        else:
            current.append(p)
    yield current, None


def write_section(doc: DocxDocument, pieces: Sequence[Piece], ids: Iterator[int], subheading) -> None:
    """The section's paragraphs with their tracked changes. `subheading`: the run-in heading pattern
    (its characters are set in 楷体 as in the clean copy); `ids`: the document's revision ids."""
    for parts, brk in lines(pieces):
        if not "".join(p.text for p in parts).strip() and (brk is None or brk.kind == KEPT):
            continue  # an empty line prints nothing in the clean copy either
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        ws.fixed_spacing(p)
        m = subheading.match(final_text(parts).strip())
        heading_chars = m.end() if m else 0
        for piece, font in _fonted(parts, heading_chars):
            _run(p, piece, font, ids)
        if brk is not None and brk.kind != KEPT:
            _mark(p, brk, ids)


def _fonted(parts: list[Piece], heading_chars: int) -> Iterator[tuple[Piece, str]]:
    """Pieces split where the run-in heading ends (counted on the accepted text)."""
    seen = 0
    for p in parts:
        if p.kind == DELETED or seen >= heading_chars:
            yield p, ws.SUBHEADING_FONT if p.kind == DELETED and seen < heading_chars else ws.BODY_FONT
            continue
        cut = heading_chars - seen
        seen += len(p.text)
        if cut >= len(p.text):
            yield p, ws.SUBHEADING_FONT
        else:
            yield Piece(p.text[:cut], p.kind, p.author, p.at), ws.SUBHEADING_FONT
            yield Piece(p.text[cut:], p.kind, p.author, p.at), ws.BODY_FONT


def _run(p: Paragraph, piece: Piece, font: str, ids: Iterator[int]) -> None:
    run = ws.style_run(p.add_run(piece.text), font, ws.BODY_SIZE)
    if piece.kind == KEPT:
        return
    r = run._r
    if piece.kind == DELETED:
        for t in r.findall(qn("w:t")):
            dtext = OxmlElement("w:delText")
            dtext.text = t.text
            dtext.set(_XML_SPACE, "preserve")
            t.addprevious(dtext)
            r.remove(t)
    wrapper = _revision(INSERTED if piece.kind == INSERTED else DELETED, piece, ids)
    r.addprevious(wrapper)
    wrapper.append(r)


def _mark(p: Paragraph, brk: Piece, ids: Iterator[int]) -> None:
    """The paragraph mark inserted or deleted (a line break the editor added or took out)."""
    ppr = p._p.get_or_add_pPr()
    rpr = ppr.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        ppr.insert_element_before(rpr, "w:sectPr", "w:pPrChange")
    rpr.append(_revision(brk.kind, brk, ids))


def _revision(kind: str, piece: Piece, ids: Iterator[int]):
    el = OxmlElement(f"w:{kind}")
    el.set(qn("w:id"), str(next(ids)))
    el.set(qn("w:author"), piece.author or "未记录")
    el.set(qn("w:date"), stamp(piece.at))
    return el


def new_ids() -> Iterator[int]:
    return itertools.count(1)
