"""Round trip: a report exported in any format and read back by the reader has the same cells and texts.

Covers full 2021 and 2019 reports (every cell distinct), markers (BLANK, SLASH, 万元 decimals), the
sample report, and every report of the shipped corpus that is kept as a facts file or a document.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.core.report import Report
from assistant.export import FORMATS, title_of, write_report
from assistant.reader import read_report
from tests.test_export_fixtures import ROOT, full_report, marker_report, normalised_sections, sample_report

SUFFIXES = sorted({".docx", ".html", ".md", ".txt"})
assert set(SUFFIXES) <= set(FORMATS)
CASES = {
    "full_2021": full_report,
    "full_2019": lambda: full_report("2019"),
    "markers": marker_report,
    "sample": sample_report,
}


def assert_same(report: Report, back: Report, where: str) -> None:
    assert back.format == report.format, where
    assert back.year == report.year, where
    differing = {
        k: (report.cells.get(k), back.cells.get(k))
        for k in set(report.cells) | set(back.cells)
        if not _same(report.cells.get(k), back.cells.get(k))
    }
    assert differing == {}, where
    assert normalised_sections(back) == normalised_sections(report), where


def _same(a, b) -> bool:
    if isinstance(a, str) or isinstance(b, str):  # markers: BLANK "" and SLASH "/"
        return isinstance(a, str) and isinstance(b, str) and a == b
    return a == b


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("case", sorted(CASES))
def test_export_reads_back_unchanged(case, suffix, tmp_path):
    report = CASES[case]()
    path = write_report(report, tmp_path / f"{case}{suffix}")
    back = read_report(path)
    assert_same(report, back, f"{case}{suffix}")
    assert back.agency == report.agency
    assert "".join(back.title.split()) == title_of(report)  # the docx title may break over two lines
    assert [f.message for f in back.findings] == []  # an exported report conforms to the format


def _corpus_reports() -> list[Path]:
    folder = ROOT / "corpus"
    if not folder.is_dir():
        return []
    suffixes = {".yaml", ".yml", ".json", ".txt", ".md", ".html", ".docx"}
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in suffixes and p.is_file())


def _load(path: Path) -> Report | None:
    from assistant.export import ExportError
    from assistant.export.service import prepare

    try:
        return prepare(path).report
    except ExportError:
        return None


@pytest.mark.slow
def test_every_corpus_report_round_trips(tmp_path):
    checked = 0
    for source in _corpus_reports():
        report = _load(source)
        if report is None or not report.cells:
            continue  # not a report (e.g. a source list) or a file the reader rejects
        for suffix in SUFFIXES:
            back = read_report(write_report(report, tmp_path / f"{checked}{suffix}"))
            assert_same(report, back, f"{source.relative_to(ROOT)} → {suffix}")
        checked += 1
    if not _corpus_reports():
        pytest.skip("corpus/ holds no reports yet")
    assert checked > 0
