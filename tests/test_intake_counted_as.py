"""The type the clerk files an applicant under (dev K k010, k006): 「民营医院申请的2件（算商业企业）」 is 商业企业 2 (was
其他 2 and 「算商业企业」 not understood); the words stay the clerk's own in the source, and a later message about
「民营医院2件」 is read with that type, through the rules and the scripted model alike."""

from __future__ import annotations

from assistant.app import chat
from assistant.evals.scripted import ScriptedIntakeChat
from assistant.intake.counted_as import alias_line, aliases_of_line, remembered
from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

A = "applications."


def test_a_count_filed_in_brackets_takes_the_type_named():
    ex = extract_message(
        "个人14件，民营医院申请的2件（算商业企业），律师事务所1件",
        ExtractionContext(cells={A + "new_received.total": 17}),
    )
    assert ex.cells[A + "new_received.commercial_enterprise"] == 2
    assert A + "new_received.other_org" not in ex.cells
    assert any("民营医院申请的2件" in p.source for p in ex.proposals)


def test_a_clause_filing_the_one_before():
    ex = extract_message(
        "律所2件，还有1个是行业协会的，算其他", ExtractionContext(cells={A + "new_received.total": 3})
    )
    assert ex.cells[A + "new_received.other_org"] == 1


def test_the_words_filed_are_remembered_and_spelled_later():
    state = {"aliases": remembered("民营医院申请的2件（算商业企业）", {})}
    assert state["aliases"] == [["民营医院", "commercial_enterprise"]]
    ctx = ExtractionContext(
        cells={A + "new_received.commercial_enterprise": 2}, aliases=(("民营医院", "commercial_enterprise"),)
    )
    ex = extract_message("民营医院2件：1件公开，1件属于内部事务信息", ctx)
    assert ex.cells[A + "results.granted.commercial_enterprise"] == 1
    assert ex.cells[A + "results.withheld.internal_affairs.commercial_enterprise"] == 1


def test_the_prompt_line_round_trips():
    aliases = (("民营医院", "commercial_enterprise"), ("行业协会", "other_org"))
    assert aliases_of_line("x\n" + alias_line(aliases) + "用户的话：\n…") == aliases


def _chat(tmp_path, model):
    from assistant.store import Store
    from assistant.workspace import Workspace

    store = Store(tmp_path / f"{model is None}.sqlite3")
    ws = Workspace(store, store.user_id("t", create=True))
    rid = ws.start("某县卫生健康委员会", 2024, "县级部门")
    chat.greet(ws, rid)
    for t in (
        "今年新收17件",
        "个人14件，民营医院申请的2件（算商业企业），律师事务所1件",
        "确认",
        "民营医院2件：1件公开，1件属于内部事务信息",
    ):
        chat.turn(ws, rid, t, model)
    return ws.row(rid).state["chat"][-1]["content"]


def test_both_backends_read_the_later_message_with_the_type(tmp_path):
    for model in (None, ScriptedIntakeChat()):
        reply = _chat(tmp_path, model)
        assert "予以公开 / 商业企业：1" in reply and "没能理解" not in reply


def test_that_one_of_an_aliased_applicant_by_the_end_of_its_words():
    cells = {A + "new_received.other_org": 1, A + "new_received.total": 21}
    ctx = ExtractionContext(cells=cells, aliases=(("行业协会", "other_org"),))
    ex = extract_message("协会那件是信息公开后又来要，按重复申请处理", ctx)
    assert ex.cells == {A + "results.not_processed.duplicate.other_org": 1}
    assert ex.proposals[0].source.startswith("协会那件")
