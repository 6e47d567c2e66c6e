"""Every metric can fail: a deliberately broken drafter, guard, sanitizer, extractor or retriever
drops the corresponding metric below the committed baseline."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from assistant.drafting.guard import GuardResult, check_section
from assistant.drafting.offline import OfflineWriter
from assistant.drafting.writer import SectionRequest
from assistant.evals import Components, load_baseline, load_suite, offline_settings, run_suite, violations
from assistant.intake import Extraction

SUITE = load_suite()
THRESHOLDS = load_baseline()
PREVIOUS = {(c.facts.agency, c.facts.year): c.previous for c in SUITE.drafts}


def failing(parts: tuple[str, ...], **swap) -> set[str]:
    """The metrics below the baseline when `parts` run with some components swapped."""
    result = run_suite(SUITE, Components(**swap), offline_settings(), parts)
    measured = {k: t for k, t in THRESHOLDS.items() if k in result.values}
    return {v.key for v in violations(result.values, measured)}


class BrokenWriter(OfflineWriter):
    """The offline drafter with a defect applied to one section's text."""

    name = "broken"

    def __init__(self, section: str, edit) -> None:
        self.section, self.edit = section, edit

    def write(self, request: SectionRequest) -> str:
        text = super().write(request)
        return self.edit(text, request) if request.section == self.section else text


def test_the_product_passes_the_parts_used_below():
    assert failing(("drafts", "guard", "injection", "intake", "retrieval")) == set()


def test_made_up_number_is_counted():
    writer = BrokenWriter("s1_overview", lambda t, r: t + "\n本年度组织政务公开培训17场，参训人员968人次。")
    assert {"fabricated_numbers", "unsourced_sentence_share"} <= failing(("drafts",), backend=writer)


def _drop(text: str, *words: str) -> str:
    return "".join(p for p in re.findall(r"[^。；\n]+[。；]?|\n", text) if not any(w in p for w in words))


def test_dropped_topic_lowers_coverage():
    writer = BrokenWriter("s1_overview", lambda t, r: _drop(t, "监督保障", "考核"))
    assert "topic_coverage" in failing(("drafts",), backend=writer)


def test_dropped_fee_statement_is_caught():
    writer = BrokenWriter("s6_other", lambda t, r: _drop(t, "信息处理费") or "本年度无其他需要报告的事项。")
    assert "fee_statement" in failing(("drafts",), backend=writer)


def test_dropped_follow_up_lowers_followup_coverage():
    writer = BrokenWriter(
        "s5_problems", lambda t, r: "\n".join(t.split("\n")[1:]) if "上年度问题" in t else t
    )
    assert "followup_coverage" in failing(("drafts",), backend=writer)


def test_copied_last_year_raises_copy_rate():
    def copy(text: str, request: SectionRequest) -> str:
        facts = request.grounding.facts
        previous = PREVIOUS.get((facts.agency, facts.year))
        return previous.sections.get("s1_overview", text) if previous else text

    writer = BrokenWriter("s1_overview", copy)
    assert {"copy_rate", "copied_paragraphs"} <= failing(("drafts",), backend=writer)


def test_number_contradicting_the_table_breaks_conformance():
    """New + carried-over stated as the new applications: the re-read by `assistant check`
    (TEXT_TABLE_MISMATCH) catches it, and so does the binder, since its sentence names the quantity
    (it is a metric of equal value, which binding by value alone used to accept)."""

    def contradict(text: str, request: SectionRequest) -> str:
        in_hand = request.grounding.q("q.applications.in_hand")
        return f"本年度新收政府信息公开申请{in_hand}件。" + text

    writer = BrokenWriter("s3_applications", contradict)
    broken = {"section_conformance", "fabricated_numbers", "unsourced_sentence_share"}
    assert failing(("drafts",), backend=writer) == broken


def test_missing_section_breaks_conformance():
    writer = BrokenWriter("s6_other", lambda t, r: "")
    assert "section_conformance" in failing(("drafts",), backend=writer)


def blind_guard(section, text, g) -> GuardResult:
    return GuardResult((), check_section(section, text, g).sentences)


def test_blind_guard_misses_adversarial_outputs():
    assert "guard_catch_rate" in failing(("guard",), guard=blind_guard)


def test_paranoid_guard_raises_false_alarms():
    def paranoid(section, text, g) -> GuardResult:
        return check_section(section, text + "XX", g)  # every text gets a placeholder finding

    assert "guard_false_alarms" in failing(("guard",), guard=paranoid)


def test_blind_guard_in_the_drafting_chain_lets_injections_through(monkeypatch):
    monkeypatch.setattr("assistant.drafting.service.check_section", blind_guard)
    assert "injection_resistance" in failing(("injection",))


def test_unmasked_unfenced_exemplars_let_injections_through(monkeypatch):
    monkeypatch.setattr("assistant.drafting.exemplars.sanitize", lambda text: text)
    assert "injection_resistance" in failing(("injection",))


def test_extractor_that_finds_nothing_lowers_intake_accuracy():
    assert "intake_accuracy" in failing(("intake",), extractor=lambda message, context: Extraction())


def test_extractor_that_shifts_values_lowers_intake_accuracy():
    from assistant.evals.intake import rule_extractor

    def off_by_one(message, context):
        e = rule_extractor(message, context)
        return replace(e, proposals=tuple(replace(p, value=p.value + 1) for p in e.proposals))

    assert "intake_accuracy" in failing(("intake",), extractor=off_by_one)


class OneSectionRetriever:
    """Always answers with exemplars of section 六, whatever the query."""

    def __init__(self, inner) -> None:
        self.inner = inner

    def search(self, query, **kw):
        kw.pop("section", None)
        kw.pop("subarea", None)
        return self.inner.search(query, section="s6_other", **kw)


def test_retriever_ignoring_the_query_lowers_hit_rate():
    from assistant.evals.retrieval import build_corpus

    def corpus(path, settings, home):
        retriever, notes = build_corpus(path, settings, home)
        return OneSectionRetriever(retriever), notes

    assert "retrieval_hit_at_3" in failing(("retrieval",), corpus=corpus)


def test_unavailable_corpus_fails_instead_of_passing_silently():
    broken = lambda path, settings, home: (None, ["语料库不可用"])  # noqa: E731
    assert "retrieval_hit_at_3" in failing(("retrieval",), corpus=broken)


@pytest.mark.parametrize("part", ["drafts", "guard", "injection", "intake", "retrieval"])
def test_a_part_without_cases_is_not_measured_and_fails(part):
    empty = replace(SUITE, **{part: ()})
    result = run_suite(empty, Components(), offline_settings(), (part,))
    found = violations(result.values, {k: t for k, t in THRESHOLDS.items() if k in result.values})
    ratios = {k for k, v in result.values.items() if v.definition.unit == "share"}
    assert ratios and ratios <= {v.key for v in found}
