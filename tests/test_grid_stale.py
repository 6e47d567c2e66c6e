"""A grid showing an older value than the stored one never writes over it (`tables.edit_cell`'s
`previous`, the Dataframe edit event's `previous_value`): refused, both values named, grid shown again."""

from __future__ import annotations

from assistant.app import grids, tables

NATURAL = "applications.new_received.natural_person"
T2 = 2  # 表二's grid; (0, 1) is 本年新收 / 自然人


def _report(ws, **cells):
    rid = ws.start("青梧县测试局", 2024)
    if cells:
        ws.set_cells(rid, cells, source="chat")
    return rid


def test_an_edit_made_on_a_stale_grid_is_refused_and_the_newer_value_kept(ws):
    rid = _report(ws, **{NATURAL: 3})  # saved by the chat after the grid was shown empty
    v, errs, note = tables.edit_cell(ws, rid, T2, (0, 1), "0", previous="")
    assert ws.facts(rid).cells[NATURAL] == 3
    assert errs and "本年新收" in errs[0] and "已是 3（表中显示的还是 空）" in errs[0]
    assert "0 未采用" in errs[0]
    assert note == ""
    assert v.frames[T2].data.iat[0, 1] == "3"  # the grid is shown again with the stored value


def test_an_edit_on_a_grid_showing_the_stored_value_is_applied(ws):
    rid = _report(ws, **{NATURAL: 3})
    _, errs, note = tables.edit_cell(ws, rid, T2, (0, 1), "0", previous="3")
    assert errs == [] and note and "3 → 0" in note
    assert ws.facts(rid).cells[NATURAL] == 0


def test_without_the_previous_value_the_edit_is_applied_as_before(ws):
    rid = _report(ws, **{NATURAL: 3})
    tables.edit_cell(ws, rid, T2, (0, 1), "0")
    assert ws.facts(rid).cells[NATURAL] == 0


def test_the_grids_second_event_of_one_edit_is_silent(ws):
    rid = _report(ws)
    first = tables.edit_cell(ws, rid, T2, (0, 1), "1", previous="")
    second = tables.edit_cell(ws, rid, T2, (0, 1), "1", previous="")  # Gradio fires edit twice
    assert first[1] == [] and "空 → 1" in first[2]
    assert second[1] == [] and second[2] is None
    assert ws.facts(rid).cells[NATURAL] == 1


REVIEW = {"review.upheld": 1, "review.corrected": 0, "review.other": 0, "review.pending": 0}
T3 = 3  # 表三's grid; (0, 5) is 行政复议 / 总计, computed from (0, 1)–(0, 4)


def test_a_typed_total_cleared_twice_is_not_refused_the_second_time(ws):
    rid = _report(ws, **REVIEW)
    assert grids.cell_key(grids.grid_specs()[T3], 0, 5) == "review.total"
    tables.edit_cell(ws, rid, T3, (0, 5), "9", previous="1")  # computed 1, typed 9
    cleared = tables.edit_cell(ws, rid, T3, (0, 5), "", previous="9")
    again = tables.edit_cell(ws, rid, T3, (0, 5), "", previous="9")  # computed 1 again by now
    assert cleared[1] == [] and "已清空" in cleared[2]
    assert again[1] == []
    assert "review.total" not in ws.facts(rid).cells


def test_a_computed_total_shown_as_computed_is_not_stale(ws):
    rid = _report(ws, **REVIEW)
    _, errs, _ = tables.edit_cell(ws, rid, T3, (0, 5), "9", previous="1")
    assert errs == []
    assert ws.facts(rid).cells["review.total"] == 9


def test_a_computed_total_changed_meanwhile_is_stale(ws):
    rid = _report(ws, **REVIEW)
    ws.set_cells(rid, {"review.corrected": 1}, source="chat")  # the total is 2 now, the grid shows 1
    _, errs, _ = tables.edit_cell(ws, rid, T3, (0, 5), "9", previous="1")
    assert errs and "已是 2（表中显示的还是 1）" in errs[0]
    assert "review.total" not in ws.facts(rid).cells


def test_every_grid_edit_is_sent_even_while_the_previous_one_is_saving(tmp_path):
    """Gradio's default trigger mode ("once") drops an edit made while the same grid's previous edit is
    still being saved: a quick second cell was lost and the grid reverted to the stored value."""
    from assistant.app.context import AppContext
    from assistant.app.ui import build
    from assistant.config import load_settings
    from assistant.store import Store

    settings = load_settings(env={"ASSISTANT_HOME": str(tmp_path)}, dotenv=False)
    ctx = AppContext(Store(tmp_path / "db.sqlite3"), settings, auth=False, export_dir=tmp_path / "exports")
    demo = build(ctx)
    grid_ids = {b._id for b in demo.blocks.values() if str(getattr(b, "elem_id", "")).startswith("grid")}
    deps = [
        d
        for d in demo.config["dependencies"]
        if any(t[1] == "edit" and t[0] in grid_ids for t in d["targets"])
    ]
    assert len(deps) == 4
    assert all(d["trigger_mode"] == "multiple" for d in deps)
