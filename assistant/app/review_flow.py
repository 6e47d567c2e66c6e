"""审阅与审定: who is logged in, the review state and its moves, comments beside the section text,
an editor's edit that never overwrites a colleague's save silently, and the history with authors.

Plain functions returning a `ReviewView`; the layout is `review_flow_tab.py`. Every permission is checked
by the workspace (`assistant.review_service`); here refusals become the Chinese note on screen.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from assistant.core import spec
from assistant.export.revisions import ops
from assistant.review_service import escape
from assistant.roles import ACTION_LABELS, APPROVED, EDITOR, RETURNED, SUBMITTED, TRANSITIONS, WRITERS
from assistant.store_review import Comment
from assistant.workspace import EditConflictError, Workspace, WorkspaceError

SECTION_CHOICES = [(s.label, s.key) for s in spec.SECTIONS]
ACTIONS = tuple(TRANSITIONS)  # submit, return, approve, reopen
WHOLE = "（针对整个章节）"  # the first choice of the sentence list: a comment on the section
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")


@dataclass(frozen=True)
class ReviewView:
    who: str  # markdown: account, organisation, role
    state: str  # markdown: the state, who moved it and when, the history of moves
    actions: dict[str, bool]  # which move buttons this user may press now
    text: str  # markdown: the section as it stands, commented sentences marked
    comments: str  # markdown: threads beside the text
    threads: list[tuple[str, int]]  # open threads, for answer / resolve
    edit_text: str  # the editable text
    base: str  # the text the edit started from (sent back on save)
    history: str  # markdown: versions with authors, each one's changes highlighted
    notes: str = ""
    conflict: dict[str, str] = field(default_factory=dict)  # old / theirs / current after a clash
    sentences: list[str] = field(default_factory=list)  # the section's sentences, to comment on one
    rights: dict[str, bool] = field(default_factory=dict)  # comment / answer / edit: which panels show


def sentences(text: str) -> list[str]:
    """The sentences of a section, in order, each once (what an editor picks to comment on)."""
    found = (m.group(0).strip() for m in _SENTENCE.finditer(text or ""))
    return list(dict.fromkeys(s for s in found if len(s) >= 4))


def when(ts: float | None) -> str:
    return time.strftime("%m-%d %H:%M", time.localtime(ts)) if ts else ""


def who_markdown(ws: Workspace) -> str:
    acc = ws.account
    if acc.org_id is None:
        return f"当前用户：**{escape(acc.username)}**（个人账号，可审定本人报告）"
    return f"当前用户：**{escape(acc.username)}** · {escape(acc.org)} · {acc.role}"


def state_label(row) -> str:
    """The state as shown on the report list and the report: 待审核（zhang 12-02 17:20）."""
    by = f"（{row.review_by} {when(row.review_at)}）" if row.review_by else ""
    return f"{row.review_state}{by}"


def state_markdown(ws: Workspace, rid: int) -> str:
    row = ws.row(rid)
    head = [
        f"审核状态：**{row.review_state}**"
        + (f" · {escape(row.review_by)} 于 {when(row.review_at)}" if row.review_by else "")
    ]
    if row.review_state == APPROVED:
        head.append("已审定：正文与表格已锁定，只有审核人可以“重新打开”（需说明理由）。")
    reason = ws.can_write(row)
    if reason and row.review_state != APPROVED:
        head.append(f"（{reason}）")
    head.append(next_step(ws, row))
    lines = ["\n\n".join(h for h in head if h), ""]
    for e in ws.events(rid)[-8:]:
        why = f"：{escape(e.reason)}" if e.reason else ""
        lines.append(
            f"- {when(e.created_at)} {escape(e.author)} {ACTION_LABELS.get(e.action, e.action)} → {e.to_state}{why}"
        )
    return "\n".join(lines)


def next_step(ws: Workspace, row) -> str:
    """What this user can do next, in words (the buttons of moves not open to them are hidden)."""
    acc, state = ws.account, row.review_state
    if (row.org_id is not None and row.org_id != acc.org_id) or acc.effective_role not in WRITERS:
        return ""
    editor = acc.effective_role == EDITOR
    if state == SUBMITTED:
        return (
            "下一步：审阅后点击“退回修改”（请写明理由）或“审定通过”。"
            if editor
            else "已提交，等待审核人审核。审核人退回或审定后，本页会显示结果和意见。"
        )
    if state == APPROVED:
        return "如需修改：在右侧填写理由后点击“重新打开”。" if editor else ""
    if state == RETURNED and editor:
        return "已退回经办人修改；修改后由经办人重新提交审核。"
    back = "按审核意见修改后，" if state == RETURNED else "起草完成后，"
    return f"下一步：{back}点击“提交审核”。"


def allowed_actions(ws: Workspace, rid: int) -> dict[str, bool]:
    row = ws.row(rid)
    acc = ws.account
    member = row.org_id is None or row.org_id == acc.org_id
    return {
        a: member and acc.effective_role in roles and row.review_state in sources
        for a, (sources, _target, roles) in TRANSITIONS.items()
    }


def comments_markdown(threads: list[Comment], show_resolved: bool = True) -> str:
    tops = [c for c in threads if c.parent_id is None]
    if not tops:
        return "（本章节还没有审核意见）"
    blocks = []
    for top in tops:
        if top.resolved and not show_resolved:
            continue
        mark = (
            f"✓ 已解决（{escape(top.resolved_by)} {when(top.resolved_at)}）" if top.resolved else "● 待处理"
        )
        quote = f"> {escape(top.quote)}\n\n" if top.quote else ""
        lines = [
            f"**#{top.id}** {mark}\n\n{quote}**{escape(top.author)}**（{when(top.created_at)}）：{escape(top.body)}"
        ]
        for r in (c for c in threads if c.parent_id == top.id):
            lines.append(f"- ↳ **{escape(r.author)}**（{when(r.created_at)}）：{escape(r.body)}")
        blocks.append("\n".join(lines))
    return "\n\n---\n\n".join(blocks)


def text_markdown(text: str, threads: list[Comment]) -> str:
    """The section text, escaped, with every sentence under an open comment highlighted."""
    if not text:
        return "（本章节还没有正文）"
    out = escape(text)
    for q in {c.quote for c in threads if c.quote and not c.resolved and c.parent_id is None}:
        out = out.replace(escape(q), f"<mark>{escape(q)}</mark>")
    return out.replace("\n", "  \n")


def highlight(old: str, new: str) -> str:
    """new with insertions marked and deletions struck through (escaped). Compared sentence by
    sentence as the Word 修订稿 is (`export.revisions.ops`): a rewritten sentence is shown whole."""
    parts = []
    for op, a0, a1, b0, b1 in ops(old, new):
        if op == "equal":
            parts.append(escape(new[b0:b1]))
            continue
        if a1 > a0:
            parts.append(f"<del>{escape(old[a0:a1])}</del>")
        if b1 > b0:
            parts.append(f"<mark>{escape(new[b0:b1])}</mark>")
    return "".join(parts)


def history_markdown(ws: Workspace, rid: int, key: str, limit: int = 6) -> str:
    versions = list(reversed(ws.history(rid, key)))  # oldest first
    if not versions:
        return "（还没有版本）"
    origin = {
        "generate": "生成",
        "edit": "编辑",
        "regenerate": "重新生成",
        "restore": "恢复",
        "import": "导入",
    }
    blocks = []
    for prev, v in zip([None, *versions[:-1]], versions, strict=True):
        author = escape(v.author) if v.author else "（未记录）"
        head = f"**#{v.id}** {when(v.created_at)} · {author} · {origin.get(v.origin, v.origin)}"
        if prev is not None and prev.author != v.author and v.author:
            head += f" · 修改了 {escape(prev.author) or '之前'} 的文本"
        body = escape(v.text) if prev is None else highlight(prev.text, v.text)
        blocks.append(f"{head}\n\n" + body.replace("\n", "  \n"))
    return "\n\n---\n\n".join(reversed(blocks[-limit:]))


def view(
    ws: Workspace, rid: int | None, key: str = "s1_overview", notes: str = "", base: str | None = None
) -> ReviewView:
    try:
        return _view(ws, rid, key, notes, base)
    except WorkspaceError as e:
        return _view(ws, None, key, f"⚠ {e}", None)


def _view(ws: Workspace, rid: int | None, key: str, notes: str, base: str | None) -> ReviewView:
    if rid is None:
        return ReviewView(
            who_markdown(ws),
            "请先创建或选择报告",
            dict.fromkeys(ACTIONS, False),
            "",
            "",
            [],
            "",
            "",
            "",
            notes,
        )
    key = key if key in spec.SECTION_BY_KEY else "s1_overview"
    current = ws.sections(rid).get(key)
    text = current.text if current else ""
    threads = ws.comments(rid, key)
    open_threads = [
        (f"#{c.id} {c.body[:20]}", c.id) for c in threads if c.parent_id is None and not c.resolved
    ]
    return ReviewView(
        who_markdown(ws), state_markdown(ws, rid), allowed_actions(ws, rid), text_markdown(text, threads),
        comments_markdown(threads), open_threads, text, text if base is None else base,
        history_markdown(ws, rid, key), notes, sentences=sentences(text), rights=rights(ws, rid),
    )  # fmt: skip


def rights(ws: Workspace, rid: int) -> dict[str, bool]:
    """Which panels this user is offered (the workspace refuses the rest anyway)."""
    row, acc = ws.row(rid), ws.account
    member = row.org_id is None or row.org_id == acc.org_id
    return {
        "comment": member and acc.effective_role == EDITOR,
        "answer": member and acc.effective_role in WRITERS,
        "edit": not ws.can_write(row),
    }


def _guard(ws: Workspace, rid: int | None, key: str, fn) -> ReviewView:
    if rid is None:
        return view(ws, None, key, "请先创建或选择报告")
    try:
        return fn()
    except WorkspaceError as e:
        return view(ws, rid, key, f"⚠ {e}")


def move(ws: Workspace, rid: int | None, key: str, action: str, reason: str = "") -> ReviewView:
    def run():
        ws.move(rid, action, reason if action in ("return", "reopen") else "")  # a reason is theirs only
        return view(ws, rid, key, f"已{ACTION_LABELS[action]}：报告现为“{ws.row(rid).review_state}”")

    return _guard(ws, rid, key, run)


def comment(ws: Workspace, rid: int | None, key: str, quote: str, body: str) -> ReviewView:
    def run():
        chosen = "" if (quote or "").strip() == WHOLE else (quote or "").strip()
        cid, note = ws.comment(rid, key, body, chosen)
        return view(ws, rid, key, f"已添加审核意见 #{cid}" + (f"。{note}" if note else ""))

    return _guard(ws, rid, key, run)


def reply(
    ws: Workspace, rid: int | None, key: str, thread: int | None, body: str, resolve: bool = False
) -> ReviewView:
    def run():
        if thread is None:
            return view(ws, rid, key, "请先选择一条待处理的意见")
        note = ""
        if (body or "").strip():
            _, note = ws.reply(rid, int(thread), body)
        elif not resolve:
            return view(ws, rid, key, "答复内容为空，未保存")
        if resolve:
            ws.resolve(rid, int(thread))
        done = (
            "已答复" + ("并标为已解决" if resolve and (body or "").strip() else "")
            if (body or "").strip()
            else "已标为已解决"
        )
        return view(ws, rid, key, f"意见 #{thread}：{done}" + (f"。{note}" if note else ""))

    return _guard(ws, rid, key, run)


def save(ws: Workspace, rid: int | None, key: str, text: str, base: str, editor: str = "") -> ReviewView:
    """Save an edit made here; if someone saved the section since `base`, nothing is saved and the
    three texts are shown so that the user chooses (keep_mine / take_current). `editor`: the page
    saving; its own saves since `base` are no clash (`Store.save_section`)."""

    def run():
        try:
            ws.save_section(rid, key, text, "edit", base=base, editor=editor)
        except EditConflictError as e:
            v = view(ws, rid, key, f"⚠ {e}", base=base)
            clash = {"old": e.old, "theirs": e.theirs, "current": e.current, "by": e.by}
            own = {"own": True} if e.own else {}  # the same account's other page saved it
            return ReviewView(**{**v.__dict__, "edit_text": text, "conflict": {**clash, **own}})
        return view(ws, rid, key, "已保存（修改记录已记下您的账号和时间）")

    return _guard(ws, rid, key, run)


KEEP_MINE, TAKE_CURRENT = "仍用我的版本保存", "采用当前文本"
CHOICE = (
    f"请选择：“{KEEP_MINE}”（覆盖当前文本，当前文本留在版本历史中），"
    f"或“{TAKE_CURRENT}”（把当前文本放进框中，您的修改不保存）。"
)


def conflict_markdown(conflict: dict[str, str]) -> str:
    """Old → theirs (the user's) → current, each change highlighted, and the two choices."""
    if not conflict:
        return ""
    by = "您本人在另一窗口（或更早）" if conflict.get("own") else escape(conflict.get("by") or "他人")
    return (
        f"**您打开时的文本**\n\n{escape(conflict['old'])}\n\n**您的修改**\n\n{highlight(conflict['old'], conflict['theirs'])}"
        f"\n\n**{by} 已保存的当前文本**\n\n{highlight(conflict['old'], conflict['current'])}\n\n{CHOICE}"
    )


def keep_mine(
    ws: Workspace, rid: int | None, key: str, text: str, current: str, editor: str = ""
) -> ReviewView:
    """The user chose their text over the current one, knowingly: saved on top of `current`."""
    return save(ws, rid, key, text, current, editor)


def take_current(ws: Workspace, rid: int | None, key: str, text: str) -> ReviewView:
    """The stored text into the box after a clash; nothing is written, the user's text is said back."""
    from assistant.app.draft import unsaved

    return view(ws, rid, key, f"已采用当前文本，您的修改未保存。{unsaved(text)}")


def editor_hint(ws: Workspace) -> str:
    return "" if ws.account.effective_role == EDITOR else "（审核意见由审核人填写；您可以答复或标为已解决）"


def report_label(row, with_id: bool = False) -> str:
    """A report on the list: its name, review state, who moved it and when."""
    name = f"{row.name}（#{row.id}）" if with_id else row.name
    return f"{name} · {state_label(row)}"


def who_line(ws: Workspace) -> str:
    """The first line of the page header: who is logged in and in which role (nothing in no-login mode)."""
    acc = ws.account
    if acc.username == "本机用户":
        return ""
    return who_markdown(ws) + "\n\n"
