"""Issue 12, cause 6: text extracted from PDFs of our corpus reports (pdftotext plain and -layout,
two Markdown conversions; fixtures in tests/fixtures/reader_real/, made by extract.py, truth in
corpus/sources). Labels and numbers come apart there; the values are placed by the official row
order and the row arithmetic, and what cannot be placed is the reader's gap, never an error."""

from __future__ import annotations

import pytest

from assistant.core.findings import READER
from assistant.reader.ordered import place_t2, place_t3, tokens, unstack
from tests.fixtures.reader_real.extract import EXTRACTED, UNPLACED
from tests.fixtures.reader_real.measure import measure


def _unplaced(name: str, key: str) -> bool:
    return any(key.startswith(f"{g}.") for g in UNPLACED.get(name, ()))


@pytest.mark.parametrize("name", sorted(EXTRACTED))
def test_every_printed_cell_is_read_or_left_as_the_readers_gap(name):
    m = measure(name)
    assert not m.wrong, f"read with another value: {m.wrong}"
    assert [k for k in m.unread if not _unplaced(name, k)] == []
    assert all(_unplaced(name, k) for k in m.unread)


@pytest.mark.parametrize("name", sorted(EXTRACTED))
def test_no_error_and_gaps_only_where_expected(name):
    m = measure(name)
    assert not m.false_errors and not m.missed
    gaps = [f for f in m.findings if f.source == READER]
    assert bool(gaps) == bool(UNPLACED.get(name))
    assert all(not f.is_error for f in gaps)


def test_numbers_inside_prose_page_numbers_and_list_numbering_are_not_values():
    lines = [
        ("本年度共收到申请23件，办结22件。", 0),
        ("—3—", 1),
        ("1.属于国家秘密     0     0", 2),
        ("度办 的，只计这一情形，不计其     2     0     1", 3),
        ("第二十条第（五）项", 4),
        ("行政许可 64", 5),
    ]
    assert [raw for raw, _ in tokens(lines)] == ["0", "0", "2", "0", "1", "64"]


def test_rows_printed_column_by_column_are_transposed():
    # three rows of seven printed as columns of three on consecutive lines (plain pdftotext)
    rows = [[0] * 7, [3, 1, 0, 0, 1, 0, 5], [1, 0, 0, 0, 0, 0, 1]]
    toks, line = [], 0
    for col in range(7):
        for r in range(3):
            toks.append((str(rows[r][col]), line))
            line += 1
        line += 1  # a blank line between columns
    assert [int(raw) for raw, _ in unstack(toks)] == [v for row in rows for v in row]


def _t2_stream(values: list[list[int]]) -> list[tuple[str, int]]:
    return [(str(v), 2 * (7 * r + c)) for r, row in enumerate(values) for c, v in enumerate(row)]


def _consistent_rows() -> list[list[int]]:
    from assistant.core import spec

    rows = {k: [0] * 7 for k, _ in spec.t2_rows("2021")}
    rows["new_received"] = [5, 1, 0, 0, 0, 0, 6]
    rows["results.granted"] = [3, 1, 0, 0, 0, 0, 4]
    rows["results.total"] = [3, 1, 0, 0, 0, 0, 4]
    rows["carried_to_next"] = [2, 0, 0, 0, 0, 0, 2]
    return list(rows.values())


def test_a_table_with_a_number_too_many_is_placed_only_where_the_arithmetic_fits():
    rows = _consistent_rows()
    stream = [("7", 0)] + _t2_stream(rows)  # a stray number before the table
    placed, full = place_t2(stream, "2021")
    assert full and placed["new_received"].values[0].raw == "5"
    lost = _t2_stream(rows)[:-1] + [("9", 999), ("9", 1001)]  # the last value lost, two strays
    assert place_t2(lost, "2021") is None


def test_a_row_that_does_not_add_up_is_not_placed_by_order():
    rows = _consistent_rows()
    rows[0] = [5, 1, 0, 0, 0, 0, 9]
    assert place_t2(_t2_stream(rows), "2021") is None


def test_table_three_needs_its_group_totals():
    good = [("1", i) for i in range(4)] + [("4", 4)] + [("0", 5 + i) for i in range(10)]
    assert [r.raw for r in place_t3(good)][:5] == ["1", "1", "1", "1", "4"]
    moved = [("1", 0), ("2", 1), ("0", 2), ("1", 3), ("0", 4)] + [("0", 5 + i) for i in range(10)]
    assert place_t3(moved) is None
