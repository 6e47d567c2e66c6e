"""Issue 12 items 6, 7, 10: text dumps of our corpus web pages made by the tools crawlers and
colleagues use (w3m/lynx space-padded columns, html2text pipe tables, fold -w 76 with CRLF, a GBK
file cut at a byte count, plain pdftotext of the chromium print; fixtures in
tests/fixtures/reader_real/dump_*, made by dumps.py, truth in corpus/sources). Every printed cell is
read with its value, and only what the report really breaks is an error."""

from __future__ import annotations

import pytest

from assistant.core.findings import READER
from tests.fixtures.reader_real.dumps import DUMPS
from tests.fixtures.reader_real.measure import measure


@pytest.mark.parametrize("name", sorted(DUMPS))
def test_every_printed_cell_of_a_dump_is_read(name):
    m = measure(name)
    assert not m.refused, m.refused
    assert not m.wrong, f"read with another value: {m.wrong}"
    assert not m.unread, f"not read: {m.unread}"


@pytest.mark.parametrize("name", sorted(DUMPS))
def test_a_dump_gives_no_error_against_the_report(name):
    m = measure(name)
    assert not m.false_errors and not m.missed
    assert all(not f.is_error for f in m.findings if f.source == READER)
