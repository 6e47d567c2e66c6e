"""The LLM path keeps what code adds for last year's carry-over: 「还有去年结转的那一件……给了」 after this
year's results were given adds to 予以公开 (1 → 2) on both backends. A model reads the 1 said as the row's
value; before, that 1 stood (the carry-over's outcome lost) or code's 2 was refused as a number not said."""

from __future__ import annotations

from assistant.evals.scripted import ScriptedIntakeChat
from assistant.intake import ExtractionContext, extract_message
from tests.test_intake_llm_dialogue import _tool_model

A = "applications."
SAID = "还有去年结转的那一件，今年1月办完了，给了"
CELLS = {
    A + "new_received.total": 3,
    A + "new_received.natural_person": 1,
    A + "new_received.commercial_enterprise": 1,
    A + "new_received.legal_service_org": 1,
    A + "results.granted.natural_person": 1,
    A + "results.partially_granted.commercial_enterprise": 1,
    A + "carried_to_next.legal_service_org": 1,
    A + "carried_over_from_prev.natural_person": 1,
}


def _cells(ex):
    return {p.key: p.value for p in ex.proposals}


def test_a_model_reading_the_one_said_gets_the_carry_over_added():
    model = _tool_model(
        [
            (A + "carried_over_from_prev.total", 1, "还有去年结转的那一件"),
            (A + "results.granted.natural_person", 1, "给了"),
            (A + "results.granted.total", 1, "给了"),
        ]
    )
    ex = extract_message(SAID, ExtractionContext(cells=CELLS), model)
    got = _cells(ex)
    assert got[A + "results.granted.natural_person"] == 2
    assert got[A + "results.granted.total"] == 2
    assert got[A + "carried_over_from_prev.total"] == 1


def test_the_scripted_model_matches_the_rules_and_says_no_false_ignored_numbers():
    rules = extract_message(SAID, ExtractionContext(cells=CELLS))
    scripted = extract_message(SAID, ExtractionContext(cells=CELLS), ScriptedIntakeChat())
    assert _cells(scripted) == _cells(rules)
    assert not [n for n in scripted.notes if "没有出现在您的话中" in n]


def test_a_number_truly_not_said_is_still_refused():
    model = _tool_model([(A + "results.granted.natural_person", 5, "给了")])
    ex = extract_message(SAID, ExtractionContext(cells=CELLS), model)
    assert _cells(ex).get(A + "results.granted.natural_person") != 5
    assert any("数字 5 没有出现在您的话中" in n for n in ex.notes)
