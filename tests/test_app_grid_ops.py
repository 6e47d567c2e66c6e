"""Multi-cell paste and delete in the grids: every value saved, old → new said, totals stay computed."""

from __future__ import annotations

import json
import threading

from assistant.app import grid_ops, grids
from assistant.core import spec
from tests.factories import grid_position

T2 = 2  # 表二 among the grids
T3 = 3
COLS = [c for c in spec.T2_COLUMN_KEYS if c != "total"]
NEW = "applications.new_received"


def pos(key: str, g_index: int = T2) -> tuple[int, int]:
    return grid_position(key, g_index)


def row_block(key_prefix: str, values: list[str], start_col: int = 1) -> list[tuple[int, int, str]]:
    r, _ = pos(f"{key_prefix}.natural_person")
    return [(r, start_col + j, v) for j, v in enumerate(values)]


def test_a_pasted_row_is_saved_whole_and_the_total_stays_computed(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {f"{NEW}.natural_person": 2})
    cells = row_block(NEW, ["5", "1", "0", "0", "0", "0"])  # 自然人 … 其他, as copied from Excel
    v, errors, note = grid_ops.edit_cells(ws, rid, T2, cells)
    assert errors == []
    given = ws.row(rid).state["cells"]
    assert [given[f"{NEW}.{c}"] for c in COLS] == [5, 1, 0, 0, 0, 0]
    assert f"{NEW}.total" not in given and ws.check(rid).facts.cells[f"{NEW}.total"] == 6
    assert "已保存 6 个单元格" in note and "自然人：2 → 5" in note and "商业企业：空 → 1" in note
    assert v.typed == []


def test_a_pasted_total_equal_to_the_computed_one_stays_computed(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {f"{NEW}.{c}": n for c, n in zip(COLS, [2, 1, 0, 0, 0, 0], strict=True)})
    cells = row_block(NEW, ["2", "1", "0", "0", "0", "0", "3"])  # the Excel row includes 总计 = 3
    _, errors, note = grid_ops.edit_cells(ws, rid, T2, cells)
    assert errors == [] and f"{NEW}.total" not in ws.row(rid).state["cells"]
    assert "1 个合计与程序计算的结果相同，仍由程序计算" in note and "未作修改" in note


def test_a_pasted_total_that_differs_is_kept_as_typed_and_flagged(ws):
    rid = ws.start("青梧县测试局", 2024)
    cells = row_block(NEW, ["2", "1", "0", "0", "0", "0", "9"])
    v, errors, note = grid_ops.edit_cells(ws, rid, T2, cells)
    assert ws.row(rid).state["cells"][f"{NEW}.total"] == 9
    assert [k for _, k in v.typed] == [f"{NEW}.total"]
    assert any("填报 9" in f.message for f in ws.check(rid).errors)  # checked, never overwritten
    assert "总计：空 → 9" in note


def test_a_pasted_column_over_rows_saves_each_row(ws):
    rid = ws.start("青梧县测试局", 2024)
    g = grids.grid_specs()[T2]
    col = 1  # 自然人
    values = [str(n) for n in range(1, 5)]
    r0, _ = pos(f"{NEW}.natural_person")
    _, errors, note = grid_ops.edit_cells(ws, rid, T2, [(r0 + i, col, v) for i, v in enumerate(values)])
    given = ws.row(rid).state["cells"]
    keys = [g.keys[r0 + i][col - 1] for i in range(4)]
    stored = [given.get(k) for k in keys if k not in grids.total_keys()]
    assert errors == [] and stored and all(s is not None for s in stored)
    assert note.count("→") == len(stored)


