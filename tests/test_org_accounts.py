"""Accounts and organisations from the CLI; existing installs (old databases, no-login reports)."""

from __future__ import annotations

import io
import sqlite3
import sys

import pytest

from assistant.cli import main
from assistant.config import load_settings
from assistant.store import LOCAL_USER, Store
from assistant.workspace import Workspace

OLD_SCHEMA = """
CREATE TABLE users (id INTEGER PRIMARY KEY, username TEXT UNIQUE NOT NULL, pw_hash BLOB NOT NULL,
  created_at REAL NOT NULL, last_report_id INTEGER);
CREATE TABLE reports (id INTEGER PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id),
  agency TEXT NOT NULL, level TEXT NOT NULL DEFAULT '', year INTEGER NOT NULL, state TEXT NOT NULL DEFAULT '{}',
  created_at REAL NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE sections (report_id INTEGER NOT NULL REFERENCES reports(id), key TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '', locked INTEGER NOT NULL DEFAULT 0, findings TEXT NOT NULL DEFAULT '[]',
  updated_at REAL NOT NULL, PRIMARY KEY (report_id, key));
CREATE TABLE versions (id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL REFERENCES reports(id), key TEXT NOT NULL,
  text TEXT NOT NULL, origin TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', created_at REAL NOT NULL);
"""


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path))
    return tmp_path


def cli(monkeypatch, *argv, password="password-1"):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(list(argv))


def db(home) -> Store:
    return Store(load_settings().db_path)


def test_a_database_of_the_previous_version_opens_and_keeps_every_report(tmp_path):
    path = tmp_path / "old.sqlite3"
    con = sqlite3.connect(path)
    con.executescript(OLD_SCHEMA)
    con.execute("INSERT INTO users VALUES (1, 'wang', '!', 0, 1)")
    for rid in (1, 2):
        con.execute("INSERT INTO reports VALUES (?, 1, '某县某局', '', 2023, '{}', 0, 0)", (rid,))
    con.execute("INSERT INTO sections VALUES (1, 's1_overview', '旧文本', 1, '[]', 0)")
    con.execute("INSERT INTO versions VALUES (1, 1, 's1_overview', '旧文本', 'edit', '', 0)")
    con.commit()
    con.close()
    store = Store(path)
    ws = Workspace(store, store.user_id("wang"))
    assert sorted(r.id for r in ws.reports()) == [1, 2]
    assert ws.sections(1)["s1_overview"].text == "旧文本" and ws.sections(1)["s1_overview"].locked
    assert [(v.text, v.author) for v in ws.history(1, "s1_overview")] == [("旧文本", "")]
    assert ws.row(1).review_state == "草稿"
    ws.save_section(1, "s1_overview", "新文本")  # and it can be worked on
    store.close()
    Store(path).close()  # migrating twice is harmless


def test_org_and_user_commands(home, monkeypatch, capsys):
    assert cli(monkeypatch, "org", "add", "某县政务公开办", "--office") == 0
    assert cli(monkeypatch, "org", "add", "某县住建局", "--under", "某县政务公开办") == 0
    assert (
        cli(
            monkeypatch, "user", "add", "zhang", "--org", "某县住建局", "--role", "经办人", "--password-stdin"
        )
        == 0
    )
    assert (
        cli(monkeypatch, "user", "add", "li", "--org", "某县住建局", "--role", "editor", "--password-stdin")
        == 0
    )
    assert cli(monkeypatch, "user", "list") == 0
    assert cli(monkeypatch, "org", "list") == 0
    out = capsys.readouterr().out
    assert "zhang\t某县住建局\t经办人" in out and "li\t某县住建局\t审核人" in out
    assert "某县住建局\t机关\t上级：某县政务公开办" in out
    assert cli(monkeypatch, "user", "set", "zhang", "--role", "审核人") == 0
    assert cli(monkeypatch, "user", "remove", "li") == 0
    assert cli(monkeypatch, "user", "list") == 0
    out = capsys.readouterr().out
    assert "zhang\t某县住建局\t审核人" in out and "li\t" not in out
    assert cli(monkeypatch, "user", "add", "li", "--org", "某县住建局", "--password-stdin") == 0  # name freed


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["user", "add", "a", "--org", "不存在的局", "--password-stdin"], "机构“不存在的局”不存在"),
        (["user", "add", "a", "--role", "局长", "--password-stdin"], "角色“局长”无效"),
        (["user", "add", LOCAL_USER, "--password-stdin"], "保留名称"),
        (["user", "remove", "nobody"], "不存在"),
        (["user", "set", "nobody", "--role", "审核人"], "不存在"),
        (["org", "add", "某局", "--under", "不存在的办"], "不存在"),
    ],
)
def test_bad_account_commands_give_chinese_errors(home, monkeypatch, capsys, argv, message):
    assert cli(monkeypatch, *argv) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_a_password_over_72_bytes_is_refused_clearly(home, monkeypatch, capsys):
    long = "政府信息公开工作年度报告密码测试很长很长很长很长很长"  # 25 characters, 75 bytes
    assert cli(monkeypatch, "user", "add", "zhao", "--password-stdin", password=long) == 1
    assert "密码过长" in capsys.readouterr().err
    store = db(home)
    assert not store.verify("zhao", long)  # and login with it is a plain refusal, not a crash
    store.add_user("zhao", "password-1")
    assert not store.verify("zhao", long)
    assert not store.verify("zhao", "x" * 10_000)
    store.close()


def test_first_account_takes_over_the_no_login_reports(home, monkeypatch, capsys):
    store = db(home)
    local = Workspace(store, store.user_id(LOCAL_USER, create=True))
    rids = {local.start("某县住建局", 2023), local.start("某县住建局", 2024)}
    store.close()
    assert cli(monkeypatch, "org", "add", "某县住建局") == 0
    assert cli(monkeypatch, "user", "add", "zhang", "--org", "某县住建局", "--password-stdin") == 0
    assert "免登录模式下建立的 2 份报告已归入机构“某县住建局”" in capsys.readouterr().out
    store = db(home)
    assert {r.id for r in Workspace(store, store.user_id("zhang")).reports()} == rids
    store.close()


def test_first_account_without_org_takes_the_reports_itself(home, monkeypatch, capsys):
    store = db(home)
    local = Workspace(store, store.user_id(LOCAL_USER, create=True))
    rid = local.start("某县住建局", 2023)
    store.close()
    assert cli(monkeypatch, "user", "add", "solo", "--password-stdin") == 0
    assert "1 份报告已归入账号“solo”" in capsys.readouterr().out
    store = db(home)
    assert [r.id for r in Workspace(store, store.user_id("solo")).reports()] == [rid]
    assert not store.verify(LOCAL_USER, "")  # logging in as the local user is refused, never a 500
    store.close()


def test_removing_an_account_with_personal_reports_is_refused(home, monkeypatch, capsys):
    store = db(home)
    store.add_org("某县住建局")
    ws = Workspace(store, store.add_user("old", "password-1"))
    ws.start("某县住建局", 2023)
    store.close()
    assert cli(monkeypatch, "user", "remove", "old") == 1
    assert "1 份不属于任何机构的报告" in capsys.readouterr().err
    assert cli(monkeypatch, "user", "set", "old", "--org", "某县住建局") == 0
    assert cli(monkeypatch, "user", "remove", "old") == 0
