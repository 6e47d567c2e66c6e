"""The three statistical tables as grids of merged cells, derived from `assistant.core.spec`.

A `Grid` is the official layout of one table: every header, row label and value cell with its
position and row/column span. All writers (docx, html, md, txt) render the same grids, so the
layout is defined once, from the spec's label paths (never from a hand-copied label list):

- Table 1: one table of blocks (第二十条第（一）项 …); each block is a title row spanning the full
  width, a header row starting with 信息内容, and one row per item.
- Table 2: the corner note spanning (row-label columns) x (header rows); the column tree
  申请人情况 > 自然人 | 法人或其他组织 > five sub-columns | 总计; the row tree
  一 | 二 | 三、本年度办理结果 > （一）…（七） > numbered items | 四.
- Table 3: the column tree 行政复议 | 行政诉讼 > 未经复议直接起诉 / 复议后起诉, one value row.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from functools import cache

from assistant.core import spec
from assistant.core.facts import Marker, Value
from assistant.core.numbers import format_number

TITLE = "title"  # a Table 1 block title row
HEAD = "head"  # a column header
LABEL = "label"  # a row label
NOTE = "note"  # the corner note of Table 2
VALUE = "value"  # a data cell (has a cell key)

# Column widths in mm on the 156 mm A4 text width (html uses them as proportions): wide enough
# for 四 characters of a 9pt header in each Table 2 value column, and for the long item labels.
COLUMN_WIDTHS_MM: dict[int, tuple[float, ...]] = {
    1: (54, 34, 34, 34),
    2: (8.4, 12, 29.2) + (15.2,) * 7,
    3: (10.4,) * 15,
}


@dataclass(frozen=True)
class Span:
    """One (possibly merged) cell of a grid: top-left position, spans, text, kind, cell key."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = LABEL
    key: str = ""

    @property
    def is_header(self) -> bool:
        return self.kind in (TITLE, HEAD, NOTE)


@dataclass(frozen=True)
class Grid:
    """A table: `n_rows` x `n_cols` grid; the first `head_rows` rows repeat on every page."""

    table: int
    n_rows: int
    n_cols: int
    head_rows: int
    spans: tuple[Span, ...]

    def rows(self) -> list[list[Span]]:
        """Spans grouped by the row they start in, each row in column order."""
        out: list[list[Span]] = [[] for _ in range(self.n_rows)]
        for s in sorted(self.spans, key=lambda s: (s.row, s.col)):
            out[s.row].append(s)
        return out

    def matrix(self) -> list[list[str]]:
        """The full grid as text: a merged cell's text at its top-left position, "" elsewhere."""
        out = [[""] * self.n_cols for _ in range(self.n_rows)]
        for s in self.spans:
            out[s.row][s.col] = s.text
        return out

    @property
    def widths_mm(self) -> tuple[float, ...]:
        return COLUMN_WIDTHS_MM[self.table]

    def value_spans(self) -> Iterator[Span]:
        return (s for s in self.spans if s.kind == VALUE)

    @property
    def label_cols(self) -> int:
        """How many leading grid columns hold row labels (0 for Table 3)."""
        return max((s.col + s.colspan for s in self.spans if s.kind == LABEL), default=0)

    def is_leaf_label(self, span: Span) -> bool:
        """A row label that reaches the value columns (an item, not a group label)."""
        return span.kind == LABEL and span.col + span.colspan == self.label_cols


def cell_text(value: Value | None) -> str:
    """The printed form of a cell: numbers as digits, BLANK as "", SLASH as "/", absent as ""."""
    if value is None:
        return ""
    if isinstance(value, Marker):
        return str(value)
    return format_number(value)


def table_grids(version: str, cells: Mapping[str, Value]) -> dict[int, Grid]:
    """The three tables of `version` (1, 2, 3) with the values of `cells` filled in."""
    out = {}
    for table, grid in _structures(version).items():
        spans = tuple(
            replace(s, text=cell_text(cells.get(s.key))) if s.kind == VALUE else s for s in grid.spans
        )
        out[table] = replace(grid, spans=spans)
    return out


@cache
def _structures(version: str) -> dict[int, Grid]:
    fspec = spec.spec_for(version)
    return {1: _table1(fspec), 2: _table2(version), 3: _table3()}


# ---------------------------------------------------------------- header trees


