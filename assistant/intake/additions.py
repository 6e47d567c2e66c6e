"""An addition said as such: 「再加一件，漏了一个科研机构的」「还有一个是12月30号收到的，也是个人的」.

Pure. The message is read on its own (as if nothing were known yet) and each value it gives is added to the
current value of the same cell (pending, else confirmed); the chat shows the result old → new like any
change. An addition that names no row adds to 本年新收 (an application left out of the count). 「还有一个」
is an addition only when the row it adds to has no room left (its types already make up its total): after
「共5件，个人3件」, 「还有2件是企业的」 says what the rest are. A correction (「其实是仨，还有一个……」) restates
the value and is no addition.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from assistant.core import spec
from assistant.intake.answers import ROW_TOPIC, is_correction
from assistant.intake.carry_results import new_accounted
from assistant.intake.model import Extraction, ExtractionContext, Proposal
from assistant.intake.phrases import find_row, numbers, restore

_COUNT = r"[0-9一二两三四五六七八九十]+(?:件|个)"
_STRONG = re.compile(
    rf"再加(?:上)?{_COUNT}|漏(?:了|掉了?|报了?|算了?|统计了?|登了?)(?:{_COUNT})?|少(?:算|报|统计|写|说|登)了{_COUNT}"
    rf"|又(?:来|收到|接到|多)了{_COUNT}|(?:另外|后来)又(?:来|收到|接到)了?"
)
_VERB = re.compile(rf"(?:再加上?|少(?:算|报|统计|写|说|登)了)(?={_COUNT})")
_WEAK = re.compile(r"(?:^|(?<=[，,。；;]))[^，,。；;\d]{0,6}?还有(?:一|1)(?:个|件)")
_A = "applications."
_NEW = "applications.new_received"
_TYPES = spec.T2_APPLICANT_COLUMNS

Reader = Callable[[str, ExtractionContext], Extraction]


def read(message: str, ctx: ExtractionContext, reader: Reader) -> Extraction | None:
    """The extraction of an addition, values added to the current ones; None when it is no addition."""
    strong = bool(_STRONG.search(message))
    if not (strong or _WEAK.search(message)):
        return None
    message, restated = _without_restated_total(message, ctx.cells)  # 「更正一下，其实是仨，还有一个……」
    if is_correction(message):
        return None
    named = find_row(message, weak=False)  # none: an application left out of 本年新收
    alone = replace(ctx, cells={}, followup=None, topic=None if named else ROW_TOPIC + _NEW)
    log: list[tuple[str, str]] = []
    apart, marker = _marker_apart(message)
    ex = reader(_VERB.sub(lambda m: _logged(m, log), apart), alone)  # 「再加一件」 read as 「一件」
    ex = replace(ex, proposals=tuple(replace(p, source=restore(p.source, log)) for p in ex.proposals))
    said = [p for p in ex.proposals if p.value or not p.inferred]  # 「……其余按0计」 adds nothing
    known = [
        p
        for p in said
        if _current(p.key, ctx.cells) or _current(p.key.rpartition(".")[0] + ".total", ctx.cells)
    ]
    rows = _rows(known)  # the rows added to: 「……还没答复」's 结转下年度, new this year, is not one
    if not known or not (strong or rows and all(_full(r, ctx.cells) for r in rows)):
        return None  # nothing to add to, or 「还有1件」 that is one of the row's own
    notes = (f"“{restated}”即加上这次说的件数后的总数", *ex.notes) if restated else ex.notes
    notes = (f"“{marker}”：即后面说的这一件，加在已有的件数上", *notes) if marker else notes
    proposals = _added(said, ctx.cells, ctx.version, _count(message))
    proposals += _received_too(said, proposals, ctx)
    return replace(ex, proposals=tuple(proposals), narrative=(), notes=notes)


def _received_too(said: list[Proposal], added: list[Proposal], ctx: ExtractionContext) -> list[Proposal]:
    """「还有一件漏了……我们给了」 once the results already account for every application received: the
    application left out was left out of 本年新收 too, which grows by as much (said old → new), in its
    type's column too when the result names one (「一个村民……给了」)."""
    rows = _rows(said)
    if (
        not rows
        or not all(r.startswith(_A + "results.") for r in rows)
        or not new_accounted(ctx.cells, ctx.version)
    ):
        return []
    grown = {col: 0 for col in (*_TYPES, "total")}
    for p in said:
        grown[p.key.rpartition(".")[2]] += int(p.value)
    if not grown["total"]:  # a row given by its types only: its total grows by their sum
        grown["total"] = sum(grown[c] for c in _TYPES)
    out = []
    for col, more in grown.items():
        current = ctx.cells.get(f"{_NEW}.{col}", 0 if col != "total" else None)
        if more and isinstance(current, int):
            label = spec.spec_for(ctx.version).cell(f"{_NEW}.{col}").label
            note = f"办理结果已与收到的申请相符，这一件也是漏记的新收申请；在已有的{current}件上加{more}件"
            out.append(
                Proposal(f"{_NEW}.{col}", current + more, label, said[0].source, inferred=True, note=note)
            )
    return out if any(p.key.endswith(".total") for p in out) else []


