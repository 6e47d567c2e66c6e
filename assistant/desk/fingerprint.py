"""Stable identity for findings: the same finding on a re-read of the same report is recognised.

A fingerprint depends on the finding (rule, cells, reported and computed values, the section a text
finding is about, its blame `source` when present) and on the report's identity (agency, year and a
hash of the figures). It never depends on the file name or the file format, so the same report read
from docx, html or pdf keeps its fingerprints; a report whose figures changed gets new ones.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from assistant.core.facts import Marker
from assistant.core.findings import Finding, json_value

_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class ReportIdentity:
    agency: str
    year: int
    figures: str  # hex digest of the cells

    def to_json(self) -> dict[str, Any]:
        return {"agency": self.agency, "year": self.year, "figures": self.figures}


def normal_agency(name: str) -> str:
    return _SPACE.sub("", name or "")


def figures_hash(cells: Mapping[str, Any]) -> str:
    """A digest of the figures: keys sorted, values canonical (markers as text, Decimals normalised)."""
    canon = {k: _canon(v) for k, v in sorted(cells.items())}
    raw = json.dumps(canon, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _sha256(raw)[:16]


def _canon(v: Any) -> Any:
    if isinstance(v, Marker):
        return "/" if v else ""
    v = json_value(v)
    if isinstance(v, float):
        return format(v, ".6g")
    return v


def identity(agency: str, year: int | None, cells: Mapping[str, Any]) -> ReportIdentity:
    return ReportIdentity(normal_agency(agency), int(year or 0), figures_hash(cells))


def section_of(where: str) -> str:
    """The section a text finding is about ("一、总体情况"), not its sentence: readers differ on breaks."""
    head = where.split("：", 1)[0] if "：" in where else ""
    return _SPACE.sub("", head)


def fingerprint(finding: Finding, ident: ReportIdentity) -> str:
    parts = {
        "rule": finding.rule,
        "cells": sorted(finding.cells),
        "reported": _canon(finding.reported),
        "computed": _canon(finding.computed),
        "where": section_of(finding.where),
        "source": getattr(finding, "source", None) or "",
        "report": [ident.agency, ident.year, ident.figures],
    }
    raw = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return _sha256(raw)[:20]


def _sha256(raw: str) -> str:
    import hashlib  # here: loading OpenSSL costs ~2.5 ms, and `check` of one report never hashes

    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def finding_key(finding: Finding) -> tuple[str, tuple[str, ...], str]:
    """What stays the same when a report is corrected: the rule, its cells and the section."""
    return (finding.rule, tuple(sorted(finding.cells)), section_of(finding.where))
