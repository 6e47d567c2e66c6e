"""The 统计表 tab: the official tables as editable grids, findings at their cells, re-checked on edit.

The grids have the official fixed shape: row and column counts are fixed (no add/delete in the
cell menu), the column menu (sort, filter, add, delete) is hidden by the app's CSS (`ui.CSS`), and an
edit is applied one cell at a time from the grid's edit event, never by re-reading a whole grid.
"""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.app import grid_ops, grids, tables
from assistant.app.context import AppContext
from assistant.app.tab import Tab
from assistant.workspace import Workspace, WorkspaceError

LEGEND = (
    "灰色：程序按分项自动计算的合计；蓝色加粗：对话、台账或统计表中给出的合计（来源列在下方）；红色：错误；黄色：提醒。"
    "双击单元格修改；可从 Excel 复制一列或一块数值，选中起始单元格后粘贴（Ctrl+V）；选中单元格按 Delete 清空。"
)


def fixed_grid(g: grids.GridSpec, i: int, **kw: Any) -> gr.Dataframe:
    """A Dataframe with the official shape: fixed rows and columns, first column not editable."""
    return gr.Dataframe(
        label=g.name,
        headers=[grids.ROW_HEADER, *g.columns],
        row_count=(len(g.rows), "fixed"),
        column_count=(len(g.columns) + 1, "fixed"),
        static_columns=[0],
        elem_id=f"grid{i}",
        elem_classes=["official-grid"],
        wrap=True,
        max_height=1400,
        **kw,
    )


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    specs = grids.grid_specs()
    frames = []
    with gr.Tab("统计表", id="tables") as tab:
        summary = gr.Markdown("", elem_id="tables_summary")
        gr.Markdown(LEGEND, elem_id="tables_legend")
        for i, g in enumerate(specs):
            widths = ["30%"] + [f"{70 // len(g.columns)}%"] * len(g.columns) if i == 2 else None
            frames.append(fixed_grid(g, i, interactive=True, column_widths=widths))
        errors = gr.Markdown("", elem_id="grid_errors")
        ops = gr.Textbox(visible="hidden", elem_id=grid_ops.BOX_ID)  # paste/delete from the page script
        ops_btn = gr.Button("粘贴", visible="hidden", elem_id=grid_ops.BUTTON_ID)
        with gr.Row(elem_id="typed_box"):
            typed = gr.CheckboxGroup(
                label="给出的合计及来源（不是程序计算的）", choices=[], elem_id="typed_totals", scale=4
            )
            recompute = gr.Button("改为自动计算", elem_id="recompute_btn", scale=1)
        findings = gr.Dataframe(
            label="核对发现",
            headers=tables.FINDING_COLUMNS,
            interactive=False,
            wrap=True,
            elem_id="table_findings",
        )

    def shown(v: tables.TablesView, message: str) -> list[Any]:
        where = [w for w, _ in v.typed]  # shown and sent back by place, never by cell key
        pick = gr.CheckboxGroup(choices=where, value=where)
        return [*v.frames, v.summary, v.findings, pick, message]

    def refresh(ws: Workspace, report_id: int | None) -> list[Any]:
        if report_id is None:
            empty = [gr.Dataframe(value=None) for _ in frames]
            return empty + ["", tables.findings_frame([]), gr.CheckboxGroup(choices=[], value=[]), ""]
        return shown(tables.view(ws, report_id), "")

    outputs = [*frames, summary, findings, typed, errors]
    for i, frame in enumerate(frames):

        def on_edit(report_id, evt: gr.EditData, request: gr.Request, _i=i):
            ws = ctx.workspace(user_of(request))
            if report_id is None:
                return refresh(ws, None)[:-1] + ["请先创建或选择报告"]
            try:
                with grid_ops.report_lock(report_id):
                    previous = getattr(evt, "previous_value", None)  # what the grid showed before
                    v, errs, note = tables.edit_cell(ws, report_id, _i, evt.index, evt.value, previous)
            except WorkspaceError as e:
                return refresh(ws, report_id)[:-1] + [f"⚠ {e}"]
            if note is None and not errs:
                return [gr.skip() for _ in outputs]  # nothing changed: keep the last message
            return shown(v, "\n\n".join([*(f"⚠ 未采用：{e}" for e in errs), note or ""]).strip())

        # every edit is applied, in order: the default ("once") drops an edit made while the grid's
        # previous one is still saving (a quick second cell under load was lost, the grid then reverted)
        frame.edit(on_edit, [rid], outputs, show_progress="minimal", trigger_mode="multiple")

    def on_ops(report_id, payload, request: gr.Request):
        ws = ctx.workspace(user_of(request))
        if report_id is None:
            return refresh(ws, None)[:-1] + ["请先创建或选择报告"]
        grid, cells, err = grid_ops.parse_payload(payload)
        if err or grid is None:
            return refresh(ws, report_id)[:-1] + [f"⚠ {err}"]
        try:
            v, errs, note = grid_ops.edit_cells(ws, report_id, grid, cells)
        except WorkspaceError as e:
            return refresh(ws, report_id)[:-1] + [f"⚠ {e}"]
        return shown(v, "\n\n".join([*(f"⚠ 未采用：{e}" for e in errs), note]).strip())

    # every paste is applied, in order (never dropped while the previous one is saving)
    ops_btn.click(on_ops, [rid, ops], outputs, show_progress="minimal", trigger_mode="multiple")

    def on_recompute(report_id, keys, request: gr.Request):
        ws = ctx.workspace(user_of(request))
        if report_id is None:
            return refresh(ws, None)[:-1] + ["请先创建或选择报告"]
        v, msg = tables.compute_totals(ws, report_id, keys)
        return shown(v, msg)

    recompute.click(on_recompute, [rid, typed], outputs)

    def on_select(report_id, request: gr.Request):  # the chat may have changed the cells
        return refresh(ctx.workspace(user_of(request)), report_id)

    tab.select(on_select, [rid], outputs)
    return Tab(outputs=outputs, refresh=refresh)