def _count(message: str) -> int | None:
    """How many the addition says it adds (「再加一件」「还有一个」), if it says."""
    for marker in (_STRONG.search(message), _WEAK.search(message), _MISSED.search(message)):
        found = [n.value for n in numbers(marker.group())] if marker else []
        if len(found) == 1:
            return int(found[0])
    return None


_MISSED = re.compile(rf"{_COUNT}(?:申请)?(?:也)?(?:漏|忘)")  # 「一件漏了」「一件忘了算」


_CLAUSE = re.compile(r"[^，,。；;！!？?]+[，,。；;！!？?]*")


def _marker_apart(message: str) -> tuple[str, str]:
    """「还有一件漏了，一个村民……的，给了」: the clause saying an application was left out, taken out (and
    returned) when the rest counts that same application (its 一件 and the rest's 一个 are one, not two)."""
    count, clauses = _count(message), _CLAUSE.findall(message)
    marked = [c for c in clauses if _MISSED.search(c) or _WEAK.search(c) or _STRONG.search(c)]
    if count is None or len(marked) != 1 or len(numbers(marked[0])) != 1:
        return message, ""
    rest = [n.value for c in clauses if c is not marked[0] for n in numbers(c)]
    if sum(rest) != count:
        return message, ""
    return "".join(c for c in clauses if c is not marked[0]), marked[0].rstrip("，,。；;！!？? ")


def _without_restated_total(message: str, cells: Mapping) -> tuple[str, str]:
    """A correction clause before the addition whose number is 本年新收's total plus the count added
    (「其实是仨」 = 2 + 「还有一个」) restates the total: taken out with the bare 「更正一下」 before it."""
    marker = _STRONG.search(message) or _WEAK.search(message)
    added, total = _count(message), cells.get(f"{_NEW}.total")
    if added is None or not isinstance(total, int):
        return message, ""
    clauses = _CLAUSE.findall(message)
    for i, clause in enumerate(clauses):
        said = [n.value for n in numbers(clause)]
        if marker and message.find(clause) >= marker.start():
            break
        if said == [total + added] and is_correction(clause) and find_row(clause, weak=False) is None:
            bare = [j for j in range(i) if is_correction(clauses[j]) and not numbers(clauses[j])]
            kept = [c for j, c in enumerate(clauses) if j != i and j not in bare]
            return "".join(kept), clause.rstrip("，,。；; ")
    return message, ""


def _logged(m: re.Match[str], log: list[tuple[str, str]]) -> str:
    count = _COUNT_AT.match(m.string, m.end())
    log.append((count.group(), m.group() + count.group()))  # type: ignore[union-attr]
    return ""


_COUNT_AT = re.compile(_COUNT)


def _rows(proposals: list[Proposal]) -> set[str]:
    return {p.key.rpartition(".")[0] for p in proposals if p.key.startswith("applications.")}


def _full(row: str, cells: Mapping) -> bool:
    """The row's types already make up its total (types not given are 0 then, `core.zeros`): nothing
    said next can be one of them."""
    total = cells.get(f"{row}.total")
    parts = [v for c in _TYPES if isinstance(v := cells.get(f"{row}.{c}"), int)]
    return total is not None and bool(parts) and sum(parts) == total


def _added(said: list[Proposal], cells: Mapping, version: str, count: int | None) -> list[Proposal]:
    """Each value added to the current one, except a value that already is the current one plus the
    count added (「漏了一件……所以律所是3件，一共29件」 after 2 and 28: the new values, said)."""
    more = {p.key: p.value - (cells.get(p.key) or 0) if _restated(p, cells, count) else p.value for p in said}
    out = [p if _restated(p, cells, count) else plus(p, _current(p.key, cells)) for p in said]
    for row in sorted(_rows(said)):
        total, parts = f"{row}.total", [p for p in said if p.key.rpartition(".")[0] == row]
        if total in more or cells.get(total) is None:
            continue
        grown = sum(more[p.key] for p in parts)  # 「漏了一个科研机构的」: the row's total grows by as much
        label = spec.spec_for(version).cell(total).label
        out.append(plus(Proposal(total, grown, label, parts[0].source, inferred=True), cells[total]))
    return out


def _current(key: str, cells: Mapping):
    """The cell's value; a row's total not given is the sum of its types given (「还有一件……给了」 after
    予以公开 自然人4件、科研机构1件 is the sixth)."""
    row, _, col = key.rpartition(".")
    if col != "total" or cells.get(key) is not None or not key.startswith(_A):
        return cells.get(key)
    parts = [v for c in _TYPES if isinstance(v := cells.get(f"{row}.{c}"), int)]
    return sum(parts) if parts else None


def _restated(p: Proposal, cells: Mapping, count: int | None) -> bool:
    current = cells.get(p.key)
    return bool(current) and count is not None and p.value == current + count


def plus(p: Proposal, current) -> Proposal:
    """`p` added to the cell's current value, said in its note (「在已有的4件上加1件」); as it is when none."""
    if not current:
        return p
    note = f"在已有的{current}件上加{p.value}件"
    return replace(p, value=current + p.value, note=f"{p.note}；{note}" if p.note else note)
