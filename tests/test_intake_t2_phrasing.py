"""Table 2 phrasing classes of the chat intake: applicant lists answering the question asked, answers
to the balance question, re-splits of a confirmed column, parts of one cell said twice, everyday
outcome words, and corrections that 确认 applies once shown old → new."""

from __future__ import annotations

import pytest

from assistant.app import chat
from assistant.intake import extract
from assistant.intake.accounting import unaccounted
from assistant.intake.model import ExtractionContext
from assistant.intake.phrases import numbers
from assistant.store import Store
from assistant.workspace import Workspace

NEW = "applications.new_received"
GRANTED = "applications.results.granted"
NOT_HELD = "applications.results.unable.not_held"


def cells(text, **ctx):
    return extract(text, ExtractionContext(**ctx)).cells


@pytest.fixture
def ws(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    yield Workspace(store, store.user_id("u", create=True))
    store.close()


def _say(ws, rid, *turns):
    reply = ""
    for t in turns:
        reply = chat.turn(ws, rid, t).history[-1]["content"]
    return reply


def test_applicant_list_answers_the_row_asked_and_the_rest_is_people():
    got = cells(
        "公司3件，律所2件，协会1件，剩下的都是老百姓", topic="new_received", cells={f"{NEW}.total": 18}
    )
    assert got[f"{NEW}.commercial_enterprise"] == 3
    assert got[f"{NEW}.legal_service_org"] == 2
    assert got[f"{NEW}.social_welfare_org"] == 1
    assert got[f"{NEW}.natural_person"] == 12


def test_applicant_list_is_not_a_column_scope():
    # 「企业的3件：予以公开2件」 is a scope; 「公司3件，律所2件」 is only a list of types
    got = cells("公司3件，律所2件", topic="new_received", cells={f"{NEW}.total": 5})
    assert got == {f"{NEW}.commercial_enterprise": 3, f"{NEW}.legal_service_org": 2}


def test_column_said_in_answer_to_the_balance_question_goes_to_that_row():
    got = cells("那总数就是24件，我刚才总数也说错了", topic=f"row:{NEW}", cells={f"{NEW}.total": 23})
    assert got == {f"{NEW}.total": 24}
    ex = extract("那总数就是24件，我刚才总数也说错了", ExtractionContext(topic=f"row:{NEW}"))
    assert unaccounted("那总数就是24件，我刚才总数也说错了", ex) == []


def test_a_count_pointing_at_a_confirmed_cell_is_re_split():
    known = {
        f"{NEW}.commercial_enterprise": 2,
        "applications.carried_over_from_prev.commercial_enterprise": 0,
    }
    got = cells("企业那两件其实是一个企业一个律所", cells=known)
    assert got == {f"{NEW}.commercial_enterprise": 1, f"{NEW}.legal_service_org": 1}


def test_granted_named_before_its_count_and_types_after():
    got = cells("公开的10件里有2件是公司的，剩下的都是个人", cells={f"{GRANTED}.total": 10})
    assert got[f"{GRANTED}.commercial_enterprise"] == 2
    assert got[f"{GRANTED}.natural_person"] == 8


def test_yibufen_is_a_part_not_the_number_one():
    assert [m.value for m in numbers("给了9件，给了一部分的1件")] == [9, 1]
    got = cells("给了9件，给了一部分的1件")
    assert got[f"{GRANTED}.total"] == 9
    assert got["applications.results.partially_granted.total"] == 1


def test_two_parts_of_one_cell_said_with_haiyou_are_added():
    assert cells("查无此件2件，还有1件让他去别的单位问了")[f"{NOT_HELD}.total"] == 3
    # two different numbers for one cell without 还有 stay a question
    ex = extract("查无此件2件，查无此件3件")
    assert f"{NOT_HELD}.total" not in ex.cells and ex.questions


def test_a_companys_trade_secret_is_the_reason_not_the_applicant():
    text = "不给的2件：1件是人家公司的商业秘密，1件是内部的请示报告"
    ex = extract(text)
    assert ex.cells["applications.results.withheld.third_party_rights.total"] == 1
    assert ex.cells["applications.results.withheld.process_info.total"] == 1
    assert "applications.results.withheld.third_party_rights.commercial_enterprise" not in ex.cells
    assert unaccounted(text, ex) == []  # 「1件是内部的请示报告」 is the source of its number
    assert cells("没给的1件，涉及别人隐私")["applications.results.withheld.third_party_rights.total"] == 1


def test_listed_replacement_of_a_confirmed_value_is_applied_by_confirm(ws):
    rid = ws.start("某县教育局", 2025, "县级部门")
    _say(
        ws,
        rid,
        "新收8件，个人6件，企业2件",
        "确认",
        "上年结转没有",
        "确认",
        "予以公开6件，部分公开1件",
        "确认",
    )
    shown = _say(ws, rid, "不对，予以公开是5件，部分公开是2件")
    assert "6 → 5" in shown and "1 → 2" in shown
    _say(ws, rid, "确认")
    got = ws.facts(rid).cells
    assert got[f"{GRANTED}.total"] == 5 and got["applications.results.partially_granted.total"] == 2
