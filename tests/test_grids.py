"""Grids: official layout, derived totals shown, given numbers kept, edits read back."""

from __future__ import annotations

import random

from assistant.app import grids
from assistant.core import engine, spec
from tests.factories import consistent_cells, facts, leaves_only


def test_grids_cover_every_cell_once():
    keys = [k for g in grids.grid_specs("2021") for row in g.keys for k in row if k]
    assert len(keys) == len(set(keys)) == 200
    keys19 = [k for g in grids.grid_specs("2019") for row in g.keys for k in row if k]
    assert len(set(keys19)) == len(keys19) == len(spec.spec_for("2019").cells) == 22 + 161 + 15


def test_table2_layout_is_official():
    g = grids.grid_specs()[2]
    assert g.columns == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
    assert g.rows[0] == "一、本年新收政府信息公开申请数量"
    assert g.rows[4] == "（三）不予公开 1.属于国家秘密"
    assert g.rows[-2] == "（七）总计" and g.rows[-1] == "四、结转下年度继续办理"


def test_untouched_derived_totals_are_not_taken_as_given():
    cells = leaves_only(consistent_cells(random.Random(1)))
    result = engine.check(facts(cells))
    g = grids.grid_specs()[2]
    frame = grids.to_frame(g, result.facts.cells)
    edit = grids.from_frame(g, frame, "2021", result.facts.cells, result.derived)
    assert not edit.errors
    assert not (set(edit.given) & result.derived)
    assert all(edit.given[k] == cells[k] for k in edit.given)


def test_edited_total_is_kept_and_flagged():
    cells = leaves_only(consistent_cells(random.Random(2)))
    result = engine.check(facts(cells))
    g = grids.grid_specs()[3]
    frame = grids.to_frame(g, result.facts.cells)
    frame.iat[0, 5] = str(int(frame.iat[0, 5]) + 1)  # 行政复议 总计
    edit = grids.from_frame(g, frame, "2021", result.facts.cells, result.derived)
    assert edit.given["review.total"] == result.facts.cells["review.total"] + 1
    again = engine.check(facts({**cells, **edit.given}))
    marks = grids.findings_at_cells(list(again.findings), g)
    assert marks == {(0, 5): "error"}


def test_bad_value_in_grid_is_refused_with_the_cell_named():
    g = grids.grid_specs()[3]
    frame = grids.to_frame(g, {})
    frame.iat[0, 1] = "很多"
    edit = grids.from_frame(g, frame, "2021", {}, set())
    assert edit.errors and "行政复议 / 结果维持" in edit.errors[0]
    assert "review.upheld" not in edit.given


def test_styler_marks_cells():
    g = grids.grid_specs()[3]
    frame = grids.to_frame(g, {})
    html = grids.styled(frame, {(0, 1): "error"}, {(0, 5)}).to_html()
    assert "#fecaca" in html and "#f3f4f6" in html
