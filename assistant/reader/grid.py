"""Row-level helpers shared by the three table parsers: labels vs values, header positions.

A row is split at its last label cell (a cell that is not a number, blank or "/"): cells before
are the row's labels, cells after are its values. Values are read at the data columns found in the
header (`exact` grids: html, docx, ruled pdf, markdown), else in sequence (tab text, whose columns
drift): the cells after the label, with layout padding trimmed, must number exactly the expected
count; a row that cannot be aligned is reported, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.reader.blocks import GridRow
from assistant.reader.labels import LabelIndex, is_blank, is_value_like, norm


@dataclass(frozen=True)
class Split:
    labels: tuple[tuple[int, str], ...]  # (column, text) of label cells
    label_end: int  # column of the last label cell, -1 if none
    has_values: bool  # a non-blank value after the labels

    @property
    def names(self) -> list[str]:
        return [t for _, t in self.labels]

    @property
    def joined(self) -> str:
        return "".join(norm(t) for t in self.names)


def split_row(row: GridRow) -> Split:
    labels = tuple(
        (j, c.strip()) for j, c in enumerate(row) if c is not None and c.strip() and not is_value_like(c)
    )
    end = labels[-1][0] if labels else -1
    has_values = any(c is not None and c.strip() for c in row[end + 1 :])
    return Split(labels, end, has_values)


def where(table: int, r: int, c: int | None = None) -> str:
    """Provenance as users read it: 表2 第5行第3列 (1-based, as printed in the document)."""
    return f"表{table} 第{r + 1}行" + (f"第{c + 1}列" if c is not None else "")


def pick_values(
    row: GridRow, split: Split, expected: int | None, positions: list[int] | None, exact: bool
) -> list[tuple[int, str]] | None:
    """The row's values as (column, raw text); None when they cannot be aligned to `expected`."""
    if exact and positions and max(positions) < len(row) and min(positions) > split.label_end:
        if all(row[p] is not None and is_value_like(row[p]) for p in positions):
            return [(p, row[p] or "") for p in positions]
    seq = [(j, c) for j, c in enumerate(row) if j > split.label_end and c is not None]
    if expected is None:
        return [(j, c) for j, c in seq if not is_blank(c)]
    if len(seq) == expected:
        return seq
    while seq and is_blank(seq[-1][1]) and len(seq) > expected:
        seq.pop()
    while seq and is_blank(seq[0][1]) and len(seq) > expected:
        seq.pop(0)
    if len(seq) == expected:
        return seq
    filled = [(j, c) for j, c in seq if not is_blank(c)]
    return filled if len(filled) == expected else None


def header_positions(rows: list[GridRow], index: LabelIndex[str], order: list[str]) -> list[int] | None:
    """Data columns from header rows: the lowest header text of each column, matched to `order`."""
    width = max((len(r) for r in rows), default=0)
    found: list[tuple[int, str]] = []
    for j in range(width):
        text = None
        for r in rows:
            if j < len(r) and not is_blank(r[j]):
                text = r[j]
        m = index.match(text) if text else None
        if m:
            found.append((j, m.target))
    if [t for _, t in found] == order:
        return [j for j, _ in found]
    return None
