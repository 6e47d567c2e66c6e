"""Files given in the chat: an application ledger (its whole Table 2 as one proposal) and last year's
report (carry-overs prefilled, its problems kept for follow-up)."""

from __future__ import annotations

from pathlib import Path

from assistant.app.chat import ChatView, _append, _next, _store_pending, view
from assistant.app.ledger_fix import entries_state
from assistant.app.uploads import upload_path
from assistant.core import spec
from assistant.core.numbers import format_number
from assistant.intake import Proposal, read_ledger
from assistant.intake.remainder import given_count
from assistant.workspace import Workspace, WorkspaceError, facts_of


def ledger(ws: Workspace, rid: int, path: str | Path) -> ChatView:
    """Read an uploaded ledger; its whole Table 2 becomes one pending proposal (with the rows each
    number came from), compared cell by cell with what is already stored: applied whole or not at all."""
    path = upload_path(path)  # type: ignore[assignment]
    if path is None:  # the upload was cleared: nothing to read
        return view(ws, rid)
    row = ws.row(rid)
    result = read_ledger(path, Path(path).name, row.year)
    messages = [{"role": "user", "content": f"（上传台账：{Path(path).name}）"}]
    if not result.ok:
        messages.append({"role": "assistant", "content": result.message()})
        _append(ws, rid, messages)
        return view(ws, rid)
    facts = facts_of(row)
    fs = spec.spec_for(facts.format)
    proposals = [
        Proposal(k, v, fs.cell(k).label, _rows_text(result.sources.get(k, ())))
        for k, v in result.cells.items()
        if k in fs.by_key  # totals too: the ledger gives the whole table
    ]
    _store_pending(ws, rid, proposals, [], whole=True)
    ws.update_state(rid, ledger_entries=entries_state(result.entries))  # 「台账第5条……」 corrects one
    diffs = ledger_diffs(facts.cells, proposals)
    text = result.message() + "\n\n表二的计算结果已列在右侧“待确认”表中（含每个数来自台账哪些行）。"
    text += not_this_year(result.entries, row.year, facts.cells)
    if diffs:
        text += (
            f"\n台账与已保存的数据有{len(diffs)}个单元格不同（已保存 → 台账）：\n" + "\n".join(diffs[:MAX_DIFFS])
            + (f"\n- ……另有{len(diffs) - MAX_DIFFS}个单元格" if len(diffs) > MAX_DIFFS else "")
            + "\n回复“确认”（或“覆盖”）以台账为准整体替换表二；回复“取消”则台账一项也不采用，表二保持原样。"
        )  # fmt: skip
    else:
        text += "回复“确认”保存整张表二，“取消”则一项也不采用。"
    messages.append({"role": "assistant", "content": text})
    _append(ws, rid, messages)
    return view(ws, rid)


MAX_DIFFS = 20
NEW_ROW = "applications.new_received"


def not_this_year(entries, year: int, stored: dict) -> str:
    """A warning when no application in the ledger was received in the report's year: most often the
    report was created for another year (the form's default is last year), and confirming would turn
    the 本年新收 already saved into 0. Empty when at least one was received that year."""
    if not entries or any(e.received.year == year for e in entries):
        return ""
    first, last = min(e.received for e in entries), max(e.received for e in entries)
    span = f"{first.isoformat()}至{last.isoformat()}" if first != last else first.isoformat()
    text = f"\n\n⚠ 台账中没有一件申请是{year}年收到的（收到日期为{span}），按本报告的{year}年度计算，本年新收为0件"
    saved = given_count(stored, NEW_ROW)
    if saved:
        text += f"，确认后已保存的本年新收{saved}件将改为0"
    return text + f"。请先核对报告年度：如本台账不是{year}年度的，请回复“取消”，并以正确的年度新建报告。"


def ledger_diffs(stored: dict, proposals: list[Proposal]) -> list[str]:
    out = []
    for p in proposals:
        old = stored.get(p.key)
        if old is not None and str(old) != format_number(p.value):
            out.append(f"- {p.label}：{old} → {format_number(p.value)}")
    return out


def previous(ws: Workspace, rid: int, path: str | Path) -> ChatView:
    """Attach (or replace) last year's report from the chat tab."""
    from assistant.app.files import hide_dirs

    path = upload_path(path)  # type: ignore[assignment]
    if path is None:  # the upload was cleared: nothing to read
        return view(ws, rid)
    messages = [{"role": "user", "content": f"（上传上年年报：{Path(path).name}）"}]
    try:
        notes = ws.attach_previous(rid, path)
        text = "已读取上年年报。" + "；".join(notes)
        if not ws.row(rid).state.get("pending"):  # the dialogue goes on (its question may have changed)
            text += "\n\n" + _next(ws, rid)
    except WorkspaceError as e:
        text = f"⚠ {hide_dirs(str(e))}"
    messages.append({"role": "assistant", "content": text})
    _append(ws, rid, messages)
    return view(ws, rid)


def _rows_text(rows: tuple[int, ...]) -> str:
    if not rows:
        return "台账（无对应记录）"
    shown = "、".join(str(r) for r in rows[:12])
    return f"台账第{shown}行" + (f"等{len(rows)}行" if len(rows) > 12 else "")
