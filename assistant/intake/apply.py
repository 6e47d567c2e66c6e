"""Storing confirmed proposals without ever silently replacing what the user already confirmed.

Pure. A proposal for an empty cell (absent or BLANK) is applied; one that repeats the stored value
is a no-op; one that differs becomes a `Conflict` for the UI to ask about, unless its key is in
`overwrite` (the user answered "yes, replace it").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from assistant.core.facts import BLANK, Marker, Value
from assistant.core.findings import show
from assistant.core.numbers import format_number
from assistant.intake.model import ApplyResult, Conflict, NarrativeProposal, Proposal


def apply_confirmed(
    cells: Mapping[str, Value], proposals: Iterable[Proposal], overwrite: Iterable[str] = ()
) -> ApplyResult:
    """New cells with the confirmed proposals applied, plus the conflicts left for the user."""
    out: dict[str, Value] = dict(cells)
    replace = set(overwrite)
    applied: list[str] = []
    conflicts: list[Conflict] = []
    for p in proposals:
        current = out.get(p.key)
        if _empty(current) or p.key in replace:
            if current is None or not _same(current, p.value):
                out[p.key] = p.value
                applied.append(p.key)
            continue
        if _same(current, p.value):
            continue
        conflicts.append(
            Conflict(
                p.key,
                p.label,
                current,  # type: ignore[arg-type]
                p.value,
                f"{p.label}已确认为{show(current)}，{_said(p)}。要改为{format_number(p.value)}吗？",
            )
        )
    return ApplyResult(out, tuple(applied), tuple(conflicts))


def _said(p: Proposal) -> str:
    """Where the new value comes from: 「台账计算为4（第2、3、6、7行）」 or 「这次的说法是4（来源：“…”）」."""
    value = format_number(p.value)
    if p.source.startswith("台账第"):
        return f"台账计算为{value}（{p.source.removeprefix('台账')}）"
    if p.source.startswith("台账"):
        return f"台账计算为{value}{p.source.removeprefix('台账')}"
    return f"这次的说法是{value}（来源：“{p.source}”）"


def _empty(v: Value | None) -> bool:
    return v is None or (isinstance(v, Marker) and v == BLANK)


def _same(current: Value, new: int | Decimal) -> bool:
    if isinstance(current, Marker):
        return False
    return Decimal(current) == Decimal(new)


def apply_narrative(narrative: Mapping[str, str], proposals: Iterable[NarrativeProposal]) -> dict[str, str]:
    """Confirmed narrative text is added after what is there (never replaces it); repeats are skipped."""
    out = dict(narrative)
    for p in proposals:
        text = p.text.strip()
        current = out.get(p.key, "").strip()
        if not text or text in current:
            continue
        out[p.key] = f"{current}{text}" if current else text
    return out
