"""The conversation: question order, plausibility questions, applying confirmed proposals."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.core import spec
from assistant.core.facts import BLANK, SLASH, ReportFacts
from assistant.intake import (
    ExtractionContext,
    IntakeState,
    apply_confirmed,
    apply_narrative,
    extract,
    next_question,
    parse_profile,
    plausibility_questions,
    topic_keys,
)
from assistant.intake.model import NarrativeProposal, Proposal
from tests import factories

A = "applications."
PROFILE = {"agency": "某县自然资源局", "level": "县级部门", "year": 2024}
ORDER = [
    "new_received", "carried_over", "results.main", "results.withheld", "results.unable",
    "results.not_processed", "results.other", "carried_to_next", "review", "litigation", "active.docs.normative",
    "active.decisions", "active.fees", "narrative.active", "narrative.on_request", "narrative.info_mgmt",
    "narrative.platform", "narrative.supervision", "narrative.problems", "narrative.improvements",
    "narrative.other",
]  # fmt: skip


def _zeros(topic: str) -> dict:
    return {k: 0 for k in topic_keys(topic)}


def test_profile_comes_first():
    assert next_question(IntakeState()).topic == "agency"
    assert next_question(IntakeState(agency="某县自然资源局")).topic == "level"
    assert next_question(IntakeState(agency="某局", level="县级部门")).topic == "year"


def test_topics_are_asked_in_order_one_at_a_time():
    cells: dict = {}
    narrative: dict = {}
    asked = []
    for _ in range(40):
        q = next_question(IntakeState(**PROFILE, cells=cells, narrative=narrative))
        if q is None:
            break
        asked.append(q.topic)
        if q.topic.startswith("narrative."):
            narrative[q.topic.removeprefix("narrative.")] = "无"
        else:
            assert q.keys and all(k not in cells for k in q.keys)
            cells.update({k: 0 for k in q.keys})
            if q.topic == "new_received":
                cells[f"{A}new_received.natural_person"] = 1  # results are asked only when there is one
    assert asked == ORDER


def test_no_application_at_all_asks_no_result_or_year_end_question():
    none = {**_zeros("new_received"), **_zeros("carried_over")}  # 「今年没收到，去年也没结转」
    none |= {f"{A}new_received.total": 0, f"{A}carried_over_from_prev.total": 0}
    q = next_question(IntakeState(**PROFILE, cells=none))
    assert q.topic == "review"
    carried = {**none, f"{A}carried_over_from_prev.total": 1, f"{A}carried_over_from_prev.natural_person": 1}
    assert next_question(IntakeState(**PROFILE, cells=carried)).topic == "results.main"


def test_state_from_facts():
    facts = ReportFacts("某局", 2020, "2019", {"review.total": 1}, {"other": "无"}, level="县级部门")
    state = IntakeState.from_facts(facts)
    assert (state.agency, state.year, state.version, state.cells, state.narrative["other"]) == (
        "某局",
        2020,
        "2019",
        {"review.total": 1},
        "无",
    )


def test_skipped_topics_are_passed_over():
    q = next_question(IntakeState(**PROFILE, skipped=frozenset({"new_received", "carried_over"})))
    assert q.topic == "results.main"


def test_answers_flow_from_extraction_to_the_next_question():
    state = IntakeState(**PROFILE)
    msg = "今年共收到申请12件，其中自然人10件、企业2件；予以公开8件，部分公开1件，结转下年度3件"
    cells = apply_confirmed({}, extract(msg).proposals).cells
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert q.topic == "carried_over"  # new_received is complete (zeros inferred from the total)
    assert state.version == "2021"


def test_known_total_asks_for_applicant_types():
    cells = {A + "new_received.total": 12}
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert q.topic == "new_received" and q.text.startswith("本年新收12件中")


def test_breakdown_of_results_after_carry_to_next():
    cells = {
        **_zeros("new_received"),
        A + "new_received.natural_person": 10,
        A + "new_received.commercial_enterprise": 2,
    }
    for t in ("carried_over", "results.withheld", "results.unable", "results.not_processed", "results.other"):
        cells |= _zeros(t)
    cells |= {
        A + "results.granted.total": 8,
        A + "results.partially_granted.total": 1,
        A + "carried_to_next.total": 3,
    }
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert q.topic == "carried_to_next" and q.text.startswith("结转下年度3件中")
    cells |= {k: 1 for k in q.keys}
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert q.topic == "results.breakdown"
    assert "（一）予以公开" in q.text and "共8件" in q.text and not q.proposals


def test_single_applicant_type_becomes_a_confirm_question():
    cells = {**_zeros("new_received"), A + "new_received.natural_person": 5}
    for t in ("carried_over", "results.withheld", "results.unable", "results.not_processed", "results.other"):
        cells |= _zeros(t)
    cells |= {
        A + "results.granted.total": 4,
        A + "results.partially_granted.total": 0,
        A + "carried_to_next.total": 1,
    }
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert q.topic == "carried_to_next" and "全部来自自然人" in q.text
    assert {p.key: p.value for p in q.proposals}[A + "carried_to_next.natural_person"] == 1
    cells = apply_confirmed(cells, q.proposals).cells
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert q.topic == "results.breakdown" and "“三、本年度办理结果（一）予以公开”的4件" in q.text
    assert {p.key: p.value for p in q.proposals}[A + "results.granted.natural_person"] == 4
    cells = apply_confirmed(cells, q.proposals).cells
    assert next_question(IntakeState(**PROFILE, cells=cells)).topic == "review"  # 部分公开 is 0: no breakdown


def test_government_is_asked_for_assessment_results():
    narrative = {k: "无" for k in ("active", "on_request", "info_mgmt", "platform")}
    cells = {k: 0 for t in ORDER if not t.startswith("narrative.") for k in topic_keys(t)}
    gov = IntakeState(
        agency="某县人民政府办公室", level="县级人民政府", year=2024, cells=cells, narrative=narrative
    )
    dept = IntakeState(**PROFILE, cells=cells, narrative=narrative)
    assert "工作考核、社会评议和责任追究" in next_question(gov).text
    assert "工作考核、社会评议和责任追究" not in next_question(dept).text


def test_topic_answers_are_read_in_context():
    ex = extract("没有", ExtractionContext(topic="results.not_processed"))
    keys = set(topic_keys("results.not_processed"))
    assert keys <= set(ex.cells)
    cells = apply_confirmed({}, ex.proposals).cells
    assert all(k in cells for k in keys)


@pytest.mark.parametrize(
    ("topic", "text", "value"),
    [
        ("year", "2024年", 2024),
        ("year", "二〇二三年度", 2023),
        ("year", "２０２２", 2022),
        ("agency", " 某县财政局。", "某县财政局"),
    ],
)
def test_parse_profile(topic, text, value):
    assert parse_profile(topic, text) == (value, None)


@pytest.mark.parametrize(("topic", "text"), [("year", "去年"), ("year", "1999"), ("agency", "局")])
def test_parse_profile_refuses(topic, text):
    value, error = parse_profile(topic, text)
    assert value is None and error


# ---------------------------------------------------------------- apply_confirmed


def _p(key, value, source="说法"):
    return Proposal(key, value, spec.spec_for("2021").cell(key).label, source)


def test_apply_fills_empty_and_never_overwrites_silently():
    key = A + "results.granted.total"
    cells = {key: 8, A + "carried_to_next.total": BLANK}
    result = apply_confirmed(
        cells,
        [_p(key, 9, "予以公开9件"), _p(A + "carried_to_next.total", 3), _p("review.total", 0), _p(key, 8)],
    )
    assert result.cells[key] == 8
    assert result.cells[A + "carried_to_next.total"] == 3 and result.cells["review.total"] == 0
    assert result.applied == (A + "carried_to_next.total", "review.total")
    (c,) = result.conflicts
    assert (c.key, c.current, c.proposed) == (key, 8, 9)
    assert "已确认为8" in c.question and "要改为9吗" in c.question and "予以公开9件" in c.question
    assert cells[key] == 8 and cells[A + "carried_to_next.total"] is BLANK  # input untouched


def test_apply_overwrites_when_the_user_agreed():
    key = "review.total"
    result = apply_confirmed({key: SLASH}, [_p(key, 2)], overwrite=[key])
    assert result.cells[key] == 2 and not result.conflicts
    assert apply_confirmed({key: SLASH}, [_p(key, 2)]).conflicts


def test_apply_compares_decimals_by_value():
    key = "active.art20_8.admin_fees.amount_wan_yuan"
    result = apply_confirmed({key: Decimal("12.30")}, [_p(key, Decimal("12.3"))])
    assert not result.conflicts and not result.applied


def test_apply_narrative_appends():
    out = apply_narrative({"platform": "完善网站专栏。"}, [
        NarrativeProposal("platform", "政府信息公开平台建设", "开通政务公众号。"),
        NarrativeProposal("platform", "政府信息公开平台建设", "完善网站专栏。"),
        NarrativeProposal("other", "其他需要报告的事项", "未收取信息处理费。"),
    ])  # fmt: skip
    assert out == {"platform": "完善网站专栏。开通政务公众号。", "other": "未收取信息处理费。"}


# ---------------------------------------------------------------- plausibility


def _facts(cells, year=2024, narrative=None):
    return ReportFacts("某县自然资源局", year, "2021", cells, narrative or {})


def test_correction_in_review_asks_what_was_corrected():
    qs = plausibility_questions(_facts({"review.corrected": 1, "litigation_direct.corrected": 0}))
    assert len(qs) == 1 and "行政复议中有1件结果纠正" in qs[0] and "整改" in qs[0]


def test_large_year_on_year_change():
    cur = _facts({A + "new_received.total": 30, "active.art20_6.admin_penalty.decisions": 11})
    prev = _facts({A + "new_received.total": 12, "active.art20_6.admin_penalty.decisions": 8}, 2023)
    qs = plausibility_questions(cur, prev)
    assert len(qs) == 1 and "本年30件，较上年12件增长150%" in qs[0]
    cur = _facts({A + "new_received.total": 6})
    prev = _facts({A + "new_received.total": 0}, 2023)
    assert "上年为0件，本年为6件" in plausibility_questions(cur, prev)[0]
    small = plausibility_questions(_facts({A + "new_received.total": 4}), prev)
    assert small == []  # +4 件 is not large, whatever the ratio


def test_carry_over_must_match_last_year():
    cur = _facts({A + "carried_over_from_prev.natural_person": 2, A + "carried_over_from_prev.total": 2})
    prev = _facts({A + "carried_to_next.natural_person": 3, A + "carried_to_next.total": 3}, 2023)
    (q,) = plausibility_questions(cur, prev)
    assert "自然人：本年填2件，上年报告为3件" in q and "总计：本年填2件，上年报告为3件" in q
    assert plausibility_questions(cur, _facts(prev.cells, 2021)) == []  # not adjacent years


def test_in_force_roll_forward():
    base = "active.art20_1.normative_docs."
    cur = _facts({base + "in_force": 20, base + "issued": 3, base + "repealed": 1})
    prev = _facts({base + "in_force": 15}, 2023)
    (q,) = plausibility_questions(cur, prev)
    assert "应为17件" in q
    assert plausibility_questions(_facts({**cur.cells, base + "in_force": 17}), prev) == []


def test_zero_applications_but_narrative_mentions_some():
    cells = {A + "new_received.total": 0, A + "carried_over_from_prev.total": 0}
    facts = _facts(cells, narrative={"on_request": "全年共受理政府信息公开申请5件，均按时答复。"})
    (q,) = plausibility_questions(facts)
    assert "都是0件" in q and "依申请公开" in q
    assert plausibility_questions(_facts(cells, narrative={"on_request": "规范依申请公开办理流程。"})) == []


def test_other_processing_other_asks_what_it_was():
    (q,) = plausibility_questions(_facts({A + "results.other.other.total": 2}))
    assert "其他处理 3.其他”有2件" in q


def test_an_ordinary_year_raises_no_questions():
    import random

    prev_cells = factories.consistent_cells(random.Random(1))
    carried = {c: prev_cells[f"{A}carried_to_next.{c}"] for c in spec.T2_APPLICANT_COLUMNS}
    cells = factories.consistent_cells(random.Random(1), carried_over=carried)  # same draws: similar sizes
    for facts_cells in (cells, prev_cells):
        for group, _ in spec.T3_GROUPS:
            facts_cells[f"{group}.corrected"] = 0
        facts_cells[A + "results.other.other.total"] = 0
    for doc in ("regulations", "normative_docs"):
        base = f"active.art20_1.{doc}."
        cells[base + "in_force"] = (
            prev_cells[base + "in_force"] + cells[base + "issued"] - cells[base + "repealed"]
        )
    narrative = {"on_request": "全年共受理政府信息公开申请若干件。"}
    assert plausibility_questions(_facts(cells, narrative=narrative), _facts(prev_cells, 2023)) == []


def test_types_that_make_up_the_total_are_said_as_zero_and_more_is_said_as_too_many():
    base = {A + "new_received.total": 12, A + "new_received.natural_person": 9}
    cells = base | {A + "new_received.commercial_enterprise": 2, A + "new_received.legal_service_org": 1}
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert "合计已等于总数" in q.text and "按总数推算为0" in q.text
    assert {p.value for p in q.proposals} == {0} and len(q.proposals) == 3
    cells = base | {A + "new_received.commercial_enterprise": 4}  # 9 + 4 = 13 > 12
    q = next_question(IntakeState(**PROFILE, cells=cells))
    assert "超过了总数" in q.text and "合计已等于总数" not in q.text and not q.proposals
