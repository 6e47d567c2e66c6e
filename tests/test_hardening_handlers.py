"""Issue 15 item 11: app handlers given hostile files or odd upload values answer in Chinese, never raise."""

from __future__ import annotations

import pytest

from assistant.app import chat_uploads, files, session, tables
from assistant.app.context import AppContext
from assistant.app.uploads import regular_files, upload_path, upload_paths
from assistant.config import load_settings
from assistant.store import Store

AGENCY = "某县人民政府办公室"
BAD_PREVIOUS = {
    "deep.json": b"[" * 100_000 + b"]" * 100_000,
    "alias.yaml": b'a: &a ["x","x"]\nb: &b [*a,*a]\nagency: *b\nyear: 2022\n',
    "types.json": b'{"agency": {"a": 1}, "year": [2022], "cells": "x"}',
    "list.yaml": b"- 1\n- 2\n",
    "big.json": b'{"agency": "x", "year": 2022, "cells": {"review.upheld": 1' + b"0" * 5000 + b"}}",
}
ODD_UPLOADS = [None, [], ["a", "b"], {"path": "/nonexistent/x.yaml"}, "", 5, "/"]


@pytest.fixture
def ctx(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    yield AppContext(store, load_settings(env={}), auth=False, export_dir=tmp_path / "exports")
    store.close()


def test_grid_edit_with_5000_digits_is_refused_in_every_grid(ctx) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2023, "")
    for grid in range(3):
        _, errors, _ = tables.edit_cell(ws, rid, grid, [0, 1], "9" * 5000)
        assert errors and "不是数字" in errors[0]
    assert ws.row(rid).state.get("cells", {}) == {}


@pytest.mark.parametrize("name", sorted(BAD_PREVIOUS))
def test_session_start_with_a_bad_previous_file_makes_a_whole_report(ctx, tmp_path, name) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_PREVIOUS[name])
    out = session.start(ctx, None, [], AGENCY, "", 2023, str(path))
    rid, header = out[0], out[2]
    assert rid is not None and "已创建报告" in header and "上年报告未采用" in header and name in header
    row = ctx.workspace(None).row(rid)
    assert not row.state.get("previous")  # nothing half attached
    assert ctx.workspace(None).check(rid).facts.agency == AGENCY


@pytest.mark.parametrize("name", sorted(BAD_PREVIOUS))
def test_chat_previous_with_a_bad_file_says_so(ctx, tmp_path, name) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2023, "")
    path = tmp_path / name
    path.write_bytes(BAD_PREVIOUS[name])
    chat_uploads.previous(ws, rid, str(path))
    last = ws.row(rid).state["chat"][-1]["content"] if "chat" in ws.row(rid).state else ""
    assert last.startswith("⚠") and name in last, last


@pytest.mark.parametrize("odd", ODD_UPLOADS, ids=repr)
def test_odd_upload_values_never_raise(ctx, tmp_path, odd) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2023, "")
    chat_uploads.previous(ws, rid, odd)
    chat_uploads.ledger(ws, rid, odd)
    session.start(ctx, None, [], AGENCY + "二", "", 2023, odd)
    _, _, _, message = files.audit(odd, odd, tmp_path / "audit")
    assert any("\u4e00" <= ch <= "\u9fff" for ch in message)


def test_files_audit_never_walks_a_folder(tmp_path) -> None:
    (tmp_path / "inner.yaml").write_text("agency: x\nyear: 2023\n", "utf-8")
    found, summary, _, message = files.audit([str(tmp_path)], None, tmp_path / "out")
    assert summary.empty and "请先上传年报文件" in message and "不是上传的文件" in message


def test_files_audit_with_hostile_files_reports_each(tmp_path) -> None:
    paths = []
    for name, data in BAD_PREVIOUS.items():
        (tmp_path / name).write_bytes(data)
        paths.append(str(tmp_path / name))
    _, summary, csv_path, message = files.audit(paths, str(tmp_path / "deep.json"), tmp_path / "out")
    assert len(summary) >= len(paths) and "无法读取" in message and csv_path


def test_upload_values() -> None:
    assert upload_paths(None) == [] and upload_paths(["a", None, {"path": "b"}]) == ["a", "b"]
    assert upload_path(["x", "y"]) == "x" and upload_path(7) is None
    assert regular_files(["/"])[0] == []
