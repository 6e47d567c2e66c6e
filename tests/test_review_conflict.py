"""起草与修改, two people saving one section: 「仍用我的版本保存」 and 「采用当前文本」 (issue 16)."""

from __future__ import annotations

import pytest

from assistant.app import draft
from tests import factories

S1 = "s1_overview"
OPENED = "本机关本年度主动公开政府信息120条。"
THEIRS = "本机关本年度主动公开政府信息126条。"  # the editor's save, made first
MINE = "本机关本年度主动公开政府信息120条，均在网站发布。"  # the clerk's, from the old text


@pytest.fixture
def office(tmp_path):
    store, clerk, editor, rid = factories.office(tmp_path, OPENED, S1)
    draft.edit(editor, rid, S1, THEIRS, OPENED)
    yield store, clerk, editor, rid
    store.close()


def clash(clerk, rid):
    v = draft.edit(clerk, rid, S1, MINE, OPENED)
    assert v.conflict and v.conflict["key"] == S1 and v.conflict["by"] == "lisi"
    return v


def test_the_clash_offers_both_choices_and_saves_nothing(office):
    _store, clerk, _editor, rid = office
    v = clash(clerk, rid)
    assert draft.KEEP_MINE in v.notes and draft.TAKE_CURRENT in v.notes
    assert v.texts[S1] == MINE  # the user's text stays in the box
    assert clerk.sections(rid)[S1].text == THEIRS


def test_take_current_puts_the_stored_text_in_the_box_and_writes_nothing(office):
    _store, clerk, _editor, rid = office
    v = clash(clerk, rid)
    versions = len(clerk.history(rid, S1))
    taken = draft.take_current(clerk, rid, v.conflict, MINE)
    assert taken.texts[S1] == THEIRS and not taken.conflict
    assert (taken.bases or taken.texts)[S1] == THEIRS  # a later save starts from the current text
    assert "已采用lisi 保存的当前文本" in taken.notes and MINE in taken.notes  # said back, not lost
    assert clerk.sections(rid)[S1].text == THEIRS and len(clerk.history(rid, S1)) == versions


def test_the_box_losing_focus_during_the_clash_overwrites_nothing(office):
    _store, clerk, _editor, rid = office
    v = clash(clerk, rid)
    again = draft.edit(clerk, rid, S1, v.texts[S1], v.bases[S1])  # blur: the box's text, its base
    assert again.conflict and clerk.sections(rid)[S1].text == THEIRS


def test_keep_mine_saves_over_the_current_text_which_stays_in_the_history(office):
    _store, clerk, _editor, rid = office
    v = clash(clerk, rid)
    kept = draft.keep_mine(clerk, rid, v.conflict, MINE)
    assert "已保存" in kept.notes and not kept.conflict
    assert clerk.sections(rid)[S1].text == MINE
    assert THEIRS in [h.text for h in clerk.history(rid, S1)]


def test_keep_mine_after_a_third_save_clashes_again(office):
    _store, clerk, editor, rid = office
    v = clash(clerk, rid)
    draft.edit(editor, rid, S1, "第三次保存的文本。", THEIRS)
    again = draft.keep_mine(clerk, rid, v.conflict, MINE)
    assert again.conflict and again.conflict["current"] == "第三次保存的文本。"
    assert clerk.sections(rid)[S1].text == "第三次保存的文本。"


def approve(clerk, editor, rid):
    clerk.move(rid, "submit")
    editor.move(rid, "approve")


def test_an_approved_report_refuses_a_draft_edit_and_says_the_typed_text_back(office):
    _store, clerk, editor, rid = office
    approve(clerk, editor, rid)
    assert not draft.view(clerk, rid).writable  # the boxes are read-only, and the status says why
    assert "**正文只读**：报告已审定并锁定" in draft.view(clerk, rid).status
    v = draft.edit(clerk, rid, S1, MINE, THEIRS)
    assert "报告已审定并锁定" in v.notes and MINE in v.notes  # refused, and nothing typed is lost
    assert clerk.sections(rid)[S1].text == THEIRS


def test_generating_an_approved_report_is_refused_plainly_not_as_a_failure(office):
    from assistant.config import load_settings

    _store, clerk, editor, rid = office
    approve(clerk, editor, rid)
    views = list(draft.generate(clerk, rid, load_settings(env={}, dotenv=False), retriever=None))
    assert len(views) == 1 and "报告已审定并锁定" in views[0].notes and "起草中断" not in views[0].notes
    assert clerk.sections(rid)[S1].text == THEIRS


def test_the_review_tab_clash_takes_the_current_text_without_writing(office):
    from assistant.app import review_flow as rf

    _store, clerk, _editor, rid = office
    v = rf.save(clerk, rid, S1, MINE, OPENED)  # opened before the editor's save
    assert v.conflict["current"] == THEIRS and rf.KEEP_MINE in rf.conflict_markdown(v.conflict)
    versions = len(clerk.history(rid, S1))
    taken = rf.take_current(clerk, rid, S1, MINE)
    assert taken.edit_text == THEIRS and taken.base == THEIRS and not taken.conflict
    assert "您的修改未保存" in taken.notes and MINE in taken.notes
    assert len(clerk.history(rid, S1)) == versions
