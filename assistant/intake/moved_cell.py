"""「部分公开那行个人是1不是2，多出来那件其实是予以公开的」: what a lowered cell gave up goes to the row
named, in the same applicant column. Pure helper of `extract`.

The message lowers one recorded 表二 cell (2 → 1) and says where the surplus belongs (「多出来那件」
「多的那个」 + a row): that row's recorded cell of the same column gains the surplus (8 → 9), shown
old → new like any value. An application moved between rows moves in both rows' 总计 too, so each
row whose recorded cells added up to its 总计 gets the new sum (inferred). Without exactly one lowered
cell, or without a recorded value in the row named, nothing is moved (the words are read as said).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import format_number
from assistant.intake.lexicon import T2
from assistant.intake.model import Proposal
from assistant.intake.phrases import find_row
from assistant.intake.row_totals import recomputed

_A = "applications."
_SURPLUS = re.compile(
    r"(?:多出来|多出|多的|多余)的?(?:那|这)?(?:一|1)?(?:件|个)(?P<rest>[^，。；;！!？?\n]*)"
    # 「不对，个人公开的是五件，还有一件到年底还在办」: the one taken off is the one told next
    r"|(?<=[，,])(?:还有|另有|另外)(?P<n>一|1|两|2)(?:件|个)(?![^，。；;！!？?\n]*?(?:的|是)[^，。；;]{0,6}(?:个人|企业|公司|律所|村委会))"
    r"(?P<rest2>[^，。；;！!？?\n]*)"
)


def moved(
    message: str, proposals: list[Proposal], questions: list[str], known: Mapping[str, Value], version: str
) -> tuple[list[Proposal], list[str]]:
    """(proposals, questions) with the surplus of a lowered cell moved to the row the message names."""
    m = _SURPLUS.search(message)
    told = m.group("rest") if m and m.group("rest") is not None else (m.group("rest2") if m else "")
    row = find_row(told, weak=False) if m else None
    if not m or row is None or row.kind != T2 or row.is_group:
        return proposals, questions
    lowered = [p for p in proposals if _lowered(p, known)]
    if len(lowered) != 1:
        return proposals, questions
    low = lowered[0]
    col = low.key.rsplit(".", 1)[1]
    target = f"{row.key}.{col}"
    base = known.get(target)
    surplus = known[low.key] - low.value  # type: ignore[operator]
    fresh = m.group("n") is not None and base is None and known.get(f"{row.key}.total") is None
    if m.group("n") is not None and (
        not fresh or {"一": 1, "1": 1, "两": 2, "2": 2}[m.group("n")] != surplus
    ):
        return proposals, questions  # 「还有一件……」: only the count taken off, into a row not told yet
    base = 0 if fresh else base
    if target == low.key or not isinstance(base, int) or target not in spec.spec_for(version).by_key:
        return proposals, questions
    clause = m.group().strip("，, ")
    own_total = f"{row.key}.total" if fresh else ""
    kept = [p for p in proposals if p.key == own_total or clause not in p.source and p.source not in clause]
    questions = [_unsplit_less(q, row.name, surplus) for q in questions] if fresh else questions
    label = spec.spec_for(version).cell(target).label
    note = f"原{format_number(base)}件，加上从“{low.label.split(' / ')[0]}”移来的{format_number(surplus)}件"
    move = [low, Proposal(target, base + surplus, label, clause, False, note)]  # type: ignore[operator]
    kept = [p for p in kept if p.key != target] + move[1:]
    totals = [t for t in recomputed(move, known, version) if t.key not in {p.key for p in kept}]
    return kept + totals, [q for q in questions if q and clause not in q]


def _unsplit_less(question: str, name: str, n: int) -> str:
    """The 「暂记入“总计”栏：A1件、B3件。…」 question without the row whose type the move gave ("" if none left)."""
    head, sep, rest = question.partition("暂记入“总计”栏：")
    listed, dot, tail = rest.partition("。")
    item = f"{name}{format_number(n)}件"
    if not sep or item not in listed.split("、"):
        return question
    left = [i for i in listed.split("、") if i != item]
    return f"{head}{sep}{'、'.join(left)}{dot}{tail}" if left else ""


def _lowered(p: Proposal, known: Mapping[str, Value]) -> bool:
    old = known.get(p.key)
    return (
        not p.inferred
        and p.key.startswith(_A)
        and not p.key.endswith(".total")
        and isinstance(old, int)
        and isinstance(p.value, int)
        and old > p.value
    )


_PART = re.compile(r"^(?:其中|里面|当中)?(?:有|另有)[0-9一二两三四五六七八九十]+(?:件|个)(?:其实|实际上?)?是")
_NOT_COUNTED = re.compile(r"[，,]\s*(?:不|并不)(?:算|是|属于)[^，。；;！!？?\n]{1,12}")


def moved_type(message: str, proposals: list[Proposal], known: Mapping[str, Value]) -> list[Proposal]:
    """「不对，村民是十九件，有一件是村委会替村里申请的，不算村民个人」: a correction lowers one applicant
    type of a recorded 表二 row and says of the same count 「有一件是……」 another type of that row: the
    count moves (that type's recorded 2 becomes 3, shown old → new), it does not replace the 2."""
    lowered = [p for p in proposals if _lowered(p, known) and not _PART.match(p.source)]
    if len(lowered) != 1:
        return proposals
    low = lowered[0]
    row = low.key.rsplit(".", 1)[0]
    surplus = known[low.key] - low.value  # type: ignore[operator]
    out = []
    for p in proposals:
        base = known.get(p.key)
        if (
            p.key.rsplit(".", 1)[0] == row and p is not low and not p.key.endswith(".total")
            and not p.inferred and p.value == surplus and isinstance(base, int) and _PART.match(p.source)
        ):  # fmt: skip
            after = _NOT_COUNTED.match(message[message.find(p.source) + len(p.source) :])
            note = f"原{format_number(base)}件，加上从“{low.label.split(' / ')[-1]}”移来的{format_number(surplus)}件"
            p = Proposal(
                p.key, base + surplus, p.label, p.source + (after.group() if after else ""), False, note
            )
        out.append(p)
    return out