def _tree(paths: list[tuple[str, ...]], level: int = 0, start: int = 0, end: int | None = None):
    """Walk label paths as a tree: yields (level, first index, count, label, is_leaf).

    Consecutive paths sharing a label at `level` (under the same parent) form one merged node.
    """
    end = len(paths) if end is None else end
    i = start
    while i < end:
        label = paths[i][level]
        j = i
        while j < end and len(paths[j]) > level and paths[j][level] == label:
            j += 1
        leaf = len(paths[i]) == level + 1
        yield level, i, j - i, label, leaf
        if not leaf:
            yield from _tree(paths, level + 1, i, j)
        i = j


def _column_header(paths: list[tuple[str, ...]], row0: int, col0: int) -> list[Span]:
    """Header spans for columns with label `paths`; leaves extend down to the last header row."""
    depth = max(len(p) for p in paths)
    spans = []
    for level, first, count, label, leaf in _tree(paths):
        rowspan = depth - level if leaf else 1
        spans.append(Span(row0 + level, col0 + first, label, rowspan, count, HEAD))
    return spans


def _row_header(paths: list[tuple[str, ...]], row0: int, col0: int) -> list[Span]:
    """Row-label spans for rows with label `paths`; leaves extend right to the last label column."""
    depth = max(len(p) for p in paths)
    spans = []
    for level, first, count, label, leaf in _tree(paths):
        colspan = depth - level if leaf else 1
        spans.append(Span(row0 + first, col0 + level, label, count, colspan, LABEL))
    return spans


# ---------------------------------------------------------------- the three tables


def _table1(fspec: spec.FormatSpec) -> Grid:
    blocks: dict[str, list[spec.Cell]] = {}
    for cell in fspec.table_cells(1):
        blocks.setdefault(cell.row_path[0], []).append(cell)
    width = max(len({c.col_label for c in cells}) for cells in blocks.values())
    n_cols = 1 + width
    spans: list[Span] = []
    row = 0
    for title, cells in blocks.items():
        spans.append(Span(row, 0, title, 1, n_cols, TITLE))
        cols = list(dict.fromkeys(c.col_label for c in cells))
        widths = _spread(len(cols), width)
        spans.append(Span(row + 1, 0, spec.FIRST_COLUMN_HEADER, kind=HEAD))
        spans += _t1_columns(row + 1, cols, widths, HEAD, {})
        row += 2
        by_pos = {(c.row_path[-1], c.col_label): c.key for c in cells}
        for item in dict.fromkeys(c.row_path[-1] for c in cells):
            spans.append(Span(row, 0, item, kind=LABEL))
            keys = {col: by_pos.get((item, col), "") for col in cols}
            spans += _t1_columns(row, cols, widths, VALUE, keys)
            row += 1
    return Grid(1, row, n_cols, 0, tuple(spans))


def _spread(n: int, width: int) -> list[int]:
    """Column spans for n value columns in `width` grid columns: the last one takes the rest."""
    return [1] * (n - 1) + [width - n + 1]


def _t1_columns(
    row: int, cols: list[str], widths: list[int], kind: str, keys: Mapping[str, str]
) -> list[Span]:
    spans, col = [], 1
    for label, w in zip(cols, widths, strict=True):
        text = label if kind == HEAD else ""
        spans.append(Span(row, col, text, 1, w, kind, keys.get(label, "")))
        col += w
    return spans


def _table2(version: str) -> Grid:
    col_paths = [path for _, path in spec.T2_COLUMNS]
    rows = spec.t2_rows(version)
    row_paths = [path for _, path in rows]
    head = max(len(p) for p in col_paths)
    label_cols = max(len(p) for p in row_paths)
    spans = [Span(0, 0, spec.CORNER_NOTE, head, label_cols, NOTE)]
    spans += _column_header(col_paths, 0, label_cols)
    spans += _row_header(row_paths, head, 0)
    for i, (row_key, _) in enumerate(rows):
        for j, col_key in enumerate(spec.T2_COLUMN_KEYS):
            key = f"applications.{row_key}.{col_key}"
            spans.append(Span(head + i, label_cols + j, "", kind=VALUE, key=key))
    return Grid(2, head + len(rows), label_cols + len(col_paths), head, tuple(spans))


def _table3() -> Grid:
    keys, paths = [], []
    for group, path in spec.T3_GROUPS:
        for outcome, label in spec.T3_OUTCOMES:
            keys.append(f"{group}.{outcome}")
            paths.append(path + (label,))
    head = max(len(p) for p in paths)
    spans = _column_header(paths, 0, 0)
    spans += [Span(head, j, "", kind=VALUE, key=k) for j, k in enumerate(keys)]
    return Grid(3, head + 1, len(keys), head, tuple(spans))
