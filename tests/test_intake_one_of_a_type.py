"""An outcome told of the applications of one type, without a count (issue 11): 「刚才那个研究所的予以公开了」
is that one application; 「研究所的都公开了」 all of that type's; 「企业那3件都是全给的」 予以公开."""

from __future__ import annotations

from assistant.intake.extract import extract
from assistant.intake.model import ExtractionContext

_KNOWN = {
    "applications.new_received.natural_person": 5,
    "applications.new_received.commercial_enterprise": 3,
    "applications.new_received.research_institution": 1,
    "applications.new_received.legal_service_org": 1,
    "applications.new_received.total": 10,
}
_GRANTED = "applications.results.granted."


def _cells(message: str, known=None) -> dict:
    ex = extract(message, ExtractionContext(cells=_KNOWN if known is None else known))
    return {p.key: p.value for p in ex.proposals if p.value or not p.inferred}


def test_that_one_of_a_type_is_one_application():
    assert _cells("刚才那个研究所的予以公开了") == {_GRANTED + "research_institution": 1}
    assert _cells("那个律师事务所申请的部分公开了") == {
        "applications.results.partially_granted.legal_service_org": 1
    }


def test_a_filler_that_is_no_count():
    assert _cells("那个，我们今年企业的申请有3件") == {"applications.new_received.commercial_enterprise": 3}
    assert _cells("那个企业的3件都公开了") == {_GRANTED + "commercial_enterprise": 3}


def test_all_of_a_type_is_that_types_applications_handled():
    assert _cells("个人的都给了") == {_GRANTED + "natural_person": 5}
    carried = {**_KNOWN, "applications.carried_over_from_prev.natural_person": 2}
    carried["applications.carried_to_next.natural_person"] = 1
    assert _cells("个人的都给了", carried)[_GRANTED + "natural_person"] == 6  # 5 + 2 − 1


def test_all_of_a_type_needs_that_types_count():
    assert _cells("研究所的都公开了", {"applications.new_received.total": 4}) == {}


def test_quan_gei_de_is_granted():
    assert _cells("企业那3件都是全给的") == {_GRANTED + "commercial_enterprise": 3}
