"""A figure said for the wrong year, then the right one: 「不对，3.5万是23年的，今年是2.8万元」, 「哦不对，20是去年的
数，今年是17件」. The number recorded (pending or saved) that the message says belongs to another year is
replaced by this year's, in the one cell that holds it (shown old → new like any change). When no cell,
or more than one, holds the old figure, the message is left to the reader. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from decimal import Decimal

from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import NumberMention
from assistant.intake.answers import keys_with_value
from assistant.intake.model import RULES, Extraction, ExtractionContext, Proposal
from assistant.intake.phrases import numbers

_NUM = r"[0-9０-９.．一二两三四五六七八九十百千万零〇]+(?:万元|万|元|件|个|条|项)?"
_SAID = re.compile(
    rf"^\s*(?:哦|噢|嗯|啊)?[，,]?\s*(?:不对|错了|说错了|搞错了|写错了|弄错了)?[，,]?\s*(?:刚才的?|前面的?)?"
    rf"(?P<old>{_NUM})(?:那个)?(?:是|那是|说的是)(?P<when>去年|上一?年|前年|(?:20)?\d{{2}}年)(?:度)?的?"
    r"(?:年报|报告|年度报告)?(?:里|上|中)?的?[^，,。；;\d]{0,10}?[，,]\s*(?P<rest>(?:今年|本年).*)$"
)
_BARE = re.compile(rf"^(?:今年|本年度?)(?:的)?(?:是|为|应该是|实际是)?(?P<new>{_NUM})\s*[。！!]?\s*$")

Reader = Callable[[str, ExtractionContext], Extraction]


def read(message: str, ctx: ExtractionContext, reader: Reader) -> Extraction | None:
    """The recorded figure of another year replaced by this year's; None when the message is not so."""
    m = _SAID.match(message)
    old = _one(m.group("old")) if m else None
    if m is None or old is None:
        return None
    bare = _BARE.match(m.group("rest"))
    if bare is None:  # 「今年的上年结转是2件，都是个人的」: the rest names its row, read as typed
        ex = reader(m.group("rest"), ctx)
        head = message[: m.start("rest")].rstrip("，, ")
        note = f"“{head}”：{m.group('old')}是{m.group('when')}的数，不记入本年"
        return replace(ex, notes=(note, *ex.notes)) if ex.proposals else None
    keys = _holding(old, ctx.cells, ctx.version)
    new = _one(bare.group("new"))
    if len(keys) != 1 or new is None:
        return None
    cell = spec.spec_for(ctx.version).cell(keys[0])
    value = _in_cell(new, cell)
    if value is None:
        return None
    note = f"{m.group('old')}是{m.group('when')}的数，本年为{bare.group('new')}"
    source = message.strip().rstrip("。！!")
    return Extraction((Proposal(cell.key, value, cell.label, source, note=note),), (), (), (), RULES)


def _one(text: str) -> NumberMention | None:
    found = numbers(text)
    return found[0] if len(found) == 1 else None


def _holding(old: NumberMention, cells: Mapping[str, Value], version: str) -> list[str]:
    """The cells holding the old figure: an amount in 万元 cells, a count in the others."""
    fspec = spec.spec_for(version)
    out = []
    keys = keys_with_value(old.value, cells, version) if old.kind != "amount" else []
    rows = {k.rpartition(".")[0] for k, v in cells.items() if v == old.value and k in fspec.by_key}
    out += [k for k in keys if fspec.cell(k).type == spec.INT] if len(rows) == 1 else []  # else: which?
    for key, v in cells.items() if old.kind == "amount" else ():
        cell = fspec.by_key.get(key)
        if cell is not None and cell.type == spec.DECIMAL and _in_cell(old, cell) == v:
            out.append(key)
    return out


def _in_cell(m: NumberMention, cell: spec.Cell) -> int | Decimal | None:
    if cell.type == spec.INT:
        return int(m.value) if m.kind == "count" and m.value == m.value.to_integral_value() else None
    value = m.value / 10_000 if "万" not in m.unit and "万" not in m.raw else m.value
    return value.normalize() if value else Decimal(0)
