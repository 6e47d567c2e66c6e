"""审阅与审定 handlers (no server): two accounts through submit, comment, edit, return, resolve, approve."""

from __future__ import annotations

import re

import pytest

from assistant.app import review_flow as rf
from assistant.app import session
from assistant.app.context import AppContext
from assistant.config import load_settings
from assistant.store import Store
from assistant.workspace import Workspace

S1 = "s1_overview"
TEXT = "本机关本年度主动公开政府信息120条。依申请公开办理及时。"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    s.add_org("某县政务公开办", office=True)
    s.add_org("某县住建局", parent="某县政务公开办")
    s.add_org("某县教育局")
    for name, org, role in [("clerk", "某县住建局", "经办人"), ("editor", "某县住建局", "审核人"),
                            ("sup", "某县政务公开办", "审核人"), ("edu", "某县教育局", "审核人")]:  # fmt: skip
        s.add_user(name, "password-1", org=org, role=role)
    yield s
    s.close()


def ws(store, name):
    return Workspace(store, store.user_id(name))


@pytest.fixture
def rid(store):
    clerk = ws(store, "clerk")
    r = clerk.start("某县住建局", 2024)
    clerk.save_section(r, S1, TEXT)
    return r


def test_two_accounts_through_the_whole_review(store, rid):
    clerk, editor = ws(store, "clerk"), ws(store, "editor")
    v = rf.view(clerk, rid, S1)
    assert v.actions == {"submit": True, "return": False, "approve": False, "reopen": False}
    assert "clerk" in v.who and "经办人" in v.who and "草稿" in v.state
    v = rf.move(clerk, rid, S1, "submit")
    assert "已提交审核" in v.notes and "待审核" in v.state
    v = rf.view(editor, rid, S1)
    assert v.actions == {"submit": False, "return": True, "approve": True, "reopen": False}
    v = rf.comment(editor, rid, S1, "依申请公开办理及时", "请写明办理数量")
    assert "已添加审核意见" in v.notes and "<mark>" in v.text and "请写明办理数量" in v.comments
    v = rf.save(editor, rid, S1, TEXT.replace("120条", "120条（含文件30件）"), v.base)
    assert "已保存" in v.notes
    v = rf.move(editor, rid, S1, "return", "请按意见修改")
    assert "退回修改" in v.state and "请按意见修改" in v.state
    v = rf.view(clerk, rid, S1)  # the clerk sees the comment beside the text, and the editor's change
    assert "请写明办理数量" in v.comments and "● 待处理" in v.comments
    assert "editor" in v.history and "修改了 clerk 的文本" in v.history and "<mark>" in v.history
    v = rf.reply(clerk, rid, S1, v.threads[0][1], "已补充办理数量", resolve=True)
    assert "已答复并标为已解决" in v.notes and "✓ 已解决（clerk" in v.comments and v.threads == []
    rf.move(clerk, rid, S1, "submit")
    v = rf.move(editor, rid, S1, "approve")
    assert "已审定" in v.state and v.actions["reopen"] and not v.actions["approve"]
    v = rf.save(clerk, rid, S1, "偷偷改一句。", rf.view(clerk, rid, S1).base)
    assert "已审定并锁定" in v.notes and clerk.sections(rid)[S1].text != "偷偷改一句。"
    assert "已审定" in rf.report_label(clerk.row(rid))


def test_a_clerk_pressing_approve_gets_a_chinese_refusal(store, rid):
    clerk = ws(store, "clerk")
    rf.move(clerk, rid, S1, "submit")
    v = rf.move(clerk, rid, S1, "approve")
    assert v.notes.startswith("⚠") and "只有审核人可以审定通过" in v.notes
    assert "待审核" in v.state


def test_reopen_without_a_reason_is_refused(store, rid):
    clerk, editor = ws(store, "clerk"), ws(store, "editor")
    rf.move(clerk, rid, S1, "submit")
    rf.move(editor, rid, S1, "approve")
    assert "需要说明理由" in rf.move(editor, rid, S1, "reopen", "").notes
    assert "退回修改" in rf.move(editor, rid, S1, "reopen", "数据有误").state


def test_another_organisation_cannot_open_the_report_by_id(store, rid):
    v = rf.view(ws(store, "edu"), None, S1)
    assert v.actions == dict.fromkeys(rf.ACTIONS, False)
    v = rf.view(ws(store, "edu"), rid, S1)
    assert "无权查看" in v.notes and v.text == "" and v.history == ""
    assert "无权查看" in rf.move(ws(store, "edu"), rid, S1, "approve").notes
    assert "无权查看" in rf.comment(ws(store, "edu"), rid, S1, "", "意见").notes


def test_the_overseeing_office_reads_without_any_action(store, rid):
    v = rf.view(ws(store, "sup"), rid, S1)
    assert v.actions == dict.fromkeys(rf.ACTIONS, False) and "只能查看" in v.state
    assert "下级机构" in rf.save(ws(store, "sup"), rid, S1, "改", v.base).notes


