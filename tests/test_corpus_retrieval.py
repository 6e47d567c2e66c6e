"""Ingest and retrieval on an embedded Chroma store (reports built in code)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from assistant.core.facts import SLASH
from assistant.corpus import retrieval
from assistant.corpus.errors import CorpusError
from assistant.corpus.ingest import ingest_reports
from assistant.corpus.retrieval import EMPTY_NOTE, Exemplar, Retriever, open_retriever
from assistant.corpus.store import CorpusStore
from tests.test_corpus_support import AGENCIES, corpus_reports, make_report, temp_settings


@pytest.fixture
def settings(tmp_path):
    return temp_settings(tmp_path / "home")


@pytest.fixture
def filled(settings):
    store = CorpusStore.open(settings)
    summary = ingest_reports(store, corpus_reports())
    assert summary.reports_added == 9 and not summary.skipped
    return settings


def test_second_ingest_adds_nothing(settings):
    store = CorpusStore.open(settings)
    first = ingest_reports(store, corpus_reports())
    assert first.chunks_added > 0 and first.chunks_unchanged == 0
    again = ingest_reports(CorpusStore.open(settings), corpus_reports())
    assert (again.chunks_added, again.reports_added) == (0, 0)
    assert again.chunks_unchanged == first.chunks_added and again.reports_unchanged == 9
    assert CorpusStore.open(settings).count() == first.chunks_added


def test_edited_source_replaces_its_old_chunks(settings):
    store = CorpusStore.open(settings)
    report = make_report("乙市教育局", 2022)
    ingest_reports(store, [(report, "b.txt")])
    before = store.count()
    edited = replace(report, sections={**report.sections, "s6_other": "本年度收取信息处理费，已在网站公示。"})
    summary = ingest_reports(store, [(edited, "b.txt")])
    assert summary.chunks_removed == before and summary.reports_added == 1
    assert store.count() == before  # the edit changed content, not the number of chunks
    hits = Retriever(store).search("信息处理费", section="s6_other", k=4)
    assert [h.text for h in hits] == ["本年度收取信息处理费，已在网站公示。"]


def test_filters_section_subarea_level_year(filled):
    r = open_retriever(filled)
    hits = r.search("培训和考核", section="s5_problems", k=5)
    assert hits and all(h.section == "s5_problems" for h in hits)
    hits = r.search("门户网站", section="s1_overview", subarea="platform", k=5)
    assert hits and all(h.subarea == "platform" for h in hits)
    assert all(h.text.startswith("（四）政府信息公开平台建设") for h in hits)
    hits = r.search("公开", level="乡镇政府", k=6)
    assert hits and all(h.agency == "丙镇人民政府" for h in hits)
    hits = r.search("公开", year=2022, k=6)
    assert hits and all(h.year == 2022 for h in hits)


def test_exclude_year_drops_that_year_and_later_for_all_agencies(filled):
    r = open_retriever(filled)
    hits = r.search("政府信息公开工作", exclude_year=2022, k=12)
    assert hits and {h.year for h in hits} == {2021}
    assert r.search("政府信息公开工作", exclude_year=2021) == []


def test_same_agency_previous_year_first(filled):
    r = open_retriever(filled)
    for agency, _ in AGENCIES:
        hits = r.search("门户网站主动公开信息", section="s1_overview", agency=agency, exclude_year=2023, k=4)
        assert (hits[0].agency, hits[0].year) == (agency, 2022)
        assert len(hits) == 4 and {h.agency for h in hits[1:]} - {agency}  # others follow
    hits = r.search("门户网站", agency="甲县人民政府办公室", k=3)
    assert (hits[0].agency, hits[0].year) == ("甲县人民政府办公室", 2023)  # no exclusion: latest year


def test_results_are_diverse_not_near_duplicates(settings):
    store = CorpusStore.open(settings)
    boiler = "本年度未收取政府信息公开信息处理费。人大代表建议和政协提案办理复文已在门户网站公开。"
    reports = []
    for i, (agency, _) in enumerate(AGENCIES):
        r = make_report(agency, 2022)
        reports.append(
            (
                replace(r, sections={**r.sections, "s6_other": boiler.replace("本年度", f"{2020 + i}年")}),
                agency,
            )
        )
    distinct = make_report("丁区司法局", 2022)
    other = "本机关承担的行政复议案件全部按期办结，复议决定书依法公开。"
    reports.append((replace(distinct, sections={**distinct.sections, "s6_other": other}), "d"))
    ingest_reports(store, reports)
    hits = Retriever(store).search("未收取信息处理费", section="s6_other", k=3)
    assert len(hits) == 2  # three copies of the same paragraph count once
    assert {h.text for h in hits} >= {other}


def test_exemplar_fields_and_masked_text(filled):
    (hit,) = open_retriever(filled).search("通过门户网站主动公开各类政府信息", subarea="active", k=1)
    assert isinstance(hit, Exemplar)
    assert hit.section == "s1_overview" and hit.subarea == "active" and hit.year in (2021, 2022, 2023)
    assert hit.source.endswith(".txt") and 0 < hit.score <= 1
    assert any(ch.isdigit() for ch in hit.text) and not any(ch.isdigit() for ch in hit.masked_text)
    assert "N条" in hit.masked_text
    assert hit.label.startswith(hit.agency) and "（主动公开）" in hit.label
    assert hit.to_json()["agency"] == hit.agency


def test_empty_corpus_returns_nothing_with_a_note(settings):
    r = open_retriever(settings)
    assert r.search("主动公开", section="s1_overview") == []
    assert r.note == EMPTY_NOTE and r.is_empty
    assert r.cells_for("甲县人民政府办公室", 2022) is None


def test_cells_are_stored_as_structured_data(filled):
    r = open_retriever(filled)
    cells = r.cells_for("乙市教育局", 2022)
    expected = make_report("乙市教育局", 2022).cells
    assert cells == dict(expected)
    assert cells["active.art20_8.admin_fees.amount_wan_yuan"] == Decimal("1.50")
    assert cells["review.upheld"] is SLASH or cells["review.upheld"] == SLASH
    assert r.cells_for("乙市教育局", 2030) is None
    assert r.cells_for("不存在的机关", 2022) is None
    assert not any(h.text.count("\t") for h in r.search("规章", k=10))  # tables are not prose


def test_unknown_section_is_a_clear_error(filled):
    with pytest.raises(CorpusError, match="未知的章节"):
        open_retriever(filled).search("x", section="s9")


def test_selective_filters_are_exact_on_every_route(settings, monkeypatch):
    """A filter few chunks pass (old reports among many new ones): scoring the few directly, a deep
    metadata scan and Chroma's own filter give the same, correctly filtered results."""
    reports = [(make_report(f"新{i}号机关", 2023), f"n{i}") for i in range(60)]
    reports += [(make_report(f"旧{i}号机关", 2019 + i % 2), f"o{i}") for i in range(12)]
    ingest_reports(CorpusStore.open(settings), reports)
    results = []
    for few, max_scan in ((64, 1024), (0, 1024), (0, 0)):
        monkeypatch.setattr(retrieval, "FEW_REPORTS", few)
        monkeypatch.setattr(retrieval, "MAX_SCAN", max_scan)
        r = open_retriever(settings)
        old = r.search("信息处理费", section="s6_other", exclude_year=2021, k=4)
        assert len(old) >= 2 and all(h.year in (2019, 2020) for h in old)
        platform = r.search("门户网站公开", subarea="platform", year=2019, k=4)
        assert len(platform) >= 2 and all(h.year == 2019 and h.subarea == "platform" for h in platform)
        assert r.search("公开", section="s5_problems", exclude_year=2019) == []
        results.append((old, platform))
    assert results[0] == results[1] == results[2]
