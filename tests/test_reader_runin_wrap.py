"""Crawled text cut into lines of a fixed width reads as the uncut text (issue 12, cause 7).

Material of our own: seeded truths rendered as text and crawled (all spacing removed, cells run
together), then cut the ways tools cut (characters, GBK/UTF-8 bytes, terminal columns, a space left
at each cut, CRLF). The committed wrapped fixtures of corpus reports are measured in
test_reader_extracted; here each kind of cut on other reports, and what must stay untouched.
"""

from __future__ import annotations

import re

import pytest

from assistant.core.findings import READER
from assistant.reader import read_report_bytes
from assistant.reader.unwrap import unwrap, wrap_width
from tests.fixtures.reader.render_text import txt
from tests.fixtures.reader.truth import make_truth
from tests.fixtures.reader_real.wrapped import wrap_lines

AGENCIES = {3: "青禾县农业农村局", 5: "澄江市住房和城乡建设局", 8: "柳塘镇人民政府"}
WIDTHS = (23, 31, 40, 52, 64, 76, 80)


def _crawl(seed: int) -> str:
    return re.sub(r"\s+", "", txt(make_truth(AGENCIES[seed], 2023, seed)))


def _cut(text: str, unit: str, width: int, space: bool = False, crlf: bool = False) -> bytes:
    lines = wrap_lines(text, unit, width)
    if space:
        lines = [ln + " " for ln in lines[:-1]] + lines[-1:]
    end = "\r\n" if crlf else "\n"
    return (end.join(lines) + end).encode("gbk" if unit == "gbk" else "utf-8")


def _digit_cuts(text: str, unit: str, width: int) -> int:
    pos, n = 0, 0
    for line in wrap_lines(text, unit, width)[:-1]:
        pos += len(line)
        n += text[pos - 1].isdigit() and text[pos].isdigit()
    return n


def _read(data: bytes):
    report = read_report_bytes(data, "crawl.txt")
    said = sorted((f.rule, f.reported) for f in report.findings if f.source == READER)
    return report.cells, said


KINDS = [
    pytest.param("char", False, False, id="characters"),
    pytest.param("gbk", False, False, id="gbk-bytes"),
    pytest.param("utf-8", False, False, id="utf8-bytes"),
    pytest.param("display", False, False, id="terminal-columns"),
    pytest.param("char", True, False, id="trailing-space"),
    pytest.param("utf-8", False, True, id="crlf"),
    pytest.param("gbk", True, True, id="gbk-space-crlf"),
]


@pytest.mark.parametrize(("unit", "space", "crlf"), KINDS)
@pytest.mark.parametrize("seed", sorted(AGENCIES))
def test_a_cut_crawl_reads_as_the_crawl(seed, unit, space, crlf):
    crawl = _crawl(seed)
    truth = make_truth(AGENCIES[seed], 2023, seed).cells
    whole, said = _read(crawl.encode())
    assert len(whole) >= 190 and all(str(whole[k]) == str(truth[k]) for k in whole)
    inside_digits = 0
    for width in WIDTHS:
        inside_digits += _digit_cuts(crawl, unit, width)
        cells, cut_said = _read(_cut(crawl, unit, width, space, crlf))
        assert cells == whole, f"width {width}"
        assert cut_said == said, f"width {width}"  # the same rows recovered, the same gaps said
    assert inside_digits >= 5  # the widths do cut inside runs of digits


def test_two_splits_that_fit_read_nothing_whatever_the_cut():
    # 行政规范性文件 5238 splits 5/2/38, 5/23/8 or 52/3/8: cut after 52 (or anywhere) it stays a gap
    text = (
        "某县某局2023年政府信息公开工作年度报告一、总体情况2023年，本局认真落实政府信息公开条例。"
        + "本局持续推进政务公开。" * 12
        + "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "规章000行政规范性文件5238第二十条第（五）项信息内容本年处理决定数量行政许可64"
        "三、收到和处理政府信息公开申请情况本年度情况如下。"
    )
    start = text.index("5238")
    inside = [w for w in range(16, 80) if any(start < c < start + 4 for c in range(w, len(text), w))]
    assert len(inside) >= 3  # some of the widths cut inside 5238
    for w in range(16, 80):  # at least four lines: three cut ones make a width
        report = read_report_bytes(_cut(text, "char", w), "crawled.txt")
        assert "active.art20_1.normative_docs.issued" not in report.cells, w
        [gap] = [f for f in report.findings if f.rule == "ROW_UNREADABLE" and f.table == 1]
        assert "5、2、38" in gap.message and "52、3、8" in gap.message
        assert report.cells["active.art20_5.admin_license.decisions"] == 64


def test_text_not_cut_at_one_width_is_left_as_it_is():
    one_a_line = ["三、收到和处理政府信息公开申请情况", "申请人情况", *["0", "1", "12", "35"] * 10]
    assert wrap_width(one_a_line) is None and unwrap(one_a_line) == one_a_line
    typed = [
        "本年度共收到政府信息公开申请九十件。",
        "其中予以公开四十件，部分公开十件。",
        "全年未发生行政复议和行政诉讼。",
        "本单位将继续做好政府信息公开工作。",
    ]
    assert unwrap(typed) == typed
    pipes = ["| 规章 | 0 | 0 | 0 |", "| 行政规范性文件 | 2 | 1 | 9 |", "| 行政许可 | 1 | 2 | 3 |"] * 3
    assert unwrap(pipes) == pipes  # aligned table rows of one width are rows, not cut lines
    spaced = ["1.属于国家秘密          0     0     0     0", "2.其他法律行政法规禁止公开  0     0     0"] * 3
    assert unwrap(spaced) == spaced


def test_a_line_short_of_the_width_ended_there():
    lines = [
        "一二三四五六七八九十一二三四五六七八九十",
        "一二三四五六七八九十一二三四五六七八九十",
        "短行12",
        "34一二三四五六七八九十一二三四五六七八九",
        "尾",
    ]
    assert unwrap(lines) == [
        "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十短行12",
        "34一二三四五六七八九十一二三四五六七八九尾",
    ]


@pytest.mark.parametrize("seed", sorted(AGENCIES))
def test_a_crawl_that_keeps_each_row_on_a_line_reads_as_the_one_line_crawl(seed):
    # 「1.属于国家秘密0000000」 / 「2.其他法律…0000000」: the next row's numbering is no number apart
    rendered = txt(make_truth(AGENCIES[seed], 2023, seed))
    rows = "\n".join(ln for ln in (re.sub(r"\s+", "", line) for line in rendered.split("\n")) if ln)
    whole, said = _read(_crawl(seed).encode())
    cells, rows_said = _read(rows.encode())
    assert cells == whole and rows_said == said
    for width in (40, 76):
        cut = "\n".join(c for line in rows.split("\n") for c in wrap_lines(line, "char", width))
        assert _read(cut.encode())[0] == whole
