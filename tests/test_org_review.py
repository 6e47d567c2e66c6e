"""Organisations, roles and review: who sees, edits, submits, returns, approves and reopens a report."""

from __future__ import annotations

import pytest

from assistant.core.facts import cells_from_json
from assistant.roles import APPROVED, DRAFT, RETURNED, SUBMITTED
from assistant.store import Store
from assistant.workspace import EditConflictError, Workspace, WorkspaceError

S1 = "s1_overview"


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    s.add_org("某县政务公开办", office=True)
    s.add_org("某县住房和城乡建设局", parent="某县政务公开办")
    s.add_org("某县教育局", parent="某县政务公开办")
    yield s
    s.close()


def ws(store, name, org="某县住房和城乡建设局", role="经办人"):
    return Workspace(store, store.add_user(name, "password-1", org=org, role=role))


@pytest.fixture
def office(store):
    clerk = ws(store, "clerk")
    editor = ws(store, "editor", role="审核人")
    rid = clerk.start("某县住房和城乡建设局", 2024)
    clerk.save_section(rid, S1, "本机关本年度主动公开信息120条。")
    return clerk, editor, rid


def test_report_belongs_to_the_organisation_not_one_account(store, office):
    clerk, editor, rid = office
    assert [r.id for r in editor.reports()] == [rid]
    assert editor.sections(rid)[S1].text.startswith("本机关")
    other = ws(store, "edu-editor", org="某县教育局", role="审核人")
    assert other.reports() == []
    with pytest.raises(WorkspaceError, match="无权查看"):
        other.row(rid)  # an editor of another organisation opening the report by id
    with pytest.raises(WorkspaceError, match="无权查看"):
        other.save_section(rid, S1, "篡改")


def test_office_editor_reads_subordinate_reports_but_cannot_write(store, office):
    _, _, rid = office
    sup = ws(store, "sup", org="某县政务公开办", role="审核人")
    assert [r.id for r in sup.reports()] == [rid]
    for write in (
        lambda: sup.save_section(rid, S1, "改"),
        lambda: sup.set_cells(rid, {}),
        lambda: sup.move(rid, "approve"),
        lambda: sup.comment(rid, S1, "意见"),
    ):
        with pytest.raises(WorkspaceError, match="下级机构"):
            write()
    sup_clerk = ws(store, "sup-clerk", org="某县政务公开办")
    assert sup_clerk.reports() == []  # oversight is the office editors' only


def test_full_review_cycle_records_who_and_when(office):
    clerk, editor, rid = office
    assert clerk.row(rid).review_state == DRAFT
    clerk.move(rid, "submit")
    editor.move(rid, "return", "第一部分缺少依申请公开情况")
    row = clerk.row(rid)
    assert (row.review_state, row.review_by) == (RETURNED, "editor") and row.review_at
    clerk.move(rid, "submit")
    editor.move(rid, "approve")
    events = clerk.events(rid)
    assert [(e.action, e.to_state, e.author) for e in events] == [
        ("submit", SUBMITTED, "clerk"),
        ("return", RETURNED, "editor"),
        ("submit", SUBMITTED, "clerk"),
        ("approve", APPROVED, "editor"),
    ]
    assert events[1].reason == "第一部分缺少依申请公开情况"
    assert [c.new for c in clerk.changes(rid, "state")][-1] == APPROVED


@pytest.mark.parametrize("action", ["approve", "return", "reopen"])
def test_a_clerk_cannot_approve_return_or_reopen(office, action):
    clerk, _, rid = office
    clerk.move(rid, "submit")
    with pytest.raises(WorkspaceError, match="只有审核人"):
        clerk.move(rid, action, "理由")
    assert clerk.row(rid).review_state == SUBMITTED


def test_transitions_only_from_their_states(office):
    clerk, editor, rid = office
    with pytest.raises(WorkspaceError, match="当前为“草稿”，不能审定通过"):
        editor.move(rid, "approve")
    with pytest.raises(WorkspaceError, match="不能重新打开"):
        editor.move(rid, "reopen", "理由")
    clerk.move(rid, "submit")
    with pytest.raises(WorkspaceError, match="不能提交审核"):
        clerk.move(rid, "submit")
    with pytest.raises(WorkspaceError, match="未知的操作"):
        editor.move(rid, "publish")


def test_approved_report_is_locked_until_an_editor_reopens_with_a_reason(office):
    clerk, editor, rid = office
    clerk.move(rid, "submit")
    editor.move(rid, "approve")
    blocked = [
        lambda w: w.save_section(rid, S1, "新文本"),
        lambda w: w.set_cells(rid, cells_from_json({"applications.new_received.natural_person": 3}, "2021")),
        lambda w: w.set_narrative(rid, "active", "补充"),
        lambda w: w.lock(rid, S1, False),
        lambda w: w.restore(rid, w.history(rid, S1)[0].id),
    ]
    for who in (clerk, editor):
        for write in blocked:
            with pytest.raises(WorkspaceError, match="已审定并锁定"):
                write(who)
    assert clerk.sections(rid)[S1].text == "本机关本年度主动公开信息120条。"
    clerk.update_state(rid, tab="draft")  # which tab is open is not the report's content
    with pytest.raises(WorkspaceError, match="需要说明理由"):
        editor.move(rid, "reopen", "  ")
    editor.move(rid, "reopen", "上级要求补充数据")
    assert clerk.row(rid).review_state == RETURNED
    clerk.save_section(rid, S1, "新文本")


