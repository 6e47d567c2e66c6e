"""Plain `pdftotext` (no -layout) of a web page printed by chromium: each table cell on a line of
its own, rows out of order in ways the arithmetic settles. The reader reads what the official row
order and the identities prove, and leaves the rest as its own gap, never a wrong number.

Fixtures: tests/fixtures/reader_real/cms_page_*.txt (their figures are asserted by
test_reader_real); here the parts, on streams of our own made from other truths.
"""

from __future__ import annotations

from assistant.core import spec
from assistant.core.findings import READER
from assistant.reader import read_report_bytes
from assistant.reader.ordered import read_t2, tokens
from assistant.reader.pdfpage import strip_text_furniture
from assistant.reader.textfile import read_text
from assistant.reader.textorder import column_bands, rotate_rows, settle
from tests.fixtures.reader.truth import make_truth
from tests.fixtures.reader_real import cms

V21 = spec.FORMAT_2021


def _rows(t) -> list[list[str]]:
    return [
        [t.shown(f"applications.{k}.{c}") for c in spec.T2_COLUMN_KEYS] for k, _ in spec.t2_rows(t.format)
    ]


def _toks(values: list[str]) -> list[tuple[str, int]]:
    return [(v, i) for i, v in enumerate(values)]  # each on a line of its own


def _read_values(placed) -> list[list[str]]:
    t2, _ = placed
    return [[r.raw for r in t2[k].values] for k, _ in spec.t2_rows(V21)]


def test_a_line_of_numbers_never_joins_the_paragraph_before_it():
    header = "法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"  # no closing stop
    doc = read_text(
        "\n".join(["三、收到和处理政府信息公开申请情况", header, "0", "1", "12"]).encode(), "a.txt"
    )
    assert [b.text for b in doc.blocks][-3:] == ["0", "1", "12"]


def test_a_wrapped_sentence_still_joins():
    doc = read_text(
        "本年度共收到政府信息公开申请九十件，上年结转七件，其中予以公开\n七件。".encode(), "a.txt"
    )
    assert [b.text for b in doc.blocks] == [
        "本年度共收到政府信息公开申请九十件，上年结转七件，其中予以公开七件。"
    ]


def test_a_print_time_stamp_on_two_pages_is_furniture_once_is_not():
    lines = ["3/9/25, 10:05 AM", "规章", "35", "3/9/25, 10:05 AM", "行政许可", "17"]
    assert strip_text_furniture(lines) == ["规章", "35", "行政许可", "17"]
    once = ["发布时间", "2025-01-10 09:30", "规章", "35"]
    assert strip_text_furniture(once) == once


def test_the_page_address_gives_no_numbers():
    got = tokens(
        [
            ("file:///tmp/tmpch6n562d/page.html", 3),
            ("https://www.example.gov.cn/art/2024/1/5/art_12_345.html", 4),
        ]
    )
    assert got == []


def test_a_row_whose_label_line_comes_after_its_last_cells_is_rotated():
    # pdftotext printed 「2 / 0 / 4」 (the row's last cells) before the label's line 「… 0 2 0 0」
    row = [("2", 10), ("0", 11), ("4", 12), ("0", 13), ("2", 13), ("0", 13), ("0", 13)]
    assert [r for r, _ in settle(row)] == ["0", "2", "0", "0", "2", "0", "4"]


def test_a_row_that_adds_up_in_two_rotations_is_not_guessed():
    row = [("0", 1), ("0", 2), ("0", 3), ("0", 4), ("1", 5), ("1", 6), ("0", 7)]  # 0 0 0 0 1 1 | 0
    assert settle(row) is None


def test_rows_printed_in_order_are_read_in_order():
    t = make_truth("梧桐县农业农村局", 2023, 71)
    flat = [v for row in _rows(t) for v in row]
    assert _read_values(read_t2(_toks(flat), V21)) == _rows(t)


def test_rows_in_column_bands_are_put_back():
    """A page's rows printed as their first two columns, then the other five (wide numbers)."""
    t = cms.big_numbers("梧桐市交通运输局", 2024, 72)
    rows = _rows(t)
    top, rest = rows[:4], rows[4:]
    flat = [v for r in top for v in r[:3]] + [v for r in top for v in r[3:]]
    flat += [v for r in rest for v in r[:2]] + [v for r in rest for v in r[2:]]
    placed = read_t2(_toks(flat), V21)
    assert placed is not None and placed[1]
    assert _read_values(placed) == rows


