"""Issue 12: a Word report saved as PDF by LibreOffice, then plain `pdftotext` (no -layout).
Fixtures tests/fixtures/reader_real/soffice_text_* (sofficetext.py; truth the seeded Truth). No
cell is read with another value, nothing is an error against the report, what is not read is said
as the reader's gap; 表一 printed column by column and the 表二 rows each page names are read."""

from __future__ import annotations

import pytest

from assistant.core import spec
from assistant.core.findings import READER
from assistant.reader import ordered, runin, t1columns, t2pages
from tests.fixtures.reader_real.measure import assert_gaps_said, assert_nothing_blamed, measure
from tests.fixtures.reader_real.sofficetext import CASES

# cells read right at least (measured 2026-12-07; before: 4, 0, 181, 12, 4 with 0, 10, 4, 10, 0 wrong)
READ_AT_LEAST = {
    "soffice_text_2023.txt": 137,
    "soffice_text_2019form_2020.txt": 133,
    "soffice_text_small_2022.txt": 185,
    "soffice_text_zeros_small_2020.txt": 134,
    "soffice_text_narrow_big_2024.txt": 123,
    "soffice_text_landscape_big_2022.txt": 52,  # before: 1 right, 8 wrong, 2 false errors
    "soffice_text_headings_zeros_2022.txt": 193,  # before: 195 right, 5 wrong, 5 false errors
    "soffice_text_flat_zeros_2021.txt": 188,  # before: 1 wrong (表三)
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_cell_is_read_wrong_and_nothing_is_an_error_against_the_report(name):
    assert_nothing_blamed(measure(name))


@pytest.mark.parametrize("name", sorted(CASES))
def test_what_is_not_read_is_said_as_the_readers_gap(name):
    assert_gaps_said(measure(name))


@pytest.mark.parametrize("name", sorted(READ_AT_LEAST))
def test_the_rows_a_page_names_are_read(name):
    assert measure(name).right >= READ_AT_LEAST[name]


def test_table_one_under_its_column_headers():
    m = measure("soffice_text_small_2022.txt")
    assert not [k for k in m.unread if k.startswith("active.")]


# ---------------------------------------------------------------- the causes, on small inputs

_COLUMNS = (
    "第二十条第（一）项|信息内容|规章|行政规范性文件|第二十条第（五）项|信息内容|行政许可|第二十条第（六）项|信息内容|"
    "行政处罚|行政强制|第二十条第（八）项|信息内容|行政事业性收费||本年制发件数|32|19||本年废止件数|13|4||"
    "现行有效件数|38|23||本年处理决定数量|901|本年处理决定数量|1876|37|本年收费金额（单位：万元）|26.25"
)


def _lines(text: str) -> list[tuple[str, int]]:
    return [(line, i) for i, line in enumerate(text.split("|"))]


def test_numbers_under_a_column_header_are_that_columns():
    rows = t1columns.column_major(_lines(_COLUMNS), spec.FORMAT_2021)
    got = {(r.block, r.item): [v.raw for _, v in r.values] for r in rows}
    assert got[("art20_1", "regulations")] == ["32", "13", "38"]
    assert got[("art20_1", "normative_docs")] == ["19", "4", "23"]
    assert got[("art20_6", "admin_coercion")] == ["37"]


def test_a_column_printed_after_the_others_is_still_its_headers():
    moved = _COLUMNS.replace("现行有效件数|38|23||", "") + "||现行有效件数|38|23"
    rows = t1columns.column_major(_lines(moved), spec.FORMAT_2021)
    got = {(r.block, r.item): [v.raw for _, v in r.values] for r in rows}
    assert got[("art20_1", "regulations")] == ["32", "13", "38"]
    assert got[("art20_8", "admin_fees")] == ["26.25"]


def test_a_column_short_of_its_rows_places_nothing_of_table_one():
    assert t1columns.column_major(_lines(_COLUMNS.replace("|4||", "||")), spec.FORMAT_2021) == []


def test_headers_side_by_side_are_not_column_order():
    text = "第二十条第（一）项|本年制发件数|本年废止件数|现行有效件数|0|0|0|0|0|0|第二十条第（五）项|本年处理决定数量|64"
    assert t1columns.column_major(_lines(text), spec.FORMAT_2021) is None


def test_a_number_alone_on_its_line_is_one_cell_not_run_together_digits():
    assert runin._joined(runin._lone_values("行政许可\n512\n其他")) == "行政许可|512|其他"
    assert runin._joined(runin._lone_values("行政许可512其他")) == "行政许可512其他"


_PAGE = ["（四", "）无", "1.本", "机关", "2.没", "3.补", "（五", "）不", "1.信", "2.重"]


def _numbered(rows: list[list[int]]) -> list[tuple[str, int]]:
    lines = [(x, i) for i, x in enumerate(_PAGE)]
    return (
        lines
        + [(str(v), len(lines) + j) for j, v in enumerate(x for row in rows for x in row)]
        + [("）其", 99)]
    )


def test_a_pages_rows_are_read_by_their_numbering_when_each_adds_up():
    rows = [
        [1, 0, 0, 2, 0, 0, 3],
        [5, 0, 1, 1, 0, 0, 7],
        [0, 0, 0, 0, 0, 1, 1],
        [5, 2, 0, 0, 0, 1, 8],
        [0] * 7,
    ]
    got = t2pages.page_rows(_numbered(rows), spec.FORMAT_2021)
    assert [r.raw for r in got["results.unable.not_held"].values] == ["1", "0", "0", "2", "0", "0", "3"]
    assert [r.raw for r in got["results.not_processed.duplicate"].values] == ["0"] * 7
    assert len(got) == 5


def test_a_row_that_does_not_add_up_or_a_count_short_reads_nothing():
    rows = [
        [1, 0, 0, 2, 0, 0, 4],
        [5, 0, 1, 1, 0, 0, 7],
        [0, 0, 0, 0, 0, 1, 1],
        [5, 2, 0, 0, 0, 1, 8],
        [0] * 7,
    ]
    assert t2pages.page_rows(_numbered(rows), spec.FORMAT_2021) == {}
    assert t2pages.page_rows(_numbered(rows[:4]), spec.FORMAT_2021) == {}


def test_items_without_their_group_read_nothing_when_several_groups_fit():
    lines = [("1.本", 0), ("2.没", 1), ("3.补", 2)] + [("0", 3 + j) for j in range(21)] + [("x", 30)]
    assert t2pages.page_rows(lines, spec.FORMAT_2021) == {}  # (三), (四) or (六) 1–3


def test_a_wrapped_column_header_among_the_numbers_is_found():
    lines = _lines("申请人情况|自然人|一、本年新收|科研机|构|6|社会公|益组织|3|2|（一）予以公开|3.其|他|0")
    assert t2pages.headers_among_numbers(lines) == [6, 7]  # 社会公 / 益组织, after the first number
    assert t2pages.headers_among_numbers(_lines("自然人|商业企业|1|2|3")) == []


def test_the_row_a_header_stands_among_is_put_back_by_the_identities():
    # before r15docx that row was the reader's gap (one ROW_MISSING): 一 = 三（七） + 四 − 二 per column,
    # and the numbers left over are exactly those values
    m = measure("soffice_text_headings_zeros_2022.txt")
    assert m.unread == () and not m.wrong
    said = [f for f in m.findings if f.source == READER]  # r16docx: the row put back is said back
    assert [(f.rule, f.severity) for f in said] == [("ROW_RECOVERED", "warning")]
    # r19docx: the row is now put in the identities' order from its printed numbers (its printed
    # order said as `reported`); before, worked out from the other rows ("推算补回"): the same values
    assert "按表二行列恒等式" in said[0].message


def test_table_three_short_of_numbers_places_only_its_first_two_groups_unless_one_row():
    lines = [(str(v), i) for i, v in enumerate([0, 0, 0, 0, 0, 1, 0, 1, 1, 3])] + [("2", 14)]
    reads = ordered.place_t3(lines)
    assert [r.raw for r in reads[:10]] == ["0"] * 5 + ["1", "0", "1", "1", "3"]
    assert reads[10:] == [None] * 5  # the 11th number on a line apart may be any group's cell
    clipped = [(str(v), -1) for v in [0, 0, 0, 0, 0, 1, 0, 1, 1, 3, 2, 1]]
    assert [r.raw for r in ordered.place_t3(clipped)[10:12]] == ["2", "1"]  # one row cut at the edge


def _label_after(rows: list[list[int]]) -> list[tuple[str, int]]:
    """A browser's print of the rows (四) 1–3: each row's numbers, then its label (group, item)."""
    labels = [("（三）不予公开", "8.属于行政查询事项"), ("（四）无法提供", "1.本机关不掌握相关政府信息")]
    labels += [
        ("（四）无法提供", "2.没有现成信息需要另行制作"),
        ("（四）无法提供", "3.补正后申请内容仍不明确"),
    ]
    lines = list(labels[0])
    for row, label in zip(rows, labels[1:], strict=True):
        lines += [str(v) for v in row] + list(label)
    return [(text, i) for i, text in enumerate(lines)]


def test_rows_printed_before_their_labels_are_not_read_by_the_labels_before_them(monkeypatch):
    lines = _label_after([[1, 0, 0, 2, 0, 0, 3], [5, 0, 1, 1, 0, 0, 7], [0, 0, 0, 0, 0, 1, 1]])
    assert t2pages.page_rows(lines, spec.FORMAT_2021) == {}
    monkeypatch.setattr(t2pages, "_could_be", lambda *a: False)  # without the check: every row the next one's
    assert t2pages.page_rows(lines, spec.FORMAT_2021)


def test_the_last_rows_are_read_when_a_header_cell_cuts_the_first():
    rows = [[2, 0, 0, 1, 0, 0, 3], [1, 0, 0, 0, 0, 1, 2], [0, 0, 0, 0, 0, 0, 0]]
    lines = [("（四", 0), ("1.本", 1), ("2.没", 2), ("3.补", 3), ("2", 4), ("0", 5), ("其他", 6)]
    numbers = [0, 1, 0, 0, 3] + [v for row in rows[1:] for v in row]  # row 1's last five after 「其他」
    lines += [(str(v), 7 + j) for j, v in enumerate(numbers)] + [("（五", 30)]
    got = t2pages.page_rows(lines, spec.FORMAT_2021)
    assert sorted(got) == ["results.unable.needs_creation", "results.unable.unclear_after_correction"]
    assert [r.raw for r in got["results.unable.needs_creation"].values] == ["1", "0", "0", "0", "0", "1", "2"]
    short = lines[:-2] + [("（五", 30)]  # one number fewer: nothing is aligned from the end
    assert t2pages.page_rows(short, spec.FORMAT_2021) == {}
