"""Issue 12: a report built by an outsider's python-docx script (every label in its own cell, no
merged cells unless named), saved as PDF by LibreOffice, then plain `pdftotext`. Fixtures
tests/fixtures/reader_real/outsider_docx_* (outsiderdocx.py; truth a corpus facts file). No cell is
read with another value, nothing is an error against the report, what is not read is the reader's
gap; a column's stacked header cells among 表二's numbers unsettle a reading in printed order."""

from __future__ import annotations

import pytest

from assistant.reader import t2pages
from tests.fixtures.reader_real.measure import assert_gaps_said, assert_nothing_blamed, measure
from tests.fixtures.reader_real.outsiderdocx import CASES

# cells read right at least (measured 2026-12-07; before: 186, 186, 193 with 4, 4, 0 wrong)
READ_AT_LEAST = {
    "outsider_docx_onecol_2024.txt": 183,
    "outsider_docx_pt9_2024.txt": 183,
    "outsider_docx_a4_merge_2023.txt": 193,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_cell_is_read_wrong_and_nothing_is_an_error_against_the_report(name):
    assert_nothing_blamed(measure(name))


@pytest.mark.parametrize("name", sorted(CASES))
def test_what_is_not_read_is_said_as_the_readers_gap(name):
    assert_gaps_said(measure(name))


@pytest.mark.parametrize("name", sorted(READ_AT_LEAST))
def test_the_rest_is_still_read(name):
    assert measure(name).right >= READ_AT_LEAST[name]


def _lines(text: str) -> list[tuple[str, int]]:
    return [(line, i) for i, line in enumerate(text.split("|"))]


def test_a_stacked_header_cell_among_the_numbers_is_a_header():
    # 「申请人情况」 / 「法人或其他组织」 / 「社会公益组织」 in one unmerged cell, wrapped, after a number
    lines = _lines("申请人|情况|法人或|其他组|织|科研机|构|1|申请人|情况|法人或|其他组|织|社会公|益组织|0")
    assert t2pages.headers_among_numbers(lines) == list(range(8, 15))


def test_a_row_label_among_the_numbers_is_not_a_header():
    lines = _lines("1|三、本|年度办|理结果|（六）|其他处|理 3.其|他|2")
    assert t2pages.headers_among_numbers(lines) == []
