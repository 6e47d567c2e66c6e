"""Issue 15 item 13: text fields have lengths no real report reaches (core/limits.py); beyond them a
field is refused with a Chinese message naming it — in facts files, the app's new-report form, the
section save (起草与修改 and 审阅与审定), the narrative and the chat — and never cut silently."""

from __future__ import annotations

import pytest

from assistant.app import chat, draft, review_flow, session
from assistant.app.context import AppContext
from assistant.config import load_settings
from assistant.core.limits import MAX_AGENCY_CHARS, MAX_LEVEL_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS
from assistant.facts_io import FactsFileError, load_facts
from assistant.store import Store
from assistant.workspace import WorkspaceError

AGENCY = "某县人民政府办公室"
# A long but real name (43 characters) is accepted everywhere.
REAL_LONG = "中华人民共和国国家发展和改革委员会价格监测中心与国家粮食和物资储备局政府信息公开办公室"


@pytest.fixture
def ctx(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    yield AppContext(store, load_settings(env={}), auth=False, export_dir=tmp_path / "exports")
    store.close()


def _facts(tmp_path, extra: str, agency: str = AGENCY):
    path = tmp_path / "facts.yaml"
    path.write_text(f"agency: {agency}\nyear: 2023\n{extra}", "utf-8")
    return load_facts(path)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        (f"level: {'县' * (MAX_LEVEL_CHARS + 1)}\n", "level（层级）"),
        (f"title: {'报告' * MAX_TITLE_CHARS}\n", "title（标题）"),
        (f"sections:\n  s5_problems: {'问' * (MAX_TEXT_CHARS + 1)}\n", "sections.s5_problems"),
        (f"narrative:\n  active: {'字' * (MAX_TEXT_CHARS + 1)}\n", "narrative.active"),
    ],
    ids=["level", "title", "section", "narrative"],
)
def test_facts_file_field_over_its_limit_is_refused_by_name(tmp_path, extra, field) -> None:
    with pytest.raises(FactsFileError) as e:
        _facts(tmp_path, extra)
    assert field in str(e.value) and "过长" in str(e.value) and "facts.yaml" in str(e.value)


def test_facts_file_fields_within_limits_are_kept_whole(tmp_path) -> None:
    title = "某" * MAX_TITLE_CHARS
    lf = _facts(tmp_path, f"level: 县级部门\ntitle: {title}\n", agency="某" * MAX_AGENCY_CHARS)
    assert lf.title == title and lf.facts.level == "县级部门" and len(lf.facts.agency) == MAX_AGENCY_CHARS
    with pytest.raises(FactsFileError, match="agency（机关名称）过长"):
        _facts(tmp_path, "", agency="某" * (MAX_AGENCY_CHARS + 1))


def test_new_report_form_refuses_an_overlong_agency_name(ctx) -> None:
    out = session.start(ctx, None, [], "某" * (MAX_AGENCY_CHARS + 1), "", 2024, None)
    assert out[0] is None and "机关名称过长" in out[2] and f"上限 {MAX_AGENCY_CHARS}" in out[2], out[2]
    assert ctx.workspace(None).reports() == []
    out = session.start(ctx, None, [], REAL_LONG, "", 2024, None)
    assert out[0] is not None and ctx.workspace(None).row(out[0]).agency == REAL_LONG


def test_new_report_refuses_an_overlong_level(ctx) -> None:
    with pytest.raises(WorkspaceError, match="层级过长"):
        ctx.workspace(None).start(AGENCY, 2024, "级" * (MAX_LEVEL_CHARS + 1))


def test_section_save_refuses_an_overlong_text_and_says_it_back(ctx) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2024, "")
    ws.save_section(rid, "s5_problems", "原有的文字。", "edit")
    pasted = "一段粘贴了整本书的文字。" * (MAX_TEXT_CHARS // 12 + 1)
    v = draft.edit(ws, rid, "s5_problems", pasted, base="原有的文字。")
    assert "正文过长" in v.notes and f"上限 {MAX_TEXT_CHARS}" in v.notes and "未保存" in v.notes, v.notes[
        :200
    ]
    assert "您未保存的修改" in v.notes  # the typed text is said back, not lost
    assert ws.sections(rid)["s5_problems"].text == "原有的文字。"
    r = review_flow.save(ws, rid, "s5_problems", pasted, "原有的文字。")
    assert "正文过长" in r.notes and ws.sections(rid)["s5_problems"].text == "原有的文字。"


def test_a_section_at_the_limit_is_saved_whole(ctx) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2024, "")
    text = "字" * MAX_TEXT_CHARS
    ws.save_section(rid, "s6_other", text, "edit")
    assert ws.sections(rid)["s6_other"].text == text


def test_narrative_over_the_limit_is_refused(ctx) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2024, "")
    with pytest.raises(WorkspaceError, match="过长"):
        ws.set_narrative(rid, "problems", "问" * (MAX_TEXT_CHARS + 1))
    assert not ws.row(rid).state["narrative"].get("problems")


def test_overlong_chat_message_is_said_back_and_nothing_is_taken(ctx) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2024, "")
    message = "今年主动公开了120条。" + "补充说明。" * chat.MAX_MESSAGE
    chat.turn(ws, rid, message)
    state = ws.row(rid).state
    assert "太长" in state["chat"][-1]["content"] and str(chat.MAX_MESSAGE) in state["chat"][-1]["content"]
    assert not state.get("pending") and not state.get("cells")
