"""A report's table cells as structured data (one JSON document per report, never a prose chunk).

The same record is the ingest manifest: it is written only after all of the report's chunks are in,
so a report without a record is redone on the next run.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from assistant.core.facts import BLANK, SLASH, Marker, Value
from assistant.core.report import Report
from assistant.corpus.chunking import CHUNKER_VERSION, report_metadata


def encode_cells(cells: Mapping[str, Value]) -> dict[str, Any]:
    """Cells as JSON values: int stays int, 万元 decimals as {"d": "1.50"}, markers as {"m": "/"}."""
    out: dict[str, Any] = {}
    for key in sorted(cells):
        v = cells[key]
        if isinstance(v, Marker):
            out[key] = {"m": str(v)}
        elif isinstance(v, Decimal):
            out[key] = {"d": str(v)}
        else:
            out[key] = int(v)
    return out


def decode_cells(data: Mapping[str, Any]) -> dict[str, Value]:
    """The inverse of `encode_cells`."""
    out: dict[str, Value] = {}
    for key, v in data.items():
        if isinstance(v, dict) and "m" in v:
            out[key] = SLASH if v["m"] == "/" else BLANK
        elif isinstance(v, dict) and "d" in v:
            out[key] = Decimal(v["d"])
        else:
            out[key] = int(v)
    return out


def table_record(report: Report, source: str, rid: str, n_chunks: int) -> tuple[str, dict[str, Any]]:
    """(JSON document, metadata) for a report's record in the tables collection."""
    doc = json.dumps(
        {"title": report.title, "cells": encode_cells(report.cells)}, ensure_ascii=False, sort_keys=True
    )
    meta = {
        **report_metadata(report, source, rid),
        "title": report.title,
        "chunks": n_chunks,
        "n_cells": len(report.cells),
        "chunker": CHUNKER_VERSION,
    }
    return doc, meta


def cells_of_record(document: str) -> dict[str, Value]:
    """The cells stored in a tables-collection document."""
    try:
        data = json.loads(document or "{}")
    except ValueError:
        return {}
    return decode_cells(data.get("cells") or {})
