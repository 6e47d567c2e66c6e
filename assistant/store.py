"""Persistence: SQLite under the data directory. Users, their reports, section texts and versions.

Every change is written at once (autosave); a restart resumes exactly where the user was. Each user
sees only their own reports: every read and write takes the owner's user id.
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

import bcrypt

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
  id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL, pw_hash BLOB NOT NULL, created_at REAL NOT NULL,
  last_report_id INTEGER
);
CREATE TABLE IF NOT EXISTS reports (
  id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  agency TEXT NOT NULL, level TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT '{}',          -- JSON: cells, narrative, previous, ledger, chat, pending …
  created_at REAL NOT NULL, updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sections (
  report_id INTEGER NOT NULL REFERENCES reports(id), key TEXT NOT NULL, text TEXT NOT NULL DEFAULT '',
  locked INTEGER NOT NULL DEFAULT 0, findings TEXT NOT NULL DEFAULT '[]', updated_at REAL NOT NULL,
  PRIMARY KEY (report_id, key)
);
CREATE TABLE IF NOT EXISTS versions (
  id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id), key TEXT NOT NULL,
  text TEXT NOT NULL, origin TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_section ON versions(report_id, key, id);
"""

USERNAME_MAX = 40


class StoreError(Exception):
    """A Chinese message for the user (unknown report, duplicate user, …)."""


@dataclass(frozen=True)
class ReportRow:
    id: int
    user_id: int
    agency: str
    level: str
    year: int
    state: dict[str, Any]
    updated_at: float

    @property
    def name(self) -> str:
        return f"{self.agency} {self.year}年度"


@dataclass(frozen=True)
class SectionRow:
    key: str
    text: str
    locked: bool
    findings: list[dict[str, Any]]


@dataclass(frozen=True)
class Version:
    id: int
    key: str
    text: str
    origin: str  # generate | edit | regenerate | restore | import
    note: str
    created_at: float


