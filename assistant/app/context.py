"""What every handler needs: the store, the settings and who is asking."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.store import Store, StoreError
from assistant.workspace import Workspace

LOCAL_USER = "本机用户"


@dataclass
class AppContext:
    store: Store
    settings: Settings
    auth: bool  # True when login is required
    export_dir: Path = field(default_factory=lambda: Path("data") / "exports")
    extras: dict[str, Any] = field(default_factory=dict)  # lazily built services (retriever, …)

    def workspace(self, username: str | None) -> Workspace:
        """The workspace of the user behind a request (the local user when login is off)."""
        name = username if (self.auth and username) else LOCAL_USER
        if self.auth and not username:
            raise PermissionError("未登录")
        try:
            return Workspace(self.store, self.store.user_id(name, create=not self.auth))
        except StoreError:
            raise PermissionError("该账号已被删除或停用，请重新登录") from None


def resolve_host(host: str | None) -> str:
    """An empty --host means the default loopback address, never "all addresses" (Gradio would read
    GRADIO_SERVER_NAME, e.g. 0.0.0.0, for an empty name and bind everything without login)."""
    return (host or "").strip() or "127.0.0.1"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ServeRefused(Exception):
    """Chinese reason why the app will not start (e.g. a public address without accounts)."""


def decide_auth(host: str, store: Store) -> bool:
    """Login is on when accounts exist; a non-loopback address without accounts is refused."""
    if store.has_login_users():
        return True
    if not is_loopback(host):
        raise ServeRefused(
            f"拒绝在 {host} 上无登录启动：请先用 `assistant user add 用户名` 创建账号，"
            "或只在本机地址 127.0.0.1 上使用"
        )
    return False
