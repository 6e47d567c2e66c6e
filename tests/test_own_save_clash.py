"""A second 保存 whose base predates the first save's answer is no clash with oneself; another page's
(a colleague's, the same user's other tab's, generation's) change since the base still is."""

from __future__ import annotations

import pytest

from assistant.app import draft
from assistant.store import EditConflict, Store
from tests import factories

S1 = "s1_overview"
OPENED = "本机关本年度主动公开政府信息120条。"
FIRST = "本机关本年度主动公开政府信息126条。"  # the first 保存
SECOND = "本机关本年度主动公开政府信息126条，均在门户网站发布。"  # typed on meanwhile, 保存 again
OTHER = "本机关本年度主动公开政府信息130条。"


@pytest.fixture
def office(tmp_path):
    store, clerk, editor, rid = factories.office(tmp_path, OPENED, S1)
    yield store, clerk, editor, rid
    store.close()


def test_store_second_save_from_the_same_page_and_base_is_applied(office):
    store, clerk, _editor, rid = office
    uid = clerk.user_id
    store.save_section(uid, rid, S1, FIRST, "edit", base=OPENED, editor="page-1")
    store.save_section(uid, rid, S1, SECOND, "edit", base=OPENED, editor="page-1")  # no EditConflict
    assert store.sections(uid, rid)[S1].text == SECOND
    assert [v.text for v in store.versions(uid, rid, S1)][:2] == [SECOND, FIRST]  # both kept


def test_store_a_third_save_from_the_first_answer_is_applied(office):
    store, clerk, _editor, rid = office
    uid = clerk.user_id
    store.save_section(uid, rid, S1, FIRST, "edit", base=OPENED, editor="page-1")
    store.save_section(uid, rid, S1, SECOND, "edit", base=OPENED, editor="page-1")
    store.save_section(uid, rid, S1, OTHER, "edit", base=FIRST, editor="page-1")  # base: 1st answer
    assert store.sections(uid, rid)[S1].text == OTHER


def test_store_the_same_user_in_another_tab_is_still_a_clash(office):
    store, clerk, _editor, rid = office
    uid = clerk.user_id
    store.save_section(uid, rid, S1, FIRST, "edit", base=OPENED, editor="tab-1")
    with pytest.raises(EditConflict) as e:
        store.save_section(uid, rid, S1, OTHER, "edit", base=OPENED, editor="tab-2")
    assert e.value.own and "您本人" in str(e.value) and e.value.current == FIRST
    assert store.sections(uid, rid)[S1].text == FIRST


def test_store_a_colleague_or_generation_in_between_breaks_the_chain(office):
    store, clerk, editor, rid = office
    uid = clerk.user_id
    store.save_section(uid, rid, S1, FIRST, "edit", base=OPENED, editor="page-1")
    store.save_section(editor.user_id, rid, S1, OTHER, "edit", base=FIRST, editor="page-9")
    with pytest.raises(EditConflict) as e:
        store.save_section(uid, rid, S1, SECOND, "edit", base=OPENED, editor="page-1")
    assert not e.value.own and e.value.by == "lisi"
    store.save_section(uid, rid, S1, FIRST, "generate")
    with pytest.raises(EditConflict):  # generation since the base: not the page's own chain
        store.save_section(uid, rid, S1, SECOND, "edit", base=OTHER, editor="page-9")


def test_store_without_a_page_name_stays_a_clash(office):
    store, clerk, _editor, rid = office
    uid = clerk.user_id
    store.save_section(uid, rid, S1, FIRST, "edit", base=OPENED)
    with pytest.raises(EditConflict):
        store.save_section(uid, rid, S1, SECOND, "edit", base=OPENED)


def test_app_second_save_while_the_first_ran_is_saved(office):
    _store, clerk, _editor, rid = office
    draft.edit(clerk, rid, S1, FIRST, OPENED, editor="page-1")
    v = draft.edit(clerk, rid, S1, SECOND, OPENED, editor="page-1")  # the box's base: still OPENED
    assert not v.conflict and "已保存并重新核对" in v.notes
    assert clerk.sections(rid)[S1].text == SECOND and v.texts[S1] == SECOND


def test_app_another_tab_of_the_same_user_shows_both_texts(office):
    _store, clerk, _editor, rid = office
    draft.edit(clerk, rid, S1, FIRST, OPENED, editor="tab-1")
    v = draft.edit(clerk, rid, S1, OTHER, OPENED, editor="tab-2")
    assert v.conflict and v.conflict["own"]
    assert "已由您本人在另一窗口" in v.notes and "**您的修改**" in v.notes  # both texts, each highlighted
    assert "**您本人在另一窗口（或更早） 已保存的当前文本**" in v.notes and "他人" not in v.notes
    assert clerk.sections(rid)[S1].text == FIRST and v.texts[S1] == OTHER
    kept = draft.keep_mine(clerk, rid, v.conflict, OTHER, "tab-2")
    assert not kept.conflict and clerk.sections(rid)[S1].text == OTHER


def test_app_a_colleague_in_between_is_still_shown_old_theirs_mine(office):
    _store, clerk, editor, rid = office
    draft.edit(clerk, rid, S1, FIRST, OPENED, editor="page-1")
    draft.edit(editor, rid, S1, OTHER, FIRST, editor="page-9")
    v = draft.edit(clerk, rid, S1, SECOND, OPENED, editor="page-1")
    assert v.conflict and v.conflict["by"] == "lisi" and not v.conflict["own"]
    assert "已被他人修改（lisi 修改）" in v.notes and clerk.sections(rid)[S1].text == OTHER


def test_an_old_database_gains_the_columns(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE versions (id INTEGER PRIMARY KEY, report_id INTEGER NOT NULL, key TEXT "
               "NOT NULL, text TEXT NOT NULL, origin TEXT NOT NULL, note TEXT NOT NULL DEFAULT '', "
               "created_at REAL NOT NULL)")  # fmt: skip
    db.commit()
    db.close()
    Store(path).close()
    cols = {r[1] for r in sqlite3.connect(path).execute("PRAGMA table_info(versions)")}
    assert {"editor", "base", "author"} <= cols


def test_review_tab_second_save_from_the_same_page_is_saved(office):
    from assistant.app import review_flow as rf

    _store, clerk, _editor, rid = office
    rf.save(clerk, rid, S1, FIRST, OPENED, editor="page-1")
    v = rf.save(clerk, rid, S1, SECOND, OPENED, editor="page-1")
    assert not v.conflict and clerk.sections(rid)[S1].text == SECOND
    other = rf.save(clerk, rid, S1, OTHER, OPENED, editor="tab-2")  # the same account, another tab
    assert other.conflict and other.conflict["own"] and clerk.sections(rid)[S1].text == SECOND
