"""The 对话填报 tab: chat intake, proposals waiting for confirmation, ledger upload."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.app import chat, chat_uploads
from assistant.app.context import AppContext
from assistant.app.tab import Tab
from assistant.workspace import Workspace, WorkspaceError

PENDING_WIDTHS = ["46%", "14%", "40%"]  # 项目, 数值, 来源


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    with gr.Tab("对话填报", id="chat"):
        with gr.Row():
            with gr.Column(scale=3):
                bot = gr.Chatbot(label="年报助手", height=520, elem_id="chatbot", feedback_options=None)
                with gr.Row():
                    box = gr.Textbox(
                        placeholder="例如：今年共收到申请12件，其中自然人10件、企业2件；予以公开8件……",
                        label="输入消息", show_label=False, scale=5, elem_id="chat_box", lines=1,
                    )  # fmt: skip
                    send = gr.Button("发送", variant="primary", scale=1, elem_id="chat_send")
            with gr.Column(scale=2):
                # fixed shares so value and source stay inside the column at 1366 px (long row labels wrap)
                pending = gr.Dataframe(label="待确认", headers=chat.PENDING_COLUMNS, interactive=False,
                                       wrap=True, column_widths=PENDING_WIDTHS, elem_id="pending")  # fmt: skip
                with gr.Row():
                    ok = gr.Button("确认保存", variant="primary", elem_id="confirm_btn")
                    overwrite = gr.Button("覆盖原数值", elem_id="overwrite_btn")
                    cancel = gr.Button("放弃", elem_id="cancel_btn")
                prev = gr.File(
                    label="上传上年年报（用于上年结转和问题整改）", type="filepath", elem_id="chat_previous"
                )
                ledger = gr.File(label="上传申请台账（xlsx/csv，每行一件申请）", type="filepath",
                                 file_types=[".xlsx", ".csv"], elem_id="ledger")  # fmt: skip

    def refresh(ws: Workspace, report_id: int | None) -> list[Any]:
        if report_id is None:
            return [[], chat.pending_frame({})]
        v = chat.greet(ws, report_id)
        return [v.history, v.pending]

    def model(ws: Workspace):
        if "chat_model" not in ctx.extras:
            from assistant.intake import build_chat_model

            ctx.extras["chat_model"] = build_chat_model(ctx.settings)
        return ctx.extras["chat_model"]

    def run(report_id, fn, request):
        ws = ctx.workspace(user_of(request))
        if report_id is None:
            return [
                [{"role": "assistant", "content": "请先在上方“新建报告”创建报告。"}],
                chat.pending_frame({}),
                "",
            ]
        try:
            v = fn(ws, report_id)
        except WorkspaceError as e:
            v = chat.view(ws, report_id)
            v.history.append({"role": "assistant", "content": f"⚠ {e}"})
        return [v.history, v.pending, ""]

    def on_send(report_id, text, request: gr.Request):
        return run(report_id, lambda ws, r: chat.turn(ws, r, text, model(ws)), request)

    def on_word(word):
        def handler(report_id, request: gr.Request):
            return run(report_id, lambda ws, r: chat.turn(ws, r, word), request)

        return handler

    def on_ledger(report_id, path, request: gr.Request):
        if not path:
            return run(report_id, lambda ws, r: chat.view(ws, r), request)
        return run(report_id, lambda ws, r: chat_uploads.ledger(ws, r, path), request)

    def on_previous(report_id, path, request: gr.Request):
        if not path:
            return run(report_id, lambda ws, r: chat.view(ws, r), request)
        return run(report_id, lambda ws, r: chat_uploads.previous(ws, r, path), request)

    outs = [bot, pending, box]
    box.submit(on_send, [rid, box], outs)
    send.click(on_send, [rid, box], outs)
    ok.click(on_word("确认"), [rid], outs)
    overwrite.click(on_word("覆盖"), [rid], outs)
    cancel.click(on_word("取消"), [rid], outs)
    # reading a ledger or last year's report takes seconds: the progress shows over the chat until done
    ledger.upload(on_ledger, [rid, ledger], outs, show_progress="full")
    uploaded = prev.upload(on_previous, [rid, prev], outs, show_progress="full")
    return Tab(outputs=[bot, pending], refresh=refresh, changes=[uploaded])
