"""Persistence: SQLite under the data directory. Users, their reports, section texts and versions.

Every change is written at once (autosave); a restart resumes exactly where the user was. A report
belongs to an organisation (or, made by an account without one, to that account): every read and
write takes the asking user's id, and a report outside what that user may see is "not found".
Role checks (who may write, approve, …) are the workspace's job; the store only decides visibility.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant.store_accounts import (  # noqa: F401  (re-exported)
    LOCAL_USER,
    USERNAME_MAX,
    Account,
    AccountsMixin,
    StoreError,
)
from assistant.store_review import ReviewMixin
from assistant.store_schema import migrate


@dataclass(frozen=True)
class ReportRow:
    id: int
    user_id: int
    agency: str
    level: str
    year: int
    state: dict[str, Any]
    updated_at: float
    org_id: int | None = None
    review_state: str = "草稿"
    review_by: str = ""
    review_at: float | None = None

    @property
    def name(self) -> str:
        return f"{self.agency} {self.year}年度"


@dataclass(frozen=True)
class SectionRow:
    key: str
    text: str
    locked: bool
    findings: list[dict[str, Any]]
    updated_at: float = 0.0
    updated_by: str = ""


@dataclass(frozen=True)
class Version:
    id: int
    key: str
    text: str
    origin: str  # generate | edit | regenerate | restore | import
    note: str
    created_at: float
    author: str = ""


class Store(AccountsMixin, ReviewMixin):
    """A thread-safe handle on the SQLite database (Gradio runs handlers in threads)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        with self._lock:
            migrate(self._db)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """Hold the store while a read-modify-write of a report's state runs (one writer at a time).

        Reentrant: the store's own reads and transactions inside are fine. Without it two handlers
        (the chat saving a ledger while a grid cell is edited) could each read the state and the
        later write would drop the earlier one's values.
        """
        with self._lock:
            yield

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    # ------------------------------------------------------------------ users

    def last_report(self, user_id: int) -> int | None:
        row = self._one("SELECT last_report_id FROM users WHERE id=?", (user_id,))
        return None if row is None or row["last_report_id"] is None else int(row["last_report_id"])

    def set_last_report(self, user_id: int, report_id: int) -> None:
        with self._tx() as db:
            db.execute("UPDATE users SET last_report_id=? WHERE id=?", (report_id, user_id))

    # ------------------------------------------------------------------ reports

    def create_report(
        self, user_id: int, agency: str, year: int, level: str = "", state: dict | None = None
    ) -> int:
        now = time.time()
        org_id = self.account(user_id).org_id
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO reports(user_id, agency, level, year, state, created_at, updated_at, org_id) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (user_id, agency, level, year, _dumps(state or {}), now, now, org_id),
            )
            rid = int(cur.lastrowid)
            db.execute("UPDATE users SET last_report_id=? WHERE id=?", (rid, user_id))
        return rid

    def _visible(self, user_id: int) -> tuple[str, tuple]:
        """SQL condition on `reports` for what the user may see: own org, oversight, or own reports."""
        acc = self.account(user_id)
        cond = "(reports.org_id IS NULL AND reports.user_id=?)"
        args: tuple = (user_id,)
        if acc.org_id is not None:
            cond += " OR reports.org_id=?"
            args += (acc.org_id,)
            if acc.office and acc.role == "审核人":
                cond += " OR reports.org_id IN (SELECT id FROM orgs WHERE parent_id=?)"
                args += (acc.org_id,)
        return f"({cond})", args

    def reports(self, user_id: int) -> list[ReportRow]:
        cond, args = self._visible(user_id)
        rows = self._all(f"SELECT * FROM reports WHERE {cond} ORDER BY updated_at DESC", args)
        return [_report(r) for r in rows]

    def report(self, user_id: int, report_id: int) -> ReportRow:
        cond, args = self._visible(user_id)
        row = self._one(f"SELECT * FROM reports WHERE id=? AND {cond}", (report_id, *args))
        if row is None:
            raise StoreError("找不到该报告，或您无权查看")
        return _report(row)

    def update_report(self, user_id: int, report_id: int, **fields: Any) -> ReportRow:
        """Update agency/level/year and merge `state` keys (autosave)."""
        with self._lock:  # the read and the write as one: no other handler's keys are lost
            current = self.report(user_id, report_id)
            state = dict(current.state)
            state.update(fields.pop("state", {}) or {})
            agency = fields.get("agency", current.agency)
            level = fields.get("level", current.level)
            year = int(fields.get("year", current.year))
            with self._tx() as db:
                db.execute(
                    "UPDATE reports SET agency=?, level=?, year=?, state=?, updated_at=? WHERE id=?",
                    (agency, level, year, _dumps(state), time.time(), report_id),
                )
            return self.report(user_id, report_id)

    # ------------------------------------------------------------------ sections and versions

    def sections(self, user_id: int, report_id: int) -> dict[str, SectionRow]:
        self.report(user_id, report_id)  # visibility
        rows = self._all("SELECT * FROM sections WHERE report_id=?", (report_id,))
        return {
            r["key"]: SectionRow(
                r["key"],
                r["text"],
                bool(r["locked"]),
                json.loads(r["findings"]),
                r["updated_at"],
                r["updated_by"],
            )  # fmt: skip
            for r in rows
        }

    def save_section(
        self,
        user_id: int,
        report_id: int,
        key: str,
        text: str,
        origin: str,
        note: str = "",
        findings: list[dict] | None = None,
        base: str | None = None,
        editor: str = "",
    ) -> None:
        """Store the text and, if it changed, a new version by this user. A locked section is never
        overwritten by generation. With `base` (the text the user started from), a section changed by
        someone else since then is not overwritten: `EditConflict` carries old → theirs → current.
        `editor` names the page the save comes from: a save whose base predates the same page's own
        earlier saves (typing on while a save ran) is applied (`_same_chain`)."""
        author = self.account(user_id).username
        now = time.time()
        with self._tx() as db:  # read and write in one transaction: no save slips in between
            current = self.sections(user_id, report_id).get(key)
            if current is not None and current.locked and origin in ("generate", "regenerate"):
                raise StoreError("该部分已锁定，解锁后才能重新生成")
            now_text = current.text if current is not None else ""
            if base is not None and now_text not in (base, text):
                if not self._same_chain(report_id, key, editor, base):
                    by = current.updated_by if current else ""
                    raise EditConflict(key, base, text, now_text, by, own=bool(by) and by == author)
            db.execute(
                "INSERT INTO sections(report_id, key, text, locked, findings, updated_at, updated_by) "
                "VALUES (?,?,?,?,?,?,?) ON CONFLICT(report_id, key) DO UPDATE SET text=excluded.text, "
                "findings=excluded.findings, updated_at=excluded.updated_at, updated_by=excluded.updated_by",
                (report_id, key, text, 0, _dumps(findings or []), now, author),
            )
            if current is None or current.text != text:
                db.execute(
                    "INSERT INTO versions(report_id, key, text, origin, note, created_at, author, editor, "
                    "base) VALUES (?,?,?,?,?,?,?,?,?)",
                    (report_id, key, text, origin, note, now, author, editor, base),
                )
            db.execute("UPDATE reports SET updated_at=? WHERE id=?", (now, report_id))

    def _same_chain(self, report_id: int, key: str, editor: str, base: str) -> bool:
        """True when every version since `base` was saved by hand from the page `editor`: the newest
        versions, back to one that is `base` or was saved from it, all came from that page. Another
        page (a colleague, or the same user's other browser tab), generation or a restore in between
        breaks the chain: a real clash."""
        if not editor:
            return False
        rows = self._all(
            "SELECT text, editor, base FROM versions WHERE report_id=? AND key=? ORDER BY id DESC",
            (report_id, key),
        )
        for r in rows:
            if r["editor"] != editor:
                return False
            if r["text"] == base or r["base"] == base:
                return True
        return False

    def set_findings(self, user_id: int, report_id: int, key: str, findings: list[dict]) -> None:
        self.report(user_id, report_id)
        with self._tx() as db:
            db.execute(
                "UPDATE sections SET findings=? WHERE report_id=? AND key=?",
                (_dumps(findings), report_id, key),
            )

    def set_locked(self, user_id: int, report_id: int, key: str, locked: bool) -> None:
        self.report(user_id, report_id)
        with self._tx() as db:
            n = db.execute(
                "UPDATE sections SET locked=? WHERE report_id=? AND key=?", (int(locked), report_id, key)
            ).rowcount
        if not n:
            raise StoreError("该部分还没有内容，无法锁定")

    def versions(self, user_id: int, report_id: int, key: str) -> list[Version]:
        self.report(user_id, report_id)
        rows = self._all(
            "SELECT * FROM versions WHERE report_id=? AND key=? ORDER BY id DESC", (report_id, key)
        )
        return [_version(r) for r in rows]

    def restore(self, user_id: int, report_id: int, version_id: int) -> Version:
        self.report(user_id, report_id)
        row = self._one("SELECT * FROM versions WHERE id=? AND report_id=?", (version_id, report_id))
        if row is None:
            raise StoreError("找不到该版本")
        self.save_section(
            user_id, report_id, row["key"], row["text"], "restore", note=f"恢复到版本 {version_id}"
        )
        return _version(row)

    # ------------------------------------------------------------------ helpers

    def _one(self, sql: str, args: tuple) -> sqlite3.Row | None:
        with self._lock:
            return self._db.execute(sql, args).fetchone()

    def _all(self, sql: str, args: tuple) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, default=str)


def _report(r: sqlite3.Row) -> ReportRow:
    return ReportRow(
        r["id"], r["user_id"], r["agency"], r["level"], r["year"], json.loads(r["state"]), r["updated_at"],
        r["org_id"], r["review_state"], r["review_by"], r["review_at"],
    )  # fmt: skip


def _version(r: sqlite3.Row) -> Version:
    return Version(r["id"], r["key"], r["text"], r["origin"], r["note"], r["created_at"], r["author"])


class EditConflict(StoreError):
    """The section changed since the user opened it: nothing was saved."""

    def __init__(self, key: str, old: str, theirs: str, current: str, by: str = "", own: bool = False):
        if own:  # the same account from another page (browser tab), or an earlier save of its own
            msg = "该部分在您打开后已由您本人在另一窗口（或更早的一次保存）修改"
        else:
            msg = "该部分在您打开后已被他人修改" + (f"（{by} 修改）" if by else "")
        super().__init__(msg + "，您的修改尚未保存：请对照后选择保留哪一版")
        self.key, self.old, self.theirs, self.current, self.by = key, old, theirs, current, by
        self.own = own
