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


# ---------------------------------------------------------------- the general causes, on small inputs

from assistant.reader import read_report_bytes  # noqa: E402
from assistant.reader.bytefold import mend  # noqa: E402
from assistant.reader.textfile import lines_to_blocks  # noqa: E402


def _byte_fold(data: bytes, width: int, end: bytes = b"\n") -> bytes:
    """What `fold -b -w WIDTH` writes: a line break every WIDTH bytes, inside a character or not."""
    lines = data.split(b"\n")
    out = [line[i : i + width] for line in lines for i in range(0, max(len(line), 1), width)]
    return end.join(out)


@pytest.mark.parametrize(
    ("encoding", "width", "end"), [("gbk", 25, b"\n"), ("utf-8", 77, b"\r\n"), ("utf-8", 31, b"\n")]
)
def test_a_character_cut_by_a_byte_fold_is_put_whole_on_the_next_line(encoding, width, end):
    text = "本年度共收到政府信息公开申请22件，较上年减少12件，上年结转1件。办结22件，其中予以公开11件。"
    folded = _byte_fold(text.encode(encoding), width, end)
    with pytest.raises(UnicodeDecodeError):
        folded.decode(encoding)  # the cut falls inside a character
    mended = mend(folded, encoding).decode(encoding)
    assert mended.replace("\r\n", "").replace("\n", "") == text
    assert mended.count("\n") == folded.count(b"\n")  # the line breaks stay where they were


def test_a_file_that_decodes_is_left_alone():
    data = "行政许可 177\n行政处罚 87\n".encode("gbk")
    assert mend(data, "gbk") == data


def test_label_column_as_wide_as_its_label_keeps_the_first_value_apart():
    # w3m: the label column is as wide as its widest label, one space before the first value
    lines = [
        "   信息内容    本年制发件数 本年废止件数 现行有效件数",
        "     规章      0            0            0",
        "行政规范性文件 1            4            13",
    ]
    grid = lines_to_blocks(lines)[-1]
    assert grid.rows[-1] == ("行政规范性文件", "1", "4", "13")
    assert grid.rows[-2] == ("规章", "0", "0", "0")


def test_html2text_pipe_rows_without_outer_pipes_and_one_cell_rows():
    text = (
        "## 二、主动公开政府信息情况\n\n第二十条第（一）项  \n---  \n信息内容| 本年制发件数| 本年废止件数| 现行有效件数  \n"
        "规章| 0| 0| 0  \n行政规范性文件| 2| 1| 9  \n第二十条第（五）项  \n信息内容| 本年处理决定数量  \n行政许可| 64  \n  \n"
        "门户网站栏目（含专栏|子栏目）运行平稳。\n"
    )
    blocks = lines_to_blocks(text.split("\n"), markdown=True)
    grid = next(b for b in blocks if hasattr(b, "rows"))
    assert ("行政规范性文件", "2", "1", "9") in grid.rows and ("行政许可", "64") in grid.rows
    assert ("第二十条第（五）项",) in grid.rows
    # a pipe in prose after the table's blank line is text
    assert any("含专栏|子栏目" in getattr(b, "text", "") for b in blocks)


def test_setext_heading_is_no_table():
    blocks = lines_to_blocks(["总体情况", "---", "全年主动公开信息120条。"], markdown=True)
    assert not any(hasattr(b, "rows") for b in blocks)


def test_a_gbk_report_folded_at_bytes_is_read_not_refused():
    text = "青禾县水利局2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n行政许可 64\n"
    report = read_report_bytes(_byte_fold(text.encode("gbk"), 15), "report.txt")
    assert report.agency == "青禾县水利局"


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
@pytest.mark.parametrize("seed", [3, 5, 8])
def test_a_crawl_folded_at_bytes_reads_as_the_crawl(seed, encoding):
    # a crawler's one-line dump saved as GBK (or UTF-8) and cut by `fold -b`: cuts inside characters
    # and inside runs of digits; with CRLF line ends too (unix2dos after fold)
    from tests.test_reader_runin_wrap import _crawl, _read

    crawl = _crawl(seed)
    whole, said = _read(crawl.encode())
    assert len(whole) >= 190
    for width, end in ((21, b"\n"), (40, b"\r\n"), (60, b"\n"), (76, b"\r\n"), (80, b"\n")):
        folded = _byte_fold(crawl.encode(encoding), width, end)
        cells, cut_said = _read(folded)
        assert cells == whole, f"width {width}"
        assert cut_said == said, f"width {width}"


