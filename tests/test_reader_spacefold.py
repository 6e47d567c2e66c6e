"""`fold -s` of a one-line crawl (issue 12, crawled text): the breaks are put back byte for byte."""

import subprocess

import pytest

from assistant.reader.bytefold import unfold_spaces
from tests.fixtures.reader_real.dumps import HERE
from tests.fixtures.reader_real.measure import measure

CRAWL = (HERE / "dump_oneline_hezhuzhen_2022.txt").read_bytes()


def _fold_s(data: bytes, width: int) -> bytes:
    return subprocess.run(
        ["fold", "-s", "-w", str(width)], input=data, check=True, capture_output=True
    ).stdout


@pytest.mark.parametrize("width", [60, 76, 80])
@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_fold_s_of_a_one_line_crawl_is_the_crawl_again(width, encoding):
    data = CRAWL.decode("utf-8").encode(encoding)
    folded = _fold_s(data, width)
    assert folded.count(b"\n") > 20
    assert unfold_spaces(folded).rstrip(b"\n") == data
    assert unfold_spaces(folded.replace(b"\n", b"\r\n")).rstrip(b"\n") == data


def test_a_wrap_that_added_a_space_at_each_cut_is_left_to_unwrap():
    text = CRAWL.decode("utf-8").replace(" ", "")
    lines = [text[i : i + 40] + " " for i in range(0, len(text), 40)]
    data = "\n".join(lines).encode("utf-8")
    assert unfold_spaces(data) == data


def test_a_document_of_its_own_lines_is_left_alone():
    data = (HERE / "dump_w3m_hezhuzhen_2022.txt").read_bytes()
    assert unfold_spaces(data) == data
    spaced = b"\n".join(line + b" " for line in data.split(b"\n"))
    assert unfold_spaces(spaced) == spaced


@pytest.mark.parametrize(
    "name",
    ["dump_oneline_folds76crlf_shengtaihuanjingju_2024.txt", "dump_oneline_gbkfolds80_hezhuzhen_2022.txt"],
)
def test_a_folded_crawl_reads_every_cell_and_no_error(name):
    m = measure(name)
    assert (m.right, m.wrong, m.false_errors) == (m.printed, (), ())
