"""A ledger sheet's rows with only the needed columns converted (issue 15 item 12).

openpyxl builds a typed value for every cell, which for a case system's export of 60+ columns is
almost all the reading time (5,000 rows x 60 columns: ~4 s). The ledger needs typed values (dates,
numbers) only in the columns its header maps; every other cell is read as its plain text, enough for
the 「合计」 check, and only in rows where a needed cell is blank (a row whose needed cells are all
filled is an application whatever else it holds). The parser is openpyxl's own, so dates, shared strings and rich
text in the needed columns are exactly what openpyxl gives (a test compares both ways).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

_V = f"{{{SHEET_MAIN_NS}}}v"
_ROW = f"{{{SHEET_MAIN_NS}}}row"
_COLUMNS: dict[str, int] = {}


_F = f"{{{SHEET_MAIN_NS}}}f"
_INLINE_TEXT = etree.XPath("s:is/s:t/text() | s:is/s:r/s:t/text()", namespaces={"s": SHEET_MAIN_NS})
_UNREFERENCED = etree.XPath("boolean(s:c[not(@r)])", namespaces={"s": SHEET_MAIN_NS})


def _column(ref: str) -> int:
    letters = ref.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        col = _COLUMNS[letters] = column_index_from_string(letters)
    return col


class _SomeColumns(WorkSheetParser):
    """openpyxl's sheet parser; cells outside `wanted` come back as plain text."""

    def __init__(self, src: Any, ws: Any, wanted: set[int], width: int) -> None:
        wb = ws.parent
        super().__init__(
            src, ws._shared_strings, data_only=True, epoch=wb.epoch,
            date_formats=wb._date_formats, timedelta_formats=wb._timedelta_formats,
        )  # fmt: skip
        self.wanted, self.width = wanted, width
        self.letters = [get_column_letter(c) for c in sorted(wanted) if c <= width]
        test = " or ".join(f"@r=$v{i}" for i in range(len(self.letters))) or "false()"
        self.pick = etree.XPath(f"s:c[{test}]", namespaces={"s": SHEET_MAIN_NS})

    def rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(row number, values) of every row: lxml's C parser walks the rows (openpyxl's own walk
        builds every element in Python), each freed once read."""
        parser = etree.iterparse(
            self.source, events=("end",), tag=_ROW, resolve_entities=False, no_network=True
        )
        for _, row in parser:
            yield self.parse_row(row)
            row.clear()
            while row.getprevious() is not None:
                del row.getparent()[0]

    def parse_row(self, row: Any) -> tuple[int, list[Any]]:  # type: ignore[override]
        if _UNREFERENCED(row):  # cells without references: openpyxl counts them
            number, cells = super().parse_row(row)
            return number, self._values((c["column"], c["value"]) for c in cells)
        ref = row.get("r")
        number = float(ref) if ref else self.row_counter + 1
        if not number.is_integer():
            raise ValueError(f"{ref} is not a valid row number")  # as openpyxl: the sheet is damaged
        self.row_counter = int(number)
        refs = {f"v{i}": f"{letters}{self.row_counter}" for i, letters in enumerate(self.letters)}
        wanted = [self._typed(el) for el in self.pick(row, **refs)]  # in C: no other cell is touched
        values = self._values(wanted)
        if any(
            values[c - 1] is None or not str(values[c - 1]).strip() for c in self.wanted if c <= self.width
        ):
            # a blank needed cell (a 「合计」 row, an unfinished case): the other cells' text too
            for el in row:
                col = _column(el.get("r"))
                if col <= self.width and col not in self.wanted:
                    values[col - 1] = self._plain(el)
        return self.row_counter, values

    def _typed(self, el: Any) -> tuple[int, Any]:
        """openpyxl's value of a needed cell; an inline string is its text runs joined (what openpyxl's
        Text.content gives, phonetic runs left out) without building openpyxl's rich-text objects."""
        if el.get("t") == "inlineStr" and el.find(_F) is None:
            return _column(el.get("r")), "".join(_INLINE_TEXT(el)) or None
        parsed = self.parse_cell(el)
        return parsed["column"], parsed["value"]

    def _plain(self, el: Any) -> Any:
        kind = el.get("t")
        if kind == "inlineStr":
            return "".join(el.itertext()) or None
        text = el.findtext(_V)
        if kind == "s" and text is not None:
            try:
                return str(self.shared_strings[int(text)])
            except (ValueError, IndexError):
                return text
        return text

    def _values(self, cells: Any) -> list[Any]:
        values: list[Any] = [None] * self.width
        for col, value in cells:
            if col <= self.width:
                values[col - 1] = value
        return values


def rows_from(ws: Any, first: int, width: int, wanted: set[int]) -> Iterator[list[Any]] | None:
    """Rows `first`.. of a read-only sheet, `width` values each (missing rows as blanks); None when the
    sheet cannot be read this way (the caller then reads it with openpyxl's iter_rows)."""
    try:
        src = ws.parent._archive.open(ws._worksheet_path)
        parser = _SomeColumns(src, ws, wanted, width)
    except Exception:  # noqa: BLE001 - not a read-only sheet as expected: openpyxl's own way
        return None
    return _rows(src, parser, first, width)


def _rows(src: Any, parser: _SomeColumns, first: int, width: int) -> Iterator[list[Any]]:
    expected = first
    with src:
        for number, values in parser.rows():
            if number < first:
                continue
            while expected < number:
                yield [None] * width
                expected += 1
            yield values
            expected += 1
