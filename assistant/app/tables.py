"""Handlers of the tables tab: grids with findings at their cells, re-checked on every edit.

An edit is applied one cell at a time (`edit_cell`, from the grid's edit event): only the cell the
user changed is stored, so a computed total stays computed when its parts change. A total the user
typed is kept, shown in blue and listed, and `compute_totals` turns it back into a computed one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from assistant import cell_sources
from assistant.app import grids
from assistant.core.engine import CheckResult, summarize
from assistant.core.finding_kinds import kind_of
from assistant.core.findings import NOT_ASSESSABLE, Finding
from assistant.workspace import Workspace

FINDING_COLUMNS = ["级别", "类别", "位置与说明"]
SEVERITY_ZH = {"error": "错误", "warning": "提醒"}


@dataclass(frozen=True)
class TablesView:
    frames: list[Any]  # one Styler per grid
    findings: pd.DataFrame
    summary: str
    # (where and source, key) of totals given rather than computed: 「表二…总计（对话中给出）」
    typed: list[tuple[str, str]] = field(default_factory=list)


def view(ws: Workspace, report_id: int) -> TablesView:
    result = ws.check(report_id)
    state = ws.row(report_id).state
    return render(result, set(state.get("cells", {})), state.get("cell_sources") or {})


def render(
    result: CheckResult, given: set[str] | frozenset[str] = frozenset(), sources: dict[str, str] | None = None
) -> TablesView:
    """The grids coloured by state; `given`: the keys the user gave (for the given totals), `sources`:
    where each came from (chat, ledger, grid, last year's report)."""
    frames = []
    typed_keys = typed_totals(result.facts.format, given)
    typed: list[tuple[str, str]] = []
    for g in grids.grid_specs(result.facts.format):
        frame = grids.to_frame(g, result.facts.cells)
        marks = grids.findings_at_cells(list(result.findings), g)
        typed_pos = grids.derived_positions(g, typed_keys)
        frames.append(grids.styled(frame, marks, grids.derived_positions(g, result.derived), typed_pos))
        typed += [
            (f"{grids.cell_label(g, k)}（{cell_sources.label(sources or {}, k)}）", k)
            for row in g.keys
            for k in row
            if k in typed_keys
        ]
    by_source = [cell_sources.label(sources or {}, k) for _, k in typed]
    return TablesView(frames, findings_frame(result.findings), summary_line(result, by_source), typed)


def typed_totals(version: str, given: set[str] | frozenset[str]) -> frozenset[str]:
    return frozenset(given) & grids.total_keys(version)


def findings_frame(findings: tuple[Finding, ...] | list[Finding]) -> pd.DataFrame:
    rows = []
    for f in findings:
        if f.status == NOT_ASSESSABLE:
            continue
        rows.append([SEVERITY_ZH.get(f.severity, f.severity), kind_of(f), f.message])
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def summary_line(result: CheckResult, typed: list[str] | None = None) -> str:
    """`typed`: the source of each given (not computed) total, e.g. 「对话中给出」."""
    c = summarize(result.findings)
    filled = len(result.facts.cells)
    total = len(result.facts.spec.cells)
    parts = [f"已填 {filled}/{total} 个单元格（其中 {len(result.derived)} 个合计由程序计算，灰色显示）"]
    if typed:
        counts = "、".join(f"{src} {typed.count(src)} 个" for src in dict.fromkeys(typed))
        parts.append(f"{len(typed)} 个合计不是程序计算的：{counts}（蓝色显示，可改为自动计算）")
    parts.append(f"{c['error']} 个错误，{c['warning']} 个提醒")
    if c["not_assessable"]:
        parts.append(f"{c['not_assessable']} 处因数据未填暂无法核验")
    return "；".join(parts)


def edit_cell(
    ws: Workspace, report_id: int, grid_index: int, index: Any, text: Any, previous: Any = None
) -> tuple[TablesView, list[str], str | None]:
    """Apply the one cell the user edited (`index`: (row, column incl. the label column)).

    `previous`: the cell's text in the browser's grid before the edit (the edit event's
    `previous_value`; None: unknown). A grid showing an older value than the stored one (another
    window, the chat or a ledger saved meanwhile) never writes over the newer value: the edit is
    refused, naming both values, and the grid is shown again.
    Returns the view, refusals (Chinese, naming the cell) and a note saying old → new (None: the
    value the user already gave, nothing changed).
    """
    with ws.atomic():
        return _edit_cell(ws, report_id, grid_index, index, text, previous)


def stale(where: str, key: str, previous: Any, shown: str, new: str, version: str) -> str:
    """A refusal when the grid the user edited showed another value than the one shown now (`shown`,
    stored or computed); empty when `previous` is unknown or the edit leaves the cell as it is."""
    if previous is None or new == shown:
        return ""
    before = grids.cell_text(previous)
    value, err = grids.parse(key, before, version) if before else (None, "")
    if (before if err else grids.show_value(value)) == shown:
        return ""
    return (
        f"{where}在您修改之前已是 {shown or '空'}（表中显示的还是 {before or '空'}），"
        f"本次填写的 {new or '空'} 未采用，以免覆盖较新的数值；表格已刷新，请核对后再改"
    )


def _edit_cell(
    ws: Workspace, report_id: int, grid_index: int, index: Any, text: Any, previous: Any = None
) -> tuple[TablesView, list[str], str | None]:
    before = ws.check(report_id)
    g = grids.grid_specs(before.facts.format)[grid_index]
    try:
        row, col = (int(i) for i in index)
    except (TypeError, ValueError):
        return view(ws, report_id), [], ""
    key = grids.cell_key(g, row, col)
    if key is None:
        return view(ws, report_id), [], ""
    where = grids.cell_label(g, key)
    shown = grids.show_value(before.facts.cells.get(key))
    old = shown or "空"
    value_text = grids.cell_text(text)
    version = before.facts.format
    new_value, err = grids.parse(key, value_text, version) if value_text else (None, "")
    given = key in ws.row(report_id).state.get("cells", {})
    if given or value_text:  # clearing a cell not given changes nothing (the grid's second event)
        new_text = value_text if err else grids.show_value(new_value)
        refusal = stale(where, key, previous, shown, new_text, version)
        if refusal:
            return view(ws, report_id), [refusal], ""
    if value_text == "":
        ws.set_cells(report_id, {}, replace_keys={key})  # emptied: no longer given (a total is computed)
        after = view(ws, report_id)
        note = f"已清空{where}（原为 {old}）" + (
            "，改由程序计算" if key in grids.total_keys(before.facts.format) else ""
        )
        return after, [], note
    if err:
        return view(ws, report_id), [err], ""
    if given and grids.show_value(new_value) == old:
        return view(ws, report_id), [], None  # the same value again (the grid reports an edit twice)
    ws.set_cells(report_id, {key: new_value})  # type: ignore[dict-item]
    return view(ws, report_id), [], f"已修改{where}：{old} → {grids.show_value(new_value)}"


def compute_totals(ws: Workspace, report_id: int, picked: list[str] | None) -> tuple[TablesView, str]:
    """Turn totals the user typed back into computed ones ("改为自动计算"); `picked`: where or keys."""
    picked_set = set(picked or [])
    typed = view(ws, report_id).typed
    chosen = {k for where, k in typed if where in picked_set or k in picked_set}
    if not chosen:
        return view(ws, report_id), "请先勾选要改为自动计算的合计"
    ws.set_cells(report_id, {}, replace_keys=chosen)
    return view(ws, report_id), f"已将 {len(chosen)} 个合计改为自动计算"


def edit(ws: Workspace, report_id: int, grid_index: int, frame: Any) -> tuple[TablesView, list[str]]:
    """Apply a whole grid's edit: refused values are listed (nothing else is lost), then re-check.

    A grid whose shape changed (rows or columns missing, added or reordered) is refused as a whole.
    """
    before = ws.check(report_id)
    g = grids.grid_specs(before.facts.format)[grid_index]
    result = grids.from_frame(g, frame, before.facts.format, before.facts.cells, before.derived)
    grid_keys = {k for row in g.keys for k in row if k}
    user_given = set(ws.row(report_id).state.get("cells", {})) & grid_keys
    cleared = user_given - set(result.given) - result.refused  # emptied by the user: no longer given
    ws.set_cells(report_id, result.given, replace_keys=cleared)
    return view(ws, report_id), result.errors
