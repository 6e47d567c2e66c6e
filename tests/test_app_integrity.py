"""App integrity without a server: one-cell edits keep computed totals, typed totals, fixed shape,
Chinese-only findings, last year's report under a variant name or from the app's own reports."""

from __future__ import annotations

import pandas as pd
import pytest

from assistant.app import grids, session, tables
from assistant.app.context import AppContext
from assistant.config import load_settings
from assistant.core import spec
from assistant.core.agency import same_agency
from assistant.store import Store
from assistant.workspace import WorkspaceError
from tests.factories import grid_position, last_year_file

T2 = 2  # index of 表二 among the grids
NP = "applications.new_received.natural_person"
CE = "applications.new_received.commercial_enterprise"
NEW_TOTAL = "applications.new_received.total"
ZEROS = {f"applications.new_received.{c}": 0 for c in spec.T2_COLUMN_KEYS if c != "total"}


def pos(key: str, g_index: int = T2) -> tuple[int, int]:
    return grid_position(key, g_index)


def test_editing_a_detail_cell_keeps_the_total_computed(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {**ZEROS, NP: 2, CE: 1})
    assert ws.check(rid).facts.cells[NEW_TOTAL] == 3 and NEW_TOTAL in ws.check(rid).derived
    v, errors, note = tables.edit_cell(ws, rid, T2, pos(CE), "2")
    assert errors == [] and "1 → 2" in note
    result = ws.check(rid)
    assert result.facts.cells[NEW_TOTAL] == 4 and NEW_TOTAL in result.derived
    assert NEW_TOTAL not in ws.row(rid).state["cells"]
    assert not any("填报 3" in f.message for f in result.findings)
    assert v.typed == []


def test_a_typed_total_is_kept_marked_and_can_be_computed_again(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {**ZEROS, NP: 2, CE: 1})
    v, _, _ = tables.edit_cell(ws, rid, T2, pos(NEW_TOTAL), "9")
    assert [k for _, k in v.typed] == [NEW_TOTAL] and "手工填报" in v.summary
    assert any(f.rule == "T2_ROW_TOTAL" or "9" in f.message for f in ws.check(rid).errors)
    css = v.frames[T2].export()  # the typed total is styled differently from computed ones
    assert css  # a Styler with styles applied
    html = v.frames[T2].to_html()
    assert grids.TYPED_CSS.split(";")[0] in html
    v, msg = tables.compute_totals(ws, rid, [NEW_TOTAL])
    assert "1 个合计" in msg and v.typed == []
    assert ws.check(rid).facts.cells[NEW_TOTAL] == 3 and not ws.check(rid).errors


def test_a_refused_value_names_the_cell_and_changes_nothing(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {NP: 2})
    _, errors, _ = tables.edit_cell(ws, rid, T2, pos(NP), "很多")
    assert errors and ws.facts(rid).cells[NP] == 2


def test_a_grid_with_a_deleted_column_is_refused_not_shifted(ws):
    rid = ws.start("青梧县测试局", 2024)
    r, c = pos("review.upheld", 3)
    frame = tables.view(ws, rid).frames[3].data.copy()
    frame.iat[r, c + 1] = "1"
    frame = frame.drop(columns=frame.columns[c])  # 「删除列」: the values shift left
    _, errors = tables.edit(ws, rid, 3, frame)
    assert errors and "不一致" in errors[0]
    assert ws.facts(rid).cells == {}


def test_a_sorted_grid_is_read_by_row_label(ws):
    rid = ws.start("青梧县测试局", 2024)
    frame = tables.view(ws, rid).frames[T2].data.copy()
    r, c = pos(NP)
    frame.iat[r, c] = "5"
    frame = frame.iloc[::-1].reset_index(drop=True)
    _, errors = tables.edit(ws, rid, T2, frame)
    assert errors == [] and ws.facts(rid).cells[NP] == 5


def test_findings_show_no_rule_ids(ws):
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {**ZEROS, NP: 2, NEW_TOTAL: 5})
    frame = tables.view(ws, rid).findings
    assert list(frame.columns) == ["级别", "类别", "位置与说明"] and len(frame)
    text = frame.to_string()
    assert "T2_" not in text and "_" not in "".join(frame["类别"])


