"""Ledger (台账) import: known truth from a GBK csv fixture and a generated xlsx, and every bad input."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from assistant.core import spec
from assistant.core.engine import check
from assistant.core.facts import ReportFacts
from assistant.intake import ledger as L
from assistant.intake import read_ledger
from assistant.intake.ledger_table import parse_date

FIXTURE = Path(__file__).parent / "fixtures" / "intake" / "ledger_2024_gbk.csv"
A = "applications."

# Truth for 2024 (rows of the fixture, see the 申请内容 column): 9 received in 2024 (one of them in 2025 is
# ignored), 2 carried over from 2023, 7 completed in 2024, 4 open on 31 December.
TRUTH = {
    "new_received.natural_person": 6, "new_received.commercial_enterprise": 1, "new_received.legal_service_org": 1,
    "new_received.social_welfare_org": 1, "new_received.total": 9,
    "carried_over_from_prev.natural_person": 2, "carried_over_from_prev.total": 2,
    "results.granted.natural_person": 1, "results.granted.social_welfare_org": 1, "results.granted.total": 2,
    "results.partially_granted.commercial_enterprise": 1, "results.withheld.state_secret.natural_person": 1,
    "results.unable.not_held.legal_service_org": 1, "results.not_processed.duplicate.natural_person": 1,
    "results.other.no_correction_overdue.natural_person": 1,
    "results.total.natural_person": 4, "results.total.total": 7,
    "carried_to_next.natural_person": 4, "carried_to_next.total": 4,
}  # fmt: skip


def _rows_from_fixture() -> list[list]:
    text = FIXTURE.read_bytes().decode("gbk")
    return [line.split(",") for line in text.strip().split("\r\n")]


def _xlsx(rows: list[list], title: str | None = "2024年政府信息公开申请台账", cover: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    if cover:
        ws.title = "说明"
        ws.append(["本台账按年度登记"])
        ws = wb.create_sheet("台账")
    if title:
        ws.append([title])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _typed(rows: list[list]) -> list[list]:
    """Fixture rows with real Excel types: dates as dates, one as a serial number, 序号 as int."""
    out = [rows[0]]
    for i, r in enumerate(rows[1:]):
        r = list(r)
        r[0] = int(r[0])
        if i == 0:
            r[3], r[6] = datetime(2023, 12, 20), date(2024, 1, 10)
        if i == 2:
            r[3] = (date(2024, 2, 1) - date(1899, 12, 30)).days  # a date typed as a serial number
        out.append(r)
    return out


def _assert_truth(result):
    assert result.ok, result.errors
    cells = result.cells
    for key, value in TRUTH.items():
        assert cells[A + key] == value, key
    assert sum(cells.values()) == 2 * (9 + 2 + 7 + 7 + 4)  # every counted application in a column and in 总计
    assert len(cells) == len(spec.spec_for("2021").table_cells(2))


def test_gbk_csv_fixture_gives_the_known_table():
    result = read_ledger(FIXTURE, year=2024)
    _assert_truth(result)
    assert result.sources[A + "carried_to_next.natural_person"] == (3, 8, 9, 14)  # csv line numbers
    assert result.sources[A + "results.withheld.state_secret.total"] == (5,)
    assert any("第14行填写了办理结果但没有“答复日期”" in w for w in result.warnings)
    msg = result.message()
    assert "本年新收9件，上年结转2件，本年办结7件，结转下年度4件" in msg
    assert "1件申请收到日期在2024年以后" in msg and "1件申请在2024年以前已办结" in msg


def test_the_table_passes_the_engine():
    cells = read_ledger(FIXTURE, year=2024).cells
    t2 = check(ReportFacts("某局", 2024, "2021", cells))
    assert [f for f in t2.findings if f.table == 2 and f.status == "fail"] == []


def test_utf8_csv_and_tab_separated():
    text = "\n".join(",".join(r) for r in _rows_from_fixture())
    _assert_truth(read_ledger(text.encode("utf-8-sig"), "台账.csv", 2024))
    tabbed = text.replace(",", "\t").encode("utf-8")
    _assert_truth(read_ledger(tabbed, "台账.txt", 2024))


def test_xlsx_with_title_row_and_typed_cells():
    data = _xlsx(_typed(_rows_from_fixture()))
    result = read_ledger(data, "台账.xlsx", 2024)
    _assert_truth(result)
    assert result.sources[A + "carried_over_from_prev.total"] == (3, 4)  # sheet rows: title, header, data
    assert result.columns[:3] == ("序号", "申请人", "申请人类型")


def test_xlsx_ledger_on_a_later_sheet(tmp_path):
    path = tmp_path / "2024台账.xlsx"
    path.write_bytes(_xlsx(_rows_from_fixture(), title=None, cover=True))
    _assert_truth(read_ledger(path, year=2024))


def test_other_year_from_the_same_ledger():
    result = read_ledger(FIXTURE, year=2023)
    cells = result.cells
    assert cells[A + "new_received.total"] == 3  # received 2023-06-01, 2023-12-20, 2023-12-28
    assert cells[A + "results.total.total"] == 1 and cells[A + "carried_to_next.total"] == 2


def test_2019_format_year_uses_the_single_other_row():
    rows = [
        ["收到日期", "申请人类型", "办理结果", "办结日期"],
        ["2020-03-01", "自然人", "逾期不补正", "2020-04-01"],
    ]
    cells = read_ledger(_xlsx(rows, title=None), "a.xlsx", 2020).cells
    assert cells[A + "results.other_2019.natural_person"] == 1


def test_parse_rows_only_without_year():
    result = read_ledger(FIXTURE)
    assert result.ok and result.table is None and result.cells == {} and len(result.entries) == 13


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-03-05", date(2024, 3, 5)), ("2024/3/5", date(2024, 3, 5)), ("2024.03.05", date(2024, 3, 5)),
     ("2024年3月5日", date(2024, 3, 5)), ("２０２４－０３－０５", date(2024, 3, 5)), ("20240305", date(2024, 3, 5)),
     ("2024-03-05 14:30", date(2024, 3, 5)), (45356, date(2024, 3, 5)), (20240305, date(2024, 3, 5)),
     ("", None), (None, None), ("2024-02-30", "bad"), ("明天", "bad"), ("1999-01-01", "bad"), (12, "bad")],
)  # fmt: skip
def test_dates(value, expected):
    assert parse_date(value) == expected


# ---------------------------------------------------------------- bad input: Chinese, named, nothing applied

HEADER = ["收到日期", "申请人类型", "办理结果", "办结日期"]


def _bad(rows, name="台账.xlsx", year=2024):
    result = read_ledger(_xlsx(rows, title=None), name, year)
    assert not result.ok and result.cells == {} and result.sources == {}
    return "\n".join(result.errors), result


def test_missing_columns_says_what_was_found_and_what_is_needed():
    text, result = _bad(
        [
            ["序号", "申请人", "申请日期", "申请人类型", "备注"],
            [1, "张某", "2024-01-02", "自然人", ""],
        ]
    )
    assert "台账.xlsx：缺少必需的列：办理结果" in text
    assert "文件中找到的列：“序号”、“申请人”、“申请日期”、“申请人类型”、“备注”" in text
    assert result.columns == ("序号", "申请人", "申请日期", "申请人类型", "备注")


def test_no_completion_column_counts_outcomes_as_done_and_says_so():
    rows = [
        ["序号", "申请人", "来件时间", "主体类别", "申请主体", "答复结果"],
        [1, "张某", "2024-01-02", "个人", "张某", "予以公开"],
        [2, "某公司", "2024-12-20", "公司", "某公司", "办理中"],
    ]
    result = read_ledger(_xlsx(rows), "台账.xlsx", year=2024)
    assert result.ok, result.errors
    assert "没有办结日期列" in result.warnings[0]
    assert result.cells["applications.results.granted.natural_person"] == 1
    assert result.cells["applications.carried_to_next.commercial_enterprise"] == 1
    assert result.cells["applications.new_received.total"] == 2


def test_no_header_at_all():
    text, _ = _bad([["姓名", "电话"], ["张某", "123"]])
    assert "缺少必需的列：收到日期" in text and "“姓名”、“电话”" in text


def test_unknown_outcome_labels_are_listed_with_rows_and_nothing_guessed():
    rows = [HEADER, ["2024-01-02", "自然人", "不予公开", "2024-01-20"], ["2024-01-03", "自然人", "转办", "2024-01-09"],
            ["2024-01-04", "自然人", "予以公开", "2024-01-09"], ["2024-01-05", "企业", "不予公开", "2024-02-01"]]  # fmt: skip
    text, _ = _bad(rows)
    assert "台账.xlsx“办理结果”列有无法识别的内容：“不予公开”（第2、5行）、“转办”（第3行）" in text
    assert "不予公开-属于国家秘密" in text and "须注明具体情形" in text


def test_unknown_applicant_type():
    text, _ = _bad([HEADER, ["2024-01-02", "法人或其他组织", "予以公开", "2024-01-20"]])
    assert "“申请人类型”列有无法识别的内容：“法人或其他组织”（第2行）" in text and "可用：自然人" in text


def test_bad_dates_name_row_and_column():
    rows = [HEADER, ["2024-02-30", "自然人", "予以公开", "2024-03-01"], ["2024-01-02", "自然人", "予以公开", "下周"],
            ["", "自然人", "", ""]]  # fmt: skip
    text, _ = _bad(rows)
    assert "台账.xlsx 第2行“收到日期”列：“2024-02-30”不是有效日期" in text
    assert "第3行“办结日期”列：“下周”不是有效日期" in text
    assert "第4行“收到日期”列为空" in text


def test_completed_before_received_and_completed_without_outcome():
    rows = [HEADER, ["2024-05-02", "自然人", "予以公开", "2024-04-01"], ["2024-05-02", "自然人", "", "2024-05-09"],
            ["2024-05-02", "", "予以公开", "2024-05-09"]]  # fmt: skip
    text, _ = _bad(rows)
    assert "第2行：“办结日期”2024-04-01早于“收到日期”2024-05-02" in text
    assert "第3行已填写“办结日期”，但“办理结果”列为空" in text
    assert "第4行“申请人类型”列为空" in text


def test_header_without_records():
    text, _ = _bad([HEADER])
    assert "表头下面没有任何申请记录" in text


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [(b"PK\x03\x04 not really a zip", "台账.xlsx", "已损坏"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "台账.xls", "暂不支持旧版 Excel（.xls）"),
     (b"", "台账.csv", "文件是空的"),
     (b"\x00\x01\x02binary", "台账.csv", "不是文本格式的 CSV"),
     ("收到日期,申请人类型\n".encode("utf-16"), "台账.csv", "缺少必需的列")],  # UTF-16 is read (issue 15)
)  # fmt: skip
def test_unreadable_files(data, name, fragment):
    result = read_ledger(data, name, 2024)
    assert not result.ok and result.cells == {}
    assert result.errors[0].startswith(name) and fragment in result.errors[0]


def test_truncated_xlsx(tmp_path):
    data = _xlsx(_rows_from_fixture())
    result = read_ledger(data[: len(data) // 2], "半个.xlsx", 2024)
    assert not result.ok and "半个.xlsx：文件不完整" in result.errors[0]


def test_missing_path_and_directory(tmp_path):
    assert "文件不存在" in read_ledger(tmp_path / "无.xlsx", year=2024).errors[0]
    assert "这是一个文件夹" in read_ledger(tmp_path, "目录", 2024).errors[0]


def test_huge_file_by_bytes(monkeypatch, tmp_path):
    monkeypatch.setattr(L, "MAX_BYTES", 1000)
    path = tmp_path / "大.csv"
    path.write_bytes(b"x" * 2000)
    assert "文件过大" in read_ledger(path, year=2024).errors[0]
    assert "文件过大" in read_ledger(b"x" * 2000, "大.csv", 2024).errors[0]


def test_huge_file_by_rows(monkeypatch):
    monkeypatch.setattr(L, "MAX_ROWS", 5)
    rows = [HEADER] + [["2024-01-02", "自然人", "予以公开", "2024-01-09"]] * 6
    text, _ = _bad(rows)
    assert "记录超过 5 行" in text


def test_many_problems_are_capped():
    rows = [HEADER] + [["坏日期", "自然人", "予以公开", "2024-01-09"]] * 50
    text, result = _bad(rows)
    assert len(result.errors) == 31 and "另有20处问题未列出" in text


@pytest.mark.parametrize("seed", range(20))
def test_garbage_never_raises(seed):
    import random

    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 3000)))
    for name in ("x.xlsx", "x.csv"):
        result = read_ledger(data, name, 2024)
        assert isinstance(result.message(), str)
        assert result.cells == {} or result.ok


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_every_listed_and_official_outcome_label_is_accepted(version):
    from assistant.intake.lexicon import normalise_label, outcome_examples, outcome_labels

    table = outcome_labels(version)
    for label in outcome_examples(version).split("、"):
        assert normalise_label(label) in table, label
    for row, path in spec.t2_rows(version):
        if row.startswith("results.") and row != "results.total":
            assert table.get(normalise_label(path[-1])) == row or path[-1].endswith("其他")
            assert table[normalise_label("".join(path[1:]))] == row


def test_a_total_row_is_skipped_and_short_outcome_labels_are_read():
    text = (
        "申请人类型,收到日期,办理结果,办结日期\n"
        "自然人,2024-01-05,不予公开-第三方权益,2024-01-20\n"
        "自然人,2024-02-05,无法提供-本机关不掌握,2024-02-20\n"
        "合计,,2件,\n"
    )
    result = read_ledger(text.encode("utf-8"), "台账.csv", 2024)
    assert not result.errors
    assert result.cells[A + "new_received.total"] == 2
    assert result.cells[A + "results.withheld.third_party_rights.natural_person"] == 1
    assert result.cells[A + "results.unable.not_held.natural_person"] == 1
    assert any("合计行" in w for w in result.warnings)


def test_a_short_label_that_fits_several_rows_is_still_refused():
    text = "申请人类型,收到日期,办理结果,办结日期\n自然人,2024-01-05,不予公开-信息,2024-01-20\n"
    assert read_ledger(text.encode("utf-8"), "台账.csv", 2024).errors


def test_withdrawn_is_other_processing_other_and_listed_back():
    rows = [HEADER, ["2024-01-03", "自然人", "申请人撤回", "2024-01-09"]]
    result = read_ledger(_xlsx(rows), "台账.xlsx", year=2024)
    assert result.ok, result.errors
    assert result.cells["applications.results.other.other.natural_person"] == 1
    assert any("申请人撤回" in line for line in result.mapped)
