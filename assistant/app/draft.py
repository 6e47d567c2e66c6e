"""Draft-tab handlers (plain functions): generate (streaming), edit, regenerate, lock, history, restore.

Sections live in the store; a Draft object (with its grounding) is rebuilt from the report each time
it is needed. Locked sections are never redrafted. A drafting failure never touches stored text:
sections are saved only when their final text arrives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from assistant.app.draft_status import diff_html, report_status
from assistant.app.review_flow import KEEP_MINE, TAKE_CURRENT  # noqa: F401 - the tab's button labels
from assistant.config import Settings
from assistant.core import spec
from assistant.core.report import Report
from assistant.drafting import SectionDraft, staff_edits, stream_draft
from assistant.review_service import escape
from assistant.workspace import EditConflictError, Workspace, WorkspaceError, check_section_length

SECTION_KEYS = tuple(s.key for s in spec.SECTIONS)
SEVERITY = {"error": "✗", "warning": "!"}


@dataclass(frozen=True)
class DraftView:
    texts: dict[str, str]
    locked: dict[str, bool]
    findings: dict[str, str]  # markdown per section
    notes: str | None  # None: leave the notes on screen as they are
    status: str = ""  # the whole report's state (tables and prose), shown at the top
    bases: dict[str, str] | None = None  # the texts a later save starts from (default: `texts`)
    conflict: dict[str, str] | None = None  # key / theirs / current / by while a save clash waits
    writable: bool = True  # False: approved or read-only for this user (the status says why)
    busy: bool = False  # True while 生成全文 streams: the boxes are read-only until it has ended


def view(ws: Workspace, rid: int | None, notes: str = "") -> DraftView:
    if rid is None:
        empty = dict.fromkeys(SECTION_KEYS, "")
        return DraftView(empty, dict.fromkeys(SECTION_KEYS, False), empty, notes, "请先创建或选择报告")
    rows = ws.sections(rid)
    texts = {k: rows[k].text if k in rows else "" for k in SECTION_KEYS}
    locked = {k: rows[k].locked if k in rows else False for k in SECTION_KEYS}
    findings = {
        k: findings_markdown(rows[k].findings) if k in rows and rows[k].text else "" for k in SECTION_KEYS
    }
    status = report_status(ws.check(rid).findings, rows)
    refused = ws.can_write(ws.row(rid))
    if refused:  # why the boxes are read-only
        status += f"\n\n**正文只读**：{refused}"
    return DraftView(texts, locked, findings, notes, status, writable=not refused)


SECTION_SCOPE = "（只核对本部分文字：数字来源、必备内容、文字规范；统计表见页首）"


def findings_markdown(findings: list[dict[str, Any]]) -> str:
    if not findings:
        return "✓ 本部分文字未发现问题" + SECTION_SCOPE
    lines = [f"{SEVERITY.get(f['severity'], '·')} {f['message']}" for f in findings]
    # one paragraph each: Markdown joins lines split by a single newline into one run of text
    return "\n\n".join(lines) + "\n\n" + SECTION_SCOPE


def previous_report(ws: Workspace, rid: int) -> Report | None:
    prev = ws.previous(rid)
    if prev is None:
        return None
    problems = ws.previous_problems(rid)
    sections = {"s5_problems": problems} if problems else {}
    return Report("上年报告", "", prev.agency, prev.year, prev.format, sections, dict(prev.cells))


def generate(ws: Workspace, rid: int, settings: Settings, retriever: Any = "auto") -> Iterator[DraftView]:
    """Stream a full draft; yields views as text arrives; saves each section when it is final."""
    refused = ws.can_write(ws.row(rid))  # e.g. approved: said plainly, not as a drafting failure
    if refused:
        yield view(ws, rid, f"⚠ {refused}")
        return
    locked = {k for k, s in ws.sections(rid).items() if s.locked}
    todo = tuple(k for k in SECTION_KEYS if k not in locked)
    if not todo:
        yield view(ws, rid, "全部章节均已锁定，未重新生成。")
        return
    started = dict(view(ws, rid).texts)  # what a hand save during the stream is told apart from
    live = dict(started)
    notes: list[str] = []
    try:
        for event in stream_draft(ws.facts(rid), previous_report(ws, rid), retriever=retriever,
                                  settings=settings, sections=todo):  # fmt: skip
            if event.kind == "notes":
                notes += list(event.notes)
            elif event.kind == "reset":
                live[event.section] = ""
            elif event.kind == "delta":
                live[event.section] = live.get(event.section, "") + event.text
            elif event.kind == "waiting":
                yield _live(ws, rid, live, notes + [event.text])
                continue
            elif event.kind == "section" and event.section_draft is not None:
                live[event.section] = _save_drafted(ws, rid, event.section_draft, started, notes)
            else:
                continue
            yield _live(ws, rid, live, notes)
    except Exception as e:  # noqa: BLE001 - a failure must leave the stored texts untouched
        yield view(ws, rid, f"⚠ 起草中断（{type(e).__name__}），已保存的内容未受影响。")
        return
    yield view(ws, rid, _notes_text(notes) or "已生成。")


def _save_drafted(
    ws: Workspace, rid: int, sd: SectionDraft, started: dict[str, str], notes: list[str]
) -> str:
    """Save a drafted section; the text now shown for it. A section saved by hand while the draft was
    streaming (locked, or no longer the text the draft started from) is kept: said in the notes, never
    overwritten, and the other sections go on."""
    current = ws.sections(rid).get(sd.key)
    kept = f"{sd.label}：起草期间已手工修改，保留修改后的文本，未用新稿覆盖"
    if current is not None and (current.locked or current.text != started.get(sd.key, "")):
        notes.append(kept)
        return current.text
    try:
        _save(ws, rid, sd, "generate")
    except WorkspaceError:  # locked by a hand save in between
        notes.append(kept)
        return ws.sections(rid)[sd.key].text
    notes += [f"{sd.label}：{n}" for n in sd.notes]
    return sd.text


DRAFTING = "正在起草……各部分在起草结束后才能修改"  # the first note while 生成全文 streams


def _live(ws: Workspace, rid: int, live: dict[str, str], notes: list[str]) -> DraftView:
    base = view(ws, rid, _notes_text([DRAFTING, *notes]))
    texts = {**base.texts, **{k: v for k, v in live.items() if v}}
    return replace(base, texts=texts, busy=True)


def _notes_text(notes: list[str]) -> str:
    return "\n".join(f"- {n}" for n in dict.fromkeys(notes))


def _save(ws: Workspace, rid: int, sd: SectionDraft, origin: str, note: str = "") -> None:
    ws.save_section(rid, sd.key, sd.text, origin, note, [f.to_json() for f in sd.findings])


def edit(
    ws: Workspace, rid: int, key: str, text: str, base: str | None = None, editor: str = ""
) -> DraftView:
    """Save the editor's text and re-check it with the guard (against this year's data). `base`: the
    text shown when the user started; if a colleague saved since, nothing is overwritten (conflict).
    `editor`: the page saving; its own saves since `base` (a 保存 pressed while the previous one
    was still running) are not a clash."""
    if key not in SECTION_KEYS:
        raise WorkspaceError(f"未知的章节“{key}”")
    current = ws.sections(rid).get(key)
    refused = ws.can_write(ws.row(rid))  # approved or read-only: said even when nothing was changed
    if refused:
        return view(ws, rid, f"⚠ {refused}" + ("" if current and current.text == text else unsaved(text)))
    if (current is not None and current.text == text) or (base is not None and text == base):
        unchanged = view(ws, rid)  # nothing changed (e.g. the box merely lost focus): keep the notes shown
        return replace(unchanged, notes=None)
    try:
        check_section_length(key, text)  # before the guard reads it
        ws.save_section(rid, key, text, "edit", findings=recheck(ws, rid, key, text), base=base,
                        editor=editor)  # fmt: skip
    except EditConflictError as e:
        return conflict_view(ws, rid, key, e)
    except WorkspaceError as e:  # refused (approved, read-only): the typed text is said back, not lost
        return view(ws, rid, f"⚠ {e}" + unsaved(text))
    if not ws.sections(rid)[key].locked:
        ws.lock(rid, key, True)  # a hand edit is never overwritten by 生成全文
    return view(
        ws, rid, "已保存并重新核对；该部分已自动锁定，“生成全文”不会覆盖（如需重新生成请先取消锁定）。"
    )


def conflict_view(ws: Workspace, rid: int, key: str, e: EditConflictError) -> DraftView:
    """Old → theirs → current: the user's text stays in the box, nothing is saved until they choose
    (KEEP_MINE / TAKE_CURRENT). The box's base stays the old text, so that the box losing focus or
    a second 保存 shows the clash again instead of overwriting the colleague's text."""
    from assistant.app.review_flow import conflict_markdown

    clash = {"old": e.old, "theirs": e.theirs, "current": e.current, "by": e.by, "own": e.own}
    v = view(ws, rid, f"⚠ {spec.SECTION_BY_KEY[key].label}：{e}\n\n" + conflict_markdown(clash))
    return DraftView({**v.texts, key: e.theirs}, v.locked, v.findings, v.notes, v.status,
                     bases={**v.texts, key: e.old}, conflict={**clash, "key": key})  # fmt: skip


