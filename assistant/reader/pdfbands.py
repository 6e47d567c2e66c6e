"""Rows of an unruled PDF table rebuilt by word coordinates, never by line order (issue 12, cause 3).

In a table printed without ruling lines, a label that wraps inside its cell (二、上年结转政府信息 /
公开申请数量) comes out as several text lines, and the row's numbers sit on one of them (the first,
when cells are top-aligned) or between them (when centred). Read in line order, values then land in
the wrong row. Here a row is the band its numbers occupy: the text pieces of the label column are
joined into cells (vertically consecutive pieces in the same column), and a label cell belongs to
the value line whose vertical centre it covers. A label cell that covers no value line (a heading,
a group label between rows) stays a line of its own; header lines (text over the value columns)
are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.reader.labels import is_value_like

_GAP = 0.6  # a horizontal gap wider than this many character sizes separates two cells (label
# text has no gaps between its characters; neighbouring columns are apart by their cell padding)
_MAX_FRAGMENT = 40  # characters: a longer line without numbers is prose, not a table label
_STARTS_ROW = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.．、])"
)


@dataclass
class Seg:
    x0: float
    x1: float
    top: float
    bottom: float
    text: str


@dataclass
class Line:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    segs: list[Seg]
    values: list[Seg] = field(default_factory=list)
    labels: list[Seg] = field(default_factory=list)

    @property
    def is_value(self) -> bool:
        return bool(self.values)


def segments(chars: list[dict]) -> tuple[list[Seg], float]:
    """The line's text pieces split at wide gaps, and its character size."""
    size = max((c.get("size", 10) for c in chars), default=10)
    out: list[Seg] = []
    for c in sorted(chars, key=lambda c: c["x0"]):
        if out and c["x0"] - out[-1].x1 <= _GAP * size:
            s = out[-1]
            gap = c["x0"] - s.x1
            sep = " " if gap > 0.25 * size and (c["text"].isascii() or s.text[-1:].isascii()) else ""
            s.text += sep + c["text"]
            s.x1, s.top, s.bottom = c["x1"], min(s.top, c["top"]), max(s.bottom, c["bottom"])
        else:
            out.append(Seg(c["x0"], c["x1"], c["top"], c["bottom"], c["text"]))
    return [s for s in out if s.text.strip()], size


def _line(ln: dict) -> Line:
    segs, size = segments(ln["chars"])
    line = Line(ln["top"], ln["bottom"], ln["x0"], ln["x1"], size, segs)
    values = [s for s in segs if is_value_like(s.text) and s.text.strip()]
    # a value line: numbers after its label pieces (a label never follows the numbers)
    if values and all(is_value_like(s.text) for s in segs[segs.index(values[0]) :]):
        line.values = values
        line.labels = segs[: segs.index(values[0])]
    return line


def regroup(raw: list[dict]) -> list[dict]:
    """Page text lines with unruled table rows rebuilt by coordinates (dicts as pdfplumber's lines,
    plus `text` where a row was rebuilt)."""
    lines = [_line(ln) for ln in raw]
    out: list[dict] = []
    i = 0
    while i < len(lines):
        j = _run_end(lines, i)
        if sum(1 for x in lines[i:j] if x.is_value) >= 2:
            out += _rebuild(lines[i:j], raw[i:j])
        else:
            out += raw[i:j] if j > i else [raw[i]]
        i = max(j, i + 1)
    return out


def _run_end(lines: list[Line], i: int) -> int:
    """End of the run of table-like lines starting at i (value lines, header and label lines)."""
    j = i
    while j < len(lines) and _table_like(lines[j]):
        j += 1
    return j


def _table_like(line: Line) -> bool:
    if line.is_value:
        return True
    text = "".join(s.text for s in line.segs)
    return len(text) <= _MAX_FRAGMENT and "。" not in text


def _rebuild(lines: list[Line], raw: list[dict]) -> list[dict]:
    edges = _edges(lines)
    pieces: list[Seg] = []
    headers: list[tuple[float, dict]] = []
    for ln, r, edge in zip(lines, raw, edges, strict=True):
        if ln.is_value:
            pieces += ln.labels
        elif all(s.x1 <= edge for s in ln.segs):
            pieces += ln.segs
        else:
            headers.append((ln.top, r))
    cells = _cells(pieces)
    values = [ln for ln in lines if ln.is_value]
    owned: dict[int, list[Seg]] = {id(v): [] for v in values}
    loose: list[Seg] = []
    for cell in cells:
        hits = [v for v in values if cell.top - 1 <= (v.top + v.bottom) / 2 <= cell.bottom + 1]
        if len(hits) == 1:
            owned[id(hits[0])].append(cell)
        else:
            loose.append(cell)
    rows: list[tuple[float, dict]] = list(headers)
    for v in values:
        label = "".join(c.text for c in sorted(owned[id(v)], key=lambda c: (c.x0, c.top)))
        text = "\t".join([label, *(s.text for s in v.values)])
        rows.append((v.top, {"top": v.top, "bottom": v.bottom, "x0": v.x0, "x1": v.x1, "text": text}))
    for c in loose:
        rows.append((c.top, {"top": c.top, "bottom": c.bottom, "x0": c.x0, "x1": c.x1, "text": c.text}))
    rows.sort(key=lambda x: x[0])
    return [r for _, r in rows]


def _edges(lines: list[Line]) -> list[float]:
    """Per line, where the value columns begin: the first value of the nearest value lines above
    and below (a run may hold the end of one table and the start of the next, whose value
    columns begin elsewhere)."""
    starts = [min(v.x0 for v in ln.values) - 2 if ln.is_value else None for ln in lines]
    out = []
    for i, start in enumerate(starts):
        if start is not None:
            out.append(start)
            continue
        above = next((x for x in reversed(starts[:i]) if x is not None), None)
        below = next((x for x in starts[i + 1 :] if x is not None), None)
        near = [x for x in (above, below) if x is not None]
        out.append(min(near) if near else float("inf"))
    return out


def _cells(pieces: list[Seg]) -> list[Seg]:
    """Pieces joined into cells: the next piece below in the same column, within a line's spacing."""
    cells: list[Seg] = []
    for p in sorted(pieces, key=lambda s: (s.top, s.x0)):
        size = p.bottom - p.top
        if _STARTS_ROW.match(p.text):  # a numbered label starts a cell of its own
            cells.append(Seg(p.x0, p.x1, p.top, p.bottom, p.text))
            continue
        above = [
            c for c in cells if 0 <= p.top - c.bottom <= 0.8 * size and min(c.x1, p.x1) - max(c.x0, p.x0) > 0
        ]
        if above:
            c = max(above, key=lambda c: c.bottom)
            c.text += p.text
            c.x0, c.x1, c.bottom = min(c.x0, p.x0), max(c.x1, p.x1), p.bottom
        else:
            cells.append(Seg(p.x0, p.x1, p.top, p.bottom, p.text))
    return cells
