"""The one application of a type still open at the year's end, told after the others: 「还有一件个人的是12月28号收到
的，年底没办完，转到明年」 when 本年新收 already counts it. When the type's applications (新收 + 上年结转) exceed the
outcomes given so far (results + 结转下年度) by exactly the count said, the message tells what became of those:
they go to 结转下年度 (old → new), and 本年新收 is not grown (was: read as one more received, 11 → 12). Pure.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.lexicon import ROW_BY_KEY
from assistant.intake.model import RULES, Extraction, ExtractionContext, Proposal
from assistant.intake.phrases import find_col, numbers

_A = "applications."
_OPEN = re.compile(
    r"年底(?:还|仍|都)?(?:没|未)(?:有)?(?:办完|办结|答复完?)|(?:还|仍)在办|转到明年|转到下一?年|结转(?:到)?下一?年度?"
    r"|到年底(?:还|也)?(?:没|未)(?:有)?(?:办完|办结|答复)"
)
_MORE = re.compile(r"^\s*(?:还有|另外|另有|剩下的?)")


def read(message: str, ctx: ExtractionContext) -> Extraction | None:
    """结转下年度 for the type's remaining open applications; None when the message is not about them."""
    if not _MORE.match(message) or not _OPEN.search(message):
        return None
    said = numbers(message)
    counts = [m for m in said if m.kind == "count" and m.value == m.value.to_integral_value()]
    col = find_col(ROW_BY_KEY[_A + "new_received"], message, default=False)
    if len(counts) != 1 or col not in spec.T2_APPLICANT_COLUMNS:
        return None
    count = int(counts[0].value)
    left = _left(ctx.cells, col, ctx.version)
    if left is None or left != count or count <= 0:
        return None
    key = f"{_A}carried_to_next.{col}"
    old = ctx.cells.get(key)
    value = (old if isinstance(old, int) else 0) + count
    note = f"本年新收已含这{count}件，它们年底仍在办理，记入结转下年度"
    fspec = spec.spec_for(ctx.version)
    source = message.strip().rstrip("。")
    return Extraction((Proposal(key, value, fspec.cell(key).label, source, note=note),), (), (), (), RULES)


def _left(cells: Mapping[str, Value], col: str, version: str) -> int | None:
    """新收 + 上年结转 − the outcomes given (result rows and 结转下年度) of one applicant column."""
    new, carried = cells.get(f"{_A}new_received.{col}"), cells.get(f"{_A}carried_over_from_prev.{col}", 0)
    if not isinstance(new, int) or not isinstance(carried, int):
        return None
    rows = [*(f"{_A}{r}" for r in spec.t2_result_leaves(version)), f"{_A}carried_to_next"]
    told = [cells.get(f"{r}.{col}") for r in rows]
    if not any(isinstance(v, int) and v for v in told):
        return None  # no outcome given yet: nothing tells the rest apart
    return new + carried - sum(v for v in told if isinstance(v, int))
