"""Roles, review states and the permission table (pure data; the service layer enforces it).

| action                                   | 经办人 | 审核人 | 管理员 | 审核人 of the overseeing 政务公开办 |
| ---------------------------------------- | ------ | ------ | ------ | ---------------------------------- |
| open / read the organisation's reports   | yes    | yes    | yes    | yes (read-only)                    |
| edit cells, narrative, sections, lock    | yes    | yes    | no     | no                                 |
| submit (草稿/退回修改 → 待审核)           | yes    | yes    | no     | no                                 |
| comment on a section or a sentence       | no     | yes    | no     | no                                 |
| answer / resolve a comment               | yes    | yes    | no     | no                                 |
| return (待审核 → 退回修改, with a reason) | no     | yes    | no     | no                                 |
| approve (待审核 → 已审定, locks)          | no     | yes    | no     | no                                 |
| reopen (已审定 → 退回修改, with a reason) | no     | yes    | no     | no                                 |

An approved report accepts no edit from anyone until an editor reopens it. An account without an
organisation (made by an earlier version) keeps its own reports, as before, with the editor's rights on them.
"""

from __future__ import annotations

CLERK = "经办人"
EDITOR = "审核人"
ADMIN = "管理员"
ROLES = (CLERK, EDITOR, ADMIN)
WRITERS = frozenset({CLERK, EDITOR})

DRAFT = "草稿"
SUBMITTED = "待审核"
RETURNED = "退回修改"
APPROVED = "已审定"
STATES = (DRAFT, SUBMITTED, RETURNED, APPROVED)

# action: (states it may start from, state it leads to, roles allowed)
TRANSITIONS: dict[str, tuple[frozenset[str], str, frozenset[str]]] = {
    "submit": (frozenset({DRAFT, RETURNED}), SUBMITTED, WRITERS),
    "return": (frozenset({SUBMITTED}), RETURNED, frozenset({EDITOR})),
    "approve": (frozenset({SUBMITTED}), APPROVED, frozenset({EDITOR})),
    "reopen": (frozenset({APPROVED}), RETURNED, frozenset({EDITOR})),
}
ACTION_LABELS = {"submit": "提交审核", "return": "退回修改", "approve": "审定通过", "reopen": "重新打开"}
REASON_REQUIRED = frozenset({"return", "reopen"})  # the clerk must know what to change

ROLE_ALIASES = {
    "经办人": CLERK, "clerk": CLERK, "staff": CLERK,
    "审核人": EDITOR, "editor": EDITOR, "reviewer": EDITOR,
    "管理员": ADMIN, "admin": ADMIN,
}  # fmt: skip


def normalise_role(raw: str) -> str | None:
    return ROLE_ALIASES.get((raw or "").strip().lower()) or ROLE_ALIASES.get((raw or "").strip())
