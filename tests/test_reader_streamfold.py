"""Issue 12 (crawled text): a whole file cut every N bytes / characters by a few lines of Python, its
own line ends inside the pieces (`data[i:i + 76]` joined by CRLF), and a GBK byte fold with CR line
ends. Fixtures `dump_stream76crlf_*`, `dump_gbkstream80_*`, `dump_gbkfold80cr_*` (dumps.py) are read
by `test_reader_dumps.py`; here the repair on small inputs."""

from __future__ import annotations

from assistant.reader.decode import decode_counted
from assistant.reader.streamfold import unstream
from tests.fixtures.reader_real.dumps import columns_cut
from tests.fixtures.reader_real.measure import measure

TEXT = (
    "一、总体情况\n本年度共收到政府信息公开申请22件，较上年减少12件。\n"
    "二、主动公开政府信息情况\n行政许可\n177\n行政处罚\n87\n"
    "三、收到和处理政府信息公开申请情况\n（一）予以公开\n11\n（二）部分公开\n3\n"
) * 3


def _stream(data, width, brk):
    return brk.join(data[i : i + width] for i in range(0, len(data), width))


def test_a_whole_file_byte_fold_is_undone_exactly():
    for codec, width, brk in (("utf-8", 76, "\r\n"), ("gbk", 80, "\n"), ("utf-8", 40, "\r")):
        data = TEXT.replace("\n", brk).encode(codec)
        folded = _stream(data, width, brk.encode())
        assert folded != data
        assert unstream(folded) == data
        assert decode_counted(folded, "x")[0] == data.decode(codec)


def test_a_whole_text_character_fold_is_undone():
    folded = _stream(TEXT, 76, "\n")
    assert unstream(folded) == TEXT


def test_lines_of_one_length_and_a_per_line_fold_are_left_alone():
    same = b"\n".join([b"a" * 30] * 8)  # nothing proves a stream fold: left as it is
    assert unstream(same) == same
    repeated = "本年度共收到政府信息公开申请二十二件。\n" * 8  # repeated lines: a text of its own
    assert unstream(repeated) == repeated
    per_line = "\n".join(ln[i : i + 20] for ln in TEXT.split("\n") for i in range(0, max(len(ln), 1), 20))
    assert unstream(per_line) == per_line


def test_a_gbk_byte_fold_with_cr_line_ends_is_read():
    m = measure("dump_gbkfold80cr_shengtaihuanjingju_2024.txt")
    assert not m.refused and not m.wrong and not m.unread


def test_a_whole_file_fold_of_a_crawl_is_read():
    for name in ("dump_stream76crlf_xianzhengfuban_2023.txt", "dump_gbkstream80_ziranziyuanju_2024.txt"):
        m = measure(name)
        assert not m.refused and not m.wrong and not m.unread and not m.false_errors, name


def test_a_crawl_without_line_ends_cut_every_76_characters_is_read():
    # every line but the last 76 characters (runs of spaces inside): before, 0/166 and agency wrong
    m = measure("dump_spaced_chars76crlf_shengtaihuanjingju_2024.txt")
    assert not m.refused and not m.wrong and not m.unread and not m.false_errors
    flat = "".join(f"第{i}件申请予以公开" for i in range(40))
    assert unstream("\n".join(flat[i : i + 20] for i in range(0, len(flat), 20))) == flat


def test_a_character_fold_that_counted_the_bom_is_undone():
    # a script that read a file with its BOM as a character (utf-8, not utf-8-sig), then cut it
    text = "\ufeff" + TEXT
    folded = "\n".join(text[i : i + 50] for i in range(0, len(text), 50))
    assert decode_counted(folded.encode("utf-8"), "x")[0] == TEXT


def test_a_one_line_crawl_cut_every_76_columns_is_read():
    # a CMS page's html.parser text is one line (runs of spaces between nodes); a script cut it every
    # 76 terminal columns (CJK 2): before, 7/200 cells, 41 false errors, agency and year wrong
    from assistant.audit import audit_one, load_input
    from tests.fixtures.reader_real import cms, dumps, office

    t = cms.make_truth("柳塘镇人民政府", 2023, 97)
    parser = dumps._Text()
    parser.feed(office.cms_page_html(t, "柳塘镇人民政府网", "政府信息公开年报", width=760))
    text = "".join(parser.parts).replace("\n", " ")
    folded = "\r\n".join(columns_cut(text, 76))
    assert unstream(folded) == text
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.txt"
        path.write_bytes(folded.encode("utf-8"))
        loaded = load_input(path)
        result = audit_one(loaded)
    assert (loaded.facts.agency, loaded.facts.year) == ("柳塘镇人民政府", 2023)
    assert all(str(loaded.report.cells.get(k)) == str(v) for k, v in t.cells.items())
    assert not [f for f in result.findings if f.severity == "error"]
