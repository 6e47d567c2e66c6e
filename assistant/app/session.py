"""Session handlers: which report the user is on; start, pick and resume (plain functions)."""

from __future__ import annotations

import datetime as _dt
from typing import Any

import gradio as gr

from assistant.app import review_flow
from assistant.app.context import AppContext
from assistant.app.files import hide_dirs
from assistant.app.tab import Tab
from assistant.app.uploads import upload_path
from assistant.core import agency
from assistant.workspace import OFFER_BUTTON, Workspace, WorkspaceError

LEVELS = ["县级政府办公室", "县级部门", "乡镇", "街道", "市级部门", "市级政府办公室", "省级部门", "其他"]


def default_year() -> int:
    return _dt.date.today().year - 1


def choices(ws: Workspace) -> list[tuple[str, int]]:
    rows = ws.reports()
    names = [r.name for r in rows]
    return [(review_flow.report_label(r, names.count(r.name) > 1), r.id) for r in rows]


def header(ws: Workspace, rid: int | None, note: str = "") -> str:
    if rid is None:
        return review_flow.who_line(ws) + (note or "还没有报告：请展开“新建报告”，填写机关名称和年度后创建。")
    row = ws.row(rid)
    state = row.state
    prev = (state.get("previous") or {}).get("source")
    text = f"**{row.agency}** {row.year}年度 · {row.level or '未选层级'} · {review_flow.state_label(row)}"
    text += f" · 上年报告：{prev}" if prev else " · 上年报告：未采用"
    offer = state.get("previous_offer") or {}
    if offer.get("facts"):
        text += f"\n\n待确认：上传的 {offer.get('source', '')} 是“{offer['facts'].get('agency', '')}”的报告，"
        if offer.get("kind") == agency.OTHER_BODY:
            text += f"看起来是另一个部门。只有本机关由它更名或合并而来时，才点击“{offer_button(offer)}”。"
        else:
            text += f"名称与本机关不同。如确为同一机关，请点击“{offer_button(offer)}”。"
    return review_flow.who_line(ws) + text + (f"\n\n{note}" if note else "")


def offer_button(offer: dict) -> str:
    return OFFER_BUTTON.get(offer.get("kind", agency.VARIANT), OFFER_BUTTON[agency.VARIANT])


def offer_label(ws: Workspace, rid: int | None) -> str:
    """The button's words for the waiting offer ("" when none): a renaming vs another department."""
    if rid is None or not has_offer(ws, rid):
        return ""
    return offer_button(ws.row(rid).state.get("previous_offer") or {})


def has_offer(ws: Workspace, rid: int | None) -> bool:
    """Whether a last-year report refused for its name waits for the user's confirmation."""
    if rid is None:
        return False
    try:
        return bool((ws.row(rid).state.get("previous_offer") or {}).get("facts"))
    except WorkspaceError:
        return False


def values(ctx: AppContext, ws: Workspace, rid: int | None, tabs: list[Tab], note: str = "") -> list[Any]:
    pick = gr.Dropdown(choices=choices(ws), value=rid)
    out: list[Any] = [rid, pick, header(ws, rid, note)]
    for tab in tabs:
        out.extend(tab.refresh(ws, rid))
    return out


def load(ctx: AppContext, user: str | None, tabs: list[Tab]) -> list[Any]:
    ws = ctx.workspace(user)
    rid = ws.resume()
    return values(ctx, ws, rid, tabs)


def start(
    ctx: AppContext, user: str | None, tabs: list[Tab], agency, level, year, prev_path, same_body=False
) -> list[Any]:
    """Create a report; last year's comes from the upload, else from this user's own report of year N-1."""
    ws = ctx.workspace(user)
    prev_path = upload_path(prev_path)
    try:
        rid = ws.start(agency, year, level or "")
    except WorkspaceError as e:
        return values(ctx, ws, ws.resume(), tabs, f"⚠ {e}")
    note = "已创建报告。"
    if prev_path:
        try:
            notes = ws.attach_previous(rid, prev_path, same_body=bool(same_body))
            note += " " + "；".join(notes)
        except WorkspaceError as e:
            note += f" 上年报告未采用：{hide_dirs(str(e))}（也可在“对话填报”页重新上传上年年报）"
    else:
        notes = ws.own_previous(rid)
        if notes:
            note += " 已采用本系统中同一机关的上年度报告作为上年报告：" + "；".join(notes)
    return values(ctx, ws, rid, tabs, note)


def confirm_previous(ctx: AppContext, user: str | None, rid: Any) -> str:
    """The header after the user confirmed that a differently named last-year report is the same body."""
    ws = ctx.workspace(user)
    if rid is None:
        return header(ws, None)
    try:
        notes = ws.confirm_previous(int(rid))
    except WorkspaceError as e:
        return header(ws, int(rid), f"⚠ {e}")
    return header(ws, int(rid), "已采用上年报告。" + "；".join(notes))


def status(ctx: AppContext, user: str | None, rid: Any) -> str:
    """The header line as it stands (after an upload in another tab)."""
    ws = ctx.workspace(user)
    try:
        return header(ws, int(rid) if rid is not None else None)
    except WorkspaceError:
        return header(ws, None)


def pick(ctx: AppContext, user: str | None, tabs: list[Tab], rid: Any) -> list[Any]:
    ws = ctx.workspace(user)
    try:
        ws.open(int(rid))
    except WorkspaceError as e:  # another organisation's report, or one removed: the reason said
        return values(ctx, ws, ws.resume(), tabs, f"⚠ 无法打开该报告：{e}")
    except (TypeError, ValueError):
        return values(ctx, ws, ws.resume(), tabs, "⚠ 无法打开该报告")
    return values(ctx, ws, int(rid), tabs)


TAB_IDS = {
    "对话填报": "chat",
    "统计表": "tables",
    "起草与修改": "draft",
    "审阅与审定": "signoff",
    "导出": "export",
    "审核": "audit",
    "语料库": "corpus",
}


def remember_tab(ctx: AppContext, user: str | None, rid: Any, label: Any) -> None:
    """Autosave which tab the user is on, so that a restart reopens it."""
    tab = TAB_IDS.get(str(label), str(label) if str(label) in TAB_IDS.values() else None)
    if rid is None or tab is None:
        return
    try:
        ctx.workspace(user).update_state(int(rid), tab=tab)
    except WorkspaceError:
        pass


def last_tab(ctx: AppContext, user: str | None, rid: Any) -> str:
    if rid is None:
        return "chat"
    try:
        return ctx.workspace(user).row(int(rid)).state.get("tab") or "chat"
    except WorkspaceError:
        return "chat"
