"""Table 2 intake classes that generalise beyond one phrasing: applicant types whose applications all
have their result, and group-leaf zeros on the structured (LLM) path."""

from __future__ import annotations

from assistant.evals.scripted import ScriptedIntakeChat
from assistant.intake import ExtractionContext, extract, extract_message

NEW = "applications.new_received"
PREV = "applications.carried_over_from_prev"
RES = "applications.results"
TYPES = ("natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
         "legal_service_org", "other_org")  # fmt: skip


def _year(new: dict[str, int], prev: int | None = 0) -> dict[str, int]:
    cells = {f"{NEW}.{c}": new.get(c, 0) for c in TYPES}
    if prev is not None:
        cells |= {f"{PREV}.{c}": 0 for c in TYPES}
    return cells


def test_types_whose_applications_all_have_results_are_zero_in_the_other_rows():
    known = _year({"natural_person": 7, "commercial_enterprise": 2, "legal_service_org": 1})
    got = extract(
        "个人的7件都公开了，公司的2件公开1件、部分公开1件，律师事务所那件没公开，是行政执法案卷",
        ExtractionContext(topic="results", cells=known),
    ).cells
    assert got[f"{RES}.granted.natural_person"] == 7
    assert got[f"{RES}.granted.legal_service_org"] == 0  # its one application was withheld
    assert got[f"{RES}.partially_granted.natural_person"] == 0
    assert got[f"{RES}.withheld.enforcement_file.natural_person"] == 0
    assert got[f"{RES}.withheld.enforcement_file.legal_service_org"] == 1


def test_no_zero_when_the_type_still_has_applications_without_result():
    known = _year({"natural_person": 9, "commercial_enterprise": 2})
    got = extract(
        "个人的7件都公开了，公司的2件都部分公开", ExtractionContext(topic="results", cells=known)
    ).cells
    assert f"{RES}.partially_granted.natural_person" not in got  # 2 of the 9 are not told yet
    assert got[f"{RES}.granted.commercial_enterprise"] == 0


def test_no_zero_when_last_years_carry_over_is_unknown():
    known = _year({"natural_person": 7}, prev=None)
    got = extract(
        "个人的7件都公开了，公司的1件部分公开", ExtractionContext(topic="results", cells=known)
    ).cells
    assert f"{RES}.partially_granted.natural_person" not in got


def test_group_total_zeroes_the_other_leaves_on_the_llm_path_too():
    ctx = ExtractionContext(topic="results.not_processed", cells={})
    ex = extract_message("不予处理1件，重复申请", ctx, ScriptedIntakeChat())
    got = ex.cells
    assert got[f"{RES}.not_processed.duplicate.total"] == 1
    assert got[f"{RES}.not_processed.petition_complaint.total"] == 0
    assert got[f"{RES}.not_processed.publication.total"] == 0
    assert not any("没有出现在您的话中" in n and "不予处理" in n for n in ex.notes)
