"""Findings: what a check reports. The JSON shape is a contract (DESIGN.md §3)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assistant.core.numbers import format_number

ERROR = "error"
WARNING = "warning"
FAIL = "fail"
NOT_ASSESSABLE = "not_assessable"

# Who a finding blames: the report itself, or the reader (what the tool could not read).
REPORT = "report"
READER = "reader"


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str  # error | warning
    status: str  # fail | not_assessable
    message: str  # Chinese, names the official row and column labels
    cells: tuple[str, ...] = ()
    reported: Any = None
    computed: Any = None
    table: int | None = None  # 1, 2, 3 for table findings; None for text / format findings
    where: str = ""  # e.g. the section and sentence a text finding is about
    source: str = REPORT  # report: about the report; reader: about what the tool could not read

    def to_json(self) -> dict[str, Any]:
        out = {
            "rule": self.rule,
            "severity": self.severity,
            "status": self.status,
            "cells": list(self.cells),
            "reported": json_value(self.reported),
            "computed": json_value(self.computed),
            "message": self.message,
            "source": self.source,
        }
        if self.table is not None:
            out["table"] = self.table
        if self.where:
            out["where"] = self.where
        return out

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR and self.status == FAIL


def json_value(v: Any) -> Any:
    """Numbers in JSON: ints stay ints, Decimals become int or float; markers stay strings."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


def show(v: Any) -> str:
    if v is None:
        return "（未填）"
    if isinstance(v, int | Decimal):
        return format_number(v)
    return str(v)
