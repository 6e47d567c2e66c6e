"""Where a stored cell value came from: said in the chat, computed from a ledger, typed in a grid,
or prefilled from last year's report. Recorded per cell in the report state (`cell_sources`) by
`Workspace.set_cells`; shown in the 统计表 tab next to totals that are not computed."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

CHAT = "chat"
LEDGER = "ledger"
GRID = "grid"
PREVIOUS = "previous"

LABELS = {
    CHAT: "对话中给出",
    LEDGER: "台账计算",
    GRID: "统计表中手工填报",
    PREVIOUS: "上年年报预填",
}
UNKNOWN = GRID  # reports saved before sources were recorded: the values were typed or confirmed by hand


def label(sources: Mapping[str, str], key: str) -> str:
    return LABELS.get(sources.get(key, UNKNOWN), LABELS[UNKNOWN])


def updated(sources: Mapping[str, str], given: Iterable[str], removed: Iterable[str], source: str) -> dict:
    """The map after `given` keys were stored from `source` and `removed` keys were emptied."""
    if source not in LABELS:
        raise ValueError(f"unknown cell source {source!r}")
    out = {k: v for k, v in sources.items() if k not in set(removed)}
    out.update(dict.fromkeys(given, source))
    return out
