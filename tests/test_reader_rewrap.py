"""Paragraphs re-wrapped by Python's textwrap (issue 12, crawled text) are joined back."""

import textwrap

from assistant.reader.rewrap import rejoin_wrapped
from tests.fixtures.reader_real.dumps import HERE
from tests.fixtures.reader_real.measure import measure

CRAWL = (HERE / "dump_oneline_ziranziyuanju_2024.txt").read_text(encoding="utf-8")


def test_textwrap_of_a_one_line_crawl_is_the_crawl_again():
    lines = textwrap.wrap(CRAWL, 76)
    assert len(lines) > 20
    (joined,) = rejoin_wrapped(lines)
    # a full line that ended at a word before a long run is told from a run cut there by nothing:
    # joined without the space (here once: 「……情形。二、主动公开……」), every other space put back
    assert joined.replace(" ", "") == CRAWL.replace(" ", "")
    assert CRAWL.count(" ") - joined.count(" ") <= 1


def test_a_long_run_cut_where_the_line_was_full_is_joined_without_a_space():
    text = "一、总体情况 " + "本机关" * 40 + " 二、主动公开政府信息情况 第二十条 1 2 3"
    lines = textwrap.wrap(text, 40)
    assert any(len(ln) == 40 for ln in lines)
    assert rejoin_wrapped(lines) == [text]


def test_a_wrap_at_bytes_of_text_without_spaces_is_left_alone():
    text = CRAWL.replace(" ", "")
    data = text.encode("utf-8")
    lines, start = [], 0
    while start < len(data):  # cut at 74 bytes, never inside a character
        end = min(start + 74, len(data))
        while end < len(data) and 0x80 <= data[end] <= 0xBF:
            end -= 1
        lines.append(data[start:end].decode("utf-8"))
        start = end
    assert rejoin_wrapped(lines) == lines


def test_a_document_of_its_own_lines_is_left_alone():
    lines = (HERE / "dump_w3m_ziranziyuanju_2024.txt").read_text(encoding="utf-8").split("\n")
    assert rejoin_wrapped(lines) == lines


def test_a_textwrapped_crawl_reads_every_cell_and_no_error():
    m = measure("dump_oneline_textwrap76_shengtaihuanjingju_2024.txt")
    assert (m.right, m.wrong, m.false_errors) == (m.printed, (), ())


def test_runs_of_spaces_dropped_at_a_break_are_found_and_made_one():
    # textwrap of a text with its line ends and blank lines in it: each became a space, runs of them
    text = "\n\n".join(CRAWL.split(" ")).replace("\n", " ")
    lines = textwrap.wrap(text, 76)
    (joined,) = rejoin_wrapped(lines)
    assert joined.replace(" ", "") == CRAWL.replace(" ", "") and "  " not in joined
    assert CRAWL.count(" ") - joined.count(" ") <= 1
