"""The offline drafter: complete, deterministic, varied, and clean by the guard's own measure."""

from __future__ import annotations

import random
from collections import defaultdict

import pytest

from assistant.config import Settings
from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.drafting import (
    DRAFTED_SECTIONS,
    NO_KEY,
    draft_report,
    edit_section,
    regenerate_section,
    resolve_backend,
    stream_draft,
)
from assistant.drafting.grounding import build_grounding
from assistant.drafting.guard import PLACEHOLDERS, check_section
from assistant.drafting.offline import offline_section
from assistant.facts_io import load_facts
from tests.factories import consistent_cells
from tests.test_drafting_support import CORPUS, make_facts, make_previous


@pytest.fixture(scope="module")
def draft():
    return draft_report(make_facts(), make_previous(), backend="offline", retriever=None)


def test_complete_report_without_findings(draft):
    assert set(draft.sections) == set(DRAFTED_SECTIONS)
    assert all(s.text.strip() and s.backend == "offline" for s in draft.sections.values())
    assert draft.findings == ()
    report = draft.to_report()
    assert list(report.sections) == [s.key for s in spec.SECTIONS]
    assert report.cells["applications.results.total.total"] == 51  # derived totals filled by the engine
    assert report.title == "测试县交通运输局2024年政府信息公开工作年度报告"


def test_staff_notes_and_follow_ups_are_in_the_text(draft):
    s1, s5, s6 = (draft.text(k) for k in ("s1_overview", "s5_problems", "s6_other"))
    assert "在门户网站发布政府信息1268条" in s1 and "开展专项检查2次" in s1
    assert "针对上年度报告指出的“政策解读形式较为单一，图解和视频解读偏少”问题" in s5
    assert "发布图解、短视频等解读材料36篇" in s5  # the follow-up found in this year's notes
    assert "建立信息发布时限提醒机制" in s5
    assert "未收取政府信息公开信息处理费" in s6 and "人大代表建议3件" in s6


def test_every_sentence_keeps_its_bindings(draft):
    data = draft.to_json()
    s1 = next(s for s in data["sections"] if s["key"] == "s1_overview")
    bound = [b for s in s1["sentences"] for b in s["bindings"]]
    assert {"cell", "metric", "note", "year"} <= {b["source"] for b in bound}
    assert all(b["key"] and b["label"] for b in bound)


def test_deterministic_and_varied():
    g = build_grounding(make_facts(), make_previous())
    assert offline_section("s1_overview", g) == offline_section("s1_overview", g)
    openings = set()
    for i in range(12):
        gi = build_grounding(make_facts(agency=f"测试县第{i}局"), make_previous())
        openings.add(offline_section("s1_overview", gi).split("，", 2)[1][:6])
    assert len(openings) >= 3


def test_no_placeholder_text_anywhere(draft):
    import re

    for s in draft.sections.values():
        assert not any(re.search(p, s.text) for p in PLACEHOLDERS), s.key


def _random_facts(rng: random.Random, i: int) -> ReportFacts:
    notes = rng.choice([{}, {"active": "发布信息120条；开展政策解读6篇"}, {"other": "收取信息处理费200元"}])
    agency = rng.choice(["县交通运输局", "县人民政府", "市教育局", "镇人民政府", "街道办事处", "区档案馆"])
    return ReportFacts(f"测试{i}{agency}", 2024, spec.FORMAT_2021, consistent_cells(rng), notes)


@pytest.mark.slow
def test_random_consistent_facts_draft_clean():
    rng = random.Random(20241)
    for i in range(40):
        facts = _random_facts(rng, i)
        previous = _random_facts(rng, i)
        previous = ReportFacts(facts.agency, 2023, spec.FORMAT_2021, previous.cells, {})
        g = build_grounding(facts, previous)
        for key in DRAFTED_SECTIONS:
            text = offline_section(key, g)
            findings = [
                f for f in check_section(key, text, g).findings if f.rule != "TOPIC_MISSING" or f.is_error
            ]
            assert findings == [], (facts.agency, key, text, findings)


