"""The Gradio app: layout and wiring only. The logic is in plain functions (session, tables, …)."""

from __future__ import annotations

import os
import warnings

# Styler colours do reach interactive grids in this Gradio version; its warning says otherwise.
warnings.filterwarnings("ignore", message="Cannot display Styler object in interactive mode")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")  # no outbound calls (STACK.md §6)

import gradio as gr  # noqa: E402

from assistant.app import (  # noqa: E402
    chat_tab,
    corpus_tab,
    draft_tab,
    files_tab,
    review_flow_tab,
    review_tab,
    session,
    tables_tab,
)
from assistant.app.context import AppContext  # noqa: E402

CSS = """
.gradio-container { max-width: 1360px !important; }
/* Official tables have a fixed shape: no column menu (sort, filter, add or delete) in any grid. */
.cell-menu-button, .cell-menu, .filter-menu { display: none !important; }
.official-grid [role="columnheader"] { pointer-events: none; }
/* Secondary buttons look like buttons, not grey labels. */
button.secondary {
  border: 1px solid #2563eb !important; color: #1d4ed8 !important; background: #eff6ff !important;
  font-weight: 600 !important; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.08) !important;
}
button.secondary:hover { background: #dbeafe !important; }
button:disabled, button[disabled] { opacity: 0.6; cursor: progress; }
"""


def user_of(request: gr.Request | None) -> str | None:
    return getattr(request, "username", None) if request is not None else None


def build(ctx: AppContext) -> gr.Blocks:
    with gr.Blocks(title="年报助手") as demo:
        rid = gr.State(None)
        gr.Markdown("## 年报助手 · 政府信息公开工作年度报告")
        with gr.Row():
            report_pick = gr.Dropdown(label="当前报告", choices=[], scale=2, elem_id="report_pick")
            status = gr.Markdown("", elem_id="status")
        with gr.Accordion("新建报告", open=False, elem_id="new_report") as new_acc:
            with gr.Row():
                agency = gr.Textbox(
                    label="机关名称", placeholder="如：青梧县人民政府办公室", elem_id="new_agency"
                )
                level = gr.Dropdown(label="机关层级", choices=session.LEVELS, value=session.LEVELS[1])
                year = gr.Number(
                    label="报告年度", value=session.default_year(), precision=0, elem_id="new_year"
                )
            prev_file = gr.File(label="上年年报（可选：docx/html/txt/md/pdf 或数据文件）", type="filepath")
            same_body = gr.Checkbox(
                label="上年年报的机关名称与本机关写法不同（如机构更名），确认为同一机关",
                value=False,
                elem_id="same_body",
            )
            gr.Markdown("不上传时，如本系统中已有同一机关的上年度报告，将自动作为上年报告。")
            start_btn = gr.Button("创建报告", variant="primary", elem_id="start_btn")
        confirm_prev = gr.Button("确认为同一机关并采用", visible=False, elem_id="confirm_previous", size="sm")
        with gr.Tabs(elem_id="tabs") as tabs_box:
            tabs = [
                chat_tab.build(ctx, rid, user_of),
                tables_tab.build(ctx, rid, user_of),
                draft_tab.build(ctx, rid, user_of),
                review_flow_tab.build(ctx, rid, user_of),
                files_tab.build_export(ctx, rid, user_of),
                files_tab.build_audit(ctx, rid, user_of),
                review_tab.build(ctx, rid, user_of),
                corpus_tab.build(ctx, rid, user_of),
            ]
        outputs = [rid, report_pick, status]
        for t in tabs:
            outputs.extend(t.outputs)

        def on_load(request: gr.Request):
            values = session.load(ctx, user_of(request), tabs)
            return [*values, gr.Tabs(selected=session.last_tab(ctx, user_of(request), values[0]))]

        def on_tab(report_id, evt: gr.SelectData, request: gr.Request):
            session.remember_tab(ctx, user_of(request), report_id, evt.value)

        def on_start(agency_v, level_v, year_v, prev_v, same_v, request: gr.Request):
            return session.start(ctx, user_of(request), tabs, agency_v, level_v, year_v, prev_v, same_v)

        def on_status(report_id, request: gr.Request):
            ws_user = user_of(request)
            ws = ctx.workspace(ws_user)
            pick = gr.Dropdown(choices=session.choices(ws), value=report_id)  # the list shows the state
            return session.status(ctx, ws_user, report_id), offer_button(ws, report_id), pick

        def offer_button(ws, report_id):  # a renaming vs another department: different words
            label = session.offer_label(ws, report_id)
            return gr.Button(value=label or "确认为同一机关并采用", visible=bool(label))

        def on_offer(report_id, request: gr.Request):
            return offer_button(ctx.workspace(user_of(request)), report_id)

        def on_confirm(report_id, request: gr.Request):
            return session.confirm_previous(ctx, user_of(request), report_id), gr.Button(visible=False)

        def on_pick(choice, request: gr.Request):
            return session.pick(ctx, user_of(request), tabs, choice)

        demo.load(on_load, None, [*outputs, tabs_box]).then(on_offer, [rid], [confirm_prev])
        tabs_box.select(on_tab, [rid], None)
        start_btn.click(on_start, [agency, level, year, prev_file, same_body], outputs).then(
            lambda: (gr.Accordion(open=False), gr.Tabs(selected="chat")), None, [new_acc, tabs_box]
        ).then(on_offer, [rid], [confirm_prev])  # a new report begins in the chat, whatever tab was open
        report_pick.input(on_pick, [report_pick], outputs).then(on_offer, [rid], [confirm_prev])
        confirm_prev.click(on_confirm, [rid], [status, confirm_prev])
        for t in tabs:
            for event in t.changes:  # e.g. last year's report uploaded in the chat tab
                event.then(on_status, [rid], [status, confirm_prev, report_pick])
    return demo
