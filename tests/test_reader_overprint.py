"""Issue 12: dumps made by Debian's C++ /usr/bin/html2text. With its defaults it reads a UTF-8 page
as Latin-1 (mojibake), lays tables out in bytes (characters cut, a CJK label too wide for its column
has the next value written over it) and marks headings with asterisks. Fixtures: dump_debhtml2text_*
(our corpus pages; defaults, -width 60, -utf8) and web_debhtml2text_* (bordered CMS pages, Word
paste), made by dumps.py / webdumps.py; every printed cell is read there (test_reader_dumps,
test_reader_real). These are the general causes on small inputs."""

from __future__ import annotations

import pytest

from assistant.reader.decode import decode_counted
from assistant.reader.errors import ReaderError
from assistant.reader.mojibake import cut_utf8
from assistant.reader.overprint import is_overprinted, normalized
from tests.fixtures.reader_real.dumps import DUMPS

REPORT = (
    "青禾县水利局2023年政府信息公开工作年度报告\n一、总体情况\n本年度共收到政府信息公开申请22件，"
    "较上年减少12件，上年结转1件。办结22件，其中予以公开11件。\n行政许可 64\n"
)


def _latin1_read(text: str) -> bytes:
    """What html2text writes by default: each UTF-8 byte taken as a Latin-1 character, written as UTF-8."""
    return text.encode("utf-8").decode("latin-1").encode("utf-8")


def test_utf8_read_as_latin1_is_put_back():
    text, lost = decode_counted(_latin1_read(REPORT), "dump.txt")
    assert text == REPORT and lost == 0


def test_mojibake_with_characters_cut_is_put_back_and_the_loss_counted():
    data = _latin1_read(REPORT)
    at = data.index(_latin1_read("许"))
    cut = data[:at] + _latin1_read("许")[:4] + data[at + len(_latin1_read("许")) :]  # 2 of its 3 bytes
    text, lost = decode_counted(cut, "dump.txt")
    assert "青禾县水利局" in text and "行政\ufffd可 64" in text and lost == 1


@pytest.mark.parametrize(
    "text",
    [
        REPORT,  # Chinese in UTF-8
        "Café au lait, crème brûlée, déjà vu, naïve façade; Ærøskøbing à Zürich.\n"
        * 20,  # real Latin-1 letters
    ],
)
def test_text_that_is_fine_is_never_touched(text):
    assert decode_counted(text.encode("utf-8"), "report.txt") == (text, 0)


def test_gbk_text_is_still_read_as_gbk():
    assert decode_counted(REPORT.encode("gbk"), "report.txt") == (REPORT, 0)


def test_utf8_with_characters_cut_short_reads_before_gb18030_guesses():
    # html2text -utf8: a cell keeps the first bytes of a character, the next value written after them
    data = REPORT.encode() + "行政规".encode() + "范".encode()[:1] + b"5" + "性文件 9\n".encode()
    text, lost = decode_counted(data, "dump.txt")
    assert text.startswith(REPORT) and "行政规\ufffd5性文件 9" in text and lost == 1


def test_bytes_in_another_encoding_are_no_cut_utf8():
    assert cut_utf8(REPORT.encode("gbk")) is None
    with pytest.raises(ReaderError):
        decode_counted(bytes(range(0x80, 0x100)) * 40, "report.txt")


def test_heading_marks_and_rules_are_html2texts_not_the_reports():
    lines = [
        "******",
        "青禾县水利局2023年政府信息公开工作年度报告",
        "******",
        "***** 一、总体情况 *****",
        "=" * 40,
    ]
    assert is_overprinted(lines)
    assert [ln for ln in normalized(lines) if ln] == [
        "青禾县水利局2023年政府信息公开工作年度报告",
        "一、总体情况",
    ]


def test_a_value_written_over_a_label_is_apart_and_the_label_whole():
    lines = [
        "行政规\ufffd0性文\ufffd9                  44",
        "行政事\ufffd0性收费",
        "                            （三）\ufffd4.保护第三方合法权益            1   0    0",
        "1.申请人无正当理由逾期不补正、行政机\ufffd0不\ufffd0\ufffd处\ufffd0\ufffd其\ufffd0府信\ufffd0公开申0\ufffd 0",
    ]
    assert is_overprinted(lines)
    assert normalized(lines) == [
        "行政规范性文件  0  9  44",
        "行政事业性收费  0",
        "（三）不予公开  4.保护第三方合法权益  1  0  0",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请  0  0  0  0  0  0  0",
    ]


def test_bordered_cells_lose_their_padding_and_a_label_runs_on_under_the_values():
    lines = [
        " ______________________",
        "|规章_________|34________________|32________________|34________________|",
        "|行政规\ufffd|8性文\ufffd|31________________|1_________________|",
        "|三、本|\ufffd度\ufffd|1.本机关不掌握相关政府信息___|0__|1___|",
    ]
    assert normalized(lines)[1:] == [
        "规章  34  32  34",
        "行政规范性文件  8  31  1",
        "三、本年度办理结果  1.本机关不掌握相关政府信息  0  1",
    ]


def test_a_label_nothing_was_written_over_stays_as_printed():
    # a real misprint of the report is the report's: only a damaged label is put back
    lines = [
        "***** 二、主动公开政府信息情况 *****",
        "***** 三、收到和处理政府信息公开申请情况 *****",
        "行政许诺    64",
    ]
    assert normalized(lines)[-1] == "行政许诺    64"
    # a damaged start that fits no official label, or more than one, is left as it reads
    assert normalized(["行政\ufffd58", "行政\ufffd6"]) == ["行政  58", "行政  6"]


