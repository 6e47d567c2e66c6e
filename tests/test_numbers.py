"""Numbers in Chinese text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assistant.core.numbers import (
    extract_numbers,
    format_number,
    parse_chinese_int,
    parse_decimal,
    to_halfwidth,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105), ("两千三百", 2300), ("一万零二十", 10020),
     ("二〇二三", 2023), ("三十万", 300000), ("壹佰", 100), ("零", 0)],
)  # fmt: skip
def test_chinese_numerals(text, value):
    assert parse_chinese_int(text) == value


@pytest.mark.parametrize("text", ["", "三五", "几", "十几", "万"])
def test_not_numerals(text):
    assert parse_chinese_int(text) is None


def test_halfwidth_and_decimal():
    assert to_halfwidth("１２．５％") == "12.5%"
    assert parse_decimal("1,234") == Decimal(1234)
    assert parse_decimal("负三") == Decimal(-3)
    assert parse_decimal("abc") is None


def test_extract_numbers_kinds_and_units():
    text = "2023年，全年共收到政府信息公开申请十二件，同比增长20%，收取信息处理费0.05万元，上年结转３件；按照第二十条，本年1月31日前发布。"
    found = [(m.value, m.unit, m.kind) for m in extract_numbers(text)]
    assert (Decimal(2023), "年", "year") in found
    assert (Decimal(12), "件", "count") in found
    assert (Decimal(20), "%", "percent") in found
    assert (Decimal("0.05"), "万元", "amount") in found
    assert (Decimal(3), "件", "count") in found
    assert (Decimal(31), "日", "date") in found
    assert not any(m.value == 20 and m.kind == "count" for m in extract_numbers(text))


def test_enumerations_are_not_numbers():
    text = "一是进一步统一规范；（一）主动公开；第一，加强培训。"
    assert [m for m in extract_numbers(text) if m.is_quantity] == []


def test_percent_in_chinese_and_approximate():
    ms = extract_numbers("纠错率为百分之二十五，办理200余件")
    assert ms[0].value == 25 and ms[0].kind == "percent"
    assert ms[1].value == 200 and ms[1].approximate


def test_format_number():
    assert format_number(Decimal("1.50")) == "1.5"
    assert format_number(Decimal("2.00")) == "2"
    assert format_number(7) == "7"