def _corpus_pairs() -> list[tuple]:
    by_agency: dict[str, list] = defaultdict(list)
    for path in sorted(CORPUS.glob("*.yaml")):
        lf = load_facts(path)
        by_agency[lf.facts.agency].append(lf)
    pairs = []
    for versions in by_agency.values():
        versions.sort(key=lambda lf: lf.facts.year)
        if len(versions) >= 2 and versions[-2].facts.year == versions[-1].facts.year - 1:
            pairs.append((versions[-1], versions[-2]))
    return pairs


@pytest.mark.skipif(not list(CORPUS.glob("*.yaml")), reason="corpus/sources not present")
@pytest.mark.parametrize("pair", _corpus_pairs(), ids=lambda p: f"{p[0].facts.agency}{p[0].facts.year}")
def test_corpus_latest_year_drafts_without_findings(pair):
    current, previous = pair
    d = draft_report(current.facts, previous.to_report(), backend="offline", retriever=None)
    # The staff are asked (a warning) about last year's problems their notes say nothing about.
    asks = [f for f in d.findings if f.rule == "FOLLOWUP_UNREPORTED"]
    assert all(not f.is_error and "请补充" in f.message for f in asks)
    assert [(f.rule, f.message) for f in d.findings if f not in asks] == []
    assert all(d.text(k) for k in DRAFTED_SECTIONS)


def test_no_key_means_offline_said_once(draft):
    writer, notes = resolve_backend(None, Settings())
    assert writer.name == "offline" and notes == (NO_KEY,)
    writer, notes = resolve_backend("openai", Settings())
    assert writer.name == "offline" and notes == (NO_KEY,)
    d = draft_report(make_facts(), backend=None, retriever=None, settings=Settings())
    assert d.notes.count(NO_KEY) == 1
    assert all(NO_KEY not in n for s in d.sections.values() for n in s.notes)
    with pytest.raises(ValueError, match="未知的起草方式"):
        resolve_backend("gpt", Settings())


def test_streaming_gives_the_same_text(draft):
    events = list(stream_draft(make_facts(), make_previous(), backend="offline", retriever=None))
    assert events[0].kind == "notes" and events[-1].kind == "done"
    streamed: dict[str, str] = defaultdict(str)
    for e in events:
        if e.kind == "delta":
            streamed[e.section] += e.text
    final = events[-1].draft
    assert {k: s.text for k, s in final.sections.items()} == dict(streamed)
    assert final.sections == draft.sections


def test_regenerate_offline_keeps_history(draft):
    new = regenerate_section(draft, "s1_overview", "请写得更正式")
    s = new.sections["s1_overview"]
    assert s.history == (draft.text("s1_overview"),)
    assert any("公文用语" in n for n in s.notes)  # 更正式 is one of the declared instructions
    assert s.findings == ()
    assert new.sections["s5_problems"] == draft.sections["s5_problems"]
    with pytest.raises(ValueError):
        regenerate_section(draft, "s9", "")


def test_edit_section_is_checked_again(draft):
    edited = edit_section(draft, "s6_other", "本年度收取信息处理费999元。")
    s = edited.sections["s6_other"]
    assert s.backend == "staff" and [f.rule for f in s.findings][:1] == ["UNBOUND_NUMBER"]
    assert s.history == (draft.text("s6_other"),)


def test_zero_report_and_nil_fee_notice():
    seed = load_facts(CORPUS.parents[1] / "examples" / "seed_2023.yaml").facts
    d = draft_report(seed, backend="offline", retriever=None)
    assert d.findings == ()
    assert "未收到政府信息公开申请" in d.text("s1_overview")
    assert "未发生因政府信息公开工作被申请行政复议、提起行政诉讼" in d.text("s4_review_litig")
    # no application at all: the tables themselves say no fee could be charged (no notice to check it)
    assert "未收到政府信息公开申请，未收取政府信息公开信息处理费" in d.text("s6_other")
    assert not any("请核实" in n for n in d.sections["s6_other"].notes)
