"""「还有查无此信息的两件，都是村民的；另外有两件不是我们的，……一个村民一个公司」: two parts of one result row.

A message of two parts (split at 「；」) whose second begins 另外/还有/另有/此外 and whose parts both give counts to the same
表二 result row is read part by part and the parts' cells of that row are added, type by type and in 总计 (2 + 2 = 4,
自然人 2 + 1 = 3, 商业企业 0 + 1 = 1), each said as added. Read whole, the 总计 was added but the second part's types
replaced the first's. Other rows keep each part's reading. Pure; the same reader (rules or LLM) reads each part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.intake.model import Extraction, ExtractionContext, Proposal

_MORE = re.compile(r"^\s*(?:另外|还有|另有|此外|再有)")
_RESULTS = "applications.results."

Reader = Callable[[str, ExtractionContext], Extraction]


def read(message: str, ctx: ExtractionContext, reader: Reader) -> Extraction | None:
    parts = [p for p in re.split(r"[；;]", message or "") if p.strip()]
    if len(parts) != 2 or not _MORE.match(parts[1]):
        return None
    first, second = (reader(p, ctx) for p in parts)
    common = _rows(first) & _rows(second)
    if not common:
        return None
    added = _added(first, second, common)
    keys = {p.key for p in added}
    rest, rivals = _once([p for p in (*first.proposals, *second.proposals) if p.key not in keys])
    return Extraction(
        tuple(added + rest),
        first.narrative + second.narrative,
        first.questions + second.questions + rivals,
        first.notes + second.notes,
        first.method,
        second.followup or first.followup,
    )


def _rows(ex: Extraction) -> set[str]:
    """The result rows a part gives a positive count to."""
    return {
        p.key.rpartition(".")[0]
        for p in ex.proposals
        if p.key.startswith(_RESULTS) and p.value and not p.key.startswith(_RESULTS + "total.")
    }


def _added(first: Extraction, second: Extraction, rows: set[str]) -> list[Proposal]:
    one = {p.key: p for p in first.proposals if p.key.rpartition(".")[0] in rows}
    two = {p.key: p for p in second.proposals if p.key.rpartition(".")[0] in rows}
    out = []
    for key in dict.fromkeys([*one, *two]):
        a, b = one.get(key), two.get(key)
        if a and b and a.value and b.value:
            note = f"分两处说的件数相加：{a.value}＋{b.value}"
            out.append(
                replace(
                    a, value=a.value + b.value, source=f"{a.source}，{b.source}", note=note, inferred=False
                )
            )
        else:  # one part gives none of it (an inferred 0 beside the other's count): the count given
            out.append(b if a is None or (b and b.value) else a)  # type: ignore[arg-type]
    return out


def _once(proposals: list[Proposal]) -> tuple[list[Proposal], tuple[str, ...]]:
    """Each cell once; a cell the two parts give different numbers is asked, not chosen."""
    seen: dict[str, Proposal] = {}
    rivals: dict[str, str] = {}
    for p in proposals:
        if p.key in seen and seen[p.key].value != p.value:
            rivals[p.key] = (
                f"{p.label}：“{seen[p.key].source}”、“{p.source}”给出了不同的数字，请确认哪一个正确。"
            )
        seen.setdefault(p.key, p)
    return [p for k, p in seen.items() if k not in rivals], tuple(rivals.values())
