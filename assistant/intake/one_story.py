"""Applications told one by one: 「今年就三件，我一件一件说」, then 「第一件是个老人问……的，给了」「第二件是个医药公司问……，
一部分给了」. Each is one application: its type counts once in 本年新收 (while the types given so far leave room
under the total said) and its outcome adds one to that result row.

Pure. The story is read on its own as 「一个老人问……的，给了」 (a count of one, its type and outcome), then each
value is added to the current one and shown old → new like any change. 表三 stories (复议, 诉讼) are
`t3_story`'s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from assistant.core import spec
from assistant.intake.additions import plus
from assistant.intake.answers import ROW_TOPIC
from assistant.intake.model import Extraction, ExtractionContext
from assistant.intake.phrases import restore

_STORY = re.compile(
    r"^\s*(?:还有|另外)?第(?:[一二三四五六七八九十]|\d{1,2})(?:件|个)(?:申请)?(?:是|呢|嘛)?[，,：:\s]*(?:(?:是)?(?:一)?个(?!人))?"
)
_TABLE3 = re.compile(r"复议|诉讼|起诉|法院")
_NEW = "applications.new_received"
_TYPES = spec.T2_APPLICANT_COLUMNS

Reader = Callable[[str, ExtractionContext], Extraction]


def read(message: str, ctx: ExtractionContext, reader: Reader) -> Extraction | None:
    """The extraction of one application told as a story, added to the values so far; None otherwise."""
    m = _STORY.match(message)
    if not m or _TABLE3.search(message):
        return None
    log = [("一个", m.group().strip())]
    alone = replace(ctx, cells={}, followup=None, topic=ROW_TOPIC + _NEW)
    ex = reader("一个" + message[m.end() :], alone)
    said = [p for p in ex.proposals if p.value and p.key.startswith("applications.")]
    if not said or not any(p.key.startswith(_NEW + ".") for p in said):
        return None  # not an application with its type: read as any message
    room, first = _room(ctx.cells), re.split(r"[，,。；;]", message.strip())[0]
    out = []
    for p in said:
        if p.key.startswith(_NEW + "."):
            if p.key.endswith(".total") or not room:
                continue  # the total said before already counts it
            p = replace(p, source=first)  # who applied, for what: the story's first clause
        p, current = replace(p, source=restore(p.source, log)), ctx.cells.get(p.key)
        out.append(plus(p, current) if current else replace(p, inferred=False))  # one application, said
    notes = (f"“{m.group().strip()}……”：按一件申请计入", *ex.notes)
    return replace(ex, proposals=tuple(out), narrative=(), notes=notes)


def _room(cells: Mapping) -> bool:
    """The types given so far leave room under 本年新收's total (or no total was said)."""
    total = cells.get(f"{_NEW}.total")
    given = sum(v for c in _TYPES if isinstance(v := cells.get(f"{_NEW}.{c}"), int))
    return not isinstance(total, int) or given < total
