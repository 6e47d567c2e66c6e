"""「规章、规范性文件乡里没有制定权，不填」: the clerk asks for the rows to stay blank, not 0.

Pure. When a message says 不填 / 不用填 / 空着 / 留空 about rows it names, the zeros it would give those rows are
not proposed; the reply says so, so that nothing is dropped without a word. Numbers other than 0 stay.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.intake.model import Extraction
from assistant.intake.phrases import row_matches

_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_BLANK = re.compile(r"不填|不用填|不必填|不要填|空着|留空|空白就行|不写")


def apply(ex: Extraction, message: str) -> Extraction:
    """`ex` without the zeros it infers for the rows a 不填 sentence names (a 0 said outright stays)."""
    dropped = []
    for sentence in _SENTENCE.findall(message or ""):
        if not _BLANK.search(sentence):
            continue
        rows = [r for _, r in row_matches(sentence) if not r.weak]
        prefixes = tuple(f"{k}." for r in rows for k in (r.leaves or (r.key,)))
        dropped += [
            p
            for p in ex.proposals
            if p.value == 0 and p.inferred and p.key.startswith(prefixes) and p.source in sentence
        ]
    if not dropped:
        return ex
    rows_said = list(dict.fromkeys(p.label.split(" / ")[0] for p in dropped))
    note = f"按您说的，{'、'.join(f'“{r}”' for r in rows_said)}不填（保持空白）"
    kept = tuple(p for p in ex.proposals if p not in dropped)
    return replace(ex, proposals=kept, notes=(*ex.notes, note))
