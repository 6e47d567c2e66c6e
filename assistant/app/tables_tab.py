"""The 统计表 tab: the official tables as editable grids, findings at their cells, re-checked on edit."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.app import grids, tables
from assistant.app.context import AppContext
from assistant.app.tab import Tab
from assistant.workspace import Workspace, WorkspaceError


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    specs = grids.grid_specs()
    frames = []
    with gr.Tab("统计表", id="tables") as tab:
        summary = gr.Markdown("", elem_id="tables_summary")
        for i, g in enumerate(specs):
            frames.append(
                gr.Dataframe(
                    label=g.name,
                    headers=[grids.ROW_HEADER, *g.columns],
                    interactive=True,
                    static_columns=[0],
                    elem_id=f"grid{i}",
                    wrap=True,
                    column_widths=["30%"] + [f"{70 // len(g.columns)}%"] * len(g.columns) if i == 2 else None,
                    max_height=1400,
                )
            )
        errors = gr.Markdown("", elem_id="grid_errors")
        findings = gr.Dataframe(
            label="核对发现",
            headers=tables.FINDING_COLUMNS,
            interactive=False,
            wrap=True,
            elem_id="table_findings",
        )

    def refresh(ws: Workspace, report_id: int | None) -> list[Any]:
        if report_id is None:
            return [gr.Dataframe(value=None) for _ in frames] + ["", tables.findings_frame([]), ""]
        v = tables.view(ws, report_id)
        return [*v.frames, v.summary, v.findings, ""]

    outputs = [*frames, summary, findings, errors]
    for i, frame in enumerate(frames):

        def on_edit(report_id, value, request: gr.Request, _i=i):
            ws = ctx.workspace(user_of(request))
            if report_id is None:
                return refresh(ws, None)[:-1] + ["请先创建或选择报告"]
            try:
                v, errs = tables.edit(ws, report_id, _i, value)
            except WorkspaceError as e:
                return refresh(ws, report_id)[:-1] + [f"⚠ {e}"]
            msg = "\n".join(f"⚠ 未采用：{e}" for e in errs)
            return [*v.frames, v.summary, v.findings, msg]

        frame.input(on_edit, [rid, frame], outputs)

    def on_select(report_id, request: gr.Request):  # the chat may have changed the cells
        return refresh(ctx.workspace(user_of(request)), report_id)

    tab.select(on_select, [rid], outputs)
    return Tab(outputs=outputs, refresh=refresh)
