"""「行政处罚去年是12件，今年的还没统计出来」: a 表一 figure said as last year's is not this year's.

A 表一 proposal whose source gives the number as last year's (「去年是12件」「上年为8件」) is dropped and said back
(「……是去年的数字，没有记入本年」), so the year being written keeps its blank until the clerk gives its own figure.
Pure; runs on the extraction of either backend.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.intake.model import Extraction

_LAST = re.compile(  # 「去年是12件」「上年为八件」; not 「跟去年一样发了1件」
    r"(?:去年|上年|上一年)(?:的)?(?:(?:是|为|有|共|一共|全年|的数)?[0-9０-９]|(?:是|为|有|共|一共)[一二两三四五六七八九十百千万])"
)


def dropped(ex: Extraction) -> Extraction:
    gone = [p for p in ex.proposals if p.key.startswith("active.") and _LAST.search(p.source)]
    if not gone:
        return ex
    notes = tuple(
        f"“{p.source}”是去年的数字，没有记入本年的“{p.label}”；本年的数字请另外告诉我" for p in gone
    )
    return replace(ex, proposals=tuple(p for p in ex.proposals if p not in gone), notes=(*notes, *ex.notes))
