"""Issue 12, cause 6: text extracted from PDFs of our corpus reports (pdftotext plain and -layout,
two Markdown conversions; fixtures in tests/fixtures/reader_real/, made by extract.py, truth in
corpus/sources). Labels and numbers come apart there; the values are placed by the official row
order and the row arithmetic, and what cannot be placed is the reader's gap, never an error."""

from __future__ import annotations

import pytest

from assistant.core.findings import READER
from assistant.reader.ordered import place_t2, place_t3, tokens
from assistant.reader.textorder import unstack
from tests.fixtures.reader_real.extract import EXTRACTED, RECOVERED, UNPLACED
from tests.fixtures.reader_real.measure import measure


def _unplaced(name: str, key: str) -> bool:
    return any(key.startswith(prefix) for prefix in UNPLACED.get(name, ()))


@pytest.mark.parametrize("name", sorted(EXTRACTED))
def test_every_printed_cell_is_read_or_left_as_the_readers_gap(name):
    m = measure(name)
    assert not m.wrong, f"read with another value: {m.wrong}"
    assert [k for k in m.unread if not _unplaced(name, k)] == []
    assert all(_unplaced(name, k) for k in m.unread)


@pytest.mark.parametrize("name", sorted(EXTRACTED))
def test_no_error_and_gaps_only_where_expected(name):
    m = measure(name)
    assert not m.false_errors and not m.missed
    gaps = [f for f in m.findings if f.source == READER and f.rule != "ROW_RECOVERED"]  # a read row said back
    assert bool(gaps) == bool(UNPLACED.get(name))
    assert all(not f.is_error for f in gaps)
    # the corpus prints the official labels: a label wrapped or cut by extraction is no deviation
    assert [f.message for f in m.findings if f.rule == "LABEL_DEVIATION"] == []


def test_numbers_inside_prose_page_numbers_and_list_numbering_are_not_values():
    lines = [
        ("本年度共收到申请23件，办结22件。", 0),
        ("—3—", 1),
        ("1.属于国家秘密     0     0", 2),
        ("度办 的，只计这一情形，不计其     2     0     1", 3),
        ("第二十条第（五）项", 4),
        ("行政许可 64", 5),
    ]
    assert [raw for raw, _ in tokens(lines)] == ["0", "0", "2", "0", "1", "64"]


def test_rows_printed_column_by_column_are_transposed():
    # three rows of seven printed as columns of three on consecutive lines (plain pdftotext)
    rows = [[0] * 7, [3, 1, 0, 0, 1, 0, 5], [1, 0, 0, 0, 0, 0, 1]]
    toks, line = [], 0
    for col in range(7):
        for r in range(3):
            toks.append((str(rows[r][col]), line))
            line += 1
        line += 1  # a blank line between columns
    assert [int(raw) for raw, _ in unstack(toks)] == [v for row in rows for v in row]


def _t2_stream(values: list[list[int]]) -> list[tuple[str, int]]:
    return [(str(v), 2 * (7 * r + c)) for r, row in enumerate(values) for c, v in enumerate(row)]


def _consistent_rows() -> list[list[int]]:
    from assistant.core import spec

    rows = {k: [0] * 7 for k, _ in spec.t2_rows("2021")}
    rows["new_received"] = [5, 1, 0, 0, 0, 0, 6]
    rows["results.granted"] = [3, 1, 0, 0, 0, 0, 4]
    rows["results.total"] = [3, 1, 0, 0, 0, 0, 4]
    rows["carried_to_next"] = [2, 0, 0, 0, 0, 0, 2]
    return list(rows.values())


def test_a_table_with_a_number_too_many_is_placed_only_where_the_arithmetic_fits():
    rows = _consistent_rows()
    stream = [("7", 0)] + _t2_stream(rows)  # a stray number before the table
    placed, full = place_t2(stream, "2021")
    assert full and placed["new_received"].values[0].raw == "5"
    lost = _t2_stream(rows)[:-1] + [("9", 999), ("9", 1001)]  # the last value lost, two strays
    assert place_t2(lost, "2021") is None


def test_a_row_that_does_not_add_up_is_not_placed_by_order():
    rows = _consistent_rows()
    rows[0] = [5, 1, 0, 0, 0, 2, 9]  # two cells off: its row and two columns fail
    assert place_t2(_t2_stream(rows), "2021") is None


