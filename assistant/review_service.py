"""The review part of the workspace (a mixin of `Workspace`): state moves, comments, authorship.

Who may do what is `assistant.roles`; every refusal is a Chinese `WorkspaceError` naming the reason.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from assistant.core import spec
from assistant.roles import (
    ACTION_LABELS,
    EDITOR,
    REASON_REQUIRED,
    TRANSITIONS,
    WRITERS,
)
from assistant.store_review import Change, Comment, ReviewEvent

if TYPE_CHECKING:
    from assistant.store import Account, ReportRow, Store

COMMENT_MAX = 2000
REASON_MAX = 500
_MARKUP = re.compile(r"<[^>]*>|!\[|\]\(|javascript:|&#?\w+;", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class WorkspaceError(Exception):
    """A Chinese message for the user."""


class EditConflictError(WorkspaceError):
    """The section changed since the user opened it; nothing saved. old → theirs (the user's) → current."""

    def __init__(
        self, message: str, key: str, old: str, theirs: str, current: str, by: str = "", own: bool = False
    ):
        super().__init__(message)
        self.key, self.old, self.theirs, self.current, self.by = key, old, theirs, current, by
        self.own = own  # `current` was saved by the same account (another browser tab, or earlier)


def neutralise(text: str) -> tuple[str, str]:
    """The text as plain words (control characters dropped) and a Chinese note if it carried markup.
    Markup is kept as typed (nothing lost) and always shown escaped (`escape`), never executed."""
    clean = _CONTROL.sub("", text or "").strip()
    note = (
        "内容中的网页标记（如 <…>、链接、图片）已按普通文字保存和显示，不会被执行"
        if _MARKUP.search(clean)
        else ""
    )
    return clean, note


def escape(text: str) -> str:
    """Safe inside Gradio Markdown: HTML escaped, Markdown link/emphasis characters neutral."""
    out = html.escape(text or "", quote=True)
    return re.sub(r"([\\`*_\[\]()#|~!])", r"\\\1", out)


class ReviewService:
    store: Store
    user_id: int

    if TYPE_CHECKING:
        account: Account

        def row(self, report_id: int) -> ReportRow: ...
        def _writable(self, report_id: int) -> ReportRow: ...
        def can_write(self, row: ReportRow) -> str: ...

    # ------------------------------------------------------------ review state

    def _member(self, row: ReportRow, roles: frozenset[str], what: str) -> None:
        acc = self.account
        if row.org_id is not None and row.org_id != acc.org_id:
            raise WorkspaceError(f"该报告属于下级机构，您只能查看，不能{what}")
        if acc.effective_role not in roles:
            who = "、".join(sorted(roles, key=("经办人", "审核人", "管理员").index))
            raise WorkspaceError(f"只有{who}可以{what}；您的角色是{acc.role}")

    def move(self, report_id: int, action: str, reason: str = "") -> ReportRow:
        """submit / return / approve / reopen, recorded with who and when."""
        if action not in TRANSITIONS:
            raise WorkspaceError(f"未知的操作“{action}”")
        sources, target, roles = TRANSITIONS[action]
        label = ACTION_LABELS[action]
        row = self.row(report_id)
        self._member(row, roles, label)
        if row.review_state not in sources:
            raise WorkspaceError(f"报告当前为“{row.review_state}”，不能{label}")
        reason, _ = neutralise(reason)
        if action in REASON_REQUIRED and not reason:
            raise WorkspaceError(f"{label}需要说明理由")
        if len(reason) > REASON_MAX:
            raise WorkspaceError(f"理由过长（{len(reason)} 字），请控制在 {REASON_MAX} 字以内")
        if not self.store.move_review(
            report_id, action, row.review_state, target, self.account.username, reason
        ):
            raise WorkspaceError("报告状态刚被他人更改，请刷新后再试")
        return self.row(report_id)

    def events(self, report_id: int) -> list[ReviewEvent]:
        self.row(report_id)
        return self.store.review_events(report_id)

    # ------------------------------------------------------------ comments

    def comment(self, report_id: int, section: str, body: str, quote: str = "") -> tuple[int, str]:
        """An editor's comment on a section or on one sentence of it. Returns (id, note)."""
        row = self.row(report_id)
        self._member(row, frozenset({EDITOR}), "发表审核意见")
        if section not in spec.SECTION_BY_KEY:
            raise WorkspaceError(f"未知的章节“{section}”")
        body, note = _body(body)
        quote, _ = neutralise(quote)
        if quote:
            current = self.store.sections(self.user_id, report_id).get(section)
            if current is None or quote not in current.text:
                raise WorkspaceError("所选句子不在该章节的当前文本中（可能已被修改），请重新选择")
        return self.store.add_comment(report_id, section, body, self.account.username, quote), note

    def reply(self, report_id: int, comment_id: int, body: str) -> tuple[int, str]:
        row = self.row(report_id)
        self._member(row, WRITERS, "答复审核意见")
        parent = self._thread(report_id, comment_id)
        body, note = _body(body)
        return self.store.add_comment(
            report_id, parent.section, body, self.account.username, "", parent.id
        ), note

    def resolve(self, report_id: int, comment_id: int) -> None:
        row = self.row(report_id)
        self._member(row, WRITERS, "处理审核意见")
        parent = self._thread(report_id, comment_id)
        if parent.resolved:
            raise WorkspaceError(f"该意见已由 {parent.resolved_by} 标为已解决")
        self.store.resolve_comment(report_id, comment_id, self.account.username)

    def comments(self, report_id: int, section: str | None = None) -> list[Comment]:
        self.row(report_id)
        return [c for c in self.store.comments(report_id) if section is None or c.section == section]

    def _thread(self, report_id: int, comment_id: int) -> Comment:
        found = [c for c in self.store.comments(report_id) if c.id == comment_id and c.parent_id is None]
        if not found:
            raise WorkspaceError("找不到该条审核意见")
        return found[0]

    # ------------------------------------------------------------ who changed what

    def changes(self, report_id: int, kind: str | None = None) -> list[Change]:
        self.row(report_id)
        return self.store.changes(report_id, kind)

    def revisions(self, report_id: int) -> dict[str, list]:
        """Per section, the 审核人's changes to the clerk's text since their first edit, as kept /
        inserted / deleted pieces with author and time (`assistant.export.revisions`); sections no
        审核人 changed are absent. The pieces are what the Word 修订 copy writes as tracked changes."""
        from assistant.export.revisions import Saved, section_revisions

        row = self.row(report_id)
        reviewers = frozenset(
            a.username for a in self.store.accounts() if a.org_id == row.org_id and a.role == EDITOR
        )
        out = {}
        for key in spec.SECTION_BY_KEY:
            versions = [
                Saved(v.text, v.author, v.created_at)
                for v in reversed(self.store.versions(self.user_id, report_id, key))
            ]
            pieces = section_revisions(versions, reviewers) if row.org_id is not None else None
            if pieces:
                out[key] = pieces
        return out


def _body(body: str) -> tuple[str, str]:
    body, note = neutralise(body)
    if not body:
        raise WorkspaceError("意见内容为空，未保存")
    if len(body) > COMMENT_MAX:
        raise WorkspaceError(f"意见过长（{len(body)} 字），请控制在 {COMMENT_MAX} 字以内")
    return body, note
