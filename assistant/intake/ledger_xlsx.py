"""Rows of one ledger worksheet as a clerk sees them (issue 15 item 12).

- Only the used columns: a stray value (or formatting) far to the right would otherwise pad every
  row to thousands of columns (a 1 MB wide sheet took 50 s). The width is the header's.
- Merged cells spanning rows (申请人类型 merged over the applications it covers) give their value to
  every covered cell; a merge within one row (a title across the top) is left as Excel shows it.
- A formula without a cached result (a file written by a program, never opened in Excel) is
  refused by cell, never read as empty or 0.

The merges and formulas come from the sheet's XML (openpyxl's read-only mode exposes neither).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

MAX_MERGES = 5_000
_CELL = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"[^>]*?(?:/>|>(.*?)</c>)', re.S)
_VALUE = re.compile(rb"<v>[^<]+</v>|<is>")
_MERGE = re.compile(rb'<mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"')
Merge = tuple[int, int, int, int]  # first row, last row, first column, last column (1-based)


class SheetProblem(ValueError):
    """The sheet cannot be read as it stands (Chinese message without the file name)."""


def sheet_xml(ws: Any) -> bytes:
    """The raw XML of a read-only worksheet (b"" when it cannot be had)."""
    path = getattr(ws, "_worksheet_path", None)
    archive = getattr(getattr(ws, "parent", None), "_archive", None)
    if not path or archive is None:
        return b""
    try:
        return archive.read(path)
    except (KeyError, OSError, ValueError):
        return b""


def uncomputed_formulas(xml: bytes) -> list[tuple[int, int]]:
    """(row, column) of formula cells that carry no cached value."""
    if b"<f" not in xml:
        return []
    found = []
    for col, row, body in _CELL.findall(xml):
        if body and b"<f" in body and not _VALUE.search(body):
            found.append((int(row), column_index_from_string(col.decode())))
    return found


def merges(xml: bytes) -> list[Merge]:
    """Merged ranges spanning more than one row."""
    out = []
    for c1, r1, c2, r2 in _MERGE.findall(xml):
        first, last = int(r1), int(r2)
        if last > first:
            out.append(
                (first, last, column_index_from_string(c1.decode()), column_index_from_string(c2.decode()))
            )
        if len(out) > MAX_MERGES:
            raise SheetProblem(f"合并单元格超过 {MAX_MERGES} 处，请取消合并后再上传")
    return sorted(out)


def formula_message(cells: list[tuple[int, int]]) -> str:
    where = "、".join(f"第 {r} 行 {get_column_letter(c)} 列" for r, c in cells[:5])
    more = f"等 {len(cells)} 处" if len(cells) > 5 else ""
    return f"{where}{more}是公式，文件中没有计算结果，请在 Excel 中打开并保存后再上传"


def sheet_rows(
    ws: Any,
    is_header: Callable[[Sequence[Any]], bool],
    scan: int,
    columns: Callable[[Sequence[Any]], Any] = None,
) -> Iterator[Sequence[Any]]:
    """The sheet's rows, cut to the header's width, merged ranges filled; SheetProblem on formulas
    without results (in the used columns). `columns(header)`: the 0-based columns the caller reads;
    below the first rows only those get typed values (the others their plain text)."""
    xml = sheet_xml(ws)
    head = [_trimmed(r) for r in ws.iter_rows(max_row=scan, values_only=True)]
    width = _width(head, is_header)
    pending = [(r, c) for r, c in uncomputed_formulas(xml) if c <= width]
    if pending:
        raise SheetProblem(formula_message(sorted(pending)))
    ranges = merges(xml)
    fill = _Filler(ranges)
    for number, row in enumerate(head, start=1):
        yield fill(number, (row + [None] * width)[:width])
    if len(head) < scan:
        return
    for number, row in enumerate(
        _rest(ws, scan + 1, width, _wanted(head, is_header, columns, ranges)), scan + 1
    ):
        yield fill(number, list(row))


def _wanted(head: list[list[Any]], is_header, columns, ranges: list[Merge]) -> set[int] | None:
    """1-based columns to convert fully: the caller's, and every column a merge across rows touches."""
    header = next((r for r in head if is_header(r)), None)
    if columns is None or header is None:
        return None
    wanted = {i + 1 for i in columns(header)}
    return wanted | {c for _, _, c1, c2 in ranges for c in range(c1, c2 + 1)}


def _rest(ws: Any, first: int, width: int, wanted: set[int] | None) -> Any:
    from assistant.intake.ledger_columns import rows_from

    fast = rows_from(ws, first, width, wanted) if wanted is not None and FAST else None
    return fast if fast is not None else ws.iter_rows(min_row=first, max_col=width, values_only=True)


FAST = True  # only the needed columns typed (tests compare with False: openpyxl's own iter_rows)


def _trimmed(row: Sequence[Any]) -> list[Any]:
    """The row without its trailing blank cells."""
    end = len(row)
    while end and (row[end - 1] is None or not str(row[end - 1]).strip()):
        end -= 1
    return list(row[:end])


def _width(head: list[list[Any]], is_header: Callable[[Sequence[Any]], bool]) -> int:
    """Columns up to the last filled one of the header row (else of any of the first rows)."""
    rows = [r for r in head if is_header(r)][:1] or head
    used = [i + 1 for r in rows for i, v in enumerate(r) if v is not None and str(v).strip()]
    return max(used, default=1)


class _Filler:
    """Copies each merged range's top-left value into the cells it covers, row by row."""

    def __init__(self, ranges: list[Merge]) -> None:
        self._waiting = ranges  # sorted by first row
        self._next = 0
        self._active: list[Merge] = []
        self._values: dict[Merge, Any] = {}

    def __call__(self, number: int, row: list[Any]) -> list[Any]:
        while self._next < len(self._waiting) and self._waiting[self._next][0] <= number:
            self._active.append(self._waiting[self._next])
            self._next += 1
        self._active = [m for m in self._active if m[1] >= number]
        for m in self._active:
            first, _, c1, c2 = m
            if c1 > len(row):
                continue
            if number == first:
                self._values[m] = row[c1 - 1]
            value = self._values.get(m)
            for c in range(c1, min(c2, len(row)) + 1):
                if (number, c) != (first, c1):
                    row[c - 1] = value
        return row
