"""A section saved by hand while 生成全文 streams (the browser test's draft-step flake under load)."""

from __future__ import annotations

from assistant.app import draft
from assistant.config import load_settings
from assistant.workspace import Workspace

OFFLINE = load_settings(env={})
MINE = "本机关2024年度未收取政府信息公开信息处理费。"


def _report(ws) -> int:
    rid = ws.start("青梧县测试局", 2024, "县级部门")
    ws.set_cells(rid, {"applications.new_received.natural_person": 3})
    return rid


def _edit_mid_stream(ws, rid, key: str) -> tuple[list[draft.DraftView], draft.DraftView]:
    """Generate; after the first view the user saves `key` by hand; the views before and after."""
    views = draft.generate(ws, rid, OFFLINE, retriever=None)
    before = [next(views)]
    saved = draft.edit(ws, rid, key, MINE, "")
    assert "已保存并重新核对" in saved.notes
    return before + list(views), saved


def test_a_hand_save_during_the_stream_is_kept_and_the_draft_goes_on(ws):
    rid = _report(ws)
    views, _ = _edit_mid_stream(ws, rid, "s6_other")
    final = views[-1]
    assert "起草中断" not in final.notes  # before: the locked section's save aborted the whole draft
    assert ws.sections(rid)["s6_other"].text == MINE and final.texts["s6_other"] == MINE
    assert "起草期间已手工修改" in final.notes
    assert all(ws.sections(rid)[k].text for k in draft.SECTION_KEYS)  # the others were still drafted


def test_a_hand_save_before_the_lock_is_not_overwritten(ws, monkeypatch):
    """Saved but not yet locked (edit saves, then locks): the draft still keeps the hand text."""
    rid = _report(ws)
    monkeypatch.setattr(Workspace, "lock", lambda *a, **k: None)
    _edit_mid_stream(ws, rid, "s6_other")
    assert ws.sections(rid)["s6_other"].text == MINE
    assert not ws.sections(rid)["s6_other"].locked


def test_the_boxes_are_read_only_while_the_draft_streams(ws):
    rid = _report(ws)
    views = list(draft.generate(ws, rid, OFFLINE, retriever=None))
    assert all(v.busy and draft.DRAFTING in v.notes for v in views[:-1])
    assert not views[-1].busy and draft.DRAFTING not in views[-1].notes  # the end is seen in the page
    assert not draft.view(ws, rid).busy