def keep_mine(ws: Workspace, rid: int, clash: dict[str, Any], text: str, editor: str = "") -> DraftView:
    """Save the user's text over the current one, knowingly (a newer save than `current` clashes again)."""
    return edit(ws, rid, clash["key"], text, clash["current"], editor)


def take_current(ws: Workspace, rid: int, clash: dict[str, Any], text: str, editor: str = "") -> DraftView:
    """Put the stored text into the box; nothing is written. The user's text is said back."""
    key = clash["key"]
    label = spec.SECTION_BY_KEY[key].label
    by = "您本人在另一窗口" if clash.get("own") else f"{clash['by']} " if clash.get("by") else ""
    return view(ws, rid, f"{label}：已采用{by}保存的当前文本，您的修改未保存。{unsaved(text)}")


def unsaved(text: str) -> str:
    """The user's text that was not saved, said back as a quote (escaped) so that it can be copied."""
    if not (text or "").strip():
        return ""
    return "\n\n您未保存的修改（如需可复制）：\n\n> " + escape(text).replace("\n", "\n> ")


def recheck(ws: Workspace, rid: int, key: str, text: str) -> list[dict[str, Any]]:
    """The guard's findings on `text` against this year's data (after an edit or a restore)."""
    result = staff_edits.recheck(ws.facts(rid), previous_report(ws, rid), key, text)
    return [f.to_json() for f in result.findings]


