"""Start-up decisions: login when accounts exist; no public address without accounts."""

from __future__ import annotations

import pytest

from assistant.app.context import AppContext, ServeRefused, decide_auth, is_loopback
from assistant.cli import main
from assistant.config import load_settings
from assistant.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


@pytest.mark.parametrize(("host", "loop"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                           ("0.0.0.0", False), ("192.168.1.5", False), ("example.org", False)])  # fmt: skip
def test_loopback(host, loop):
    assert is_loopback(host) is loop


def test_public_address_without_accounts_is_refused(store):
    with pytest.raises(ServeRefused, match="assistant user add"):
        decide_auth("0.0.0.0", store)
    assert decide_auth("127.0.0.1", store) is False


def test_accounts_turn_login_on(store):
    store.add_user("zhang", "password-1")
    assert decide_auth("0.0.0.0", store) is True
    assert decide_auth("127.0.0.1", store) is True


def test_workspace_requires_login_when_auth_is_on(store):
    store.add_user("zhang", "password-1")
    ctx = AppContext(store, load_settings(env={}), auth=True)
    with pytest.raises(PermissionError):
        ctx.workspace(None)
    assert ctx.workspace("zhang").user_id == store.user_id("zhang")


def test_serve_refuses_public_host_without_accounts(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path))
    assert main(["serve", "--host", "0.0.0.0", "--no-ingest"]) == 2
    assert "拒绝" in capsys.readouterr().err


def test_user_command_creates_hashed_account(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path))
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.StringIO("long-password\n"))
    assert main(["user", "add", "li", "--password-stdin"]) == 0
    assert main(["user", "list"]) == 0
    assert "li" in capsys.readouterr().out
    s = Store(tmp_path / "assistant.sqlite3")
    assert s.verify("li", "long-password")
    s.close()