def test_a_comment_with_markup_is_shown_as_text(store, rid):
    v = rf.comment(
        ws(store, "editor"), rid, S1, "", '<img src=x onerror="alert(1)">[点我](javascript:alert(1))'
    )
    assert "不会被执行" in v.notes
    assert "<img" not in v.comments and "](javascript" not in v.comments and "&lt;img" in v.comments


def test_second_saver_chooses_between_theirs_and_current(store, rid):
    clerk, editor = ws(store, "clerk"), ws(store, "editor")
    base = rf.view(clerk, rid, S1).base
    rf.save(editor, rid, S1, "审核人改过的文本。", rf.view(editor, rid, S1).base)
    v = rf.save(clerk, rid, S1, "经办人改过的文本。", base)
    assert v.conflict == {
        "old": TEXT,
        "theirs": "经办人改过的文本。",
        "current": "审核人改过的文本。",
        "by": "editor",
    }
    shown = rf.conflict_markdown(v.conflict)
    assert "您打开时的文本" in shown and "您的修改" in shown and "editor 已保存的当前文本" in shown
    assert v.edit_text == "经办人改过的文本。"  # the user's text is still in the box
    assert clerk.sections(rid)[S1].text == "审核人改过的文本。"  # nothing overwritten
    v = rf.keep_mine(clerk, rid, S1, v.edit_text, v.conflict["current"])
    assert clerk.sections(rid)[S1].text == "经办人改过的文本。"
    assert [x.author for x in clerk.history(rid, S1)][:2] == ["clerk", "editor"]


def test_header_and_list_show_who_and_the_state(store, rid):
    clerk = ws(store, "clerk")
    head = session.header(clerk, rid)
    assert "clerk" in head and "经办人" in head and "草稿" in head
    assert session.choices(clerk) == [("某县住建局 2024年度 · 草稿", rid)]
    clerk.move(rid, "submit")
    [(label, _)] = session.choices(ws(store, "editor"))  # the list names who moved it, and when
    assert re.fullmatch(r"某县住建局 2024年度 · 待审核（clerk \d\d-\d\d \d\d:\d\d）", label)


def test_stale_session_of_a_removed_account_is_refused(store, rid):
    ctx = AppContext(store, load_settings(env={}), auth=True)
    assert ctx.workspace("clerk").row(rid).id == rid
    store.set_role("editor", role="经办人")
    assert rf.move(ctx.workspace("editor"), rid, S1, "approve").notes.startswith("⚠")
    store.remove_user("clerk")
    with pytest.raises(PermissionError, match="已被删除"):
        ctx.workspace("clerk")


def test_the_supervisors_desk_is_kept_per_organisation(store):
    from assistant.app.review_tab import org_of as desk_owner

    ctx = AppContext(store, load_settings(env={}), auth=True)
    assert desk_owner(ctx, "clerk") == desk_owner(ctx, "editor") != desk_owner(ctx, "edu")
    store.add_user("solo", "password-1")
    assert desk_owner(ctx, "solo") == "user:solo"  # an account without organisation keeps its own desk


def test_draft_tab_save_after_a_colleague_saved_shows_both_and_overwrites_nothing(store, rid):
    from assistant.app import draft

    clerk, editor = ws(store, "clerk"), ws(store, "editor")
    shown = draft.view(clerk, rid).texts[S1]  # what the clerk's box shows
    draft.edit(editor, rid, S1, "审核人改过的文本。", draft.view(editor, rid).texts[S1])
    v = draft.edit(clerk, rid, S1, "经办人改过的文本。", shown)
    assert "他人修改" in v.notes and "审核人改过的文本" in v.notes and "您的修改" in v.notes
    assert v.texts[S1] == "经办人改过的文本。" and v.conflict["current"] == "审核人改过的文本。"
    assert clerk.sections(rid)[S1].text == "审核人改过的文本。"
    unchanged = draft.edit(clerk, rid, S1, shown, shown)  # an untouched box losing focus saves nothing
    assert unchanged.notes is None and clerk.sections(rid)[S1].text == "审核人改过的文本。"
    draft.keep_mine(clerk, rid, v.conflict, "经办人改过的文本。")  # 仍用我的版本保存: chosen knowingly
    assert clerk.sections(rid)[S1].text == "经办人改过的文本。"


def test_draft_history_names_the_author_of_each_version(store, rid):
    from assistant.app import draft

    editor = ws(store, "editor")
    editor.save_section(rid, S1, "审核人改过的文本。")
    labels = [label for label, _ in draft.history_choices(editor, rid, S1)]
    assert " editor " in labels[0] and " clerk " in labels[1]


def test_an_approved_report_refuses_chat_and_narrative_changes_in_chinese(store, rid):
    from assistant.workspace import WorkspaceError

    clerk, editor = ws(store, "clerk"), ws(store, "editor")
    rf.move(clerk, rid, S1, "submit")
    rf.move(editor, rid, S1, "approve")
    with pytest.raises(WorkspaceError, match="已审定并锁定"):
        clerk.update_state(rid, chat=[{"role": "user", "content": "收到申请12件"}])
    with pytest.raises(WorkspaceError, match="已审定并锁定"):
        clerk.set_narrative(rid, "active", "补充一句")
    assert clerk.row(rid).state.get("chat") == []
