"""The SQLite schema and the migration of databases made by earlier versions.

Earlier databases have users/reports/sections/versions only. Opening one adds the missing columns
and tables in place (ALTER TABLE … ADD COLUMN): every report is kept and stays visible to its owner.
"""

from __future__ import annotations

import sqlite3

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
CREATE TABLE IF NOT EXISTS orgs (
  id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL, parent_id INTEGER REFERENCES orgs(id),
  office INTEGER NOT NULL DEFAULT 0, created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS review_events (
  id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id), action TEXT NOT NULL,
  from_state TEXT NOT NULL, to_state TEXT NOT NULL, author TEXT NOT NULL, reason TEXT NOT NULL DEFAULT '',
  created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS comments (
  id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id), section TEXT NOT NULL,
  quote TEXT NOT NULL DEFAULT '', body TEXT NOT NULL, author TEXT NOT NULL, parent_id INTEGER,
  resolved_by TEXT NOT NULL DEFAULT '', resolved_at REAL, created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS comments_by_report ON comments(report_id, id);
CREATE TABLE IF NOT EXISTS changes (
  id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id), kind TEXT NOT NULL,
  key TEXT NOT NULL, old TEXT, new TEXT, author TEXT NOT NULL, created_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS changes_by_report ON changes(report_id, id);
CREATE TABLE IF NOT EXISTS sessions (
  token_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL, epoch INTEGER NOT NULL,
  created_at REAL NOT NULL, expires_at REAL NOT NULL
);
"""

# table: [(column, declaration)] added to databases of earlier versions
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "users": [
        ("org_id", "INTEGER REFERENCES orgs(id)"),
        ("role", "TEXT NOT NULL DEFAULT '经办人'"),
        ("epoch", "INTEGER NOT NULL DEFAULT 0"),
        ("removed", "INTEGER NOT NULL DEFAULT 0"),
    ],
    "reports": [
        ("org_id", "INTEGER REFERENCES orgs(id)"),
        ("review_state", "TEXT NOT NULL DEFAULT '草稿'"),
        ("review_by", "TEXT NOT NULL DEFAULT ''"),
        ("review_at", "REAL"),
    ],
    "sections": [("updated_by", "TEXT NOT NULL DEFAULT ''")],
    "versions": [
        ("author", "TEXT NOT NULL DEFAULT ''"),
        ("editor", "TEXT NOT NULL DEFAULT ''"),  # the page (browser tab) a hand save came from
        ("base", "TEXT"),  # the text that save started from (checked), None: not checked
    ],
}


def migrate(db: sqlite3.Connection) -> None:
    """Create what is missing; never drops or rewrites a row."""
    db.executescript(SCHEMA)
    for table, columns in COLUMNS.items():
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        for name, decl in columns:
            if name not in have:
                db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {decl}")
