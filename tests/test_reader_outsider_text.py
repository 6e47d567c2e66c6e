"""Issue 12: an outsider's python-docx report saved as PDF by LibreOffice, then read into text by
another tool than pdftotext (`benchmarks/text_outsider.py`). Fixtures
tests/fixtures/reader_real/outsider_docx_plumber_* (outsiderdocx.py; truth a corpus facts file)."""

from __future__ import annotations

from assistant.reader import vocabulary as V
from assistant.reader.labels import norm
from assistant.reader.ordered import _place_t1
from assistant.reader.tables import _held_label
from tests.fixtures.reader_real.measure import assert_gaps_said, assert_nothing_blamed, measure

PLUMBER = "outsider_docx_plumber_pt9_ziranziyuanju_2022.txt"
MUTOOL = "outsider_docx_mutool_shengtaihuanjingju_2022.txt"


def test_pdfplumber_rows_with_their_labels_below_the_numbers_are_read_whole():
    # r20txt: 132/200 with 23 wrong cells and 6 false errors → 200/200
    m = measure(PLUMBER)
    assert_nothing_blamed(m)
    assert_gaps_said(m)
    assert m.right == 200


def test_a_cut_group_label_on_the_numbers_line_is_part_of_the_rows_label():
    # 「三、本年 （三）不 0 0 0 0 0 0 0」 then 「度办理结 予公开」「果 1.属于国」「家秘密」
    after = ["度办理结 予公开", "果 1.属于国", "家秘密", "三、本年 （三）不"]
    hit, used = _held_label(["开"], ["三、本年 （三）不"], after)
    assert (hit.target, used) == ("results.withheld.state_secret", 3)


def test_the_next_rows_whole_label_after_a_row_is_not_taken_for_its_own():
    # labels printed before their numbers (plain pdftotext): what follows is the next row's label
    after = ["三、本年度办理结果", "（三）不予公开", "2.其他法律行政法规禁止公开"]
    assert _held_label([], ["三、本年 （三）不"], after) is None


def test_a_rows_label_takes_more_than_the_lines_after_it():
    text = norm("不") + norm("予公开") + norm("1.属于国") + norm("家秘密")
    assert V.t2_label_takes(text, "results.withheld.state_secret", len(text) - 1)
    assert not V.t2_label_takes(norm("属于国家秘密"), "results.withheld.state_secret", 6)


def test_mutool_cell_lines_with_wrapped_block_titles_are_read_whole():
    # r20txt: 190/200 (表一 the reader's gap) → 200/200
    m = measure(MUTOOL)
    assert_nothing_blamed(m)
    assert_gaps_said(m)
    assert m.right == 200


def test_a_block_title_wrapped_before_its_xiang_still_opens_the_block():
    lines = ["第二十条第（五）", "项", "信息内容", "本年处理决定数量", "行政许可", "186"]
    rows = _place_t1([(line, i) for i, line in enumerate(lines)], "2021")
    got = {(r.block, r.item): [v.raw for _, v in r.values] for r in rows}
    assert got[("art20_5", "admin_license")] == ["186"]
