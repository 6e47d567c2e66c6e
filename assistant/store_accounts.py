"""Accounts, organisations and login sessions (a mixin of `Store`; shares its connection and lock).

An account may belong to an organisation with a role (`assistant.roles`). Changing an account's
password, role or organisation, or removing it, bumps its `epoch`: every session opened before is void.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from dataclasses import dataclass

import bcrypt

from assistant.roles import CLERK, EDITOR, ROLES

USERNAME_MAX = 40
ORG_NAME_MAX = 60
PASSWORD_MIN = 8
PASSWORD_MAX_BYTES = 72  # bcrypt's limit; longer passwords are refused, never truncated silently
LOCAL_USER = "本机用户"  # the implicit account of the loopback no-login mode
NO_LOGIN = b"!"
SESSION_SECONDS = 12 * 3600

_DUMMY_HASH: list[bytes] = []


class StoreError(Exception):
    """A Chinese message for the user (unknown report, duplicate user, …)."""


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    org_id: int | None
    org: str  # organisation name ('' when none)
    role: str
    office: bool  # the organisation is a 政务公开办 overseeing others
    epoch: int

    @property
    def effective_role(self) -> str:
        """An account without organisation (earlier versions, the local user) has full rights on its own."""
        return self.role if self.org_id is not None else EDITOR


@dataclass(frozen=True)
class Org:
    id: int
    name: str
    parent: str
    office: bool


def check_password(password: str) -> None:
    if len(password) < PASSWORD_MIN:
        raise StoreError(f"密码至少 {PASSWORD_MIN} 位")
    if len(password.encode("utf-8")) > PASSWORD_MAX_BYTES:
        raise StoreError(
            f"密码过长：最多 {PASSWORD_MAX_BYTES} 字节（约 24 个汉字或 72 个英文字母、数字），请换一个短一些的密码"
        )


def _hash(password: str) -> bytes:
    check_password(password)
    return bcrypt.hashpw(password.encode("utf-8"), bcrypt.gensalt())


def _dummy_hash() -> bytes:
    """A hash of the same cost as real ones, so that an unknown user takes as long as a known one."""
    if not _DUMMY_HASH:
        _DUMMY_HASH.append(bcrypt.hashpw(b"dummy-password", bcrypt.gensalt()))
    return _DUMMY_HASH[0]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class AccountsMixin:
    _db: sqlite3.Connection

    # -------------------------------------------------------------- organisations

    def add_org(self, name: str, parent: str | None = None, office: bool = False) -> int:
        name = (name or "").strip()
        if not name or len(name) > ORG_NAME_MAX:
            raise StoreError(f"机构名称应为 1–{ORG_NAME_MAX} 个字符")
        parent_id = self.org_id(parent) if parent else None
        if parent_id is not None and not self.org(parent).office:
            raise StoreError(f"上级机构“{parent}”不是政务公开办（建立时请加 --office）")
        try:
            with self._tx() as db:
                cur = db.execute(
                    "INSERT INTO orgs(name, parent_id, office, created_at) VALUES (?,?,?,?)",
                    (name, parent_id, int(office), time.time()),
                )
        except sqlite3.IntegrityError:
            raise StoreError(f"机构“{name}”已存在") from None
        return int(cur.lastrowid)

    def org_id(self, name: str) -> int:
        row = self._one("SELECT id FROM orgs WHERE name=?", ((name or "").strip(),))
        if row is None:
            raise StoreError(f"机构“{name}”不存在，请先运行 `assistant org add {name}`")
        return int(row["id"])

    def org(self, name: str) -> Org:
        return next(o for o in self.orgs() if o.id == self.org_id(name))

    def orgs(self) -> list[Org]:
        rows = self._all(
            "SELECT o.id, o.name, o.office, p.name AS parent FROM orgs o LEFT JOIN orgs p ON p.id=o.parent_id "
            "ORDER BY o.id",
            (),
        )
        return [Org(int(r["id"]), r["name"], r["parent"] or "", bool(r["office"])) for r in rows]

    # -------------------------------------------------------------- accounts

    def add_user(self, username: str, password: str, org: str | None = None, role: str = CLERK) -> int:
        username = (username or "").strip()
        if not username or len(username) > USERNAME_MAX:
            raise StoreError(f"用户名应为 1–{USERNAME_MAX} 个字符")
        if username == LOCAL_USER:
            raise StoreError(f"“{LOCAL_USER}”是免登录模式的保留名称，请换一个用户名")
        if role not in ROLES:
            raise StoreError(f"角色“{role}”无效，可选：{'、'.join(ROLES)}")
        org_id = self.org_id(org) if org else None
        pw_hash = _hash(password)
        try:
            with self._tx() as db:
                cur = db.execute(
                    "INSERT INTO users(username, pw_hash, created_at, org_id, role) VALUES (?,?,?,?,?)",
                    (username, pw_hash, time.time(), org_id, role),
                )
        except sqlite3.IntegrityError:
            raise StoreError(f"用户“{username}”已存在") from None
        return int(cur.lastrowid)

    def set_password(self, username: str, password: str) -> None:
        pw_hash = _hash(password)
        self._update_account(username, "pw_hash=?", (pw_hash,))

    def set_role(self, username: str, role: str | None = None, org: str | None = None) -> None:
        """Change an account's role and/or organisation; its sessions end."""
        if role is not None and role not in ROLES:
            raise StoreError(f"角色“{role}”无效，可选：{'、'.join(ROLES)}")
        if role is not None:
            self._update_account(username, "role=?", (role,))
        if org is not None:
            org_id = self.org_id(org)
            uid = self.user_id(username)
            self._update_account(username, "org_id=?", (org_id,))
            with self._tx() as db:  # its own reports go with it, never hidden
                db.execute("UPDATE reports SET org_id=? WHERE user_id=? AND org_id IS NULL", (org_id, uid))

    def remove_user(self, username: str) -> None:
        """Disable an account (its name is freed; its authorship in versions and comments stays)."""
        uid = self.user_id(username)
        own = self._one("SELECT COUNT(*) AS n FROM reports WHERE user_id=? AND org_id IS NULL", (uid,))["n"]
        if own:
            raise StoreError(
                f"账号“{username}”有 {own} 份不属于任何机构的报告，删除后将无人能看到。"
                f"请先运行 `assistant user set {username} --org 机构` 把它们归入机构"
            )
        with self._tx() as db:
            db.execute(
                "UPDATE users SET removed=1, pw_hash=?, epoch=epoch+1, username=? WHERE id=?",
                (NO_LOGIN, f"{username}#已删除{uid}", uid),
            )
            db.execute("DELETE FROM sessions WHERE user_id=?", (uid,))

    def _update_account(self, username: str, assignment: str, args: tuple) -> None:
        with self._tx() as db:
            n = db.execute(
                f"UPDATE users SET {assignment}, epoch=epoch+1 WHERE username=? AND removed=0",
                (*args, username),
            ).rowcount
            db.execute(
                "DELETE FROM sessions WHERE user_id=(SELECT id FROM users WHERE username=?)", (username,)
            )
        if not n:
            raise StoreError(f"用户“{username}”不存在")

    def verify(self, username: str, password: str) -> bool:
        """Same work for known and unknown names; never raises on odd input."""
        row = self._one(
            "SELECT pw_hash FROM users WHERE username=? AND removed=0", ((username or "").strip(),)
        )
        pw = (password or "").encode("utf-8", "replace")
        stored = bytes(row["pw_hash"]) if row is not None else b""
        usable = stored.startswith(b"$2") and len(pw) <= PASSWORD_MAX_BYTES
        ok = bcrypt.checkpw(pw[:PASSWORD_MAX_BYTES], stored if usable else _dummy_hash())
        return bool(ok and usable)

    def user_id(self, username: str, create: bool = False) -> int:
        row = self._one("SELECT id FROM users WHERE username=? AND removed=0", (username,))
        if row is not None:
            return int(row["id"])
        if not create:
            raise StoreError(f"用户“{username}”不存在")
        with self._tx() as db:  # the loopback single-user mode has no password login
            cur = db.execute(
                "INSERT INTO users(username, pw_hash, created_at) VALUES (?, ?, ?)",
                (username, NO_LOGIN, time.time()),
            )
        return int(cur.lastrowid)

    def account(self, user_id: int) -> Account:
        row = self._one(
            "SELECT u.id, u.username, u.org_id, u.role, u.epoch, u.removed, o.name AS org, o.office "
            "FROM users u LEFT JOIN orgs o ON o.id=u.org_id WHERE u.id=?",
            (user_id,),
        )
        if row is None or row["removed"]:
            raise StoreError("该账号已被删除，请联系管理员")
        return Account(
            int(row["id"]), row["username"], row["org_id"], row["org"] or "", row["role"],
            bool(row["office"]), int(row["epoch"]),
        )  # fmt: skip

    def accounts(self) -> list[Account]:
        rows = self._all("SELECT id FROM users WHERE pw_hash != ? AND removed=0 ORDER BY id", (NO_LOGIN,))
        return [self.account(int(r["id"])) for r in rows]

    def usernames(self) -> list[str]:
        return [a.username for a in self.accounts()]

    def has_login_users(self) -> bool:
        return self._one("SELECT 1 FROM users WHERE pw_hash != ? AND removed=0", (NO_LOGIN,)) is not None

    def local_reports(self) -> int:
        """How many reports were made in the no-login mode (they belong to the local user)."""
        row = self._one(
            "SELECT COUNT(*) AS n FROM reports r JOIN users u ON u.id=r.user_id "
            "WHERE u.username=? AND u.pw_hash=? AND r.org_id IS NULL",
            (LOCAL_USER, NO_LOGIN),
        )
        return int(row["n"])

    def assign_local_reports(self, username: str) -> int:
        """Give the no-login reports to an account's organisation (or to the account if it has none)."""
        acc = self.account(self.user_id(username))
        local = self._one("SELECT id FROM users WHERE username=? AND pw_hash=?", (LOCAL_USER, NO_LOGIN))
        if local is None:
            return 0
        with self._tx() as db:
            if acc.org_id is not None:
                sql, args = "UPDATE reports SET org_id=? WHERE user_id=? AND org_id IS NULL", (acc.org_id,)
            else:
                sql, args = "UPDATE reports SET user_id=? WHERE user_id=? AND org_id IS NULL", (acc.id,)
            return db.execute(sql, (*args, int(local["id"]))).rowcount

    # -------------------------------------------------------------- login sessions

    def open_session(self, token: str, username: str, seconds: float = SESSION_SECONDS) -> None:
        acc = self.account(self.user_id(username))
        now = time.time()
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE expires_at < ?", (now,))
            db.execute(
                "INSERT OR REPLACE INTO sessions VALUES (?,?,?,?,?)",
                (token_hash(token), acc.id, acc.epoch, now, now + seconds),
            )

    def session_user(self, token: str | None) -> str | None:
        """The account behind a session token; None when unknown, expired or made before a change."""
        if not token:
            return None
        row = self._one(
            "SELECT u.username FROM sessions s JOIN users u ON u.id=s.user_id "
            "WHERE s.token_hash=? AND s.epoch=u.epoch AND u.removed=0 AND s.expires_at > ?",
            (token_hash(token), time.time()),
        )
        return None if row is None else row["username"]

    def close_session(self, token: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM sessions WHERE token_hash=?", (token_hash(token),))
