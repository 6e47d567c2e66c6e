"""Fixes from a new-user review of the chat intake: narrative read as 「没有」, corrections, 「都予以公开」,
repeated questions, wording, and short outcome forms in ledgers."""

from __future__ import annotations

import pytest

from assistant.intake import (
    ExtractionContext,
    IntakeState,
    Proposal,
    Question,
    apply_confirmed,
    extract,
    next_question,
    plausibility_questions,
    read_ledger,
)
from tests import factories

A = "applications."


# ---------------------------------------------------------------- 6. ledger short outcome forms


@pytest.mark.parametrize(
    ("outcome", "row"),
    [
        ("不掌握", "results.unable.not_held"),
        ("需另行制作", "results.unable.needs_creation"),
        ("另行制作", "results.unable.needs_creation"),
        ("重复", "results.not_processed.duplicate"),
        ("信访", "results.not_processed.petition_complaint"),
        ("出版物", "results.not_processed.publication"),
        ("逾期不补正", "results.other.no_correction_overdue"),
        ("逾期未缴费", "results.other.fee_unpaid_overdue"),
    ],
)
def test_ledger_accepts_short_outcome_forms(outcome: str, row: str) -> None:
    text = f"收到日期,申请人类型,办理结果,办结日期\n2024-03-01,自然人,{outcome},2024-03-20\n"
    result = read_ledger(text.encode("utf-8"), "台账.csv", 2024)
    assert result.ok, result.message()
    assert result.cells[f"{A}{row}.natural_person"] == 1


@pytest.mark.parametrize("outcome", ["不予公开", "其他"])
def test_ledger_still_refuses_ambiguous_outcomes(outcome: str) -> None:
    text = f"收到日期,申请人类型,办理结果,办结日期\n2024-03-01,自然人,{outcome},2024-03-20\n"
    assert not read_ledger(text.encode("utf-8"), "台账.csv", 2024).ok


# ---------------------------------------------------------------- 5. wording


def test_year_on_year_question_does_not_repeat_this_year() -> None:
    cur = factories.facts({A + "new_received.total": 6})
    prev = factories.facts({A + "new_received.total": 0}, year=2023)
    (q,) = plausibility_questions(cur, prev)
    assert "本年新收政府信息公开申请本年" not in q and "上年为0件，本年为6件" in q
    cur = factories.facts({A + "new_received.total": 30})
    (q,) = plausibility_questions(cur, factories.facts({A + "new_received.total": 12}, year=2023))
    assert q.count("本年") == 1 and "新收政府信息公开申请本年30件" in q


def test_few_zero_cells_are_named() -> None:
    reply = extract("今年没有规章").reply()
    assert "另有" not in reply and "“第二十条第（一）项规章 / 现行有效件数”记为 0" in reply
    many = extract("没有收到申请").reply()
    assert "“一、本年新收政府信息公开申请数量”6栏" in many and "另有" not in many  # by row (issue 11)


def test_ledger_conflict_reads_naturally() -> None:
    p = Proposal(A + "new_received.natural_person", 4, "一、本年新收 / 自然人", "台账第2、3、6、7行")
    (c,) = apply_confirmed({A + "new_received.natural_person": 3}, [p]).conflicts
    assert "台账计算为4（第2、3、6、7行）" in c.question and "这次的说法" not in c.question
    chat = Proposal(A + "new_received.natural_person", 4, "一、本年新收 / 自然人", "自然人4件")
    (c,) = apply_confirmed({A + "new_received.natural_person": 3}, [chat]).conflicts
    assert "这次的说法是4（来源：“自然人4件”）" in c.question


@pytest.mark.parametrize(
    ("message", "vague"), [("十几件", "十几件"), ("几件", "几件"), ("大概十来件", "十来件"),
                           ("约10件", "约10件"), ("有多件", "多件"), ("今年收到二十多件申请", "二十多件")]
)  # fmt: skip
def test_vague_amounts_get_a_specific_reply(message: str, vague: str) -> None:
    ex = extract(message, ExtractionContext(topic="new_received"))
    assert not ex.proposals
    reply = ex.reply()
    assert f"“{vague}”不是确切数字" in reply and "没有识别出" not in reply