@pytest.mark.parametrize(
    "a, b",
    [
        ("某县住房城乡建设局", "某县住房和城乡建设局"),
        ("青梧县人民政府办公室", "青梧县政府办"),
        ("某县文化和旅游局", "某县文化与旅游局"),
    ],
)
def test_known_name_variants_name_the_same_body(a, b):
    assert same_agency(a, b) and same_agency(b, a)


def test_different_bodies_stay_different():
    assert not same_agency("青梧县财政局", "青梧县教育局")
    assert not same_agency("青梧县人民政府办公室", "临澜县政府办")


def test_a_renamed_body_is_used_after_explicit_confirmation(ws, tmp_path):
    rid = ws.start("青梧县住房城乡建设局", 2024)
    with pytest.raises(WorkspaceError, match="确认为同一机关"):
        ws.attach_previous(rid, last_year_file(tmp_path, "青梧县建设局"))
    assert ws.previous(rid) is None
    notes = ws.confirm_previous(rid)
    assert ws.previous(rid).agency == "青梧县建设局"
    assert ws.facts(rid).cells["applications.carried_over_from_prev.natural_person"] == 2 and notes
    with pytest.raises(WorkspaceError):
        ws.confirm_previous(rid)  # the offer is used once


def test_a_new_year_uses_the_apps_own_report_of_last_year(tmp_path):
    settings = load_settings(env={"ASSISTANT_HOME": str(tmp_path)}, dotenv=False)
    store = Store(settings.db_path)
    ctx = AppContext(store, settings, auth=False, export_dir=tmp_path / "exports")
    ws = ctx.workspace(None)
    old = ws.start("青梧县住房和城乡建设局", 2023)
    ws.set_cells(old, {"applications.carried_to_next.natural_person": 3})
    ws.save_section(old, "s5_problems", "一是栏目更新不及时。")
    out = session.start(ctx, None, [], "青梧县住房城乡建设局", "县级部门", 2024, None)
    rid = out[0]
    assert "上年度报告" in out[2] and "上年报告：本系统中的2023年度报告" in out[2]
    assert ws.facts(rid).cells["applications.carried_over_from_prev.natural_person"] == 3
    assert "栏目更新不及时" in ws.previous_problems(rid)
    store.close()


def test_header_says_when_no_previous_report_is_used(ws):
    rid = ws.start("青梧县测试局", 2024)
    assert "上年报告：未采用" in session.header(ws, rid)
    assert isinstance(pd.DataFrame(), pd.DataFrame)


def _interleave(ws, monkeypatch, rid: int, other) -> None:
    """Run `other` in a second thread at the moment the first writer has read the report state
    (inside `update_report`, the read before its write)."""
    import sys
    import threading

    real = Store.report
    fired = threading.Event()

    def report(self, user_id, report_id):
        row = real(self, user_id, report_id)
        writing = sys._getframe(1).f_code.co_name == "update_report"
        if writing and not fired.is_set() and threading.current_thread() is threading.main_thread():
            fired.set()
            t = threading.Thread(target=other)
            t.start()
            t.join(0.3)  # with the store held, `other` waits for this write to finish
            report.threads.append(t)
        return row

    report.threads = []
    monkeypatch.setattr(Store, "report", report)
    return report.threads


def test_a_second_handler_writing_meanwhile_loses_nothing(ws, monkeypatch):
    """The tab switch (update_state) and a grid edit (set_cells) at the same moment: both kept."""
    rid = ws.start("青梧县测试局", 2024)
    ws.set_cells(rid, {NP: 2})
    threads = _interleave(ws, monkeypatch, rid, lambda: ws.set_cells(rid, {CE: 1}))
    ws.update_state(rid, tab="tables")
    for t in threads:
        t.join(5)
    state = ws.row(rid).state
    assert state["tab"] == "tables"
    assert state["cells"][NP] == 2 and state["cells"][CE] == 1


def test_two_cell_saves_at_once_keep_both(ws, monkeypatch):
    rid = ws.start("青梧县测试局", 2024)
    threads = _interleave(ws, monkeypatch, rid, lambda: ws.set_cells(rid, {CE: 1}))
    ws.set_cells(rid, {NP: 2})
    for t in threads:
        t.join(5)
    cells = ws.row(rid).state["cells"]
    assert cells[NP] == 2 and cells[CE] == 1
