"""Proposals waiting for confirmation: merging a new message's proposals into them, never silently.

Pure. A new value for a cell already pending, or already stored, is shown as 「label：old → new」
before it counts; the same value again is not news. Values prefilled from last year's report are
stored but not confirmed: they are shown with their source and asked about like any proposal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.core.facts import Value
from assistant.core.findings import show
from assistant.core.numbers import format_number
from assistant.intake.model import Proposal

PREFILL_SOURCE = "上年年报“四、结转下年度继续办理”"


@dataclass(frozen=True)
class Change:
    key: str
    label: str
    old: str
    new: str
    where: str  # 待确认 | 已保存 | 上年年报预填

    def line(self) -> str:
        return f"- {self.label}：{self.old} → {self.new}（{self.where}的数值将被替换）"


def merge(
    earlier: Iterable[Proposal],
    new: Iterable[Proposal],
    stored: Mapping[str, Value],
    prefilled: Iterable[str] = (),
) -> tuple[list[Proposal], list[Change]]:
    """(pending after the new message, the replacements to show). Earlier proposals for cells the new
    message gives again are replaced, and each different value is listed old → new."""
    new = list(new)
    keys = {p.key for p in new}
    prefill = set(prefilled)
    before = {p.key: p for p in earlier}
    changes: list[Change] = []
    for p in new:
        old = before.get(p.key)
        if old is not None and old.value != p.value and not (p.inferred and not old.inferred):
            changes.append(Change(p.key, p.label, format_number(old.value), format_number(p.value), "待确认"))
        elif old is None and p.key in stored and not _same(stored[p.key], p.value):
            where = "上年年报预填" if p.key in prefill else "已保存"
            changes.append(Change(p.key, p.label, show(stored[p.key]), format_number(p.value), where))
    kept = [p for p in before.values() if p.key not in keys]
    return kept + new, changes


def _same(current: Value, value) -> bool:
    try:
        return format_number(current) == format_number(value)  # type: ignore[arg-type]
    except (TypeError, ValueError, AttributeError):
        return False