# html.parser text one node a line (the scripted folds' source) prints table headers as lines of text:
# they stay in the section's text (a gap of that source, not of the fold)
_PARSER_LINES = ("chromium_pdftotext", "stream76crlf", "gbkstream80", "gbkfold80cr", "spaced_chars76crlf")
_TEXT_DUMPS = sorted(n for n, (_, tool) in DUMPS.items() if tool not in _PARSER_LINES)


@pytest.mark.parametrize("name", _TEXT_DUMPS)
def test_a_dumps_sections_are_the_pages_text(name):
    # table headers printed over lines of their own (w3m/lynx) belong to the table, not the section
    import re

    from assistant.reader import read_report
    from tests.fixtures.reader_real.dumps import HERE, REPORTS

    page = read_report(REPORTS / DUMPS[name][0])
    dump = read_report(HERE / name)

    def squashed(report):
        return {k: re.sub(r"\s", "", v) for k, v in report.sections.items()}

    assert squashed(dump) == squashed(page)


def test_a_header_over_lines_of_its_own_is_the_tables():
    lines = [
        "本年度主动公开政府信息情况见下表。",
        "",
        "                 第二十条第（一）项",
        "   信息内容    本年制发件数 本年废止件数 现行有效件数",
        "     规章      0            0            0",
        "                 第二十条第（八）项",
        "   信息内容          本年收费金额（单位：万元）",
        "行政事业性收费 12.5",
        "",
        "以上数据截至12月31日。",
    ]
    blocks = lines_to_blocks(lines)
    texts = [b.text for b in blocks if not hasattr(b, "rows")]
    assert texts == ["本年度主动公开政府信息情况见下表。", "以上数据截至12月31日。"]
    grid = next(b for b in blocks if hasattr(b, "rows"))
    assert grid.rows[0] == ("第二十条第（一）项",)
    assert grid.rows[1] == ("信息内容", "本年制发件数 本年废止件数 现行有效件数")
    assert grid.rows[-1] == ("行政事业性收费", "12.5")


def test_a_title_over_a_labelled_line_in_prose_stays_prose():
    # no spaced columns: a short line over 「…… 3」 is text, not a table's header
    lines = ["", "工作亮点", "全年培训 3", ""]
    assert not any(hasattr(b, "rows") for b in lines_to_blocks(lines))


def test_a_file_cut_inside_its_last_character_is_read_and_the_loss_said():
    # a GBK report whose copy stopped one byte into a character: read, the lost character said
    from tests.fixtures.reader_real.measure import HERE

    data = (HERE / "web_gbkfold_cms_2024.txt").read_bytes().rstrip(b"\r\n") + "。".encode("gbk")[:1]
    report = read_report_bytes(data, "report.txt")
    assert len(report.cells) == 200
    [lost] = [f for f in report.findings if f.rule == "FILE_UNDECODABLE"]
    assert lost.source == READER and not lost.is_error and "本工具未能读取" in lost.message
    assert "1 个字符" in lost.message
    from assistant.core.finding_kinds import kind_of

    assert kind_of(lost) == "无法读取"  # the 审核 tab's words for it


def test_a_stray_byte_in_a_utf8_report_is_one_lost_character():
    from tests.fixtures.reader_real.measure import HERE

    data = (HERE / "web_lynx_zeros_2024.txt").read_bytes()
    at = data.index("政府信息管理".encode())
    report = read_report_bytes(data[:at] + b"\xff" + data[at:], "report.txt")
    assert report.agency == "松岭镇人民政府" and len(report.cells) == 200
    assert [f.rule for f in report.findings if f.source == READER] == ["FILE_UNDECODABLE"]


def test_text_in_another_encoding_is_still_refused():
    from assistant.reader.errors import ReaderError

    data = "青禾县水利局2023年政府信息公开工作年度报告".encode("shift_jis", errors="ignore") * 20
    data = bytes(b ^ 0x80 if b < 0x80 else b for b in data)  # no ASCII left: nothing decodes
    with pytest.raises(ReaderError):
        read_report_bytes(data, "report.txt")


def test_a_table_title_over_its_header_stays_text():
    lines = [
        "",
        "表一 主动公开政府信息情况",
        "   信息内容    本年制发件数 本年废止件数",
        "     规章      0            1",
    ]
    blocks = lines_to_blocks(lines)
    assert [b.text for b in blocks if not hasattr(b, "rows")] == ["表一 主动公开政府信息情况"]
