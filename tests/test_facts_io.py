"""Facts files: every kind of bad input gets a Chinese message naming the file and the cell."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from assistant.facts_io import FactsFileError, dump_facts_yaml, load_facts, parse_facts

HEAD = "agency: 测试县测试局\nyear: 2023\n"


def load(tmp_path, text: str, name: str = "f.yaml"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_facts(p)


@pytest.mark.parametrize(
    ("raw", "value", "note"),
    [
        ("１２", 12, "全角"),
        ("十二", 12, "中文数字"),
        ("一百零五", 105, "中文数字"),
        ("12件", 12, "单位"),
        ("1,234", 1234, "千分位"),
        ("12.0", 12, "整数"),
        (7, 7, None),
    ],
)
def test_unambiguous_values_are_accepted_with_a_note(tmp_path, raw, value, note):
    lf = load(tmp_path, HEAD + f"cells:\n  review.upheld: {json.dumps(raw, ensure_ascii=False)}\n")
    assert lf.facts.cells["review.upheld"] == value
    assert not lf.findings
    if note:
        assert (
            len(lf.notes) == 1
            and note in lf.notes[0].message
            and "行政复议 / 结果维持" in lf.notes[0].message
        )
    else:
        assert not lf.notes


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("abc", "无法识别"), ("3.5", "小数"), ("十几", "无法识别"), ("约10", "无法识别"), ("true", "不是数字")],
)
def test_ambiguous_values_are_refused_and_named(tmp_path, raw, fragment):
    lf = load(tmp_path, HEAD + f"cells:\n  applications.new_received.natural_person: {raw}\n")
    assert "applications.new_received.natural_person" not in lf.facts.cells
    (f,) = lf.findings
    assert f.rule == "INVALID_VALUE" and f.severity == "error"
    assert (
        fragment in f.message
        and "f.yaml" in f.message
        and "一、本年新收政府信息公开申请数量 / 自然人" in f.message
    )


def test_negative_count_is_kept_for_the_nonneg_rule(tmp_path):
    lf = load(tmp_path, HEAD + "cells:\n  review.upheld: -2\n")
    assert lf.facts.cells["review.upheld"] == -2


def test_misspelt_key_gets_a_suggestion(tmp_path):
    lf = load(tmp_path, HEAD + "cells:\n  applications.new_recieved.total: 3\n")
    (f,) = lf.findings
    assert f.rule == "UNKNOWN_CELL" and "applications.new_received.total" in f.message and "3" in f.message


def test_extra_prefix_suggests_the_real_key(tmp_path):
    lf = load(tmp_path, HEAD + "cells:\n  review_litigation.review.upheld: 1\n")
    assert "“review.upheld”" in lf.findings[0].message


def test_nested_cells_are_flattened(tmp_path):
    lf = load(tmp_path, HEAD + "cells:\n  review:\n    upheld: 1\n    pending: 2\n")
    assert lf.facts.cells == {"review.upheld": 1, "review.pending": 2}


def test_decimal_amount(tmp_path):
    lf = load(tmp_path, HEAD + "cells:\n  active.art20_8.admin_fees.amount_wan_yuan: 12.35\n")
    assert lf.facts.cells["active.art20_8.admin_fees.amount_wan_yuan"] == Decimal("12.35")


def test_json_facts_keep_decimals_exact(tmp_path):
    doc = {"agency": "某局", "year": 2023, "cells": {"active.art20_8.admin_fees.amount_wan_yuan": 0.1}}
    lf = load(tmp_path, json.dumps(doc, ensure_ascii=False), "f.json")
    assert lf.facts.cells["active.art20_8.admin_fees.amount_wan_yuan"] == Decimal("0.1")


def test_missing_zero_fills_leaves_only(tmp_path):
    lf = load(tmp_path, HEAD + "missing: zero\ncells:\n  review.upheld: 1\n")
    assert lf.facts.cells["review.upheld"] == 1
    assert lf.facts.cells["review.corrected"] == 0
    assert "review.total" not in lf.facts.cells  # derived: filled by the engine
    assert len(lf.facts.cells) == 200 - (25 + 7 - 1) - 3  # 2021 leaves: no total column/row, no T3 totals


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "空的"),
        (b"   \n", "空的"),
        (b"\x7fELF\x00\x00\x01binary", "二进制"),
        (b"agency: x\nyear: [\n", "YAML 格式错误，第 3 行"),
        (b"- 1\n- 2\n", "键值对"),
        (b"year: 2023\n", "agency"),
        (b"agency: x\n", "year"),
        (b"agency: x\nyear: abc\n", "不是有效的报告年度"),
        (b"agency: x\nyear: 2023\nformat: 2020\n", "format"),
        (b"agency: x\nyear: 2023\ncells: [1, 2]\n", "cells"),
        (b"agency: x\nyear: 2023\nnarrative: {foo: bar}\n", "narrative"),
        (b"agency: x\nyear: 2023\nmissing: guess\n", "missing"),
    ],
)
def test_unusable_files_raise_a_chinese_error_naming_the_file(content, fragment):
    with pytest.raises(FactsFileError) as e:
        parse_facts(content, "报告.yaml")
    assert "报告.yaml" in str(e.value) and fragment in str(e.value)


def test_broken_json_names_line_and_column():
    with pytest.raises(FactsFileError, match=r"JSON 格式错误，第 1 行第 \d+ 列"):
        parse_facts(b'{"agency": 1', "a.json", json_hint=True)


def test_gbk_encoded_yaml_is_read():
    lf = parse_facts(HEAD.encode("gbk") + "cells: {review.upheld: 1}\n".encode("gbk"), "g.yaml")
    assert lf.facts.agency == "测试县测试局"


def test_year_in_chinese_is_accepted_with_note():
    lf = parse_facts("agency: 某局\nyear: 2023年\n".encode(), "y.yaml")
    assert lf.facts.year == 2023 and lf.notes


def test_format_inferred_from_2019_keys():
    lf = parse_facts(
        "agency: 某局\nyear: 2020\ncells: {active2019.art20_9.gov_procurement.projects: 2}\n".encode(),
        "x.yaml",
    )
    assert lf.facts.format == "2019"


def test_dump_round_trip(tmp_path):
    lf = load(
        tmp_path, HEAD + "cells:\n  review.upheld: 1\n  active.art20_8.admin_fees.amount_wan_yuan: 1.5\n"
    )
    again = load(tmp_path, dump_facts_yaml(lf.facts), "g.yaml")
    assert dict(again.facts.cells) == dict(lf.facts.cells)


def test_sections_and_title_make_a_report(tmp_path):
    text = HEAD + "title: 测试报告\nsections:\n  s5_problems: 存在问题。\ncells: {}\n"
    report = load(tmp_path, text).to_report()
    assert report.title == "测试报告" and report.sections == {"s5_problems": "存在问题。"}
    with pytest.raises(FactsFileError, match="s9"):
        load(tmp_path, HEAD + "sections:\n  s9: x\n")


def test_duplicate_keys_are_refused_not_silently_overwritten():
    with pytest.raises(FactsFileError, match="重复出现（第 4 行和第 5 行）"):
        parse_facts((HEAD + "cells:\n  review.upheld: 5\n  review.upheld: 3\n").encode(), "dup.yaml")
