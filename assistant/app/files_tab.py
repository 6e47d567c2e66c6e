"""The 导出 and 审核 tabs."""

from __future__ import annotations

from typing import Any

import gradio as gr

from assistant.app import files
from assistant.app.context import AppContext
from assistant.app.tab import Tab
from assistant.workspace import WorkspaceError


def build_export(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    with gr.Tab("导出", id="export"):
        gr.Markdown(
            "导出当前报告：正文取自“起草与修改”页，表格由程序按统计表填写。审阅稿标出有问题的单元格并附核对意见；定稿不含任何标记。"
        )
        edition = gr.Radio(
            label="导出版本",
            choices=list(files.EDITIONS),
            value="定稿",
            info="定稿：干净的发布稿；审阅稿：标出有问题的单元格，并在文末附核对意见；"
            "修订稿（仅 Word）：审核人对经办人正文的修改以 Word 修订显示，可逐条接受或拒绝",
            elem_id="export_edition",
        )
        with gr.Row():
            buttons = {label: gr.Button(f"导出{label}", elem_id=f"export{suffix.strip('.')}")
                       for label, suffix in files.EXPORT_FORMATS.items()}  # fmt: skip
        out = gr.File(label="下载", elem_id="export_file")
        msg = gr.Markdown("", elem_id="export_msg")

    for label, btn in buttons.items():

        def on_export(
            report_id,
            edition_v,
            request: gr.Request,
            progress=gr.Progress(),
            _suffix=files.EXPORT_FORMATS[label],
        ):
            if report_id is None:
                return None, "请先创建或选择报告"
            progress(0, desc="正在导出…")
            ws = ctx.workspace(user_of(request))
            try:
                return files.export(
                    ws, report_id, _suffix, ctx.export_dir, files.EDITIONS.get(edition_v, False)
                )
            except (WorkspaceError, OSError) as e:
                return None, f"⚠ 导出失败：{e}"

        btn.click(on_export, [rid, edition], [out, msg], show_progress="full")
    return Tab(outputs=[out, msg], refresh=lambda ws, r: [None, ""])


def build_audit(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    with gr.Tab("审核", id="audit"):
        gr.Markdown(
            "上传一份或多份已发布的年报（docx/html/txt/md/pdf 或数据文件），逐份核对表格勾稽、格式和文字与表格是否一致。"
        )
        uploads = gr.File(
            label="年报文件（可多选）", file_count="multiple", type="filepath", elem_id="audit_files"
        )
        previous = gr.File(label="上年报告（可选，用于跨年度核对和雷同比对）", type="filepath")
        run = gr.Button("开始审核", variant="primary", elem_id="audit_btn")
        msg = gr.Markdown("", elem_id="audit_msg")
        summary = gr.Dataframe(label="汇总", headers=files.SUMMARY_COLUMNS, interactive=False)
        table = gr.Dataframe(label="发现的问题", headers=files.AUDIT_COLUMNS, interactive=False, wrap=True,
                             elem_id="audit_table")  # fmt: skip
        csv = gr.File(label="下载 CSV")

    def on_audit(
        paths: list[str] | None, prev: str | None, request: gr.Request, progress=gr.Progress()
    ) -> list[Any]:
        progress(0, desc="正在审核…")
        ws = ctx.workspace(user_of(request))
        out_dir = ctx.export_dir / str(ws.user_id) / "audit"
        found, summ, csv_path, text = files.audit(list(paths or []), prev, out_dir)
        return [found, summ, csv_path or None, text]

    run.click(on_audit, [uploads, previous], [table, summary, csv, msg], show_progress="full")
    return Tab()
