"""Issue 12: reports laid out the way other people's tools lay them out (fixtures in
tests/fixtures/reader_real/, made by scripts/make_reader_fixtures.py, truth in their cases.py).

For each: every printed cell is read with its printed value, the planted errors are found, and
nothing else is an error; what the reader could not read is never blamed on the report.
"""

from __future__ import annotations

import pytest

from assistant.core.findings import READER, REPORT
from tests.fixtures.reader_real.cases import CASES
from tests.fixtures.reader_real.measure import measure


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_printed_cell_is_read(name):
    m = measure(name)
    assert not m.wrong, f"read with another value: {m.wrong}"
    assert not m.unread, f"printed but not read: {m.unread}"
    assert m.right == m.printed


@pytest.mark.parametrize("name", sorted(CASES))
def test_only_the_planted_errors_appear(name):
    m = measure(name)
    assert not m.false_errors and not m.missed
    assert all(f.source == REPORT for f in m.findings if f.is_error)


@pytest.mark.parametrize("name", sorted(CASES))
def test_no_reader_gap_is_left_on_the_fixtures(name):
    m = measure(name)
    assert [f.message for f in m.findings if f.source == READER] == []


def test_headings_drawn_on_background_rectangles_are_headings():
    m = measure("pdf_bgrect_2023.pdf")
    assert not [f for f in m.findings if f.rule == "SECTION_MISSING"]
    [f] = [f for f in m.findings if f.rule == "TEXT_TABLE_MISMATCH"]
    assert f.cells == ("applications.new_received.total",)


def test_a_collapsed_row_keeps_its_subtotal_in_the_rules():
    m = measure("pdf_collapsed_2023.pdf")
    assert not [f for f in m.findings if f.rule == "T2_RESULTS_TOTAL_2021"]  # checked, and it adds up
    wrong = measure("pdf_collapsed_wrong_2023.pdf")
    [f] = [f for f in wrong.findings if f.rule == "T2_RESULTS_TOTAL_2021"]
    assert f.status == "fail" and f.cells[0] == "applications.results.total.natural_person"


def test_committed_fixtures_are_current():
    from tests.fixtures.reader_real.measure import HERE

    for name, case in CASES.items():
        assert (HERE / name).read_bytes() == case.build(case.truth()), (
            f"{name}: run scripts/make_reader_fixtures.py"
        )


def test_a_number_bound_to_a_sum_is_checked_against_the_sum():
    [f] = [f for f in measure("txt_prose_sum_wrong_2023.txt").findings if f.rule == "TEXT_TABLE_MISMATCH"]
    assert f.cells == ("applications.results.granted.total", "applications.results.partially_granted.total")
    assert "予以公开与部分公开" in f.message


def test_a_pre_2019_report_is_an_annual_report_in_a_superseded_form():
    from assistant.audit import check_paths
    from tests.fixtures.reader_real.measure import HERE

    [result] = check_paths([HERE / "txt_pre2019_2015.txt"])
    assert not result.error and not result.errors
    [f] = [f for f in result.findings if f.status == "fail"]
    assert f.rule == "FORMAT_PRE2019" and "不适用" in f.message and "正文核对照常进行" in f.message
    assert not [f for f in result.findings if f.status == "not_assessable"]


def test_a_pre_2019_report_still_gets_its_prose_checked(tmp_path):
    from assistant.audit import check_paths
    from tests.fixtures.reader_real.measure import HERE

    text = (HERE / "txt_pre2019_2015.txt").read_text(encoding="utf-8")
    p = tmp_path / "old.txt"
    p.write_text(text.replace("2015年，我办", "2014年，我办"), encoding="utf-8")
    [result] = check_paths([p])
    assert [f.rule for f in result.errors] == ["TEXT_TABLE_MISMATCH"]  # the year copied from last year


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if c.warnings))
def test_the_planted_warnings_appear_and_no_others_of_their_kind(name):
    m = measure(name)
    kinds = set(CASES[name].warnings)
    seen = sorted(f.rule for f in m.findings if f.severity == "warning" and f.rule in kinds)
    assert seen == sorted(CASES[name].warnings)


def test_text_quality_does_not_flag_a_word_boundary_or_other_business():
    import random

    from assistant.core.report import Report
    from assistant.reader.textquality import quality_findings
    from tests.factories import consistent_cells, facts

    cells = consistent_cells(random.Random(1))
    cells["applications.carried_to_next.total"] = 2
    text = "按照县政府政府信息公开工作部署开展工作。县人大代表建议5件已全部办结。一是完善制度；二是加强培训。"
    report = Report("x.txt", sections={"s1_overview": text})
    assert quality_findings(report, facts(cells)) == []


def test_a_second_enumeration_in_one_paragraph_is_no_ordinal_slip():
    import random

    from assistant.core.report import Report
    from assistant.reader.textquality import quality_findings
    from tests.factories import consistent_cells, facts

    cells = consistent_cells(random.Random(2))
    ok = "整改情况：一是完善制度；二是加强培训；三是强化监督。仍存在的问题：一是栏目更新慢；二是解读不够。"
    slip = "一是完善制度；三是加强培训；三是强化监督。"
    assert quality_findings(Report("x.txt", sections={"s5_problems": ok}), facts(cells)) == []
    [f] = quality_findings(Report("x.txt", sections={"s5_problems": slip}), facts(cells))
    assert "一是…三是…三是" in f.message