# ---------------------------------------------------------------- 1. narrative is not a 「没有」 answer

WITHHELD = ExtractionContext(topic="results.withheld")


@pytest.mark.parametrize(
    "message",
    [
        "存在的主要问题：一是历史征收项目档案尚未全部归集；二是不予公开答复说理不够具体。",
        "档案还没有全部归集",
        "一是历史征收项目档案尚未全部归集",
    ],
)
def test_problem_description_is_narrative_not_zeros(message: str) -> None:
    ex = extract(message, WITHHELD)
    assert not ex.proposals
    assert [n.key for n in ex.narrative] == ["problems"]


def test_enumerated_problems_are_kept_whole() -> None:
    message = "存在的主要问题：一是历史征收项目档案尚未全部归集；二是不予公开答复说理不够具体。"
    (n,) = extract(message, WITHHELD).narrative
    assert "一是历史征收项目档案尚未全部归集" in n.text and "二是不予公开答复说理不够具体" in n.text


@pytest.mark.parametrize("topic", [None, "results.withheld", "narrative.improvements"])
def test_rectification_clause_is_not_cut_off(topic: str | None) -> None:
    message = "整改情况：一是加强了答复说理审核；对短期内大量申请的，建立了会商机制。"
    (n,) = extract(message, ExtractionContext(topic=topic)).narrative
    assert n.key == "improvements" and "对短期内大量申请的，建立了会商机制" in n.text


@pytest.mark.parametrize("message", ["没有", "没有不予公开的", "无", "今年没有这类情况"])
def test_short_negation_still_answers_the_topic(message: str) -> None:
    cells = extract(message, WITHHELD).cells
    assert cells[A + "results.withheld.state_secret.total"] == 0
    assert len(cells) == 56 and set(cells.values()) == {0}


# ---------------------------------------------------------------- 2. corrections go to the confirmed row

CONFIRMED = {A + "new_received.natural_person": 38, A + "new_received.commercial_enterprise": 2}


@pytest.mark.parametrize(
    "message", ["自然人其实是40件", "不是38件，自然人应该是40件", "自然人不是38件，是40件"]
)
def test_correction_goes_to_the_one_confirmed_row(message: str) -> None:
    ex = extract(message, ExtractionContext(topic="results.unable", cells=CONFIRMED))
    assert ex.cells == {A + "new_received.natural_person": 40} and not ex.questions
    (conflict,) = apply_confirmed(CONFIRMED, ex.proposals).conflicts
    assert conflict.current == 38 and conflict.proposed == 40


def test_correction_with_several_confirmed_rows_asks_which() -> None:
    cells = {**CONFIRMED, A + "carried_over_from_prev.natural_person": 1}
    ex = extract("自然人其实是40件", ExtractionContext(topic="results.unable", cells=cells))
    assert not ex.proposals
    (q,) = ex.questions
    assert "哪一项的自然人" in q and "本年新收" in q and "上年结转" in q


def test_without_correction_words_the_topic_is_answered() -> None:
    ex = extract("自然人3件", ExtractionContext(topic="results.unable", cells=CONFIRMED))
    assert not ex.proposals and "无法提供·自然人3件" in ex.questions[0]


# ---------------------------------------------------------------- 3. 「都予以公开了」

TYPES = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
         "legal_service_org", "other_org")  # fmt: skip
NEW = {f"{A}new_received.{c}": n for c, n in zip(TYPES, (5, 1, 0, 0, 0, 0), strict=True)}


@pytest.mark.parametrize("message", ["都予以公开了", "全部予以公开", "全部予以公开。"])
def test_all_granted_copies_new_received_per_column(message: str) -> None:
    ex = extract(message, ExtractionContext(topic="results.main", cells=NEW))
    expected = {f"{A}results.granted.{c}": n for c, n in zip(TYPES, (5, 1, 0, 0, 0, 0), strict=True)}
    # asked 予以公开、部分公开各多少件: 「都公开了」 also answers 部分公开 as none
    expected |= {f"{A}results.partially_granted.{c}": 0 for c in (*TYPES, "total")}
    assert ex.cells == expected
    assert all(p.inferred for p in ex.proposals) and "没有识别出" not in ex.reply()


