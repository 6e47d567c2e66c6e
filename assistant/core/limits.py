"""Bounds on values a report can hold (issue 15): anything beyond is refused by name, never computed.

A count is a finite integer of at most MAX_COUNT (the default; callers may pass their own), an amount
(万元) a finite decimal of at most MAX_AMOUNT with at most AMOUNT_PLACES decimal places.
"""

from __future__ import annotations

MAX_COUNT = 10**9
MAX_AMOUNT = 10**9  # 万元
AMOUNT_PLACES = 6
MAX_RAW_CHARS = 64  # a cell's raw text longer than this is not a number