def regenerate(ws: Workspace, rid: int, key: str, instruction: str, settings: Settings) -> DraftView:
    rows = ws.sections(rid)
    if key in rows and rows[key].locked:
        return view(ws, rid, f"{spec.SECTION_BY_KEY[key].label} 已锁定，请先解锁。")
    texts = {k: r.text for k, r in rows.items()}
    new = staff_edits.regenerate(ws.facts(rid), previous_report(ws, rid), texts, key, instruction, settings)
    if new.text == texts.get(key, ""):
        return view(ws, rid, _notes_text(list(new.notes)) or "未生成新的文本，原文保留。")
    _save(ws, rid, new, "regenerate", instruction)
    return view(ws, rid, _notes_text(list(new.notes)) or f"已按“{instruction or '换一种表述'}”重新生成。")


def set_lock(ws: Workspace, rid: int, key: str, locked: bool) -> DraftView:
    try:
        ws.lock(rid, key, locked)
    except WorkspaceError as e:
        return view(ws, rid, f"⚠ {e}")
    return view(ws, rid, f"{spec.SECTION_BY_KEY[key].label}：{'已锁定' if locked else '已解锁'}")


def restore(ws: Workspace, rid: int, version_id: int) -> DraftView:
    """Bring back an earlier text; it is checked again against this year's data."""
    v = ws.restore(rid, version_id)
    ws.store.set_findings(ws.user_id, rid, v.key, recheck(ws, rid, v.key, v.text))
    return view(ws, rid, f"{spec.SECTION_BY_KEY[v.key].label}：已恢复到版本 #{v.id}，并已重新核对")


def history_choices(ws: Workspace, rid: int, key: str) -> list[tuple[str, int]]:
    import time

    out = []
    for v in ws.history(rid, key):
        when = time.strftime("%m-%d %H:%M:%S", time.localtime(v.created_at))
        origin = {"generate": "生成", "edit": "编辑", "regenerate": "重新生成", "restore": "恢复"}.get(
            v.origin, v.origin
        )
        who = f" {v.author}" if v.author else ""  # who saved it (issue 16)
        out.append((f"#{v.id} {when}{who} {origin}{('：' + v.note) if v.note else ''}", v.id))
    return out


def default_version(ws: Workspace, rid: int, key: str) -> int | None:
    """The version shown first: the newest one that differs from the current text (the newest
    version usually is the current text, and its diff would show nothing)."""
    versions = ws.history(rid, key)
    current = ws.sections(rid).get(key)
    text = current.text if current else ""
    return next((v.id for v in versions if v.text != text), versions[0].id if versions else None)


def version_diff(ws: Workspace, rid: int, key: str, version_id: int | None) -> str:
    if version_id is None:
        return ""
    versions = {v.id: v for v in ws.history(rid, key)}
    if version_id not in versions:
        return "找不到该版本"
    current = ws.sections(rid).get(key)
    return diff_html(versions[version_id].text, current.text if current else "")
