"""Issue 12: reports laid out the way other people's tools lay them out (fixtures in
tests/fixtures/reader_real/, made by scripts/make_reader_fixtures.py, truth in their cases.py).

For each: every printed cell is read with its printed value, the planted errors are found, and
nothing else is an error; what the reader could not read is never blamed on the report.
"""

from __future__ import annotations

import pytest

from assistant.core.findings import READER, REPORT
from tests.fixtures.reader_real.cases import CASES
from tests.fixtures.reader_real.measure import measure


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_printed_cell_is_read(name):
    m = measure(name)
    assert not m.wrong, f"read with another value: {m.wrong}"
    assert not m.unread, f"printed but not read: {m.unread}"
    assert m.right == m.printed


@pytest.mark.parametrize("name", sorted(CASES))
def test_only_the_planted_errors_appear(name):
    m = measure(name)
    assert not m.false_errors and not m.missed
    assert all(f.source == REPORT for f in m.findings if f.is_error)


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_reader_gap_is_left_on_the_fixtures(name):
    m = measure(name)
    assert [f.message for f in m.findings if f.source == READER] == []


def test_headings_drawn_on_background_rectangles_are_headings():
    m = measure("pdf_bgrect_2023.pdf")
    assert not [f for f in m.findings if f.rule == "SECTION_MISSING"]
    [f] = [f for f in m.findings if f.rule == "TEXT_TABLE_MISMATCH"]
    assert f.cells == ("applications.new_received.total",)


def test_a_collapsed_row_keeps_its_subtotal_in_the_rules():
    m = measure("pdf_collapsed_2023.pdf")
    assert not [f for f in m.findings if f.rule == "T2_RESULTS_TOTAL_2021"]  # checked, and it adds up
    wrong = measure("pdf_collapsed_wrong_2023.pdf")
    [f] = [f for f in wrong.findings if f.rule == "T2_RESULTS_TOTAL_2021"]
    assert f.status == "fail" and f.cells[0] == "applications.results.total.natural_person"


def test_committed_fixtures_are_current():
    from tests.fixtures.reader_real.measure import HERE

    for name, case in CASES.items():
        assert (HERE / name).read_bytes() == case.build(case.truth()), (
            f"{name}: run scripts/make_reader_fixtures.py"
        )