def test_one_cell_off_is_the_reports_slip_and_the_order_stands():
    rows = _consistent_rows()
    rows[0] = [5, 1, 0, 0, 0, 0, 9]  # 总计 printed 9 for 6: one row and one column fail
    placed, settled = place_t2(_t2_stream(rows), "2021")
    assert settled and [r.raw for r in placed["new_received"].values] == ["5", "1", "0", "0", "0", "0", "9"]


def test_table_three_needs_its_group_totals():
    good = [("1", i) for i in range(4)] + [("4", 4)] + [("0", 5 + i) for i in range(10)]
    assert [r.raw for r in place_t3(good)][:5] == ["1", "1", "1", "1", "4"]
    moved = [("1", 0), ("2", 1), ("0", 2), ("1", 3), ("0", 4)] + [("0", 5 + i) for i in range(10)]
    assert place_t3(moved) is None


@pytest.mark.parametrize("name", sorted(RECOVERED))
def test_crawled_text_recovers_each_split_row_and_says_so(name):
    m = measure(name)
    recovered = [f for f in m.findings if f.rule == "ROW_RECOVERED"]
    assert len(recovered) == RECOVERED[name]
    for f in recovered:
        assert f.severity == "warning" and f.source == READER and f.reported in f.message
        assert f.computed in f.message  # the split is shown
    unread = [f for f in m.findings if f.rule == "ROW_UNREADABLE"]
    assert all("可拆分为" in f.message and "未读取" in f.message for f in unread)
    assert bool(unread) == bool(UNPLACED.get(name))


def test_several_splits_read_nothing_and_say_so():
    from assistant.reader.runin import _Budget, splits

    assert sorted(splits("5238", 3, _Budget())) == [("5", "2", "38"), ("5", "23", "8"), ("52", "3", "8")]
    assert splits("000", 3, _Budget()) == [("0", "0", "0")]
    assert splits("05", 2, _Budget()) == [("0", "5")]  # no leading zeros: 05 is 0 and 5


def test_the_search_is_bounded():
    from assistant.reader.runin import MAX_DIGITS, _Budget, splits

    assert splits("1" * (MAX_DIGITS + 1), 7, _Budget()) is None
    tight = _Budget()
    tight.left = 10
    assert splits("123456789012345678", 7, tight) is None


def _crawled(tmp_path, name, old, new):
    from tests.fixtures.reader_real.measure import HERE

    text = (HERE / name).read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / name
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def test_a_real_error_in_crawled_text_is_still_the_reports(tmp_path):
    from assistant.audit import check_paths

    # 结转下年度 printed as 2 (not 1): the row adds up, so it splits one way; 一+二 ≠ 三+四 is the report's
    p = _crawled(
        tmp_path,
        "crawled_ziranziyuanju_2024.txt",
        "四、结转下年度继续办理1000001",
        "四、结转下年度继续办理2000002",
    )
    [result] = check_paths([p])
    errors = [f for f in result.errors if f.status == "fail"]
    assert {f.rule for f in errors} >= {"T2_STATED_BALANCE"}
    assert all(f.source == "report" for f in errors)
    assert "applications.carried_to_next.natural_person" in {c for f in errors for c in f.cells}


def test_a_row_that_adds_up_no_way_is_the_readers_gap(tmp_path):
    from assistant.audit import check_paths

    p = _crawled(tmp_path, "crawled_ziranziyuanju_2024.txt", "（七）总计445013154", "（七）总计445013155")
    [result] = check_paths([p])
    [gap] = [f for f in result.findings if f.rule == "ROW_UNREADABLE" and "总计" in f.message]
    assert gap.source == READER and "没有一种拆分" in gap.message
    assert not [f for f in result.errors if f.status == "fail"]


def test_inline_headings_of_running_text_are_headings():
    from assistant.reader.textfile import split_inline_headings

    line = (
        "某局2023年政府信息公开工作年度报告一、总体情况"
        + "正文" * 100
        + "二、主动公开政府信息情况第二十条第（一）项"
    )
    parts = split_inline_headings(line)
    assert parts[:2] == ["某局2023年政府信息公开工作年度报告", "一、总体情况"]
    assert "二、主动公开政府信息情况" in parts
    assert split_inline_headings("一、本年新收政府信息公开申请数量3520100038" * 5) == [
        "一、本年新收政府信息公开申请数量3520100038" * 5
    ]


