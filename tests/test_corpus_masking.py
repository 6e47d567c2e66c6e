"""mask_numbers: exemplar text for prompts carries no number an LLM could copy."""

from __future__ import annotations

import pytest

from assistant.core.numbers import extract_numbers, mask_numbers


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("2023年，共收到申请12件", "X年，共收到申请N件"),
        ("同比增长20%，占比１５％", "同比增长N%，占比N％"),
        ("收取费用0.05万元，合计1,234元", "收取费用N万元，合计N元"),
        ("上年结转３件，办结十二件，培训两场", "上年结转N件，办结N件，培训N场"),
        ("百分之十五的申请", "N%的申请"),
        ("二〇二三年十二月三十一日前", "X年X月X日前"),
        ("2024年1月31日前发布", "X年X月X日前发布"),
        ("公开信息300余条，约50人次", "公开信息N余条，约N人次"),
        ("2023 年度报告", "X 年度报告"),
    ],
)
def test_numbers_are_masked(text, masked):
    assert mask_numbers(text) == masked


@pytest.mark.parametrize(
    "text",
    ["（一）主动公开", "一是加强培训，进一步统一规范", "统一年度报告格式", "坚持以公开为常态", "十四五规划"],
)
def test_words_with_numeral_characters_are_kept(text):
    assert mask_numbers(text) == text


def test_masked_text_has_no_quantity_left():
    text = "2023年全年主动公开信息3126条，收到申请十七件，同比增长12.5%，收费0.2万元。"
    masked = mask_numbers(text)
    assert not [m for m in extract_numbers(masked) if m.is_quantity or m.kind == "year"]
    assert not any(ch.isdigit() for ch in masked)
