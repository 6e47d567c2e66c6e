"""Decisions in the app's SQLite database (the same file as `assistant.store`), per organisation.

Tables are created here and belong to the desk: `desk_decisions` holds the current decision per
(organisation, fingerprint); `desk_decision_log` keeps every decision ever made, so who decided
what and when stays visible after a change of mind.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path

from assistant.desk.dispositions import Decision

SCHEMA = """
CREATE TABLE IF NOT EXISTS desk_decisions (
  org TEXT NOT NULL, fingerprint TEXT NOT NULL, disposition TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
  reviewer TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL, agency TEXT NOT NULL DEFAULT '',
  year INTEGER NOT NULL DEFAULT 0, rule TEXT NOT NULL DEFAULT '', cells TEXT NOT NULL DEFAULT '[]',
  message TEXT NOT NULL DEFAULT '', PRIMARY KEY (org, fingerprint)
);
CREATE TABLE IF NOT EXISTS desk_decision_log (
  id INTEGER PRIMARY KEY, org TEXT NOT NULL, fingerprint TEXT NOT NULL, disposition TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '', reviewer TEXT NOT NULL DEFAULT '', decided_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS desk_decisions_by_report ON desk_decisions(org, agency, year);
"""

_COLS = "fingerprint, disposition, reason, reviewer, decided_at, agency, year, rule, cells, message"


class DeskStore:
    """Decisions of one database file; every call names the organisation (user or org id)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        with self._connect() as db:
            db.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10)
        db.execute("PRAGMA busy_timeout = 10000")
        return db

    def save(self, org: str, decisions: Iterable[Decision]) -> int:
        rows = [_row(org, d) for d in decisions]
        with self._lock, self._connect() as db:
            db.executemany(
                f"INSERT OR REPLACE INTO desk_decisions (org, {_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows
            )
            db.executemany(
                "INSERT INTO desk_decision_log (org, fingerprint, disposition, reason, reviewer, decided_at) "
                "VALUES (?,?,?,?,?,?)",
                [r[:6] for r in rows],
            )
        return len(rows)

    def decisions(self, org: str, agency: str | None = None, year: int | None = None) -> dict[str, Decision]:
        sql, args = f"SELECT {_COLS} FROM desk_decisions WHERE org = ?", [org]
        if agency is not None:
            sql, args = sql + " AND agency = ?", [*args, agency]
        if year is not None:
            sql, args = sql + " AND year = ?", [*args, year]
        with self._connect() as db:
            rows = db.execute(sql, args).fetchall()
        return {r[0]: _decision(r) for r in rows}

    def history(self, org: str, fingerprint: str) -> list[tuple[str, str, str, str]]:
        """(disposition, reason, reviewer, decided_at), oldest first."""
        with self._connect() as db:
            return db.execute(
                "SELECT disposition, reason, reviewer, decided_at FROM desk_decision_log "
                "WHERE org = ? AND fingerprint = ? ORDER BY id",
                (org, fingerprint),
            ).fetchall()

    def withdraw(self, org: str, fingerprint: str) -> bool:
        with self._lock, self._connect() as db:
            cur = db.execute(
                "DELETE FROM desk_decisions WHERE org = ? AND fingerprint = ?", (org, fingerprint)
            )
        return cur.rowcount > 0


def _row(org: str, d: Decision) -> tuple:
    return (org, d.fingerprint, d.disposition, d.reason, d.reviewer, d.decided_at, d.agency, d.year,
            d.rule, json.dumps(list(d.cells), ensure_ascii=False), d.message)  # fmt: skip


def _decision(r: tuple) -> Decision:
    return Decision(r[0], r[1], r[2], r[3], r[4], r[5], int(r[6]), r[7], tuple(json.loads(r[8])), r[9])
