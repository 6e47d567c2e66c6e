"""Table 2 cells that the words and the table's arithmetic determine: applicant columns of results
said without them, 办理结果总计 by the year's identity, the ledger's outcome words, corrected totals."""

from __future__ import annotations

from assistant.intake import ExtractionContext, extract

NEW = "applications.new_received"
PREV = "applications.carried_over_from_prev"
NEXT = "applications.carried_to_next"
RES = "applications.results"
TYPES = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
         "legal_service_org", "other_org")  # fmt: skip


def _row(row: str, **by_type: int) -> dict[str, int]:
    cells = {f"{row}.{c}": by_type.get(c, 0) for c in TYPES}
    return cells | {f"{row}.total": sum(by_type.values())}


def _ask(message: str, known: dict[str, int], topic: str = "results"):
    return extract(message, ExtractionContext(topic=topic, cells=known))


def test_results_of_a_year_with_one_applicant_type_go_to_that_column():
    known = _row(NEW, natural_person=9) | _row(PREV)
    ex = _ask("予以公开6件，部分公开1件，还有2件是我们不掌握的", known)
    got = ex.cells
    assert got[f"{RES}.granted.natural_person"] == 6
    assert got[f"{RES}.partially_granted.natural_person"] == 1
    assert got[f"{RES}.unable.not_held.natural_person"] == 2
    assert got[f"{RES}.granted.commercial_enterprise"] == 0
    assert any("申请均来自自然人" in p.note for p in ex.proposals)
    assert not any("未说明申请人类型" in q for q in ex.questions)


def test_no_column_while_last_years_carry_over_is_unknown():
    got = _ask("予以公开6件", _row(NEW, natural_person=9)).cells
    assert got[f"{RES}.granted.total"] == 6
    assert f"{RES}.granted.natural_person" not in got


def test_carry_over_from_another_type_keeps_the_results_unsplit():
    known = _row(NEW, natural_person=9) | _row(PREV, commercial_enterprise=1)
    got = _ask("予以公开6件", known).cells
    assert f"{RES}.granted.natural_person" not in got


def test_results_already_pending_get_their_column_when_the_carry_over_arrives():
    known = _row(NEW, legal_service_org=3) | {f"{RES}.granted.total": 2}
    got = _ask("去年没有结转的", known, topic="carried_over_from_prev").cells
    assert got[f"{RES}.granted.legal_service_org"] == 2


def test_the_one_type_left_open_takes_the_rest_of_a_row():
    known = _row(NEW, natural_person=5, commercial_enterprise=2) | _row(PREV)
    known |= {f"{RES}.partially_granted.commercial_enterprise": 2, f"{RES}.partially_granted.total": 2}
    got = _ask("予以公开5件", known).cells
    assert got[f"{RES}.granted.natural_person"] == 5
    assert got[f"{RES}.granted.commercial_enterprise"] == 0


def test_two_open_types_are_asked_not_guessed():
    known = _row(NEW, natural_person=5, commercial_enterprise=2) | _row(PREV)
    ex = _ask("予以公开5件", known)
    assert f"{RES}.granted.natural_person" not in ex.cells
    assert any("未说明申请人类型" in q for q in ex.questions)


def test_results_total_follows_from_the_years_identity():
    known = _row(NEW, natural_person=7) | _row(PREV) | {f"{RES}.granted.total": 5}
    got = _ask("年底没有结转", known, topic="carried_to_next").cells
    assert got[f"{NEXT}.total"] == 0
    assert got[f"{RES}.total.total"] == 7
    assert got[f"{RES}.total.natural_person"] == 7


def test_results_total_not_derived_against_larger_results():
    known = _row(NEW, natural_person=3) | _row(PREV) | {f"{RES}.granted.total": 3}
    got = _ask("年底还有1件没办完", known, topic="carried_to_next").cells
    assert f"{RES}.total.total" not in got


def test_a_corrected_total_moves_its_one_type_column_along():
    known = _row(NEW, natural_person=10) | _row(PREV) | _row(f"{RES}.granted", natural_person=11)
    got = _ask("不对，予以公开是9件", known).cells
    assert got[f"{RES}.granted.total"] == 9
    assert got[f"{RES}.granted.natural_person"] == 9


def test_parts_said_in_two_places_are_added_before_the_column_is_given():
    known = _row(NEW, natural_person=5) | _row(PREV)
    got = _ask("查无此件2件，还有1件让他去别的单位问了", known).cells
    assert got[f"{RES}.unable.not_held.total"] == 3
    assert got[f"{RES}.unable.not_held.natural_person"] == 3