def test_hostile_long_lines_are_read_in_bounded_work():
    from assistant.reader import read_report_bytes

    numbers = " 1" * 100_000
    text = (
        "一、总体情况\n正文，"
        + numbers
        + "x\n三、收到和处理政府信息公开申请情况\n"
        + "3520100038" * 5000
        + "\n"
    )
    report = read_report_bytes(text.encode(), "long.txt")  # finishes; nothing is made up
    assert not any(k.startswith("applications.") for k in report.cells)


def test_a_2019_form_table_two_in_a_2023_report_is_placed_in_its_own_row_order():
    from assistant.core import spec
    from assistant.reader import read_report_bytes

    rows = {k: [0] * 7 for k, _ in spec.t2_rows(spec.FORMAT_2019)}
    rows["new_received"] = [4, 1, 0, 0, 0, 0, 5]
    rows["results.granted"] = [3, 1, 0, 0, 0, 0, 4]
    rows["results.other_2019"] = [1, 0, 0, 0, 0, 0, 1]
    rows["results.total"] = [4, 1, 0, 0, 0, 0, 5]
    numbers = "\n\n".join(str(v) for row in rows.values() for v in row)  # plain pdftotext: one a line
    text = (
        "某县某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n正文。\n\n"
        "三、收到和处理政府信息公开申请情况\n\n申请人情况\n\n"
        + numbers
        + "\n\n四、政府信息公开行政复议、行政诉讼情况\n\n正文。\n"
    )
    report = read_report_bytes(text.encode(), "old.txt")
    assert report.format == spec.FORMAT_2019
    assert report.cells["applications.results.other_2019.natural_person"] == 1
    assert report.cells["applications.new_received.total"] == 5


@pytest.mark.parametrize(
    ("previous", "name", "settled"),
    [
        ("linlan_shengtaihuanjingju_2023", "crawled_shengtaihuanjingju_2024.txt", True),
        ("qingwu_xianzhengfuban_2022", "crawled_xianzhengfuban_2023.txt", True),
        # 2110 after 9 in force: 2/1/10 and 2/11/0 both roll forward, so the row stays the reader's gap
        ("qingwu_ziranziyuanju_2023", "crawled_ziranziyuanju_2024.txt", False),
    ],
)
def test_last_years_report_settles_run_together_normative_documents(previous, name, settled):
    from assistant.audit import check_paths
    from assistant.facts_io import load_facts
    from assistant.reader.rollforward import KEYS
    from tests.fixtures.reader_real.extract import SOURCES, truth_source
    from tests.fixtures.reader_real.measure import HERE

    [result] = check_paths([HERE / name], previous=SOURCES / f"{previous}.yaml")
    truth = load_facts(truth_source(name)).facts.cells
    rules = {f.rule for f in result.findings if set(f.cells) == set(KEYS)}
    if settled:
        assert [result.facts.cells[k] for k in KEYS] == [truth[k] for k in KEYS]
        assert "ROW_RECOVERED" in rules and "ROW_UNREADABLE" not in rules
    else:
        assert not any(k in result.facts.cells for k in KEYS)
        assert "ROW_UNREADABLE" in rules
    assert not [f for f in result.errors if f.status == "fail"]


def test_the_issues_run_together_examples():
    from assistant.reader import read_report_bytes
    from assistant.reader.runin import _Budget, _row_options

    # 35 2 0 1 0 0 38 runs together as 352010038: one split adds up (no number has a leading zero)
    assert _row_options("352010038", _Budget()) == [("35", "2", "0", "1", "0", "0", "38")]
    text = (
        "某县某局2023年政府信息公开工作年度报告一、总体情况2023年，本局认真落实政府信息公开条例。"
        + "本局持续推进政务公开。" * 12
        + "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
        "规章000行政规范性文件5238第二十条第（五）项信息内容本年处理决定数量行政许可64"
        "三、收到和处理政府信息公开申请情况本年度情况如下。\n"
    )
    report = read_report_bytes(text.encode(), "crawled.txt")
    regulations = [
        report.cells[f"active.art20_1.regulations.{c}"] for c in ("issued", "repealed", "in_force")
    ]
    assert regulations == [0, 0, 0]
    assert report.cells["active.art20_5.admin_license.decisions"] == 64
    assert "active.art20_1.normative_docs.issued" not in report.cells
    [gap] = [f for f in report.findings if f.rule == "ROW_UNREADABLE" and f.table == 1]
    assert gap.source == READER and "5、2、38" in gap.message and "52、3、8" in gap.message
    assert {"s1_overview", "s2_active", "s3_applications"} <= set(report.sections)