def test_other_dumps_are_not_taken_for_html2text():
    lines = ["一、总体情况", "* 本年度共收到申请22件", "行政许可 64", "| 规章 | 0 | 0 |"]
    assert not is_overprinted(lines)


# ---------------------------------------------------------------- folded at a byte count (issue 12)


@pytest.mark.parametrize("end", [b"\r\n", b"\r", b"\r\r\n"])
def test_mojibake_folded_at_76_bytes_with_crlf_is_put_back(end):
    # html2text's defaults, then `fold -w 76` (bytes) and CRLF: cuts at the line ends and in a cell
    from tests.test_reader_dumps import _byte_fold

    text = REPORT.replace("\n", "。本段为说明文字，第3段，用于构成较长的行。\n") * 3  # odd ASCII: cuts inside
    data = _latin1_read(text)
    at = data.index(_latin1_read("许"))
    cut = _latin1_read("许")[:5]  # html2text cut the cell in the middle of a byte's 2-byte form
    data = data[:at] + cut + data[at + len(_latin1_read("许")) :]
    decoded, lost = decode_counted(_byte_fold(data, 76, end), "dump.txt")

    def flat(t: str) -> str:  # a line that ended at the width is joined to the next: a fold cannot tell
        return t.replace("\r", "").replace("\n", "")

    assert flat(decoded) == flat(text.replace("行政许可", "行政\ufffd可", 1)) and lost == 1


def test_rows_as_wide_as_a_gbk_fold_are_not_joined_only_the_wider_one_is():
    # w3m at 80 columns is 80 bytes wide in GBK; `fold -b -w 80` cuts only a row wider in bytes
    from assistant.reader.bytefold import unfold

    def row(label: str, values: str) -> bytes:
        line = ("    " + label).encode("gbk")
        return line + b" " * (80 - len(line) - len(values)) + values.encode()

    rows = [
        row("一、本年新收政府信息公开申请数量", "21  3  0  0  0  1  25"),
        row("二、上年结转政府信息公开申请数量", "1  0  0  0  0  0  1"),
    ]
    rows += [row("（一）予以公开", "11  2  0  0  0  1  14"), row("（二）部分公开", "3  0  0  0  0  0  3")]
    wide = "         3.危及“三安全一稳定”".encode("gbk") + b" " * 43 + b"0  0  0  0  0  0  0"
    data = b"\n".join([*rows, wide, row("4.保护第三方合法权益", "1  0  0  0  0  0  1")]) + b"\n"
    folded = b"\n".join(
        piece for ln in data.split(b"\n") for piece in ([ln[:80], ln[80:]] if len(ln) > 80 else [ln])
    )
    assert [len(ln) for ln in rows] == [80] * 4 and len(wide) > 80
    lines = unfold(folded, "gbk").split(b"\n")
    assert lines[:4] == rows  # rows as wide as the fold stay rows
    assert lines[4] == wide  # the row the fold cut is whole again


# ---------------------------------------------------------------- a crawl collapsed to one line


def test_a_crawl_on_one_line_with_cells_one_space_apart_is_split_into_rows():
    from assistant.reader.textfile import _split_long

    line = (
        "二、主动公开政府信息情况 本年度本镇未制发行政规范性文件。主动公开相关情况如下。 第二十条第（一）项 信息内容 "
        "本年制发件数 本年废止件数 现行有效件数 规章 0 0 0 行政规范性文件 1 4 13 第二十条第（五）项 信息内容 本年处理决定数量 "
        "行政许可 58 第二十条第（六）项 信息内容 本年处理决定数量 行政处罚 6 三、收到和处理政府信息公开申请情况 （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） "
        "申请人情况 自然人 法人或其他组织 总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 "
        "一、本年新收政府信息公开申请数量 2 0 0 0 0 0 2 二、上年结转政府信息公开申请数量 0 0 0 0 0 0 0 "
        "3.其他 0 0 0 0 0 0 0 （七）总计 2 0 0 0 0 0 2"
    )
    rows = _split_long(line)
    assert "规章  0  0  0" in rows and "行政规范性文件  1  4  13" in rows and "行政许可  58" in rows
    assert "一、本年新收政府信息公开申请数量  2  0  0  0  0  0  2" in rows
    header = "第二十条第（一）项  信息内容  本年制发件数  本年废止件数  现行有效件数"
    assert header in rows  # the header apart
    assert "3.其他  0  0  0  0  0  0  0" in rows  # a column header's word inside a row label stays the row's
    assert (
        "本年度本镇未制发行政规范性文件。主动公开相关情况如下。" in rows
    )  # a paragraph ends at its sentence end


def test_prose_with_numbers_in_it_is_not_split():
    from assistant.reader.textfile import _split_long

    line = "全年主动公开政府信息2874条，其中县政府文件168条，" * 12 + "发放问卷300份，满意率为96.3%。"
    assert _split_long(line) == [line]


_DEBIAN = sorted(n for n, (_, tool) in DUMPS.items() if tool.startswith("debhtml2text"))


@pytest.mark.parametrize("name", _DEBIAN)
def test_what_html2text_cut_is_no_finding_against_the_report(name):
    # header cells cut at their columns (「信息|本年|本年|现行有效件数」), the corner note run under the next
    # columns, table headers right under a heading: the page itself gives no such finding
    from assistant.audit import audit_one, load_input
    from tests.fixtures.reader_real.dumps import HERE, REPORTS

    page = {f.rule for f in audit_one(load_input(REPORTS / DUMPS[name][0])).findings}
    dump = {f.rule for f in audit_one(load_input(HERE / name)).findings}
    assert dump <= page
