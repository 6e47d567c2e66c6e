"""A note that opens its list with 问题一是… / 问题主要是一是… (no colon) keeps one ordinal sequence."""

from __future__ import annotations

import pytest

from assistant.drafting.staff_notes import routed_items


@pytest.mark.parametrize(
    "note",
    [
        "问题一是人手少；二是村务公开栏有的村更新慢",
        "问题主要是一是人手少；二是村务公开栏有的村更新慢",
        "存在问题一是人手少，二是村务公开栏有的村更新慢",
    ],
)
def test_list_intro_without_colon_is_dropped(note: str) -> None:
    items = routed_items({"problems": note})["problems"]
    assert len(items) == 2
    assert not any(word in item for item in items for word in ("问题", "一是", "二是"))


def test_money_typed_as_kuai_becomes_yuan() -> None:
    from assistant.drafting.formal import formalize

    assert formalize("信息处理费收了150块", "本局") == "信息处理费收了150元"
    assert formalize("收了三百块钱", "本局") == "收了三百元"
    assert formalize("一块公开栏", "本局") == "一块公开栏"  # a measure word, not money
    assert formalize("设了6块公开栏", "本局") == "设了6块公开栏"
    assert formalize("公开栏一共换了6块。", "本局").endswith("6块。")
