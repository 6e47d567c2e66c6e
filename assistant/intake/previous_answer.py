"""「去年报告写的结转1件是对的」: the clerk takes last year's 结转下年度 as this year's 上年结转.

Pure. When a message says last year's report is right about the carry-over, the whole row of last
year's 「四、结转下年度继续办理」 is proposed for 「二、上年结转」 (each column, with that source), to be
shown old → new and confirmed like any proposal.
"""

from __future__ import annotations

import re

from assistant.core import engine, spec
from assistant.core.facts import ReportFacts
from assistant.intake.model import Proposal
from assistant.intake.pending import PREFILL_SOURCE

_ADOPT = re.compile(
    r"(?:去年|上一?年度?)的?(?:年报|报告|年度报告)[^。；]{0,14}?(?:是对的|没错|是准确的|是正确的|为准|是真的)"
    r"|(?:按|以)(?:去年|上一?年度?)的?(?:年报|报告)(?:的|写的|填的)?(?:为准|来|填)"
    r"|(?:按|以|就按|照)(?:去年|上一?年度?)的?(?:年报|报告|年度报告)(?:里|上|中)?的?[^。；，,]{0,10}?(?:那个)?(?:数|数字)"  # 「就按去年报告里结转下年度的那个数」
)
_CARRY = re.compile(r"结转|转过来|遗留")


def adopt_previous(message: str, previous: ReportFacts | None) -> list[Proposal]:
    """Proposals for 上年结转 taken from last year's 结转下年度, or [] when the message says no such thing."""
    if previous is None or not _ADOPT.search(message) or not _CARRY.search(message):
        return []
    filled = engine.fill(previous)[0].cells
    fspec = spec.spec_for(spec.version_for_year(previous.year + 1))
    out = []
    for col, _ in spec.T2_COLUMNS:
        value = filled.get(f"applications.carried_to_next.{col}")
        key = f"applications.carried_over_from_prev.{col}"
        if isinstance(value, int) and key in fspec.by_key:
            out.append(Proposal(key, value, fspec.cell(key).label, PREFILL_SOURCE))
    return out
