"""Review records (a mixin of `Store`): the review state and its history, comments, and the change log.

The store records; the workspace decides who may do what (`assistant.roles`).
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ReviewEvent:
    action: str
    from_state: str
    to_state: str
    author: str
    reason: str
    created_at: float


@dataclass(frozen=True)
class Comment:
    id: int
    section: str
    quote: str  # the sentence commented on ('' = the whole section)
    body: str  # stored as typed; rendered escaped
    author: str
    parent_id: int | None
    resolved_by: str
    resolved_at: float | None
    created_at: float

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


@dataclass(frozen=True)
class Change:
    kind: str  # cell | section | state
    key: str
    old: Any
    new: Any
    author: str
    created_at: float


class ReviewMixin:
    _db: sqlite3.Connection

    def move_review(
        self, report_id: int, action: str, from_state: str, to_state: str, author: str, reason: str = ""
    ) -> bool:
        """Move the state if it still is `from_state` (False when someone moved it first)."""
        now = time.time()
        with self._tx() as db:
            n = db.execute(
                "UPDATE reports SET review_state=?, review_by=?, review_at=?, updated_at=? "
                "WHERE id=? AND review_state=?",
                (to_state, author, now, now, report_id, from_state),
            ).rowcount
            if n:
                db.execute(
                    "INSERT INTO review_events(report_id, action, from_state, to_state, author, reason, "
                    "created_at) VALUES (?,?,?,?,?,?,?)",
                    (report_id, action, from_state, to_state, author, reason, now),
                )
                _log(db, report_id, "state", "review_state", from_state, to_state, author, now)
        return bool(n)

    def review_events(self, report_id: int) -> list[ReviewEvent]:
        rows = self._all("SELECT * FROM review_events WHERE report_id=? ORDER BY id", (report_id,))
        return [
            ReviewEvent(
                r["action"], r["from_state"], r["to_state"], r["author"], r["reason"], r["created_at"]
            )
            for r in rows
        ]

    # -------------------------------------------------------------- comments

    def add_comment(
        self,
        report_id: int,
        section: str,
        body: str,
        author: str,
        quote: str = "",
        parent_id: int | None = None,
    ) -> int:
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO comments(report_id, section, quote, body, author, parent_id, created_at) "
                "VALUES (?,?,?,?,?,?,?)",
                (report_id, section, quote, body, author, parent_id, time.time()),
            )
        return int(cur.lastrowid)

    def resolve_comment(self, report_id: int, comment_id: int, author: str) -> bool:
        with self._tx() as db:
            return bool(
                db.execute(
                    "UPDATE comments SET resolved_by=?, resolved_at=? "
                    "WHERE id=? AND report_id=? AND parent_id IS NULL AND resolved_at IS NULL",
                    (author, time.time(), comment_id, report_id),
                ).rowcount
            )

    def comments(self, report_id: int) -> list[Comment]:
        rows = self._all("SELECT * FROM comments WHERE report_id=? ORDER BY id", (report_id,))
        return [
            Comment(
                int(r["id"]),
                r["section"],
                r["quote"],
                r["body"],
                r["author"],
                r["parent_id"],
                r["resolved_by"],
                r["resolved_at"],
                r["created_at"],
            )  # fmt: skip
            for r in rows
        ]

    # -------------------------------------------------------------- change log

    def log_changes(
        self, report_id: int, kind: str, changes: dict[str, tuple[Any, Any]], author: str
    ) -> None:
        now = time.time()
        with self._tx() as db:
            for key, (old, new) in changes.items():
                _log(db, report_id, kind, key, old, new, author, now)

    def changes(self, report_id: int, kind: str | None = None) -> list[Change]:
        sql, args = "SELECT * FROM changes WHERE report_id=?", (report_id,)
        if kind:
            sql, args = sql + " AND kind=?", (*args, kind)
        rows = self._all(sql + " ORDER BY id", args)
        return [
            Change(r["kind"], r["key"], _loads(r["old"]), _loads(r["new"]), r["author"], r["created_at"])
            for r in rows
        ]


def _log(
    db: sqlite3.Connection, rid: int, kind: str, key: str, old: Any, new: Any, author: str, now: float
) -> None:
    db.execute(
        "INSERT INTO changes(report_id, kind, key, old, new, author, created_at) VALUES (?,?,?,?,?,?,?)",
        (rid, kind, key, json.dumps(old, ensure_ascii=False, default=str),
         json.dumps(new, ensure_ascii=False, default=str), author, now),
    )  # fmt: skip


def _loads(raw: str | None) -> Any:
    return None if raw is None else json.loads(raw)
