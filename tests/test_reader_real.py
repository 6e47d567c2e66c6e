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
    if CASES[name].gaps:  # what is not read is said as the reader's gap, never guessed
        assert m.unread and any(f.source == READER for f in m.findings)
        return
    assert not m.unread, f"printed but not read: {m.unread}"
    assert m.right == m.printed


@pytest.mark.parametrize("name", sorted(CASES))
def test_only_the_planted_errors_appear(name):
    m = measure(name)
    assert not m.false_errors and not m.missed
    assert all(f.source == REPORT for f in m.findings if f.is_error)


@pytest.mark.parametrize("name", sorted(n for n, c in CASES.items() if not c.gaps))
def test_no_reader_gap_is_left_on_the_fixtures(name):
    m = measure(name)
    gaps = [f.message for f in m.findings if f.source == READER and f.rule != "ROW_RECOVERED"]
    assert gaps == []  # a row recovered by the identities is read, and said back: not a gap


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
        if case.tool:  # made by LibreOffice/chromium: committed, regenerated with --office
            continue
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


def test_a_browser_printed_page_keeps_its_agency_and_loses_its_print_furniture():
    from assistant.audit import load_input
    from tests.fixtures.reader_real.measure import HERE

    report = load_input(HERE / "chromium_wordpaste_2023.pdf").report
    assert report.agency == "蓝湾市住房和城乡建设局"
    text = "".join(report.sections.values())
    assert "file://" not in text and " AM" not in text and "1/7" not in text


def test_a_row_broken_across_pages_is_joined_by_x_position():
    from assistant.reader.pdfsplit import PdfTable, is_remainder, join_remainder

    prev = PdfTable(
        0,
        [[None, "（六", "1.申", "3", "2"]],
        [[None, (10, 0, 20, 5), (20, 0, 30, 5), (30, 0, 40, 5), (40, 0, 50, 5)]],
    )
    cont = PdfTable(
        0,
        [["", "）其他处理", "请人无正当理由", "", ""], ["", None, "2.申请人", "1", "0"]],
        [[(0, 0, 10, 5), (10, 0, 20, 5), (20, 0, 30, 5), (30, 0, 40, 5), (40, 0, 50, 5)]] * 2,
    )
    assert is_remainder(cont) and join_remainder(prev, cont)
    assert prev.rows[-1][1:3] == ["（六）其他处理", "1.申请人无正当理由"] and len(cont.rows) == 1


def test_a_block_title_or_a_row_with_numbers_at_a_page_top_is_not_a_remainder():
    from assistant.reader.pdfsplit import PdfTable, is_remainder

    title = PdfTable(0, [["第二十条第（八）项", None, None, None]], [[(0, 0, 40, 5), None, None, None]])
    numbers = PdfTable(0, [["", "（四）无法提供", "1.本机关不掌握", "1", "0"]], [[None] * 5])
    assert not is_remainder(title) and not is_remainder(numbers)


def test_a_label_printed_in_pieces_between_numbers_is_printed():
    from assistant.reader.blame import printed

    text = "一稳定保42000125护第三方合法权益属50200215于三类内部事务信息"
    assert printed("5.属于三类内部事务信息", text)
    assert not printed("6.属于四类过程性信息", text)  # another row's words are not this row


def test_a_cut_numbered_label_takes_the_lines_after_it_not_the_next_rows():
    from assistant.reader.blocks import Grid
    from assistant.reader.tables import read_tables

    values = ("1", "0", "0", "0", "0", "0", "1")
    rows = [
        ("（三） 1.属", *values),
        ("不予公 于国",),
        ("开   家秘",),
        ("密",),
        ("其",),  # the next label's first character, printed above its 「2.」
        ("2.", "2", "0", "0", "0", "0", "0", "2"),
        ("他法",),
        ("律行政法规禁止公开",),
    ]
    obs = read_tables([Grid(tuple(rows), exact=False)], ["s3_applications"])
    assert [x.raw for x in obs.t2["results.withheld.state_secret"].values] == list(values)
    assert obs.t2["results.withheld.other_law_prohibits"].values[0].raw == "2"


def test_a_printed_pages_header_and_footer_leave_a_text_extraction():
    from assistant.reader.pdfpage import strip_text_furniture

    lines = []
    for page in range(1, 4):
        lines += ["12/3/26, 6:38 AM 松岭镇人民政府网", "信息内容 本年处理决定数量", f"行政许可 {page}"]
        lines += [f"file:///tmp/x/page.html {page}/3"]
    kept = strip_text_furniture(lines)
    assert kept == [ln for ln in lines if not ln.startswith(("12/3/26", "file:"))]  # table lines stay


def test_a_two_page_print_loses_its_header_and_footer_but_not_its_body():
    from assistant.reader.pdfpage import strip_furniture

    def line(text, top):
        return {"text": text, "top": top, "bottom": top + 8}

    pages = [
        [
            line("12/3/26, 6:38 AM 松岭镇人民政府网", 16),
            line(f"正文第{n}页的内容", 300),
            line(f"file:///x.html {n}/2", 780),
        ]
        for n in (1, 2)
    ]
    kept = strip_furniture(pages, [792, 792])
    assert [[ln["text"] for ln in p] for p in kept] == [["正文第1页的内容"], ["正文第2页的内容"]]


def test_a_long_run_of_one_character_is_a_few_findings_not_thousands():
    """45,000 × 十 in a section: at most MAX_TWICE repeated-word findings, and the boundary check looks
    only at the words just before (it used to rescan the whole paragraph for every match)."""
    import random

    from assistant.core.report import Report
    from assistant.reader.textquality import MAX_TWICE, quality_findings
    from tests.factories import consistent_cells, facts

    cells = consistent_cells(random.Random(3))
    report = Report("x.txt", sections={"s1_overview": "十" * 45_000 + "。资金资金已到位。"})
    found = [f for f in quality_findings(report, facts(cells)) if "重复录入" in f.message]
    assert 1 <= len(found) <= MAX_TWICE
    near = Report("y.txt", sections={"s1_overview": "县政府政府信息公开资金资金已到位。"})
    assert [f.reported for f in quality_findings(near, facts(cells)) if "重复录入" in f.message] == [
        "资金资金"
    ]
