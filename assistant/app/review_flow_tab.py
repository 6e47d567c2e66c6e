"""The 审阅与审定 tab: state and moves, the section beside its comments, an edit with conflict choice,
the history with authors. Layout and wiring only; the handlers are `review_flow`."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.app import review_flow as rf
from assistant.app.context import AppContext
from assistant.app.tab import Tab
from assistant.workspace import Workspace

BUTTONS = {"submit": "提交审核", "return": "退回修改", "approve": "审定通过", "reopen": "重新打开"}


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    with gr.Tab("审阅与审定", id="signoff") as tab:
        who = gr.Markdown("", elem_id="review_who")
        state = gr.Markdown("", elem_id="review_state")
        with gr.Row():
            buttons = {a: gr.Button(label, size="sm", visible=False, elem_id=f"review_{a}")
                       for a, label in BUTTONS.items()}  # fmt: skip
            reason = gr.Textbox(placeholder="退回或重新打开的理由（重新打开时必填）", show_label=False,
                                scale=3, visible=False, elem_id="review_reason")  # fmt: skip
            again = gr.Button("刷新（查看他人的最新改动）", size="sm", elem_id="review_refresh")
        notes = gr.Markdown("", elem_id="review_notes")
        key = gr.Dropdown(
            label="章节", choices=rf.SECTION_CHOICES, value="s1_overview", elem_id="review_section"
        )
        with gr.Row():
            with gr.Column(scale=3):
                text = gr.Markdown("", elem_id="review_text")
            with gr.Column(scale=2):
                comments = gr.Markdown("", elem_id="review_comments")
        with gr.Accordion("发表审核意见（审核人）", open=False):
            quote = gr.Dropdown(
                label="针对的句子", choices=[rf.WHOLE], value=rf.WHOLE, elem_id="comment_quote"
            )
            body = gr.Textbox(label="意见", lines=2, elem_id="comment_body")
            add = gr.Button("发表意见", size="sm", elem_id="comment_add")
        with gr.Accordion("答复与处理意见", open=False):
            thread = gr.Dropdown(label="待处理的意见", choices=[], elem_id="comment_thread")
            answer = gr.Textbox(label="答复", lines=2, elem_id="comment_answer")
            with gr.Row():
                reply_btn = gr.Button("答复", size="sm", elem_id="comment_reply")
                resolve_btn = gr.Button("答复并标为已解决", size="sm", elem_id="comment_resolve")
        with gr.Accordion("修改本章节", open=False):
            edit = gr.Textbox(label="正文", lines=6, max_lines=30, elem_id="review_edit")
            base = gr.State("")
            save = gr.Button("保存修改", size="sm", elem_id="signoff_save")
            conflict = gr.Markdown("", elem_id="review_conflict")
            current = gr.State("")
            with gr.Row():
                keep = gr.Button(rf.KEEP_MINE, size="sm", visible=False, elem_id="conflict_keep")
                take = gr.Button(rf.TAKE_CURRENT, size="sm", visible=False, elem_id="conflict_take")
        with gr.Accordion("修改记录（作者与改动）", open=False):
            history = gr.Markdown("", elem_id="review_history")

    outs: list[Any] = [who, state, *buttons.values(), reason, notes, text, comments, thread, edit, base,
                       history, conflict, current, keep, take, quote]  # fmt: skip

    def values(v: rf.ReviewView, moved: bool = False) -> list[Any]:
        clash = bool(v.conflict)
        why = v.actions.get("return", False) or v.actions.get("reopen", False)
        return [
            v.who, v.state, *(gr.Button(visible=v.actions.get(a, False)) for a in BUTTONS),
            gr.Textbox(visible=why, value="") if moved else gr.Textbox(visible=why), v.notes,
            v.text, v.comments, gr.Dropdown(choices=v.threads, value=v.threads[0][1] if v.threads else None),
            v.edit_text, v.base, v.history, rf.conflict_markdown(v.conflict), v.conflict.get("current", ""),
            gr.Button(visible=clash), gr.Button(visible=clash),
            gr.Dropdown(choices=[rf.WHOLE, *v.sentences], value=rf.WHOLE),
        ]  # fmt: skip

    def refresh(ws: Workspace, report_id: int | None) -> list[Any]:
        return values(rf.view(ws, report_id))

    def run(request, fn, moved: bool = False):
        return values(fn(ctx.workspace(user_of(request))), moved)

    moves = []
    for action, btn in buttons.items():

        def on_move(report_id, k, why, request: gr.Request, _a=action):
            v = rf.move(ctx.workspace(user_of(request)), report_id, k, _a, why)
            return values(v, moved=not v.notes.startswith("⚠"))  # the reason typed goes with its move

        moves.append(btn.click(on_move, [rid, key, reason], outs))

    def on_key(report_id, k, request: gr.Request):
        return run(request, lambda ws: rf.view(ws, report_id, k))

    def on_add(report_id, k, q, b, request: gr.Request):
        return run(request, lambda ws: rf.comment(ws, report_id, k, q, b))

    def on_reply(report_id, k, t, a, request: gr.Request):
        return run(request, lambda ws: rf.reply(ws, report_id, k, t, a))

    def on_resolve(report_id, k, t, a, request: gr.Request):
        return run(request, lambda ws: rf.reply(ws, report_id, k, t, a, resolve=True))

    def on_save(report_id, k, t, b, request: gr.Request):
        return run(request, lambda ws: rf.save(ws, report_id, k, t, b))

    def on_keep(report_id, k, t, c, request: gr.Request):
        return run(request, lambda ws: rf.keep_mine(ws, report_id, k, t, c))

    key.change(on_key, [rid, key], outs)
    tab.select(on_key, [rid, key], outs)  # a colleague may have moved, commented or saved meanwhile
    again.click(on_key, [rid, key], outs)
    take.click(on_key, [rid, key], outs)
    add.click(on_add, [rid, key, quote, body], outs)
    reply_btn.click(on_reply, [rid, key, thread, answer], outs)
    resolve_btn.click(on_resolve, [rid, key, thread, answer], outs)
    save.click(on_save, [rid, key, edit, base], outs)
    keep.click(on_keep, [rid, key, edit, current], outs)
    return Tab(
        outputs=[key, *outs], refresh=lambda ws, r: ["s1_overview", *refresh(ws, r)], changes=moves
    )  # after a move, the header and the report list show the new state
