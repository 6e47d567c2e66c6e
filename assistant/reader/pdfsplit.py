"""A table row broken across a page (Word and LibreOffice let a row break by default).

The row's first part ends one page (its label cut: 「二、上年结转政府信息」 with the row's numbers,
or 「（六」 / 「1.申」), the rest begins the next page's table as a row of label text over empty
value cells (「公开申请数量」 / 「）其他处理」 / 「请人无正当理由……」). Read apart, the first part is not an
official row and the second carries no numbers. The remainder's text is joined to the cells of
the previous row above it (matched by x position, since the two pages' grids may have different
column counts), and the remainder row is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.reader import vocabulary
from assistant.reader.labels import is_value_like, norm

Box = tuple[float, float, float, float] | None


@dataclass
class PdfTable:
    """One ruled table on a page: its cell texts and, per row, each cell's box (None: merged)."""

    top: float
    rows: list[list[str | None]]
    boxes: list[list[Box]]


def _has_digit(text: str | None) -> bool:
    return text is not None and any(ch.isdigit() for ch in text)


def is_remainder(table: PdfTable) -> bool:
    """The first row is label text over printed-empty value cells: the rest of a broken row."""
    if not table.rows:
        return False
    row = table.rows[0]
    texts = [c for c in row if c is not None and c.strip()]
    empties = sum(1 for c in row if c is not None and not c.strip())
    # a block title spanning the row (第二十条第（八）项) has no empty cells: its others are merged
    return bool(texts) and empties >= 2 and not any(_has_digit(c) for c in texts)


def join_remainder(prev: PdfTable, cont: PdfTable) -> bool:
    """Join `cont`'s first row to `prev`'s last row; False (nothing changed) if they do not align."""
    last, last_boxes = prev.rows[-1], prev.boxes[-1]
    if not any(_has_digit(c) and is_value_like(c) for c in last):  # its numbers print on the first page
        return False
    moves: list[tuple[int, str]] = []
    for text, box in zip(cont.rows[0], cont.boxes[0], strict=False):
        if text is None or not text.strip() or box is None:
            continue
        target = _column_at(last_boxes, (box[0] + box[2]) / 2)
        if target is None or (last[target] is not None and is_value_like(last[target])):
            return False
        moves.append((target, text))
    if not moves:
        return False
    for target, text in moves:
        last[target] = (last[target] or "") + text
    del cont.rows[0], cont.boxes[0]
    return True


def _column_at(boxes: list[Box], x: float) -> int | None:
    for i, box in enumerate(boxes):
        if box is not None and box[0] - 1 <= x <= box[2] + 1:
            return i
    return None


def join_wrapped_label(prev_lines: list[str], items: list[tuple[str, object]]) -> list[tuple[str, object]]:
    """The same for an unruled table (rows as tab-separated lines): a page that begins with label
    text before any row, where the previous page ended with a row whose label the text completes
    to an official one (「4.保护第」 + 「三方合法权益」). Returns the page's items without that text."""
    idx = next((i for i in range(len(prev_lines) - 1, -1, -1) if prev_lines[i].strip()), None)
    if idx is None or "\t" not in prev_lines[idx]:
        return items
    frags: list[str] = []
    used = 0
    for n, (kind, text) in enumerate(items[:8]):
        if kind != "line" or not isinstance(text, str):
            break
        if not text.strip():
            continue
        if "\t" in text or len(text) > 40 or "。" in text:
            break
        frags.append(text.strip())
        used = n + 1
    label, rest = prev_lines[idx].split("\t", 1)
    if not frags or not _completes(label, "".join(frags)):
        return items
    prev_lines[idx] = label + "".join(frags) + "\t" + rest
    return items[used:]


def _completes(label: str, tail: str) -> bool:
    rows = vocabulary.t2_rows()
    if rows.suffix(norm(label)):
        return False
    hit = rows.suffix(norm(label + tail))
    return hit is not None and len(norm(hit.official)) > len(norm(tail))
