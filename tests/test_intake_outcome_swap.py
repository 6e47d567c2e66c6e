"""「去年结转的那件不是给了，是查无此信息」: an outcome told wrongly moves from one result row to the other in the
same applicant column, each row's 总计 following, all shown old → new (dev I i011: before, 予以公开 stayed 2 and a
stray zero was proposed for （七）总计 / 法律服务机构)."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext
from assistant.workspace import facts_of
from tests.factories import say

G = "applications.results.granted"
P = "applications.results.partially_granted"
NH = "applications.results.unable.not_held"
KNOWN = {
    f"{G}.natural_person": 2,
    f"{G}.total": 2,
    f"{P}.commercial_enterprise": 1,
    f"{P}.total": 1,
    "applications.carried_over_from_prev.natural_person": 1,
    "applications.carried_over_from_prev.total": 1,
}


def _cells(message):
    return {p.key: p.value for p in extract_message(message, ExtractionContext(cells=KNOWN)).proposals}


def test_the_carry_overs_outcome_moves_in_its_type():
    got = _cells("刚才说错了，去年结转的那件不是给了，是查无此信息")
    assert got == {f"{G}.natural_person": 1, f"{G}.total": 1, f"{NH}.natural_person": 1, f"{NH}.total": 1}


def test_the_type_named_decides_the_column():
    got = _cells("不对，企业那件不是部分公开，是全给了")
    assert got[f"{P}.commercial_enterprise"] == 0 and got[f"{P}.total"] == 0
    assert got[f"{G}.commercial_enterprise"] == 1 and got[f"{G}.total"] == 3


def test_nothing_moves_without_a_recorded_count_to_move():
    from assistant.intake import outcome_swap
    from assistant.intake.extract import extract

    ctx = ExtractionContext(cells=KNOWN)
    assert outcome_swap.read("企业那件不是查无此信息，是部分公开", ctx, extract) is None  # 不掌握 is empty
    assert outcome_swap.read("两件不是给了，是查无此信息", ctx, extract) is not None
    assert outcome_swap.read("三件不是给了，是查无此信息", ctx, extract) is None  # only 2 recorded


def test_in_the_chat_the_change_is_shown_old_to_new_and_saved(ws):
    rid = ws.start("某县医保局", 2024, "县级部门")
    say(ws, rid, "今年收到2件申请，都是个人的，都公开了", "确认")
    reply = say(ws, rid, "其中一件不是给了，是查无此信息")
    assert "2 → 1" in reply
    say(ws, rid, "确认")
    cells = facts_of(ws.row(rid)).cells
    assert (
        cells[f"{G}.natural_person"] == 1 and cells[f"{NH}.natural_person"] == 1 and cells[f"{NH}.total"] == 1
    )
