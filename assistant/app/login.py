"""Login hardening around Gradio's password login.

- `Throttle`: failed logins counted per account name and per client address; past the limit, the
  login is refused for a while without checking the password (the time spent stays the same).
- `StoreTokens`: Gradio's session-token table backed by the store, so a session ends when the
  account's password, role or organisation changes, when it is removed, or after 12 hours — even
  when the change is made by `assistant user …` in another process.
- `LoginGuard`: ASGI middleware on /login and /logout: refuses throttled addresses (429, Chinese),
  sets the session cookies SameSite=Lax with an expiry, drops the non-Secure copy over HTTPS,
  and ends the session in the store on logout; an exported file is served only to the account
  that exported it.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from assistant.store import Store, StoreError
from assistant.store_accounts import SESSION_SECONDS

USER_LIMIT = 5  # failures per account name within WINDOW
ADDRESS_LIMIT = 20  # failures per client address within WINDOW
WINDOW = 15 * 60
LOCKOUT = 5 * 60


class Throttle:
    """Failures per key within a sliding window; a key over its limit waits LOCKOUT seconds."""

    def __init__(self, limit: int, window: float = WINDOW, lockout: float = LOCKOUT, clock=time.monotonic):
        self.limit, self.window, self.lockout, self.clock = limit, window, lockout, clock
        self._fails: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, key: str) -> float:
        """Seconds until this key may try again (0 = now)."""
        with self._lock:
            fails = self._trim(key)
            if len(fails) < self.limit:
                return 0.0
            return max(0.0, fails[-1] + self.lockout - self.clock())

    def fail(self, key: str) -> None:
        with self._lock:
            self._trim(key).append(self.clock())

    def succeed(self, key: str) -> None:
        with self._lock:
            self._fails.pop(key, None)

    def _trim(self, key: str) -> deque[float]:
        fails = self._fails.setdefault(key, deque(maxlen=self.limit * 4))
        horizon = self.clock() - max(self.window, self.lockout)
        while fails and fails[0] < horizon:
            fails.popleft()
        if not fails:
            self._fails.pop(key, None)
            fails = self._fails.setdefault(key, deque(maxlen=self.limit * 4))
        return fails


def wait_message(seconds: float) -> str:
    return f"登录失败次数过多，请 {max(1, round(seconds / 60))} 分钟后再试"


def make_auth(store: Store, users: Throttle) -> Callable[[str, str], bool]:
    """The callable Gradio asks at /login. A throttled name is refused after the same bcrypt work."""

    def auth(username: str, password: str) -> bool:
        name = (username or "").strip()[:200]
        if users.wait(name):
            store.verify("", password or "")  # same time as a real check, always False
            return False
        ok = store.verify(name, password or "")
        (users.succeed if ok else users.fail)(name)
        return ok

    return auth


class StoreTokens(MutableMapping):
    """token → username, valid only while the account is unchanged (see `Store.session_user`)."""

    def __init__(self, store: Store, seconds: float = SESSION_SECONDS):
        self.store, self.seconds = store, seconds
        self._minted: set[str] = set()  # tokens made by this process (Gradio's logout iterates them)

    def __setitem__(self, token: str, username: str) -> None:
        try:
            self.store.open_session(token, username, self.seconds)
            self._minted.add(token)
        except StoreError:
            pass  # the account vanished between check and session: no session

    def __getitem__(self, token: str) -> str:
        user = self.store.session_user(token)
        if user is None:
            raise KeyError(token)
        return user

    def __delitem__(self, token: str) -> None:
        self.store.close_session(token)
        self._minted.discard(token)

    def __iter__(self) -> Iterator[str]:
        return iter([t for t in list(self._minted) if t in self])

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, token: object) -> bool:
        return isinstance(token, str) and self.store.session_user(token) is not None


class LoginGuard:
    """ASGI middleware for /login (address throttle, cookie flags) and /logout (end the session)."""

    def __init__(
        self,
        app,
        store: Store | None = None,
        addresses: Throttle | None = None,
        export_dir: Path | None = None,
    ):
        self.app = app
        self.store = store
        self.addresses = addresses or Throttle(ADDRESS_LIMIT)
        self.export_dir = export_dir

    async def __call__(self, scope, receive, send):
        self._own_tokens(scope.get("app"))
        path = scope.get("path", "").rstrip("/")
        if scope.get("type") == "http" and "/file=" in path and not self._may_download(scope, path):
            return await _refuse(send, 0, 403, "该文件是其他账号导出的，您无权下载；请在“导出”页自行导出")
        if scope.get("type") != "http" or not (path.endswith("/login") or path.endswith("/logout")):
            return await self.app(scope, receive, send)
        if path.endswith("/logout"):
            self._end_session(scope)
            return await self.app(scope, receive, send)
        address = (scope.get("client") or ("?",))[0]
        wait = self.addresses.wait(address) if scope.get("method") == "POST" else 0
        if wait:
            return await _refuse(send, wait)
        secure = _is_https(scope)
        status: list[int] = []

        async def send_fixed(message):
            if message["type"] == "http.response.start":
                status.append(message["status"])
                message = dict(message, headers=_fix_cookies(message.get("headers", []), secure))
            await send(message)

        await self.app(scope, receive, send_fixed)
        if scope.get("method") == "POST" and status:
            (self.addresses.succeed if status[0] == 200 else self.addresses.fail)(address)

    def _own_tokens(self, app) -> None:
        if (
            self.store is not None
            and app is not None
            and not isinstance(getattr(app, "tokens", None), StoreTokens)
        ):
            if hasattr(app, "tokens"):
                app.tokens = StoreTokens(self.store)

    def _may_download(self, scope, path: str) -> bool:
        """An exported file is served only to the account that exported it (exports/<user id>/…)."""
        if self.store is None or self.export_dir is None:
            return True
        name = Path(unquote(path.split("/file=", 1)[1])).name
        owners = {p.relative_to(self.export_dir).parts[0] for p in _named(self.export_dir, name)}
        if not owners:
            return True  # not an export (an upload, a static file): Gradio's own rules apply
        users = [self.store.session_user(t) for t in _cookie_tokens(scope)]
        ids = set()
        for user in filter(None, users):
            try:
                ids.add(str(self.store.user_id(user)))
            except StoreError:
                pass
        return bool(ids & owners)

    def _end_session(self, scope) -> None:
        if self.store is None:
            return
        for token in _cookie_tokens(scope):
            self.store.close_session(token)


def _named(root: Path, name: str) -> list[Path]:
    if not name or not root.is_dir():
        return []
    from gradio_client.utils import strip_invalid_filename_characters as served_name  # Gradio's cache name

    found = []
    for folder, _dirs, files in os.walk(root):
        found += [Path(folder) / f for f in files if f == name or served_name(f) == name]
    return found


def _is_https(scope) -> bool:
    headers = dict(scope.get("headers") or [])
    return scope.get("scheme") == "https" or headers.get(b"x-forwarded-proto", b"").lower() == b"https"


def _cookie_tokens(scope) -> list[str]:
    raw = dict(scope.get("headers") or []).get(b"cookie", b"").decode("latin-1")
    pairs = [p.strip().split("=", 1) for p in raw.split(";") if "=" in p]
    return [v for k, v in pairs if k.startswith("access-token")]


def _fix_cookies(headers: list[tuple[bytes, bytes]], secure: bool) -> list[tuple[bytes, bytes]]:
    out = []
    for name, value in headers:
        if name.lower() == b"set-cookie" and value.startswith(b"access-token"):
            if secure and value.startswith(b"access-token-unsecure"):
                continue  # over HTTPS the Secure cookie suffices
            if b"max-age=0" in value.lower() or b"expires=thu, 01 jan 1970" in value.lower():
                out.append((name, value))  # a deletion stays a deletion
                continue
            parts = [p for p in value.split(b"; ") if not p.lower().startswith((b"samesite", b"max-age"))]
            parts += [b"SameSite=Lax", b"Max-Age=%d" % SESSION_SECONDS]
            value = b"; ".join(parts)
        out.append((name, value))
    return out


async def _refuse(send, wait: float, status: int = 429, message: str = "") -> None:
    body = json.dumps({"detail": message or wait_message(wait)}, ensure_ascii=False).encode("utf-8")
    headers = [(b"content-type", b"application/json; charset=utf-8")]
    if status == 429:
        headers.append((b"retry-after", b"%d" % int(wait + 1)))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


STALE_MESSAGE = (
    "您的登录已失效：账号的密码、角色或所属机构已被管理员更改，或账号已删除，或登录已超过 12 小时。"
    "刚才的操作没有执行，请重新登录。"
)
# In the page: a request refused for a session that ended (401) says so in Chinese and reloads to
# the login page, instead of Gradio's silent "错误" badge on every output.
STALE_HEAD = """<script>
(() => {
  const message = __MESSAGE__;
  const fetch0 = window.fetch.bind(window);
  let told = false;
  window.fetch = async (...args) => {
    const res = await fetch0(...args);
    const url = String((args[0] && args[0].url) || args[0] || "");
    if (res.status === 401 && url.includes("/gradio_api/") && !told) {
      told = true;
      window.alert(message);
      window.location.reload();
    }
    return res;
  };
})();
</script>""".replace("__MESSAGE__", json.dumps(STALE_MESSAGE, ensure_ascii=False))


def app_kwargs(store: Store, export_dir: Path | None = None) -> dict[str, Any]:
    """FastAPI arguments for `demo.launch(app_kwargs=…)`: the guard as middleware."""
    from starlette.middleware import Middleware

    return {"middleware": [Middleware(LoginGuard, store=store, export_dir=export_dir)]}


def install(demo, store: Store) -> None:
    """After launch: session tokens live in the store (before anyone could have logged in)."""
    app = getattr(demo, "server_app", None) or getattr(demo, "app", None)
    if app is not None:
        app.tokens = StoreTokens(store)
