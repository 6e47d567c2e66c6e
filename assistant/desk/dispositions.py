"""Dispositions: a reviewer's decision on one finding, and the reviews JSON file of the CLI.

确认（须整改） keeps the finding open for the body to fix; 已说明 and 误报 dismiss it (a reason is
required) and a dismissed finding does not count toward exit code 1. Decisions are keyed by the
finding's fingerprint, so they survive re-runs and re-reads of the same report.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.audit import AuditResult
from assistant.core.findings import FAIL, Finding, json_value
from assistant.desk.fingerprint import ReportIdentity, fingerprint, identity

CONFIRMED = "confirmed"
EXPLAINED = "explained"
FALSE_POSITIVE = "false_positive"
LABELS = {CONFIRMED: "确认（须整改）", EXPLAINED: "已说明", FALSE_POSITIVE: "误报"}
DISMISSED = frozenset({EXPLAINED, FALSE_POSITIVE})
_ALIASES = {
    CONFIRMED: CONFIRMED, "确认": CONFIRMED, "确认（须整改）": CONFIRMED, "须整改": CONFIRMED,
    EXPLAINED: EXPLAINED, "已说明": EXPLAINED, "说明": EXPLAINED,
    FALSE_POSITIVE: FALSE_POSITIVE, "误报": FALSE_POSITIVE,
}  # fmt: skip


class DeskError(Exception):
    """A Chinese message for the reviewer (bad reviews file, missing reason, …)."""


def parse_disposition(raw: str) -> str:
    key = (raw or "").strip()
    if key in _ALIASES:
        return _ALIASES[key]
    raise DeskError(f"无法识别的处理意见“{raw}”（可用：确认、已说明、误报）")


@dataclass(frozen=True)
class Decision:
    fingerprint: str
    disposition: str  # CONFIRMED | EXPLAINED | FALSE_POSITIVE
    reason: str = ""
    reviewer: str = ""
    decided_at: str = ""  # ISO 8601, UTC
    agency: str = ""
    year: int = 0
    rule: str = ""
    cells: tuple[str, ...] = ()
    message: str = ""

    @property
    def dismissed(self) -> bool:
        return self.disposition in DISMISSED

    @property
    def label(self) -> str:
        return LABELS[self.disposition]

    def to_json(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint, "disposition": self.disposition, "label": self.label,
            "reason": self.reason, "reviewer": self.reviewer, "decided_at": self.decided_at,
            "agency": self.agency, "year": self.year, "rule": self.rule, "cells": list(self.cells),
            "message": self.message,
        }  # fmt: skip


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def decide(
    item: ReviewedFinding, disposition: str, reason: str = "", reviewer: str = "", at: str = ""
) -> Decision:
    """A decision on one finding; 已说明 and 误报 need a reason."""
    disp = parse_disposition(disposition)
    if disp in DISMISSED and not reason.strip():
        raise DeskError(f"标记为“{LABELS[disp]}”须附理由（{item.finding.message[:40]}）")
    f = item.finding
    return Decision(
        item.fingerprint, disp, reason.strip(), reviewer.strip(), at or now_iso(),
        item.ident.agency, item.ident.year, f.rule, tuple(f.cells), f.message,
    )  # fmt: skip


@dataclass(frozen=True)
class ReviewedFinding:
    finding: Finding
    fingerprint: str
    ident: ReportIdentity
    decision: Decision | None = None

    @property
    def dismissed(self) -> bool:
        return self.decision is not None and self.decision.dismissed

    @property
    def is_open_error(self) -> bool:
        return self.finding.is_error and not self.dismissed

    @property
    def state(self) -> str:
        """open | confirmed | explained | false_positive."""
        return self.decision.disposition if self.decision else "open"

    def to_json(self) -> dict[str, Any]:
        out = self.finding.to_json()
        out["fingerprint"] = self.fingerprint
        out["disposition"] = self.decision.to_json() if self.decision else None
        return out


@dataclass(frozen=True)
class ReviewedReport:
    result: AuditResult
    ident: ReportIdentity | None
    items: tuple[ReviewedFinding, ...] = field(default_factory=tuple)

    def count(self, state: str) -> int:
        return sum(1 for x in self.items if x.finding.is_error and x.state == state)

    @property
    def open_errors(self) -> int:
        return sum(1 for x in self.items if x.is_open_error)

    @property
    def warnings(self) -> int:
        return sum(1 for x in self.items if x.finding.severity != "error" and x.finding.status == FAIL)


def result_identity(r: AuditResult) -> ReportIdentity | None:
    if r.facts is None:
        return None
    return identity(r.facts.agency, r.facts.year, r.facts.cells)


def review(results: Iterable[AuditResult], decisions: Mapping[str, Decision]) -> list[ReviewedReport]:
    """Every result with a fingerprint and the decision (if any) on each of its findings."""
    out = []
    for r in results:
        ident = result_identity(r)
        if ident is None:
            out.append(ReviewedReport(r, None, ()))
            continue
        items = []
        for f in r.findings:
            fp = fingerprint(f, ident)
            items.append(ReviewedFinding(f, fp, ident, decisions.get(fp)))
        out.append(ReviewedReport(r, ident, tuple(items)))
    return out


def exit_code(reviewed: list[ReviewedReport]) -> int:
    """As `audit.exit_code`, but a dismissed error does not count toward 1."""
    if any(x.result.error for x in reviewed):
        return 2
    return 1 if any(x.open_errors for x in reviewed) else 0


def bulk(
    reviewed: list[ReviewedReport], disposition: str, reason: str = "", reviewer: str = "",
    rule: str | None = None, fingerprints: Iterable[str] | None = None,
) -> list[Decision]:  # fmt: skip
    """The same decision on many failing findings: all, those of one rule, or listed fingerprints."""
    wanted = set(fingerprints) if fingerprints is not None else None
    at = now_iso()
    out = []
    for rep in reviewed:
        for item in rep.items:
            if item.finding.status != FAIL:
                continue
            if rule and item.finding.rule != rule:
                continue
            if wanted is not None and item.fingerprint not in wanted:
                continue
            out.append(decide(item, disposition, reason, reviewer, at))
    return out


# ---- the reviews JSON file -------------------------------------------------------------------


def read_reviews(path: Path) -> tuple[dict[str, Decision], list[str]]:
    """Decisions from a reviews file (absent file: none); entries without a disposition are pending."""
    if not path.exists():
        return {}, []
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise DeskError(f"{path}：无法读取审核记录文件（{type(e).__name__}），请检查是否为 JSON") from None
    entries = doc.get("reviews") if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise DeskError(f'{path}：审核记录文件应为 {{"reviews": [...]}} 格式')
    decisions: dict[str, Decision] = {}
    notes: list[str] = []
    for i, e in enumerate(entries, 1):
        try:
            d = _decision_from_json(e)
        except DeskError as err:
            notes.append(f"{path} 第 {i} 条：{err}，已忽略")
            continue
        if d is not None:
            decisions[d.fingerprint] = d
    return decisions, notes


def _decision_from_json(e: Any) -> Decision | None:
    if not isinstance(e, dict) or not isinstance(e.get("fingerprint"), str):
        raise DeskError("缺少 fingerprint")
    raw = e.get("disposition")
    if isinstance(raw, dict):  # a file written by --json output: the disposition object
        raw = raw.get("disposition")
    if raw in (None, ""):
        return None
    disp = parse_disposition(str(raw))
    reason = str(e.get("reason") or "").strip()
    if disp in DISMISSED and not reason:
        raise DeskError(f"“{LABELS[disp]}”未附理由")
    return Decision(
        e["fingerprint"], disp, reason, str(e.get("reviewer") or ""), str(e.get("decided_at") or now_iso()),
        str(e.get("agency") or ""), int(e.get("year") or 0), str(e.get("rule") or ""),
        tuple(e.get("cells") or ()), str(e.get("message") or ""),
    )  # fmt: skip


def write_reviews(path: Path, reviewed: list[ReviewedReport], decisions: Mapping[str, Decision]) -> int:
    """Write every decision (also of reports not in this run) and a pending entry per open finding.

    Returns the number of pending entries, for the reviewer to fill in.
    """
    entries = [d.to_json() for d in decisions.values()]
    pending = 0
    seen = set(decisions)
    for rep in reviewed:
        for item in rep.items:
            if item.finding.status != FAIL or item.fingerprint in seen:
                continue
            seen.add(item.fingerprint)
            f = item.finding
            entries.append({
                "fingerprint": item.fingerprint, "disposition": None, "reason": "", "reviewer": "",
                "agency": item.ident.agency, "year": item.ident.year, "rule": f.rule, "cells": list(f.cells),
                "severity": f.severity, "reported": json_value(f.reported), "computed": json_value(f.computed),
                "message": f.message, "source": rep.result.source,
            })  # fmt: skip
            pending += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {"说明": "disposition 填 确认/已说明/误报；已说明、误报须填 reason。", "reviews": entries}
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return pending


def with_decisions(decisions: Mapping[str, Decision], new: Iterable[Decision]) -> dict[str, Decision]:
    out = dict(decisions)
    for d in new:
        out[d.fingerprint] = d
    return out


def stamp(d: Decision, reviewer: str) -> Decision:
    return d if d.reviewer else replace(d, reviewer=reviewer)
