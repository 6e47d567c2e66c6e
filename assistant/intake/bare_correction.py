"""A correction with a bare count and an application left out as its reason: 「不对，是13件，漏了一件12月底收到的」
after 本年新收 12 was said. The count is the new 总计 of the row whose recorded count the reason grows to it (12 + 1
= 13: 本年新收 or 上年结转), shown old → new by the chat; the reason is its explanation, not a second value
(was: 12 → 1). When no recorded count adds up so, it is asked; a bare 「不对是6件」 is left to the reader. Pure.
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.intake.model import RULES, Extraction, ExtractionContext, Proposal
from assistant.intake.phrases import numbers

_SAID = re.compile(
    r"^\s*(?:哦|噢|嗯|啊)?[，,]?\s*(?:不对|不是|错了|说错了|搞错了|更正一下)[，,]?\s*(?:应该|其实|实际)?(?:是|为)"
    r"(?P<n>[0-9一二两三四五六七八九十百]+\s*件)(?P<rest>[，,].*)?$"
)
_ADDED = re.compile(  # the reason of a larger count: an application left out
    r"^[，,]\s*(?:还)?(?:漏了|漏掉了?|漏报了?|少算了|少报了|少统计了|忘了算|后来又(?:来|收)了)(?P<k>[0-9一二两三四五六七八九十]+\s*[件个])"
    r"[^，,。；;]{0,20}[。]?$"
)


def read(message: str, ctx: ExtractionContext) -> Extraction | None:
    """The row total corrected to the count said; None when the message is not such a correction."""
    m = _SAID.match(message)
    added = _ADDED.match(m.group("rest") or "") if m else None
    if m is None or added is None:
        return None  # 「不对是6件」 alone: which value it corrects is the reader's to tell
    value = int(numbers(m.group("n"))[0].value)
    extra = int(numbers(added.group("k"))[0].value)
    fspec = spec.spec_for(ctx.version)
    keys = [k for k in _TOTALS if ctx.cells.get(k) == value - extra]
    if len(keys) != 1:  # 12 + 漏了一件 ≠ 14, or no count it adds up with: no figure is taken, the row asked
        asked = (
            f"“{message.strip()}”：没有找到加上漏的{extra}件正好是{value}件的已记录件数。"
            f"请连同项目一起说，例如“本年新收应为{value}件”。"
        )
        return Extraction((), (), (asked,), (), RULES)
    key, old = keys[0], value - extra
    note = f"原{old}件，{m.group('rest').lstrip('，, ')}"
    source = message.strip().rstrip("。")
    return Extraction((Proposal(key, value, fspec.cell(key).label, source, note=note),), (), (), (), RULES)


_TOTALS = ("applications.new_received.total", "applications.carried_over_from_prev.total")