class Store:
    """A thread-safe handle on the SQLite database (Gradio runs handlers in threads)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False, isolation_level=None)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA foreign_keys=ON")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

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

    def add_user(self, username: str, password: str) -> int:
        username = username.strip()
        if not username or len(username) > USERNAME_MAX:
            raise StoreError(f"用户名应为 1–{USERNAME_MAX} 个字符")
        if len(password) < 8:
            raise StoreError("密码至少 8 位")
        pw_hash = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt())
        try:
            with self._tx() as db:
                cur = db.execute(
                    "INSERT INTO users(username, pw_hash, created_at) VALUES (?, ?, ?)",
                    (username, pw_hash, time.time()),
                )
        except sqlite3.IntegrityError:
            raise StoreError(f"用户“{username}”已存在") from None
        return int(cur.lastrowid)

    def set_password(self, username: str, password: str) -> None:
        if len(password) < 8:
            raise StoreError("密码至少 8 位")
        pw_hash = bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt())
        with self._tx() as db:
            n = db.execute("UPDATE users SET pw_hash=? WHERE username=?", (pw_hash, username)).rowcount
        if not n:
            raise StoreError(f"用户“{username}”不存在")

    def verify(self, username: str, password: str) -> bool:
        row = self._one("SELECT pw_hash FROM users WHERE username=?", (username.strip(),))
        if row is None:
            bcrypt.checkpw(b"x", bcrypt.hashpw(b"y", bcrypt.gensalt(4)))  # similar timing for unknown users
            return False
        return bcrypt.checkpw(password.encode("utf-8"), row["pw_hash"])

    def user_id(self, username: str, create: bool = False) -> int:
        row = self._one("SELECT id FROM users WHERE username=?", (username,))
        if row is not None:
            return int(row["id"])
        if not create:
            raise StoreError(f"用户“{username}”不存在")
        with self._tx() as db:  # the loopback single-user mode has no password login
            cur = db.execute(
                "INSERT INTO users(username, pw_hash, created_at) VALUES (?, ?, ?)",
                (username, b"!", time.time()),
            )
        return int(cur.lastrowid)

    def usernames(self) -> list[str]:
        return [
            r["username"]
            for r in self._all("SELECT username FROM users WHERE pw_hash != ? ORDER BY id", (b"!",))
        ]

    def has_login_users(self) -> bool:
        return bool(self.usernames())

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
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO reports(user_id, agency, level, year, state, created_at, updated_at) VALUES (?,?,?,?,?,?,?)",
                (user_id, agency, level, year, _dumps(state or {}), now, now),
            )
            rid = int(cur.lastrowid)
            db.execute("UPDATE users SET last_report_id=? WHERE id=?", (rid, user_id))
        return rid

    def reports(self, user_id: int) -> list[ReportRow]:
        rows = self._all("SELECT * FROM reports WHERE user_id=? ORDER BY updated_at DESC", (user_id,))
        return [_report(r) for r in rows]

    def report(self, user_id: int, report_id: int) -> ReportRow:
        row = self._one("SELECT * FROM reports WHERE id=? AND user_id=?", (report_id, user_id))
        if row is None:
            raise StoreError("找不到该报告，或您无权查看")
        return _report(row)

    def update_report(self, user_id: int, report_id: int, **fields: Any) -> ReportRow:
        """Update agency/level/year and merge `state` keys (autosave)."""
        current = self.report(user_id, report_id)
        state = dict(current.state)
        state.update(fields.pop("state", {}) or {})
        agency = fields.get("agency", current.agency)
        level = fields.get("level", current.level)
        year = int(fields.get("year", current.year))
        with self._tx() as db:
            db.execute(
                "UPDATE reports SET agency=?, level=?, year=?, state=?, updated_at=? WHERE id=? AND user_id=?",
                (agency, level, year, _dumps(state), time.time(), report_id, user_id),
            )
        return self.report(user_id, report_id)

    # ------------------------------------------------------------------ sections and versions

    def sections(self, user_id: int, report_id: int) -> dict[str, SectionRow]:
        self.report(user_id, report_id)  # ownership
        rows = self._all("SELECT * FROM sections WHERE report_id=?", (report_id,))
        return {
            r["key"]: SectionRow(r["key"], r["text"], bool(r["locked"]), json.loads(r["findings"]))
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
    ) -> None:
        """Store the text and, if it changed, a new version. A locked section is never overwritten."""
        current = self.sections(user_id, report_id).get(key)
        if current is not None and current.locked and origin in ("generate", "regenerate"):
            raise StoreError("该部分已锁定，解锁后才能重新生成")
        now = time.time()
        with self._tx() as db:
            db.execute(
                "INSERT INTO sections(report_id, key, text, locked, findings, updated_at) VALUES (?,?,?,?,?,?) "
                "ON CONFLICT(report_id, key) DO UPDATE SET text=excluded.text, findings=excluded.findings, "
                "updated_at=excluded.updated_at",
                (report_id, key, text, 0, _dumps(findings or []), now),
            )
            if current is None or current.text != text:
                db.execute(
                    "INSERT INTO versions(report_id, key, text, origin, note, created_at) VALUES (?,?,?,?,?,?)",
                    (report_id, key, text, origin, note, now),
                )
            db.execute("UPDATE reports SET updated_at=? WHERE id=?", (now, report_id))

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
        return [Version(r["id"], r["key"], r["text"], r["origin"], r["note"], r["created_at"]) for r in rows]

    def restore(self, user_id: int, report_id: int, version_id: int) -> Version:
        self.report(user_id, report_id)
        row = self._one("SELECT * FROM versions WHERE id=? AND report_id=?", (version_id, report_id))
        if row is None:
            raise StoreError("找不到该版本")
        self.save_section(
            user_id, report_id, row["key"], row["text"], "restore", note=f"恢复到版本 {version_id}"
        )
        return Version(row["id"], row["key"], row["text"], row["origin"], row["note"], row["created_at"])

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
        r["id"], r["user_id"], r["agency"], r["level"], r["year"], json.loads(r["state"]), r["updated_at"]
    )
