"""The 批量审核 tab (supervisors): upload a folder or zip, one row per report, detail, decisions, chart.

Layout and wiring only; the logic is in `assistant.desk.board` (plain functions, tested without a
server). Decisions are stored per user in the app's database (`assistant.desk.store`).
"""

from __future__ import annotations

import hashlib
import time
import zipfile
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.app.context import LOCAL_USER, AppContext
from assistant.app.files import hide_dirs
from assistant.app.tab import Tab
from assistant.desk import board
from assistant.desk.batch import run_batch
from assistant.desk.chart import draw
from assistant.desk.dispositions import DeskError
from assistant.desk.opinion import Letter, confirmed, write_opinion
from assistant.desk.store import DeskStore
from assistant.desk.workbook import write_workbook
from assistant.review_service import escape

MAX_UPLOADS = 5_000


def org_of(ctx: AppContext, username: str | None) -> str:
    """Whose decisions: the user's organisation when they belong to one, else the user."""
    name = username if (ctx.auth and username) else LOCAL_USER
    try:
        account = ctx.store.account(ctx.store.user_id(name, create=not ctx.auth))
    except Exception:  # noqa: BLE001 - an unknown account keeps its own decisions
        return f"user:{name}"
    org_id = getattr(account, "org_id", None)
    return f"org:{org_id}" if org_id is not None else f"user:{name}"


def desk_store(ctx: AppContext) -> DeskStore:
    if "desk_store" not in ctx.extras:
        ctx.extras["desk_store"] = DeskStore(ctx.store.path)
    return ctx.extras["desk_store"]


def user_dir(ctx: AppContext, org: str) -> Path:
    return ctx.export_dir / "desk" / hashlib.sha256(org.encode("utf-8")).hexdigest()[:12]


def run_audit(
    ctx: AppContext, org: str, paths: list[str] | None, on_progress=None
) -> tuple[board.Board, str]:
    """Audit the uploads (files and zips); the message counts what was audited and what was not."""
    if not paths:
        return board.Board(), "请先上传年报文件或 zip 压缩包"
    paths = list(paths)[:MAX_UPLOADS]
    work = user_dir(ctx, org) / "uploads" / time.strftime("%Y%m%d-%H%M%S")
    results = run_batch(paths, jobs=None, on_progress=on_progress, work_dir=work, start_method="spawn")
    b = board.Board(results)
    bad = sum(1 for r in results if r.error)
    dup = sum(1 for r in results if any(n.startswith("重复") for n in r.notes))
    msg = f"共 {len(results)} 项：{len(results) - bad} 份已审核，{bad} 项无法读取或被拒绝" + (
        f"，{dup} 份重复" if dup else ""
    )
    return b, msg + unreadable_list(results)


SHOWN_UNREADABLE = 10


def unreadable_list(results) -> str:
    """Which files were not read and why, under the count (the table says only 「无法读取」)."""
    reasons = [escape(hide_dirs(r.error)) for r in results if r.error]  # 「a_b_.txt」 is no emphasis
    if not reasons:
        return ""
    more = len(reasons) - SHOWN_UNREADABLE
    lines = [f"- {x}" for x in reasons[:SHOWN_UNREADABLE]]
    tail = [f"- 另有 {more} 项，点击表中“无法读取”的行查看原因"] if more > 0 else []
    return "\n\n未能审核：\n" + "\n".join([*lines, *tail])


def views(ctx: AppContext, org: str, b: board.Board, query: str, status: str, sort: str):
    reviewed = b.reviewed(desk_store(ctx), org)
    frame = board.table(reviewed, query, status, sort)
    frame["文件"] = frame["文件"].map(hide_dirs)
    chart = draw(reviewed, user_dir(ctx, org) / f"chart-{time.time_ns()}.png") if reviewed else None
    return frame, (str(chart) if chart else None)


def show_detail(ctx: AppContext, org: str, b: board.Board, index: int | None):
    if index is None or not 1 <= index <= len(b.results):
        return "<p>在上表中点击一份报告查看详情</p>", None
    rep = b.reviewed(desk_store(ctx), org)[index - 1]
    return board.detail_html(rep, hide_dirs), board.findings_frame(rep)


def save_decision(ctx: AppContext, org: str, b: board.Board, index: int | None, numbers: str,
                  disposition: str, reason: str, who: str) -> str:  # fmt: skip
    if index is None or not 1 <= index <= len(b.results):
        return "请先选择一份报告"
    rep = b.reviewed(desk_store(ctx), org)[index - 1]
    try:
        return board.apply(rep, desk_store(ctx), org, numbers, disposition, reason, who or org)
    except DeskError as e:
        return f"⚠ {e}"


def make_downloads(ctx: AppContext, org: str, b: board.Board, deadline: str) -> tuple[list[str], str]:
    reviewed = b.reviewed(desk_store(ctx), org)
    if not reviewed:
        return [], "请先审核一批报告"
    out = user_dir(ctx, org) / "out" / time.strftime("%Y%m%d-%H%M%S")
    book = write_workbook(reviewed, out / "审核汇总.xlsx")
    letters = [write_opinion(rep, out / f"{i:03d}_审核意见.docx", Letter(deadline=deadline))
               for i, rep in enumerate(reviewed, 1) if rep.result.facts is not None and confirmed(rep)]  # fmt: skip
    files = [str(book)]
    if letters:
        bundle = out / "审核意见.zip"
        with zipfile.ZipFile(bundle, "w", zipfile.ZIP_DEFLATED) as zf:
            for p in letters:
                zf.write(p, p.name)
        files.append(str(bundle))
    return files, f"已生成汇总工作簿和 {len(letters)} 份审核意见（只含“确认须整改”的问题）"