def test_deleting_many_cells_clears_the_given_ones_and_keeps_totals_computed(ws):
    rid = ws.start("青梧县测试局", 2024)
    grid_ops.edit_cells(ws, rid, T2, row_block(NEW, ["5", "1", "0", "0", "0", "0"]))
    total_pos = pos(f"{NEW}.total")
    cells = [
        (*pos(f"{NEW}.natural_person"), ""),
        (*pos(f"{NEW}.commercial_enterprise"), ""),
        (*total_pos, ""),
    ]
    _, errors, note = grid_ops.edit_cells(ws, rid, T2, cells)
    given = ws.row(rid).state["cells"]
    assert f"{NEW}.natural_person" not in given and f"{NEW}.commercial_enterprise" not in given
    assert "已保存 2 个单元格" in note and "已清空" in note and "（原为 5）" in note
    assert f"{NEW}.total" not in given  # never turned into a typed value
    assert ws.check(rid).facts.cells.get(f"{NEW}.total") != 6  # no stale total left behind


def test_a_bad_value_is_refused_by_name_and_the_others_are_saved(ws):
    rid = ws.start("青梧县测试局", 2024)
    _, errors, note = grid_ops.edit_cells(ws, rid, T2, row_block(NEW, ["4", "见附件", "1"]))
    given = ws.row(rid).state["cells"]
    assert given[f"{NEW}.natural_person"] == 4 and given[f"{NEW}.research_institution"] == 1
    assert f"{NEW}.commercial_enterprise" not in given
    assert len(errors) == 1 and "商业企业" in errors[0]
    assert "已保存 2 个单元格" in note


def test_values_past_the_grid_or_on_the_label_column_are_said(ws):
    rid = ws.start("青梧县测试局", 2024)
    g = grids.grid_specs()[T3]
    last = len(g.columns)
    _, _, note = grid_ops.edit_cells(ws, rid, T3, [(0, last, "1"), (0, last + 1, "2"), (0, 0, "x")])
    assert "另有 2 个值落在表格之外或“项目”列，未采用" in note
    assert ws.row(rid).state["cells"][g.keys[0][last - 1]] == 1


def test_only_the_pasted_cells_are_written_never_a_stale_grid(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {f"{NEW}.natural_person": 2})
    ws.set_cells(rid, {f"{NEW}.other_org": 7})  # e.g. the chat saved this after the grid was drawn
    grid_ops.edit_cells(ws, rid, T2, [(*pos(f"{NEW}.commercial_enterprise"), "3")])
    given = ws.row(rid).state["cells"]
    assert given[f"{NEW}.other_org"] == 7 and given[f"{NEW}.natural_person"] == 2


def test_concurrent_pastes_on_one_report_are_all_kept(ws):
    rid = ws.start("青梧县测试局", 2024)
    keys = [f"{NEW}.{c}" for c in COLS]
    threads = [
        threading.Thread(target=grid_ops.edit_cells, args=(ws, rid, T2, [(*pos(k), str(i + 1))]))
        for i, k in enumerate(keys)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    given = ws.row(rid).state["cells"]
    assert [given.get(k) for k in keys] == [1, 2, 3, 4, 5, 6]


def test_payload_parsing(ws):
    grid, cells, err = grid_ops.parse_payload(json.dumps({"grid": 2, "cells": [[0, 1, "5"], [0, 2, None]]}))
    assert (grid, cells, err) == (2, [(0, 1, "5"), (0, 2, "")], "")
    for bad in ("", "{", json.dumps({"grid": "x", "cells": []}), json.dumps({"cells": [[1]]})):
        grid, cells, err = grid_ops.parse_payload(bad)
        assert grid is None and cells == [] and "未能读取" in err
    too_many = json.dumps({"grid": 2, "cells": [[0, 1, "1"]] * (grid_ops.MAX_CELLS + 1)})
    assert "一次最多粘贴" in grid_ops.parse_payload(too_many)[2]


def test_the_page_script_carries_the_grid_hooks():
    from assistant.app.locale import js

    script = js()
    assert f"#{grid_ops.BOX_ID} textarea" in script and f"#{grid_ops.BUTTON_ID}" in script
    assert 'addEventListener("paste"' in script and '"Delete"' in script
