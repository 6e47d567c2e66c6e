"""The 起草与修改 tab: generate (streaming), edit, regenerate with an instruction, lock, history."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.app import connection, draft
from assistant.app.context import AppContext
from assistant.app.tab import Tab
from assistant.core import spec
from assistant.workspace import Workspace, WorkspaceError

KEYS = draft.SECTION_KEYS


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    texts, locks, findings, instr, regen, saves = {}, {}, {}, {}, {}, {}
    with gr.Tab("起草与修改", id="draft") as tab:
        status = gr.Markdown("", elem_id="draft_status")
        with gr.Row():
            gen = gr.Button("生成全文（已锁定的章节不变）", variant="primary", elem_id="generate_btn")
        connection.build(ctx.settings)
        notes = gr.Markdown("", elem_id="draft_notes")
        with gr.Row():  # a save clash (issue 16): the user chooses, nothing is overwritten silently
            keep = gr.Button(draft.KEEP_MINE, visible=False, size="sm", elem_id="draft_keep_mine")
            take = gr.Button(draft.TAKE_CURRENT, visible=False, size="sm", elem_id="draft_take_current")
        for s in spec.SECTIONS:
            k = s.key
            with gr.Group():
                texts[k] = gr.Textbox(
                    label=s.label, lines=6, max_lines=30, interactive=True, elem_id=f"text_{k}"
                )
                findings[k] = gr.Markdown("", elem_id=f"findings_{k}")
                with gr.Row():
                    saves[k] = gr.Button(
                        "保存修改并核对", variant="secondary", min_width=140, elem_id=f"save_{k}"
                    )
                    locks[k] = gr.Checkbox(label="锁定", value=False, elem_id=f"lock_{k}")
                    instr[k] = gr.Textbox(placeholder="修改要求，如：更简洁 / 突出信息处理费情况", label="修改要求", show_label=False,
                                          scale=3, elem_id=f"instr_{k}")  # fmt: skip
                    regen[k] = gr.Button(
                        "按要求重新生成", variant="secondary", min_width=140, elem_id=f"regen_{k}"
                    )
        with gr.Accordion("版本历史", open=False) as history:
            with gr.Row():
                hist_key = gr.Dropdown(
                    label="章节", choices=[(s.label, s.key) for s in spec.SECTIONS], value=KEYS[0]
                )
                hist_ver = gr.Dropdown(label="版本", choices=[], elem_id="hist_ver")
            hist_diff = gr.HTML("", label="与当前文本的差异", elem_id="hist_diff")
            restore = gr.Button("恢复到此版本", elem_id="restore_btn")
        # Inside the tab: a component directly under gr.Tabs turns the next tab's button into a copy.
        bases = gr.State({})  # the texts shown, so that a save can tell a colleague's change (issue 16)
        clash = gr.State({})  # the waiting save clash: key / theirs / current / by

    def values(v: draft.DraftView) -> list[Any]:
        out: list[Any] = [gr.skip() if v.notes is None else v.notes, v.status]
        for k in KEYS:  # read-only while 生成全文 streams: what is typed then would be replaced
            box = gr.Textbox(value=v.texts[k], interactive=not v.busy)
            out += [box, v.findings[k], v.locked[k]]
        waiting = dict(v.conflict or {})
        out += [dict(v.bases if v.bases is not None else v.texts), waiting]
        return [*out, gr.Button(visible=bool(waiting)), gr.Button(visible=bool(waiting))]

    outs: list[Any] = [notes, status]
    for k in KEYS:
        outs += [texts[k], findings[k], locks[k]]
    outs += [bases, clash, keep, take]

    def refresh(ws: Workspace, report_id: int | None) -> list[Any]:
        return values(draft.view(ws, report_id))

    def guarded(report_id, request, fn):
        ws = ctx.workspace(user_of(request))
        if report_id is None:
            return values(draft.view(ws, None, "请先创建或选择报告"))
        try:
            return values(fn(ws, report_id))
        except WorkspaceError as e:
            return values(draft.view(ws, report_id, f"⚠ {e}"))

    def on_generate(report_id, request: gr.Request):
        ws = ctx.workspace(user_of(request))
        if report_id is None:
            yield values(draft.view(ws, None, "请先创建或选择报告"))
            return
        for v in draft.generate(ws, report_id, ctx.settings):
            yield values(v)

    gen.click(on_generate, [rid], outs)
    for k in KEYS:

        def on_save(report_id, text, shown, request: gr.Request, _k=k):
            return guarded(
                report_id,
                request,
                lambda ws, r: draft.edit(ws, r, _k, text, (shown or {}).get(_k), page_of(request)),
            )

        def on_regen(report_id, instruction, request: gr.Request, _k=k):
            return guarded(
                report_id, request, lambda ws, r: draft.regenerate(ws, r, _k, instruction, ctx.settings)
            )

        def on_lock(report_id, locked, request: gr.Request, _k=k):
            return guarded(report_id, request, lambda ws, r: draft.set_lock(ws, r, _k, locked))

        # Saving re-checks the section (2–3 s): the progress is shown over the page until it is done.
        saves[k].click(on_save, [rid, texts[k], bases], outs, show_progress="full")
        texts[k].blur(on_save, [rid, texts[k], bases], outs, show_progress="minimal")
        regen[k].click(on_regen, [rid, instr[k]], outs, show_progress="full")
        locks[k].input(on_lock, [rid, locks[k]], outs)

    def on_hist_key(report_id, key, request: gr.Request):
        if report_id is None:
            return gr.Dropdown(choices=[], value=None), ""
        ws = ctx.workspace(user_of(request))
        choices = draft.history_choices(ws, report_id, key)
        first = draft.default_version(ws, report_id, key)
        return gr.Dropdown(choices=choices, value=first), draft.version_diff(ws, report_id, key, first)

    def on_hist_ver(report_id, key, ver, request: gr.Request):
        if report_id is None or ver is None:
            return ""
        return draft.version_diff(ctx.workspace(user_of(request)), report_id, key, int(ver))

    def on_restore(report_id, ver, request: gr.Request):
        return guarded(report_id, request, lambda ws, r: _restore(ws, r, ver))

    def clash_choice(report_id, waiting, shown, request, fn):
        if not waiting:
            return guarded(report_id, request, lambda ws, r: draft.view(ws, r, "没有待处理的保存冲突"))
        mine = dict(zip(KEYS, shown, strict=True)).get(waiting["key"], "")
        return guarded(report_id, request, lambda ws, r: fn(ws, r, waiting, mine, page_of(request)))

    def on_keep(report_id, waiting, t1, t2, t3, t4, t5, t6, request: gr.Request):  # the six sections
        return clash_choice(report_id, waiting, (t1, t2, t3, t4, t5, t6), request, draft.keep_mine)

    def on_take(report_id, waiting, t1, t2, t3, t4, t5, t6, request: gr.Request):
        return clash_choice(report_id, waiting, (t1, t2, t3, t4, t5, t6), request, draft.take_current)

    keep.click(on_keep, [rid, clash, *texts.values()], outs, show_progress="full")
    take.click(on_take, [rid, clash, *texts.values()], outs)
    hist_key.change(on_hist_key, [rid, hist_key], [hist_ver, hist_diff])
    hist_ver.change(on_hist_ver, [rid, hist_key, hist_ver], [hist_diff])
    restore.click(on_restore, [rid, hist_ver], outs)

    def on_select(report_id, key, request: gr.Request):
        return on_hist_key(report_id, key, request)

    tab.select(on_select, [rid, hist_key], [hist_ver, hist_diff])
    history.expand(
        on_select, [rid, hist_key], [hist_ver, hist_diff]
    )  # the first section's list on first open
    return Tab(outputs=outs, refresh=refresh)


def _restore(ws: Workspace, rid: int, ver: Any) -> draft.DraftView:
    if ver is None:
        return draft.view(ws, rid, "请先选择要恢复的版本")
    return draft.restore(ws, rid, int(ver))


def page_of(request: gr.Request | None) -> str:
    """The browser tab a save comes from (Gradio's per-page session): its own earlier saves are no
    clash, another tab's are (`Store.save_section`)."""
    return str(getattr(request, "session_hash", "") or "")