def test_admin_reads_but_does_not_edit(store, office):
    _, _, rid = office
    admin = ws(store, "admin", role="管理员")
    assert admin.row(rid).id == rid
    with pytest.raises(WorkspaceError, match="角色是管理员"):
        admin.save_section(rid, S1, "改")
    with pytest.raises(WorkspaceError, match="不能新建报告"):
        admin.start("某县住房和城乡建设局", 2023)


def test_stale_session_after_role_change_or_removal(store, office):
    clerk, editor, rid = office
    store.set_role("editor", role="经办人")
    clerk.move(rid, "submit")
    with pytest.raises(WorkspaceError, match="角色是经办人"):
        editor.move(rid, "approve")  # the same Workspace object: rights are read at each call
    store.remove_user("clerk")
    with pytest.raises(WorkspaceError, match="已被删除"):
        clerk.row(rid)
    assert editor.row(rid).id == rid  # the report stays with the organisation


def test_comments_on_a_sentence_answered_and_resolved_with_history(office):
    clerk, editor, rid = office
    cid, note = editor.comment(rid, S1, "数字请与表一核对", quote="主动公开信息120条")
    assert note == ""
    with pytest.raises(WorkspaceError, match="只有审核人"):
        clerk.comment(rid, S1, "我也想评论")
    with pytest.raises(WorkspaceError, match="不在该章节的当前文本中"):
        editor.comment(rid, S1, "意见", quote="并不存在的句子")
    clerk.reply(rid, cid, "已核对，无误")
    clerk.resolve(rid, cid)
    with pytest.raises(WorkspaceError, match="已由 clerk 标为已解决"):
        editor.resolve(rid, cid)
    thread = clerk.comments(rid, S1)
    assert [(c.author, c.parent_id, c.resolved_by) for c in thread] == [
        ("editor", None, "clerk"),
        ("clerk", cid, ""),
    ]
    assert thread[0].quote == "主动公开信息120条"


@pytest.mark.parametrize(
    "body",
    ["<script>alert(1)</script>请修改", "见 [链接](javascript:alert(1))", "<img src=x onerror=alert(1)>"],
)
def test_comment_with_markup_is_neutralised_with_a_message(office, body):
    from assistant.review_service import escape

    _, editor, rid = office
    cid, note = editor.comment(rid, S1, body)
    assert "不会被执行" in note
    stored = [c for c in editor.comments(rid) if c.id == cid][0]
    assert stored.body == body  # kept as typed
    shown = escape(stored.body)
    assert "<" not in shown and "](" not in shown


def test_empty_or_huge_comment_is_refused(office):
    _, editor, rid = office
    with pytest.raises(WorkspaceError, match="为空"):
        editor.comment(rid, S1, " \x00 ")
    with pytest.raises(WorkspaceError, match="过长"):
        editor.comment(rid, S1, "长" * 5000)


def test_every_saved_change_records_account_and_time(office):
    clerk, editor, rid = office
    clerk.set_cells(rid, cells_from_json({"applications.new_received.natural_person": 3}, "2021"))
    editor.set_cells(rid, cells_from_json({"applications.new_received.natural_person": 4}, "2021"))
    cells = clerk.changes(rid, "cell")
    assert [(c.key, c.old, c.new, c.author) for c in cells] == [
        ("applications.new_received.natural_person", None, 3, "clerk"),
        ("applications.new_received.natural_person", 3, 4, "editor"),
    ]
    assert all(c.created_at > 0 for c in cells)
    editor.save_section(rid, S1, "本机关本年度主动公开政府信息120条。")
    history = clerk.history(rid, S1)
    assert [v.author for v in history] == ["editor", "clerk"]
    assert clerk.sections(rid)[S1].updated_by == "editor"


def test_second_saver_sees_old_theirs_current_and_nothing_is_overwritten(office):
    clerk, editor, rid = office
    opened = clerk.sections(rid)[S1].text  # both open the same text
    editor.save_section(rid, S1, "审核人的版本。", base=opened)
    with pytest.raises(EditConflictError) as err:
        clerk.save_section(rid, S1, "经办人的版本。", base=opened)
    e = err.value
    assert (e.old, e.theirs, e.current, e.by) == (opened, "经办人的版本。", "审核人的版本。", "editor")
    assert "他人修改" in str(e)
    assert clerk.sections(rid)[S1].text == "审核人的版本。"
    clerk.save_section(rid, S1, "经办人的版本。", base=e.current)  # chose theirs, knowingly
    assert clerk.sections(rid)[S1].text == "经办人的版本。"


def test_a_return_needs_a_reason_the_clerk_can_act_on(office):
    clerk, editor, rid = office
    clerk.move(rid, "submit")
    with pytest.raises(WorkspaceError, match="退回修改需要说明理由"):
        editor.move(rid, "return", "  ")
    assert editor.row(rid).review_state == SUBMITTED
    editor.move(rid, "return", "第五部分问题写得太简单")
    assert editor.row(rid).review_state == RETURNED
