"""One 表一 decision count told item by item. Pure helper of `consistency`.

「许可：职业技能培训机构审批12件，人力资源服务许可9件，劳务派遣许可5件，就这三项」: each number names an
item of its own (words ending in 审批/许可/罚款… before it) and none is the sum of the others,
so the row's count is their sum, said back as such. 「就这三项」 closes the list when it counts the
items; a bare second number (「后来核对是9件」) names no item and is still asked.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.intake.phrases import numbers

_CLOSING = re.compile(
    r"^(?:就|共|一共|总共|合计)?(?:这|这些|以上)?(?:[一二两三四五六七八九十\d]+)(?:项|类|种)(?:事项)?$"
)


def item_sum(items: list[Any]) -> tuple[Any, str, str] | None:
    """(sum, source, note) of a decision row's statements when each names its own item (None otherwise)."""
    if not items or not items[0].key.endswith(".decisions"):
        return None
    closing = [s for s in items if _CLOSING.match(s.source.strip())]
    parts = [s for s in items if s not in closing]
    if len(parts) < 2 or len({s.source for s in parts}) < len(parts):
        return None
    if any(not _names_item(s.source) for s in parts):
        return None
    if closing and any(s.value != len(parts) for s in closing):
        return None
    total = sum((s.value for s in parts), start=0)
    if any(2 * s.value == total for s in parts):  # one of them is the total of the others
        return None
    return total, "，".join(s.source for s in parts + closing), f"{len(parts)}项相加"


_ITEM_END = re.compile(r"(?:审批|许可|处罚|罚款|强制|查封|扣押|核准|登记|备案|认定|检查|决定|事项)(?:的)?$")


def _names_item(source: str) -> bool:
    """「人力资源服务许可9件」「道路违停罚款40件」: the words of an item of decisions, then its count."""
    said = numbers(source)
    head = source[: said[0].start].strip(" ：:、，,") if said else ""
    return len(head) >= 3 and bool(_ITEM_END.search(head))


def is_closing(source: str) -> bool:
    """「就这三项」: closes a list of items, no count of its own."""
    return bool(_CLOSING.match(source.strip()))