def test_all_granted_counts_carry_over_in_and_out() -> None:
    cells = {**NEW, f"{A}carried_over_from_prev.natural_person": 2, f"{A}carried_to_next.natural_person": 1}
    ex = extract("都予以公开了", ExtractionContext(topic="results.main", cells=cells))
    assert ex.cells[f"{A}results.granted.natural_person"] == 6


def test_all_granted_with_only_a_total_asks_for_types() -> None:
    ex = extract("都予以公开了", ExtractionContext(topic="results.main", cells={A + "new_received.total": 6}))
    partial = {f"{A}results.partially_granted.{c}": 0 for c in (*TYPES, "total")}
    assert ex.cells == {A + "results.granted.total": 6, **partial} and "申请人类型" in ex.questions[0]


# ---------------------------------------------------------------- 4. questions already answered

PROFILE = {"agency": "某县自然资源局", "level": "县级部门", "year": 2024}
RECEIVED = {**NEW, **{f"{A}carried_over_from_prev.{c}": 0 for c in TYPES}}


def _ask(cells: dict, skipped: frozenset[str] = frozenset()) -> Question:
    q = next_question(IntakeState(**PROFILE, cells=cells, skipped=skipped))
    assert q is not None
    return q


@pytest.mark.parametrize(
    "granted",
    [
        {A + "results.granted.total": 2},
        {f"{A}results.granted.{c}": n for c, n in zip(TYPES, (2, 0, 0, 0, 0, 0), strict=True)},
    ],
)
def test_saved_granted_is_not_asked_again(granted: dict) -> None:
    q = _ask({**RECEIVED, **granted})
    assert q.topic == "results.main" and "予以公开" not in q.text and "部分公开的有多少件" in q.text
    ex = extract("没有", ExtractionContext(topic=q.topic, cells={**RECEIVED, **granted}))
    assert ex.cells[A + "results.partially_granted.total"] == 0
    assert not any(k.startswith(A + "results.granted") for k in ex.cells)


def test_remaining_count_already_confirmed_is_not_asked() -> None:
    cells = {A + "new_received.total": 10, A + "new_received.natural_person": 1}
    q = _ask(cells)
    assert "其余9件" in q.text and "自然人" not in q.text.split("其余")[1]
    q = _ask({**cells, A + "new_received.commercial_enterprise": 9})
    assert "其余" not in q.text and {p.value for p in q.proposals} == {0} and len(q.proposals) == 4


def test_breakdown_counts_confirmed_parts() -> None:
    cells = {**RECEIVED, A + "results.granted.total": 6, A + "results.granted.natural_person": 5}
    skipped = frozenset({"results.withheld", "results.unable", "results.not_processed", "results.other"})
    q = _ask(
        {**cells, A + "results.partially_granted.total": 0, **{f"{A}carried_to_next.{c}": 0 for c in TYPES}},
        skipped,
    )
    assert q.topic == "results.breakdown" and "其余1件" in q.text and "自然人" not in q.text.split("其余")[1]


def test_extraction_does_not_ask_for_confirmed_remainder() -> None:
    ctx = ExtractionContext(cells={A + "new_received.commercial_enterprise": 9})
    ex = extract("本年新收10件，其中自然人1件", ctx)
    assert not any("其余" in q for q in ex.questions)
    assert (
        ex.cells[A + "new_received.other_org"] == 0
        and A + "new_received.commercial_enterprise" not in ex.cells
    )
    ctx = ExtractionContext(cells={A + "results.withheld.third_party_rights.total": 9})
    ex = extract("不予公开10件，其中国家秘密1件", ctx)
    assert not any("其余" in q for q in ex.questions)
