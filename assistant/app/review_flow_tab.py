"""The 审阅与审定 tab: state and moves, the section beside its comments, an edit with conflict choice,
the history with authors. Layout and wiring only; the handlers are `review_flow`."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import gradio as gr

from assistant.app import review_flow as rf
from assistant.app.context import AppContext
from assistant.app.draft_tab import page_of
from assistant.app.tab import Tab

BUTTONS = {"submit": "提交审核", "return": "退回修改", "approve": "审定通过", "reopen": "重新打开"}
PANELS = ("comment", "answer", "edit")  # the accordions shown by `ReviewView.rights`


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    c = _layout()
    moves = _wire(ctx, rid, user_of, c)
    return Tab(
        outputs=[c.key, *c.outs],
        refresh=lambda ws, r: ["s1_overview", *values(c, rf.view(ws, r))],
        changes=moves,
    )  # after a move (or 刷新), the header and the report list show the new state


def _layout() -> SimpleNamespace:
    c = SimpleNamespace()
    with gr.Tab("审阅与审定", id="signoff") as c.tab:
        c.who = gr.Markdown("", elem_id="review_who")
        c.state = gr.Markdown("", elem_id="review_state")
        with gr.Row():
            c.buttons = {a: gr.Button(label, size="sm", visible=False, elem_id=f"review_{a}")
                         for a, label in BUTTONS.items()}  # fmt: skip
            c.reason = gr.Textbox(placeholder="退回或重新打开的理由（必填）", label="理由", show_label=False,
                                  scale=3, visible=False, elem_id="review_reason")  # fmt: skip
            c.again = gr.Button("刷新（查看他人的最新改动）", size="sm", elem_id="review_refresh")
        c.notes = gr.Markdown("", elem_id="review_notes")
        c.key = gr.Dropdown(
            label="章节", choices=rf.SECTION_CHOICES, value="s1_overview", elem_id="review_section"
        )
        with gr.Row():
            with gr.Column(scale=3):
                c.text = gr.Markdown("", elem_id="review_text")
            with gr.Column(scale=2):
                c.comments = gr.Markdown("", elem_id="review_comments")
        _panels(c)
        with gr.Accordion("修改记录（作者与改动）", open=False):
            c.history = gr.Markdown("", elem_id="review_history")
    c.outs = [c.who, c.state, *c.buttons.values(), c.reason, c.notes, c.text, c.comments, c.thread, c.edit,
              c.base, c.history, c.conflict, c.current, c.keep, c.take, c.quote, *c.panels, c.body, c.answer]  # fmt: skip
    return c


def _panels(c: SimpleNamespace) -> None:
    """Comment (审核人), answer and resolve, edit with the clash choice; shown to who may use them."""
    with gr.Accordion("发表审核意见（审核人）", open=False, visible=False) as comment_box:
        c.quote = gr.Dropdown(label="针对的句子", choices=[rf.WHOLE], value=rf.WHOLE, elem_id="comment_quote")
        c.body = gr.Textbox(label="意见", lines=2, elem_id="comment_body")
        c.add = gr.Button("发表意见", size="sm", elem_id="comment_add")
    with gr.Accordion("答复与处理意见", open=False, visible=False) as answer_box:
        c.thread = gr.Dropdown(label="待处理的意见", choices=[], elem_id="comment_thread")
        c.answer = gr.Textbox(label="答复", lines=2, elem_id="comment_answer")
        with gr.Row():
            c.reply = gr.Button("答复", size="sm", elem_id="comment_reply")
            c.resolve = gr.Button("答复并标为已解决", size="sm", elem_id="comment_resolve")
    with gr.Accordion("修改本章节", open=False, visible=False) as edit_box:
        c.edit = gr.Textbox(label="正文", lines=6, max_lines=30, elem_id="review_edit")
        c.base = gr.State("")
        c.save = gr.Button("保存修改", size="sm", elem_id="signoff_save")
        c.conflict = gr.Markdown("", elem_id="review_conflict")
        c.current = gr.State("")
        with gr.Row():
            c.keep = gr.Button(rf.KEEP_MINE, size="sm", visible=False, elem_id="conflict_keep")
            c.take = gr.Button(rf.TAKE_CURRENT, size="sm", visible=False, elem_id="conflict_take")
    c.panels = [comment_box, answer_box, edit_box]


def values(c: SimpleNamespace, v: rf.ReviewView, moved: bool = False, said: bool = False) -> list[Any]:
    """`moved`: a move was made (its reason box is emptied); `said`: a comment or an answer was
    saved (its box is emptied). Otherwise typed text stays in the boxes."""
    clash = bool(v.conflict)
    why = v.actions.get("return", False) or v.actions.get("reopen", False)
    return [
        v.who, v.state, *(gr.Button(visible=v.actions.get(a, False)) for a in BUTTONS),
        gr.Textbox(visible=why, value="") if moved else gr.Textbox(visible=why), v.notes,
        v.text, v.comments, gr.Dropdown(choices=v.threads, value=v.threads[0][1] if v.threads else None),
        v.edit_text, v.base, v.history, rf.conflict_markdown(v.conflict), v.conflict.get("current", ""),
        gr.Button(visible=clash), gr.Button(visible=clash),
        gr.Dropdown(choices=[rf.WHOLE, *v.sentences], value=rf.WHOLE),
        *(gr.Accordion(visible=v.rights.get(r, False)) for r in PANELS),
        *((gr.Textbox(value=""),) * 2 if said else (gr.skip(),) * 2),
    ]  # fmt: skip


def _wire(ctx: AppContext, rid: gr.State, user_of, c: SimpleNamespace) -> list[Any]:
    def run(request, fn, said: bool = False):
        v = fn(ctx.workspace(user_of(request)))
        return values(c, v, said=said and v.notes.startswith(("已添加", "意见 #")))

    moves = []
    for action, btn in c.buttons.items():

        def on_move(report_id, k, why, request: gr.Request, _a=action):
            v = rf.move(ctx.workspace(user_of(request)), report_id, k, _a, why)
            return values(c, v, moved=not v.notes.startswith("⚠"))  # the reason typed goes with its move

        moves.append(btn.click(on_move, [rid, c.key, c.reason], c.outs))

    def on_key(report_id, k, request: gr.Request):
        return run(request, lambda ws: rf.view(ws, report_id, k))

    def on_add(report_id, k, q, b, request: gr.Request):
        return run(request, lambda ws: rf.comment(ws, report_id, k, q, b), said=True)

    def on_reply(report_id, k, t, a, request: gr.Request):
        return run(request, lambda ws: rf.reply(ws, report_id, k, t, a), said=True)

    def on_resolve(report_id, k, t, a, request: gr.Request):
        return run(request, lambda ws: rf.reply(ws, report_id, k, t, a, resolve=True), said=True)

    def on_save(report_id, k, t, b, request: gr.Request):
        return run(request, lambda ws: rf.save(ws, report_id, k, t, b, page_of(request)))

    def on_keep(report_id, k, t, cur, request: gr.Request):
        return run(request, lambda ws: rf.keep_mine(ws, report_id, k, t, cur, page_of(request)))

    def on_take(report_id, k, t, request: gr.Request):
        return run(request, lambda ws: rf.take_current(ws, report_id, k, t))

    c.key.change(on_key, [rid, c.key], c.outs)
    c.tab.select(on_key, [rid, c.key], c.outs)  # a colleague may have moved, commented or saved meanwhile
    moves.append(c.again.click(on_key, [rid, c.key], c.outs))
    c.take.click(on_take, [rid, c.key, c.edit], c.outs)
    c.add.click(on_add, [rid, c.key, c.quote, c.body], c.outs)
    c.reply.click(on_reply, [rid, c.key, c.thread, c.answer], c.outs)
    c.resolve.click(on_resolve, [rid, c.key, c.thread, c.answer], c.outs)
    c.save.click(on_save, [rid, c.key, c.edit, c.base], c.outs)
    c.keep.click(on_keep, [rid, c.key, c.edit, c.current], c.outs)
    return moves
