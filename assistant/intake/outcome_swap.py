"""「去年结转的那件不是给了，是查无此信息」: an outcome told wrongly moves from one result row to another.

The message says of one application (或 N 件) 「不是<row A>，是<row B>」 with A and B two 表二 result rows. The
count leaves row A and joins row B in the same applicant column, and each row's 总计 follows; every value is
shown old → new like any change. The column is the type the message names (「企业那件」), else the
carry-over's only type when the message speaks of it (「去年结转的那件」), else row A's only type with a
count. Without a recorded count in row A to move, nothing is moved (the message is read as it is).
Pure; runs before the reader, so the rules and the LLM path share it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.lexicon import ROW_BY_KEY, T2, RowDef
from assistant.intake.model import Extraction, ExtractionContext, Proposal
from assistant.intake.phrases import find_col, find_row, numbers

_A = "applications."
_SWAP = re.compile(
    r"(?P<who>[^，,。；;！!？?]{0,16}?)(?:不是|并不是|不算)(?P<a>[^，,。；;是]{1,10})[，,]?\s*(?:而)?(?:是|算|应该是|其实是)"
    r"(?P<b>[^，,。；;！!？?]{1,14})"
)
_ONE = re.compile(r"(?:那|这|此)(?:一)?(?:件|个)|^(?:有)?一件")
_CARRY = re.compile(r"(?:去年|上年|上一年)(?:结转|转过来|转来|遗留|剩下)")

Reader = Callable[[str, ExtractionContext], Extraction]


def read(message: str, ctx: ExtractionContext, reader: Reader) -> Extraction | None:
    """The extraction of the message with the swap said in it; None when it says none that can be made."""
    m = _SWAP.search(message or "")
    rows = _rows(m) if m else None
    if not m or not rows:
        return None
    (row_a, row_b), def_a = rows
    count = _count(m.group("who"))
    col = _column(m.group("who"), def_a, ctx.cells) if count else None
    old_a = ctx.cells.get(f"{row_a}.{col}") if col else None
    if not col or not isinstance(old_a, int) or old_a < count:  # type: ignore[operator]
        return None
    clause = m.group().strip("，, ")
    moved = _moves(row_a, row_b, col, count, clause, ctx)  # type: ignore[arg-type]
    rest = (message[: m.start()] + message[m.end() :]).strip("，,。；; ")
    ex = reader(rest, ctx) if rest and numbers(rest) else Extraction()
    keys = {p.key for p in moved}
    kept = [p for p in ex.proposals if p.key not in keys and not p.key.startswith((row_a, row_b))]
    note = f"“{clause}”：{count}件从“{_short(row_a)}”改记入“{_short(row_b)}”"
    return replace(ex, proposals=tuple(kept + moved), notes=(note, *ex.notes))


def _rows(m: re.Match[str]) -> tuple[tuple[str, str], RowDef] | None:
    a, b = (find_row(m.group(g), weak=False) for g in ("a", "b"))
    if any(r is None or r.kind != T2 or r.is_group or ".results." not in r.key for r in (a, b)):
        return None
    return ((a.key, b.key), a) if a.key != b.key else None  # type: ignore[union-attr]


def _count(who: str) -> int:
    said = [n.value for n in numbers(who)]
    if len(said) == 1 and said[0] == int(said[0]) and said[0] > 0:
        return int(said[0])
    return 1 if not said and _ONE.search(who) else 0


def _column(who: str, row: RowDef, cells: Mapping[str, Value]) -> str | None:
    named = find_col(row, who, default=False)
    if named and named != "total":
        return named
    source = _A + "carried_over_from_prev" if _CARRY.search(who) else row.key
    having = [c for c in spec.T2_APPLICANT_COLUMNS if _positive(cells.get(f"{source}.{c}"))]
    return having[0] if len(having) == 1 else None


def _short(row: str) -> str:
    found = ROW_BY_KEY.get(row)
    return found.name if found else row


def _positive(v: Value | None) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v > 0


def _moves(row_a: str, row_b: str, col: str, n: int, clause: str, ctx: ExtractionContext) -> list[Proposal]:
    fspec = spec.spec_for(ctx.version)
    out = []
    for row, sign in ((row_a, -1), (row_b, 1)):
        other = _short(row_b if sign < 0 else row_a)
        for key in (f"{row}.{col}", f"{row}.total"):
            old = ctx.cells.get(key)
            base = old if isinstance(old, int) else 0
            if key.endswith(".total") and not isinstance(old, int) and sign < 0:
                continue  # row A's 总计 not recorded: left to the sums
            note = (
                f"原{base}件，{n}件改记入“{other}”" if sign < 0 else f"原{base}件，加上从“{other}”改来的{n}件"
            )
            out.append(Proposal(key, base + sign * n, fspec.cell(key).label, clause, False, note))
    return out
