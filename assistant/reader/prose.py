"""Binding numbers stated in the prose to table quantities, with high precision.

The keyword windows (which words name which quantity, which clauses speak of another scope) live
in `assistant.core.quantities`, shared with the drafting guard; the rules are described there. In
short: a count or amount is bound to a quantity only when the words just before it end with that
quantity's phrase ("共收到政府信息公开申请" + 15件, "被申请行政复议" + 1件), and is skipped when its
clause speaks of another scope (其中, 月, 同比, 全市 …) or it is approximate. Zero statements bind
too: 未收到政府信息公开申请 → 0; 未发生行政复议和行政诉讼 → 0 and 0.
A bound number that differs from the (engine-filled) cell is an error; nothing else is reported.
信息处理费 has no table cell: `fee_statements` collects what the prose says about it (收取信息处理费
300元, 未收取信息处理费 → 0) so that contradicting statements can be reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.core.numbers import KIND_AMOUNT, extract_numbers
from assistant.core.quantities import (
    FILL,
    Quantity,
    clause_start,
    in_unit,
    named_quantities,
    sentence_spans,
    table_value,
    zero_statements,
)

__all__ = ["Quantity", "Statement", "fee_statements", "sentences", "statements", "table_value"]


@dataclass(frozen=True)
class Statement:
    quantity: Quantity
    stated: Decimal
    sentence: str
    text: str  # what the prose says, e.g. 共收到政府信息公开申请20件


def sentences(text: str) -> Iterator[str]:
    for _, s in sentence_spans(text):
        yield s


def statements(text: str, year: int | None) -> Iterator[Statement]:
    """Every clear statement of a table quantity in `text` (see `core.quantities`)."""
    for s in sentences(text):
        for n in named_quantities(s, year):
            stated = in_unit(n.mention, n.quantity)
            if stated is not None:
                words = s[n.start : n.mention.end].strip("，,、：: ")
                yield Statement(n.quantity, stated, s, words)
        for q, words in zero_statements(s):
            yield Statement(q, Decimal(0), s, words)


_FEE_PHRASE = re.compile(rf"信息处理费(?:金额|收入)?{FILL}$")
_FEE_ZERO = re.compile(
    r"(?:未|没有|无|不)(?:发生|产生)?(?:收取|收)(?:任何|过)?(?:政府信息公开)?信息处理费"
    r"|信息处理费(?:为|是)?(?:零|0(?:\.0+)?元)"
)


def fee_statements(text: str) -> Iterator[tuple[Decimal, str]]:
    """(amount in 元, the words) for every statement of the 信息处理费 charged."""
    for s in sentences(text):
        zero = _FEE_ZERO.search(s)
        if zero:
            yield Decimal(0), zero.group(0)
            continue
        for m in extract_numbers(s):
            seg = s[clause_start(s, m.start) : m.start]
            if m.kind == KIND_AMOUNT and _FEE_PHRASE.search(seg) and not m.approximate:
                value = m.value * 10_000 if m.unit == "万元" else m.value
                yield value, (seg + m.raw).strip("，,：: ")