def test_column_bands_of_a_mostly_zero_table_read_nothing_rather_than_a_guess():
    t = cms.mostly_zeros("梧桐乡人民政府", 2023, 73)
    rows = _rows(t)
    flat = [v for r in rows for v in r[:2]] + [v for r in rows for v in r[2:]]
    placed = read_t2(_toks(flat), V21)
    assert placed is None or _read_values(placed) == rows  # never another table


def test_band_decompositions_that_read_the_same_values_are_one_reading():
    # changed (reader6): readings are told apart by the values they place, so the many band
    # decompositions of an all-zero table are one reading (before: more than MAX_PATHS, none read)
    zeros = _toks(["0"] * 25 * 7)
    rows = spec.t2_rows(V21)
    readings = column_bands(zeros, len(rows), lambda o: True)
    assert [[raw for raw, _ in r] for r in readings] == [["0"] * 25 * 7]


def test_rotate_rows_leaves_rows_that_add_up():
    t = make_truth("梧桐县水利局", 2023, 74)
    flat = [v for row in _rows(t) for v in row]
    assert rotate_rows(_toks(flat)) is None


def _t1_lines(t) -> list[str]:
    """表一 as chromium's bordered table comes out: per block its title, its column labels, then
    each row's label and numbers."""
    out: list[str] = []
    cells = spec.spec_for(t.format).table_cells(1)
    for block in dict.fromkeys(c.key.split(".")[1] for c in cells):
        bcells = [c for c in cells if c.key.split(".")[1] == block]
        out += [spec.T1_BLOCK_TITLES[block], "信息内容", *dict.fromkeys(c.col_label for c in bcells)]
        for item in dict.fromkeys(c.key.split(".")[2] for c in bcells):
            icells = [c for c in bcells if c.key.split(".")[2] == item]
            out += [icells[0].row_path[-1], *(t.shown(c.key) for c in icells)]
    return out


def _t1_titles_together(t) -> list[str]:
    """表一 with the titles of （五） and （六） printed one after the other, then their labels, then
    their numbers (a wide table's columns come out in bands)."""
    lines = _t1_lines(t)
    five, eight = lines.index(spec.T1_BLOCK_TITLES["art20_5"]), lines.index(spec.T1_BLOCK_TITLES["art20_8"])
    keys = ("active.art20_5.admin_license.decisions", "active.art20_6.admin_penalty.decisions")
    keys += ("active.art20_6.admin_coercion.decisions",)
    middle = [spec.T1_BLOCK_TITLES["art20_5"], spec.T1_BLOCK_TITLES["art20_6"], "信息内容", "行政许可"]
    middle += ["信息内容", "行政处罚", "行政强制", "本年处理决定数量", "本年处理决定数量"]
    return lines[:five] + middle + [t.shown(k) for k in keys] + lines[eight:]


def _plain_page(
    t, shuffle_first_row: bool = False, drop: int | None = None, t1=_t1_lines, drop_t3: int | None = None
) -> bytes:
    """A report as plain pdftotext might give it: prose, each table cell on a line, a label after
    its row's numbers, a print stamp and the page address on both pages; `drop` loses one 表二
    number."""
    out = [t.title, "5/6/25, 9:41 AM", "一、总体情况", *t.sections["s1_overview"].split("\n")]
    out += ["二、主动公开政府信息情况", *t1(t)]
    out += ["三、收到和处理政府信息公开申请情况", "申请人情况", "自然人", "总计"]
    numbers = 0
    for (key, path), values in zip(spec.t2_rows(t.format), _rows(t), strict=True):
        if drop is not None and numbers <= drop < numbers + 7:
            values = values[: drop - numbers] + values[drop - numbers + 1 :]
        numbers += 7
        if key == "new_received" and shuffle_first_row:
            out += values[4:] + [f"{path[-1]} " + " ".join(values[:4])]
        else:
            out += values + [path[-1]]
    out += ["file:///tmp/x/page.html", "1/2", "5/6/25, 9:41 AM", "四、政府信息公开行政复议、行政诉讼情况"]
    t3 = [t.shown(c.key) for c in spec.spec_for(t.format).table_cells(3)]
    out += ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    out += [v for j, v in enumerate(t3) if j != drop_t3]
    out += [
        "五、存在的主要问题及改进情况",
        t.sections["s5_problems"],
        "六、其他需要报告的事项",
        t.sections["s6_other"],
    ]
    out += ["file:///tmp/x/page.html", "2/2"]
    return "\n\n".join(out).encode()