# 序号 文件 机关 层级 年度 格式 待处理错误 须整改 已排除 提醒 状态
REVIEW_WIDTHS = ["5%", "19%", "17%", "7%", "6%", "7%", "8%", "7%", "7%", "6%", "11%"]


def build(ctx: AppContext, rid: gr.State, user_of) -> Tab:
    with gr.Tab("批量审核", id="review"):
        gr.Markdown("上传下级单位的年报（可多选，或打包为 zip；任意格式），逐份核对；对每条问题标记 确认（须整改）/ 已说明 / 误报，"
                    "再生成发回各单位的审核意见和汇总表。")  # fmt: skip
        state = gr.State(board.Board())
        picked = gr.State(None)
        uploads = gr.File(
            label="年报文件或 zip", file_count="multiple", type="filepath", elem_id="review_files"
        )
        run = gr.Button("开始批量审核", variant="primary", elem_id="review_btn")
        msg = gr.Markdown("", elem_id="review_msg")
        with gr.Row():
            query = gr.Textbox(label="筛选（机关或文件名）", scale=2, elem_id="review_query")
            status = gr.Dropdown(board.STATUSES, value="全部", label="状态")
            sort = gr.Dropdown(board.SORTS, value="原顺序", label="排序")
        # the whole width for the 11 columns: beside the chart, 待处理错误 … 状态 were cut off at 1366 px
        rows = gr.Dataframe(headers=board.COLUMNS, interactive=False, label="报告（点击一行查看详情）",
                            wrap=True, column_widths=REVIEW_WIDTHS, elem_id="review_table")  # fmt: skip
        chart = gr.Image(label="统计图", type="filepath", elem_id="review_chart", height=320)
        detail = gr.HTML("", elem_id="review_detail")
        found = gr.Dataframe(headers=board.FINDING_COLUMNS, interactive=False, wrap=True, label="问题清单")
        with gr.Row():
            numbers = gr.Textbox(label="问题编号（如 1,3-5 或 全部）", elem_id="review_numbers")
            disp = gr.Radio(board.DISPOSITIONS, value=board.DISPOSITIONS[0], label="处理意见")
            reason = gr.Textbox(label="理由（已说明、误报必填）")
            who = gr.Textbox(label="审核人")
        save = gr.Button("保存处理意见", elem_id="review_save")
        save_msg = gr.Markdown("", elem_id="review_save_msg")
        with gr.Row():
            deadline = gr.Textbox(label="整改期限（如 2024年4月15日，可不填）")
            make = gr.Button("生成审核意见和汇总表", elem_id="review_make")
        downloads = gr.File(label="下载", file_count="multiple")
        make_msg = gr.Markdown("")
    _wire(ctx, user_of, locals())
    return Tab()


def _wire(ctx: AppContext, user_of, c: dict[str, Any]) -> None:
    def org(request: gr.Request) -> str:
        return org_of(ctx, user_of(request))

    def on_run(paths, q, s, so, request: gr.Request, progress=gr.Progress()):
        def tick(done: int, total: int, name: str) -> None:
            progress((done, total), desc="审核中", unit="份")

        b, text = run_audit(ctx, org(request), paths, tick)
        frame, pic = views(ctx, org(request), b, q, s, so)
        return b, None, text, frame, pic, "<p>在上表中点击一份报告查看详情</p>", None

    def on_filter(b, q, s, so, request: gr.Request):
        return views(ctx, org(request), b, q, s, so)

    def on_pick(b, frame, evt: gr.SelectData, request: gr.Request):
        row = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
        index = int(frame.iloc[row]["序号"]) if frame is not None and len(frame) > row else None
        return (index, *show_detail(ctx, org(request), b, index))

    def on_save(b, index, n, d, r, w, q, s, so, request: gr.Request):
        text = save_decision(ctx, org(request), b, index, n, d, r, w)
        return (text, *show_detail(ctx, org(request), b, index), *views(ctx, org(request), b, q, s, so))

    def on_make(b, dl, request: gr.Request):
        return make_downloads(ctx, org(request), b, dl)

    filters = [c["query"], c["status"], c["sort"]]
    c["run"].click(on_run, [c["uploads"], *filters],
                   [c["state"], c["picked"], c["msg"], c["rows"], c["chart"], c["detail"], c["found"]],
                   show_progress="full")  # fmt: skip
    for f in filters:
        f.change(on_filter, [c["state"], *filters], [c["rows"], c["chart"]])
    c["rows"].select(on_pick, [c["state"], c["rows"]], [c["picked"], c["detail"], c["found"]])
    c["save"].click(on_save, [c["state"], c["picked"], c["numbers"], c["disp"], c["reason"], c["who"], *filters],
                    [c["save_msg"], c["detail"], c["found"], c["rows"], c["chart"]])  # fmt: skip
    c["make"].click(
        on_make, [c["state"], c["deadline"]], [c["downloads"], c["make_msg"]], show_progress="full"
    )
