"""Login hardening: throttling, equal work for unknown names, long passwords, sessions that end."""

from __future__ import annotations

import bcrypt
import pytest

from assistant.app import login
from assistant.app.context import is_loopback, resolve_host
from assistant.store import Store


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    s.add_org("某县住建局")
    s.add_user("zhang", "right-password", org="某县住建局")
    yield s
    s.close()


def test_guessing_is_throttled_per_account_and_the_right_password_waits(store):
    clock = Clock()
    auth = login.make_auth(store, login.Throttle(5, clock=clock))
    assert [auth("zhang", f"guess-{i}") for i in range(5)] == [False] * 5
    assert auth("zhang", "right-password") is False  # locked, even with the right password
    assert auth("li", "whatever-1") is False and login.Throttle(5).wait("li") == 0
    clock.now += login.LOCKOUT + 1
    assert auth("zhang", "right-password") is True


def test_throttle_counts_within_the_window_only():
    clock = Clock()
    t = login.Throttle(3, window=60, lockout=30, clock=clock)
    for _ in range(2):
        t.fail("a")
    clock.now += 61
    t.fail("a")
    assert t.wait("a") == 0  # the old failures have expired
    t.fail("a")
    t.fail("a")
    assert 0 < t.wait("a") <= 30
    t.succeed("a")
    assert t.wait("a") == 0
    assert "分钟后再试" in login.wait_message(299)


def test_unknown_users_cost_the_same_bcrypt_work(store, monkeypatch):
    costs = []
    real = bcrypt.checkpw

    def spy(pw, hashed):
        costs.append(hashed[:7])
        return real(pw, hashed)

    monkeypatch.setattr(bcrypt, "checkpw", spy)
    store.verify("zhang", "wrong-password")
    store.verify("nobody", "wrong-password")
    store.verify("本机用户", "")
    store.verify("zhang", "长" * 40)
    assert len(costs) == 4 and len(set(costs)) == 1, costs  # one bcrypt check each, same cost


def test_sessions_end_when_the_account_changes(store, tmp_path):
    tokens = login.StoreTokens(store)
    tokens["t1"] = "zhang"
    assert tokens.get("t1") == "zhang" and "t1" in tokens and list(tokens) == ["t1"]
    other = Store(tmp_path / "db.sqlite3")  # `assistant user passwd` runs in another process
    other.set_password("zhang", "new-password")
    other.close()
    assert tokens.get("t1") is None and "t1" not in tokens
    tokens["t2"] = "zhang"
    store.set_role("zhang", role="审核人")
    assert tokens.get("t2") is None
    tokens["t3"] = "zhang"
    store.remove_user("zhang")
    assert tokens.get("t3") is None
    tokens["t4"] = "zhang"  # a removed account gets no session at all
    assert tokens.get("t4") is None


def test_sessions_expire(store):
    tokens = login.StoreTokens(store, seconds=-1)
    tokens["old"] = "zhang"
    assert tokens.get("old") is None


def test_an_empty_host_is_the_loopback_address_not_all_addresses(monkeypatch):
    monkeypatch.setenv("GRADIO_SERVER_NAME", "0.0.0.0")
    assert resolve_host("") == "127.0.0.1" and resolve_host("  ") == "127.0.0.1"
    assert resolve_host(None) == "127.0.0.1"
    assert not is_loopback("")


# ---------------------------------------------------------------- the real Gradio login route


@pytest.fixture
def client(store):
    import gradio as gr
    from fastapi.testclient import TestClient
    from gradio.routes import App

    with gr.Blocks() as demo:
        gr.Markdown("x")
    demo.auth = login.make_auth(store, login.Throttle(login.USER_LIMIT))
    demo.auth_message = "请登录"
    app = App.create_app(demo, app_kwargs=login.app_kwargs(store))
    with TestClient(app) as c:
        yield c


def _login(client, password, user="zhang"):
    return client.post("/login", data={"username": user, "password": password})


def test_login_cookies_are_lax_with_an_expiry(client):
    r = _login(client, "right-password")
    assert r.status_code == 200
    cookies = r.headers.get_list("set-cookie")
    assert cookies and all("SameSite=Lax" in c and f"Max-Age={12 * 3600}" in c for c in cookies)
    assert not any("samesite=none" in c.lower() for c in cookies)
    https = client.post(
        "/login",
        data={"username": "zhang", "password": "right-password"},
        headers={"x-forwarded-proto": "https"},
    )
    names = [c.split("=", 1)[0] for c in https.headers.get_list("set-cookie")]
    assert names and not any("unsecure" in n for n in names)  # no non-Secure copy over HTTPS


def test_old_session_is_refused_after_passwd_and_logout(client, store):
    assert _login(client, "right-password").status_code == 200
    assert client.get("/gradio_api/user").json() == "zhang"
    store.set_password("zhang", "newer-password")
    assert client.get("/gradio_api/user").json() is None
    assert client.get("/gradio_api/login_check").status_code == 401
    assert _login(client, "newer-password").status_code == 200
    saved = dict(client.cookies)
    client.get("/logout", follow_redirects=False)
    client.cookies.clear()
    for name, value in saved.items():  # a copied cookie is worthless after logout
        client.cookies.set(name, value)
    assert client.get("/gradio_api/user").json() is None


def test_one_address_guessing_many_names_is_refused_in_chinese(client):
    codes = [_login(client, "wrong", user=f"user{i}").status_code for i in range(login.ADDRESS_LIMIT)]
    assert set(codes) == {400}
    r = _login(client, "right-password")
    assert r.status_code == 429 and "分钟后再试" in r.json()["detail"]


def test_a_very_long_password_at_login_is_a_refusal_not_a_500(client):
    assert _login(client, "长" * 30).status_code == 400
    assert _login(client, "x", user="本机用户").status_code == 400


def test_an_export_url_downloads_only_for_the_account_that_exported_it(store, tmp_path):
    import gradio as gr
    from fastapi.testclient import TestClient
    from gradio.routes import App

    store.add_user("li", "li-password-1", org="某县住建局")
    exports, cache = tmp_path / "exports", tmp_path / "cache" / "0123abcd"
    mine = exports / str(store.user_id("zhang")) / "某县住建局2024年报_20250101-120000.docx"
    for p in (mine, cache / mine.name):
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"PK docx")
    with gr.Blocks() as demo:
        gr.Markdown("x")
    demo.auth, demo.auth_message = login.make_auth(store, login.Throttle(5)), "请登录"
    demo.allowed_paths = [str(tmp_path / "cache")]
    app = App.create_app(demo, app_kwargs=login.app_kwargs(store, exports))
    url = f"/gradio_api/file={cache / mine.name}"
    with TestClient(app) as other:
        assert _login(other, "li-password-1", user="li").status_code == 200
        r = other.get(url)
        assert r.status_code == 403 and "其他账号导出" in r.json()["detail"]
    with TestClient(app) as owner:
        assert _login(owner, "right-password").status_code == 200
        r = owner.get(url)
        assert r.status_code == 200 and r.content == b"PK docx"
