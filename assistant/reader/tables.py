"""Reading the three statistical tables out of a document's grids.

Grids are cut into segments by the rows that identify a table (第二十条… → 表一, 申请人情况 or the
勾稽 note → 表二, 行政复议 with 行政诉讼 → 表三); a grid without such a row belongs to the table of
the section it stands in (a table continued on the next pdf page, or a block of 表一 after a blank
line). Rows are matched to the official rows by their normalised labels (`spec` via
`vocabulary`), never by position. What is read is kept as observations for both format versions;
`cells.py` decides the version and turns observations into cell values and findings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.core import spec
from assistant.core.findings import WARNING
from assistant.reader import vocabulary as V
from assistant.reader.blocks import Grid, GridRow
from assistant.reader.grid import Split, header_positions, pick_values, split_row, where
from assistant.reader.heldlabel import cut_label, held_label
from assistant.reader.labels import LabelMatch, norm, squash

_STARTS_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.．、])"
)

_BLOCK_TITLE = re.compile(r"第二十条第?[（(]?([一二三四五六七八九十]+)[)）]?项")
_SECTION_TABLE = {"s2_active": 1, "s3_applications": 2, "s4_review_litig": 3}


@dataclass(frozen=True)
class Read:
    raw: str  # the printed value
    where: str  # 表2 第5行第3列


@dataclass(frozen=True)
class Deviation:
    table: int
    raw: str
    official: str
    where: str
    cells: tuple[str, ...] = ()


@dataclass
class T1Row:
    block: str
    item: str
    label: str  # printed row label
    values: list[tuple[str | None, Read]]  # (printed column label or None, value)
    where: str
    head_where: dict[str, str] = field(default_factory=dict)  # printed column label → its position


@dataclass
class T2Row:
    key: str  # spec row key, e.g. results.granted
    match: LabelMatch[str]
    label: str
    values: list[Read]
    where: str


@dataclass
class Observed:
    t1: list[T1Row] = field(default_factory=list)
    t2: dict[str, T2Row] = field(default_factory=dict)
    t3: list[Read | None] | None = None  # 15 values; None where a printed group was not found
    collapsed: list[tuple[str, list[Read], str]] = field(default_factory=list)  # group label, values, where
    deviations: list[Deviation] = field(default_factory=list)
    problems: list[tuple[int, str, str]] = field(default_factory=list)  # (table, severity, message)
    seen: set[int] = field(default_factory=set)  # tables (1, 2, 3) met in the document
    repeated: list[tuple[int, str, str]] = field(default_factory=list)  # (table, label, where) printed again
    partial: set[int] = field(
        default_factory=set
    )  # tables read only in part by order: the rest is the reader's
    recovered: list = field(default_factory=list)  # Findings: values placed by arithmetic or reordering

    def note(self, table: int, message: str, severity: str = WARNING) -> None:
        self.problems.append((table, severity, message))


def table_signal(row: GridRow) -> int | None:
    text = squash("".join(c for c in row if c))
    if "第二十条" in text:
        return 1
    if "申请人情况" in text or "勾稽关系" in text or "本年新收政府信息公开申请数量" in text:
        return 2
    if "行政复议" in text and ("行政诉讼" in text or "结果维持" in text):
        return 3
    return None


def read_tables(grids: list[Grid], sections: list[str]) -> Observed:
    obs = Observed()
    parsers = {1: T1Parser(obs), 2: T2Parser(obs), 3: T3Parser(obs)}
    for n, (grid, section) in enumerate(zip(grids, sections, strict=True), start=1):
        kind = _SECTION_TABLE.get(section)
        started: set[int] = set()
        for r, row in enumerate(grid.rows):
            kind = table_signal(row) or kind
            if kind is None:
                continue
            if kind not in started:
                parsers[kind].begin(grid)
                started.add(kind)
            obs.seen.add(kind)
            parsers[kind].row(n, r, row, grid.exact)
    parsers[2].finish()
    parsers[3].finish()
    return obs


class T1Parser:
    """表一: block title rows (第二十条第（X）项), 信息内容 header rows, item rows."""

    def __init__(self, obs: Observed):
        self.obs = obs
        self.columns: list[tuple[int, str]] | None = None
        self.head_where: dict[str, str] = {}

    def begin(self, grid: Grid) -> None:
        """Header columns carry over to a continued grid (e.g. the next pdf page)."""

    def row(self, n: int, r: int, row: GridRow, exact: bool) -> None:
        s = split_row(row)
        names = s.names
        if not names:
            return
        if _BLOCK_TITLE.search(squash("".join(names))):
            self.columns = None
            return
        if norm(names[0]) == "信息内容":
            self.columns = list(s.labels[1:])
            self.head_where = {t: where(n, r, j) for j, t in self.columns}
            return
        m = V.t1_rows().match(names[-1])
        if m is None:
            if s.has_values:
                self.obs.note(1, f"{where(n, r)}“{names[-1]}”不是官方格式中的行，已跳过")
            return
        block, item = m.target
        self._values(n, r, row, s, exact, block, item, names[-1])

    def _values(self, n: int, r: int, row: GridRow, s: Split, exact: bool, block: str, item: str, label: str):
        cols = self.columns
        positions = [j for j, _ in cols] if cols else None
        picked = pick_values(row, s, len(cols) if cols else None, positions, exact)
        if picked is not None and not cols and len(picked) not in V.t1_widths(block, item):
            picked = None  # no header and fewer numbers than the row's cells (blank cells dropped): no guess
        if picked is None:
            self.obs.note(1, f"{where(n, r)}“{label}”的数值与表头列数对不上，未读取")
            return
        heads: list[str | None] = [t for _, t in cols] if cols else [None] * len(picked)
        values = [(h, Read(v, where(n, r, j))) for h, (j, v) in zip(heads, picked, strict=True)]
        self.obs.t1.append(T1Row(block, item, label, values, where(n, r), dict(self.head_where)))


class T2Parser:
    """表二: header rows give the 7 data columns; each row is matched by its label path."""

    def __init__(self, obs: Observed):
        self.obs = obs
        self.positions: list[int] | None = None
        self.width = 0
        self.header: list[GridRow] = []
        self.pending: list[str] = []
        self.held: tuple | None = None  # a value row whose own label is cut: (n, r, row, s, exact, before)
        self.after: list[str] = []  # label lines printed after the held row

    def begin(self, grid: Grid) -> None:
        if grid.exact:  # a text table's grid may end at a page's header or footer, mid-label
            self.finish()
        self.header = []
        self.pending = []
        self.positions = _carried(self.positions, self.width, grid)
        self.width = _width(grid)

    def row(self, n: int, r: int, row: GridRow, exact: bool) -> None:
        s = split_row(row)
        if not s.labels and not s.has_values:
            return  # an empty row (e.g. a blank line in a text copy) does not end the header
        if V.is_t2_header(s.names):
            self.header.append(row)
            _header_deviations(self.obs, 2, n, r, s, V.t2_header_words())
            return
        if self.header:
            self.positions = header_positions(self.header, V.t2_columns(), list(spec.T2_COLUMN_KEYS))
            self.header = []
        if not s.names:
            return
        if self.held is not None and not s.has_values:
            self.after += s.names  # the held row's label continues, or the next one's begins
            return
        self.finish()
        if (
            s.has_values
            and _STARTS_ITEM.match(s.names[-1])
            and cut_label(s.names[-1], V.t2_rows().suffix(s.joined))
        ):
            # a numbered label cut after its first characters (「1.属」, the rest on the lines below
            # when values sit on the label's first line): settled when the next value row comes
            self.held, self.after, self.pending = (n, r, row, s, exact, self.pending), [], []
            return
        self._place(n, r, row, s, exact)

    def finish(self) -> None:
        """Settle a held row: its label with the lines after it, if together they end with an
        official label; else as before (the lines above it), the lines after it left pending."""
        if self.held is None:
            return
        n, r, row, s, exact, before = self.held
        after, self.held, self.after = self.after, None, []
        found = held_label(before, s.names, after)
        if found is not None:
            hit, used = found
            self.pending = []
            self._store(n, r, row, s, exact, LabelMatch(hit.target, hit.official, True))
            self.pending = after[used:]  # the next row's label begins there
            return
        self.pending = before
        self._place(n, r, row, s, exact)
        self.pending = after

    def _place(self, n: int, r: int, row: GridRow, s: Split, exact: bool) -> None:
        m = self._match(s)
        if m is not None and not s.has_values and not (exact and self.positions):
            if len(row) - 1 - s.label_end < len(spec.T2_COLUMN_KEYS):
                m = None  # a label wrapped onto its own line, not a printed blank row
        if m is None:
            if s.has_values:
                self.obs.note(2, f"{where(n, r)}“{s.names[-1]}”不是官方格式中的行，已跳过")
                self.pending = []
            else:
                self.pending = self.pending + s.names
            return
        self.pending = []
        self._store(n, r, row, s, exact, m)

    def _match(self, s: Split) -> LabelMatch[str] | None:
        rows = V.t2_rows()
        hit = rows.suffix(s.joined)
        if hit is None and self.pending:
            both = "".join(norm(t) for t in self.pending) + s.joined
            hit = rows.suffix(both) or (rows.suffix(both, anywhere=True) if s.has_values else None)
        if hit is None and s.has_values:
            hit = rows.match(s.names[-1])
            if hit is None and self.pending:
                hit = rows.match("".join(self.pending + s.names[-1:]))
                # a label wrapped over lines is not a wording change: no deviation is reported
                hit = LabelMatch(hit.target, hit.official, True) if hit else None
        return hit

    def _same_row(self, row: GridRow, s: Split, exact: bool, first: T2Row) -> bool:
        """The very row printed again (label and values), not another row read as this one."""
        if not s.has_values or norm(s.names[-1]) != norm(first.label):
            return False
        picked = pick_values(row, s, 7, self.positions, exact) or []
        return [v for _, v in picked] == [x.raw for x in first.values]

    def _store(self, n: int, r: int, row: GridRow, s: Split, exact: bool, m: LabelMatch[str]) -> None:
        if m.target in V.T2_GROUPS:
            if s.has_values:
                picked = pick_values(row, s, 7, self.positions, exact) or []
                reads = [Read(v, where(n, r, j)) for j, v in picked]
                self.obs.collapsed.append((m.official, reads, where(n, r)))
            return
        if m.target in self.obs.t2:
            if self._same_row(row, s, exact, self.obs.t2[m.target]):  # said by reader/formcheck.py
                self.obs.repeated.append((2, s.names[-1], where(n, r)))
            return  # a second copy of the table: the first one counts
        if not s.has_values and not (exact and self.positions):
            picked = [(s.label_end + 1 + i, "") for i in range(7)]
        else:
            picked = pick_values(row, s, 7, self.positions, exact)
        if picked is None:
            self.obs.note(2, f"{where(n, r)}“{s.names[-1]}”的数值不是 7 列，无法与表头对齐，未读取")
            return
        reads = [Read(v, where(n, r, j)) for j, v in picked]
        self.obs.t2[m.target] = T2Row(m.target, m, s.names[-1], reads, where(n, r))


class T3Parser:
    """表三: header rows (行政复议 / 行政诉讼 …), then one row of 15 values.

    A table printed with its header but an empty values row reads as 15 blank cells, as empty
    cells of 表一 and 表二 do; this is settled in `finish`, after every grid, so that a printed
    values row anywhere counts first.
    """

    def __init__(self, obs: Observed):
        self.obs = obs
        self.positions: list[int] | None = None
        self.width = 0
        self.header: list[GridRow] = []
        self.headed = False  # a header row was met
        self.blank: list[Read] | None = None  # the first empty values row after a header
        self.group: str | None = None  # the one group a header names (行政复议 / 未经复议直接起诉 / …)
        self.parts: dict[str, list[Read]] = {}  # group → its 5 values, when printed as separate tables

    def begin(self, grid: Grid) -> None:
        self.header = []
        self.positions = _carried(self.positions, self.width, grid)
        self.width = _width(grid)

    def row(self, n: int, r: int, row: GridRow, exact: bool) -> None:
        s = split_row(row)
        if any(norm(t) in V.t3_header_words() or V.t3_header_words().match(t) for t in s.names):
            self.header.append(row)
            self.headed = True
            _header_deviations(self.obs, 3, n, r, s, V.t3_header_words())
            return
        if not s.labels and not s.has_values:
            self._empty(n, r, row)
            return
        if self.header:
            self.positions = self._header_positions()
            self.group = _t3_group(self.header)
            self.header = []
        if not s.has_values or self.obs.t3 is not None:
            return
        picked = pick_values(row, s, 15, self.positions, exact)
        if picked is None and self.group and self.group not in self.parts:
            part = pick_values(row, s, 5, None, exact)
            if part is not None:  # 表三 printed as three 5-column tables, one per group
                self.parts[self.group] = [Read(v, where(n, r, j)) for j, v in part]
                return
        if picked is None:
            self.obs.note(3, f"{where(n, r)}的数值不是 15 列，无法与表头对齐，未读取")
            return
        self.obs.t3 = [Read(v, where(n, r, j)) for j, v in picked]

    def finish(self) -> None:
        """An empty printed values row stands for the table when no values row was read."""
        if self.obs.t3 is None and self.parts:
            self.obs.t3 = [r for g, _ in spec.T3_GROUPS for r in self.parts.get(g, [None] * 5)]
        unreadable = any(table == 3 for table, _, _ in self.obs.problems)
        if self.obs.t3 is None and self.blank is not None and not unreadable:
            self.obs.t3 = self.blank

    def _header_positions(self) -> list[int] | None:
        order = [c.key.split(".")[-1] for c in spec.spec_for(spec.FORMAT_2021).table_cells(3)]
        return header_positions(self.header, V.t3_outcomes(), order)

    def _empty(self, n: int, r: int, row: GridRow) -> None:
        """A row of at least 15 empty cells after the header: the values row, printed empty."""
        cells = [j for j, c in enumerate(row) if c is not None]
        if not self.headed or self.blank is not None or len(cells) < 15:
            return
        positions = (self._header_positions() if self.header else None) or self.positions
        columns = positions if positions and set(positions) <= set(cells) else cells[-15:]
        self.blank = [Read("", where(n, r, j)) for j in columns]


_T3_GROUP_TITLES = {
    "行政复议": "review",
    "未经复议直接起诉": "litigation_direct",
    "复议后起诉": "litigation_after_review",
}


def _t3_group(header: list[GridRow]) -> str | None:
    """The group of a 5-column 表三 part: the one group title its header names, else None."""
    found = {_T3_GROUP_TITLES.get(norm(c)) for row in header for c in row if c} - {None}
    return found.pop() if len(found) == 1 else None


def _width(grid: Grid) -> int:
    return max((len(r) for r in grid.rows), default=0)


def _carried(positions: list[int] | None, width: int, grid: Grid) -> list[int] | None:
    """Data columns carry over to a continued grid only if it is exact and equally wide."""
    return positions if grid.exact and _width(grid) == width else None


def _header_deviations(obs: Observed, table: int, n: int, r: int, s: Split, words) -> None:
    for j, text in s.labels:
        m = words.match(text)
        if m is not None and not m.exact and norm(text) not in norm(m.official):  # not a wrapped piece
            obs.deviations.append(Deviation(table, text, m.official, where(n, r, j)))
