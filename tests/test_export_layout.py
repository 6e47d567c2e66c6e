"""The table grids follow the official layout and are derived from the spec."""

from __future__ import annotations

import pytest

from assistant.core import spec
from assistant.core.facts import BLANK, SLASH
from assistant.export.layout import HEAD, LABEL, NOTE, TITLE, VALUE, cell_text, table_grids


def _span(grid, text):
    hits = [s for s in grid.spans if s.text == text and s.kind != VALUE]
    assert len(hits) == 1, (text, hits)
    return hits[0]


@pytest.mark.parametrize("version", spec.FORMATS)
def test_every_grid_position_is_covered_exactly_once(version):
    for grid in table_grids(version, {}).values():
        seen = {}
        for s in grid.spans:
            for r in range(s.row, s.row + s.rowspan):
                for c in range(s.col, s.col + s.colspan):
                    assert (r, c) not in seen, (grid.table, r, c)
                    seen[(r, c)] = s
        assert len(seen) == grid.n_rows * grid.n_cols


@pytest.mark.parametrize("version", spec.FORMATS)
def test_every_spec_cell_is_one_value_cell(version):
    keys = [s.key for g in table_grids(version, {}).values() for s in g.value_spans()]
    assert sorted(keys) == sorted(c.key for c in spec.spec_for(version).cells)


def test_table2_header_and_row_tree_2021():
    g = table_grids("2021", {})[2]
    assert (g.n_rows, g.n_cols, g.head_rows) == (3 + 25, 3 + 7, 3)
    note = _span(g, spec.CORNER_NOTE)
    assert (note.row, note.col, note.rowspan, note.colspan, note.kind) == (0, 0, 3, 3, NOTE)
    assert (_span(g, "申请人情况").colspan, _span(g, "申请人情况").row) == (7, 0)
    legal = _span(g, "法人或其他组织")
    assert (legal.row, legal.col, legal.colspan, legal.rowspan) == (1, 4, 5, 1)
    for text, col in (("自然人", 3), ("总计", 9)):
        s = _span(g, text)
        assert (s.row, s.col, s.rowspan, s.kind) == (1, col, 2, HEAD)
    subs = [s.text for s in sorted(g.spans, key=lambda s: s.col) if s.row == 2 and s.kind == HEAD]
    assert subs == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    results = _span(g, spec.RESULTS)
    assert (results.rowspan, results.colspan, results.col) == (22, 1, 0)
    assert [_span(g, lbl).rowspan for lbl in spec.T2_GROUP_LABELS] == [8, 3, 5, 3]
    assert _span(g, "（一）予以公开").colspan == 2
    assert _span(g, "（七）总计").colspan == 2
    assert _span(g, "一、本年新收政府信息公开申请数量").colspan == 3
    assert _span(g, "四、结转下年度继续办理").colspan == 3


def test_table2_2019_has_a_single_other_row():
    g = table_grids("2019", {})[2]
    assert g.n_rows == 3 + 23
    assert _span(g, spec.RESULTS).rowspan == 20
    other = _span(g, spec.OTHER)
    assert (other.rowspan, other.colspan) == (1, 2)


def test_table3_two_level_header():
    g = table_grids("2021", {})[3]
    assert (g.n_rows, g.n_cols, g.head_rows) == (4, 15, 3)
    assert (_span(g, "行政复议").colspan, _span(g, "行政诉讼").colspan) == (5, 10)
    assert (_span(g, "未经复议直接起诉").col, _span(g, "未经复议直接起诉").colspan) == (5, 5)
    assert (_span(g, "复议后起诉").col, _span(g, "复议后起诉").colspan) == (10, 5)
    review_leaves = [s for s in g.spans if s.row == 1 and s.col < 5]
    assert [s.text for s in review_leaves] == [label for _, label in spec.T3_OUTCOMES]
    assert all(s.rowspan == 2 for s in review_leaves)
    assert [s.key for s in g.value_spans()][:2] == ["review.upheld", "review.corrected"]


def test_table1_blocks_2021():
    g = table_grids("2021", {})[1]
    titles = [s.text for s in g.spans if s.kind == TITLE]
    assert titles == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert all(s.colspan == g.n_cols == 4 for s in g.spans if s.kind == TITLE)
    heads = [s.text for s in g.spans if s.kind == HEAD and s.text == spec.FIRST_COLUMN_HEADER]
    assert len(heads) == 4
    fee = [s for s in g.spans if s.text == "本年收费金额（单位：万元）"][0]
    assert fee.colspan == 3
    labels = [s.text for s in g.spans if s.kind == LABEL]
    assert labels == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]


def test_table1_blocks_2019():
    g = table_grids("2019", {})[1]
    titles = [s.text for s in g.spans if s.kind == TITLE]
    assert titles[-1] == "第二十条第（九）项"
    change = [s for s in g.spans if s.text == "本年增/减"]
    assert len(change) == 3  # （五）（六）（八）
    fees_change = [s for s in change if s.colspan == 2]
    assert len(fees_change) == 1  # in （八） the last of two columns takes the rest of the width


def test_values_fill_in_and_markers_print():
    g = table_grids("2021", {"review.upheld": 7, "review.corrected": SLASH, "review.other": BLANK})[3]
    values = {s.key: s.text for s in g.value_spans()}
    assert values["review.upheld"] == "7"
    assert values["review.corrected"] == "/"
    assert values["review.other"] == ""
    assert values["review.pending"] == ""  # absent


def test_cell_text_numbers():
    from decimal import Decimal

    assert cell_text(Decimal("12.50")) == "12.5"
    assert cell_text(Decimal("3.00")) == "3"
    assert cell_text(-8) == "-8"
    assert cell_text(None) == ""