def test_a_plain_page_reads_every_cell_right():
    t = make_truth("梧桐县教育局", 2023, 75)
    report = read_report_bytes(_plain_page(t, shuffle_first_row=True), "plain.txt")
    assert dict(report.cells) == dict(t.cells)
    assert not [f for f in report.findings if f.is_error]


def test_a_number_lost_in_extraction_is_the_readers_gap_never_a_wrong_cell():
    t = make_truth("梧桐县教育局", 2023, 76)
    report = read_report_bytes(_plain_page(t, drop=40), "plain.txt")
    assert [k for k, v in report.cells.items() if v != t.cells[k]] == []
    assert any(k not in report.cells for k in t.cells if k.startswith("applications."))
    assert not [f for f in report.findings if f.is_error]
    assert any(f.source == READER and f.table == 2 for f in report.findings)
    assert not any("数字连在一起" in f.message for f in report.findings)  # they stood apart


def test_t1_block_titles_printed_together_share_the_numbers_after_them_in_order():
    t = make_truth("梧桐县文化和旅游局", 2024, 77)
    report = read_report_bytes(_plain_page(t, t1=_t1_titles_together), "plain.txt")
    t1 = [c.key for c in spec.spec_for(t.format).table_cells(1)]
    assert {k: report.cells.get(k) for k in t1} == {k: t.cells[k] for k in t1}
    assert not [f for f in report.findings if f.source == READER]


def test_a_wrapped_label_line_carrying_one_cell_gives_that_cell():
    got = tokens([("（二）部分公开（区分处理的，只计这一情形， 0", 7), ("共收到申请，办结 5。", 8)])
    assert got == [("0", 7)]  # a sentence ending in a number is prose, not a cell


def _t1_title_late(t) -> list[str]:
    """表一 with （一）'s last number printed after the （五） title (a page's last cell)."""
    lines = _t1_lines(t)
    last = lines.index(spec.T1_BLOCK_TITLES["art20_5"]) - 1
    five = lines.index(spec.T1_BLOCK_TITLES["art20_5"])
    return lines[:last] + lines[five : five + 3] + [lines[last]] + lines[five + 3 :]


def test_a_block_title_printed_before_the_previous_blocks_last_number():
    t = make_truth("梧桐县卫生健康委员会", 2023, 78)
    report = read_report_bytes(_plain_page(t, t1=_t1_title_late), "plain.txt")
    t1 = [c.key for c in spec.spec_for(t.format).table_cells(1)]
    assert {k: report.cells.get(k) for k in t1} == {k: t.cells[k] for k in t1}


def test_a_2019_form_page_reads_its_negative_changes_and_23_rows():
    t = make_truth("梧桐县自然资源局", 2020, 79)
    assert any(isinstance(v, int) and v < 0 for v in t.cells.values())
    report = read_report_bytes(_plain_page(t), "plain.txt")
    assert report.format == spec.FORMAT_2019
    assert dict(report.cells) == dict(t.cells)


def test_a_real_row_error_is_read_as_printed_and_found(tmp_path):
    """No reordering hides a report's own mistake: 予以公开's total one too many stays so."""
    from assistant.audit import audit_one, load_input

    t = make_truth("梧桐县民政局", 2023, 80)
    key = "applications.results.granted.total"
    t = t.with_cells(**{key.replace(".", "__"): t.cells[key] + 1})
    path = tmp_path / "plain.txt"
    path.write_bytes(_plain_page(t))
    loaded = load_input(path)
    assert loaded.report.cells[key] == t.cells[key]
    errors = [f for f in audit_one(loaded).errors]
    assert errors and all(f.source != READER for f in errors)
    assert any(key in f.cells for f in errors)


def test_a_table_three_number_lost_is_the_readers_gap_not_digits_run_together():
    t = make_truth("梧桐县司法局", 2023, 86)
    report = read_report_bytes(_plain_page(t, drop_t3=6), "plain.txt")
    assert not any(k.startswith(("review.", "litigation")) for k in report.cells)
    said = [f for f in report.findings if f.table == 3]
    assert said and all(f.source == READER and "数字连在一起" not in f.message for f in said)
