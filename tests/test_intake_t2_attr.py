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


def _ledger(rows: list[str]):
    from assistant.intake.ledger import read_ledger

    text = "序号,收到日期,申请人类型,办理结果,办结日期\n" + "\n".join(rows) + "\n"
    return read_ledger(text.encode("utf-8"), "台账.csv", year=2024)


def test_ledger_outcomes_in_everyday_words_with_a_reason_in_brackets():
    got = _ledger([
        "1,2024-02-01,个人,不予公开（涉及他人隐私）,2024-02-20",
        "2,2024-03-01,个体工商户,查无此信息（告知向县住建局申请）,2024-03-15",
        "3,2024-04-01,个人,同意公开,2024-04-10",
    ])  # fmt: skip
    assert got.ok, got.errors
    assert got.cells[f"{RES}.withheld.third_party_rights.natural_person"] == 1
    assert got.cells[f"{RES}.unable.not_held.commercial_enterprise"] == 1
    assert got.cells[f"{NEW}.total"] == 3
    assert "“不予公开（涉及他人隐私）”→" in got.message()  # read back to the clerk, never silently


def test_ledger_outcome_naming_two_rows_is_still_refused():
    got = _ledger(["1,2024-02-01,个人,部分公开，其余涉及国家秘密,2024-02-20"])
    assert not got.ok
    assert "部分公开，其余涉及国家秘密" in got.errors[0] and "第2行" in got.errors[0]


def test_no_carry_over_in_everyday_words_is_not_the_question_asked():
    got = _ask("去年没有剩的", {}, topic="review").cells
    assert got == {f"{PREV}.{c}": 0 for c in (*TYPES, "total")}


def test_nothing_left_this_year_is_carried_to_next_zero():
    got = _ask("上一年没有结转，今年也没有剩下的", {}).cells
    assert got[f"{PREV}.total"] == 0
    assert got[f"{NEXT}.total"] == 0


def test_when_the_results_said_are_all_of_them_each_types_rest_goes_to_the_one_open_row():
    known = _row(NEW, natural_person=6, commercial_enterprise=2, other_org=1) | _row(PREV)
    known |= {f"{RES}.granted.total": 7} | _row(f"{RES}.unable.not_held", natural_person=2)
    got = _ask("年底都办完了，没有结转", known, topic="carried_to_next").cells
    assert got[f"{RES}.total.total"] == 9
    assert got[f"{RES}.granted.natural_person"] == 4
    assert got[f"{RES}.granted.commercial_enterprise"] == 2
    assert got[f"{RES}.granted.other_org"] == 1


def test_no_rest_while_a_result_row_is_still_unsaid():
    known = _row(NEW, natural_person=6, commercial_enterprise=2) | _row(PREV) | {f"{RES}.granted.total": 5}
    got = _ask("年底都办完了，没有结转", known, topic="carried_to_next").cells
    assert got[f"{RES}.total.total"] == 8
    assert f"{RES}.granted.natural_person" not in got


def test_a_type_scope_ending_in_li_puts_the_sentences_numbers_in_that_column():
    got = _ask("公司那3件当中2件部分公开，1件没有这个信息", {}).cells
    assert got[f"{RES}.partially_granted.commercial_enterprise"] == 2
    assert got[f"{RES}.unable.not_held.commercial_enterprise"] == 1
    assert f"{RES}.partially_granted.total" not in got


def test_bare_nothing_at_year_end_is_carried_to_next_zero():
    got = _ask("去年结转没有，年底也没有", {}).cells
    assert got[f"{PREV}.total"] == 0
    assert got[f"{NEXT}.total"] == 0
    assert "review.total" in _ask("年底也没有复议", {}).cells  # a row named after it stays that row
