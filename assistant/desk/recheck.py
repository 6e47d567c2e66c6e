"""Re-check after the fix: the corrected report of the same body and year against the earlier one.

Per earlier finding: fixed (gone), still there (the same rule on the same cells, values shown
old → new), and findings that are new. Findings are matched on rule, cells and section (their
fingerprints change with the figures, which is what a correction does).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from assistant.audit import AuditResult
from assistant.core.findings import FAIL, Finding, json_value, show
from assistant.desk.fingerprint import finding_key, normal_agency

FIXED, STILL, NEW = "fixed", "still", "new"
STATE_LABELS = {FIXED: "已整改", STILL: "仍存在", NEW: "新发现"}


@dataclass(frozen=True)
class Change:
    state: str  # FIXED | STILL | NEW
    before: Finding | None
    after: Finding | None

    @property
    def finding(self) -> Finding:
        return self.after or self.before  # type: ignore[return-value]

    def describe(self) -> str:
        f = self.finding
        text = f"[{STATE_LABELS[self.state]}] {f.message}"
        if self.state == STILL and self.before and self.after and self.before.reported != self.after.reported:
            text += f"（填报值 {show(self.before.reported)} → {show(self.after.reported)}）"
        return text

    def to_json(self) -> dict[str, Any]:
        f = self.finding
        return {"state": self.state, "rule": f.rule, "cells": list(f.cells), "message": f.message,
                "reported_before": json_value(self.before.reported) if self.before else None,
                "reported_after": json_value(self.after.reported) if self.after else None}  # fmt: skip


@dataclass(frozen=True)
class Recheck:
    agency: str
    year: int
    before: str  # sources
    after: str
    changes: tuple[Change, ...]

    def count(self, state: str) -> int:
        return sum(1 for c in self.changes if c.state == state)


def _failing(r: AuditResult) -> list[Finding]:
    return [f for f in r.findings if f.status == FAIL]


def compare(before: AuditResult, after: AuditResult) -> tuple[Change, ...]:
    old: dict[tuple, list[Finding]] = {}
    for f in _failing(before):
        old.setdefault(finding_key(f), []).append(f)
    changes: list[Change] = []
    for f in _failing(after):
        bucket = old.get(finding_key(f))
        changes.append(Change(STILL, bucket.pop(0), f) if bucket else Change(NEW, None, f))
    fixed = [Change(FIXED, f, None) for bucket in old.values() for f in bucket]
    order = {FIXED: 0, STILL: 1, NEW: 2}
    return tuple(sorted(fixed + changes, key=lambda c: order[c.state]))


def recheck(before: Iterable[AuditResult], after: Iterable[AuditResult]) -> tuple[list[Recheck], list[str]]:
    """Pairs by body and year; reports without a counterpart are said back in the notes."""
    earlier = {_key(r): r for r in before if r.facts is not None}
    out, notes = [], []
    for r in after:
        if r.facts is None:
            notes.append(f"{r.source}：无法读取，未复核（{r.error}）")
            continue
        prev = earlier.pop(_key(r), None)
        if prev is None:
            notes.append(f"{r.source}：{r.facts.agency} {r.facts.year}年度没有整改前的报告可比对")
            continue
        out.append(Recheck(r.facts.agency, r.facts.year, prev.source, r.source, compare(prev, r)))
    notes += [
        f"{r.source}：{r.facts.agency} {r.facts.year}年度没有收到整改后的报告" for r in earlier.values()
    ]  # type: ignore[union-attr]
    return out, notes


def _key(r: AuditResult) -> tuple[str, int]:
    assert r.facts is not None
    return normal_agency(r.facts.agency), r.facts.year


def render(rechecks: list[Recheck], notes: list[str]) -> str:
    lines = []
    for rc in rechecks:
        lines.append(f"== {rc.agency} {rc.year}年度：整改前 {rc.before} → 整改后 {rc.after} ==")
        lines += [f"  {c.describe()}" for c in rc.changes] or ["  整改前后均未发现问题"]
        lines.append(f"  结论：已整改 {rc.count(FIXED)}，仍存在 {rc.count(STILL)}，新发现 {rc.count(NEW)}")
    lines += [f"· {n}" for n in notes]
    return "\n".join(lines)
