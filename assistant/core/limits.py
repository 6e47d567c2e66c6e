"""Bounds on values a report can hold (issue 15): anything beyond is refused by name, never computed.

A count is a finite integer of at most MAX_COUNT (the default; callers may pass their own), an amount
(万元) a finite decimal of at most MAX_AMOUNT with at most AMOUNT_PLACES decimal places.
"""

from __future__ import annotations

MAX_COUNT = 10**9
MAX_AMOUNT = 10**9  # 万元
AMOUNT_PLACES = 6
MAX_RAW_CHARS = 64  # a cell's raw text longer than this is not a number

# Lengths of text fields (issue 15 item 13), far above any real report: the longest agency names
# run to ~40 characters (「中华人民共和国……委员会办公室」), a whole report to ~15,000, one section
# rarely past 8,000. Beyond these the field is refused by name, never cut silently.
MAX_AGENCY_CHARS = 100
MAX_LEVEL_CHARS = 20  # 省级 / 市级 / 县级 / 乡镇 …
MAX_TITLE_CHARS = 200
MAX_TEXT_CHARS = 50_000  # one section, or one narrative item


def too_long(label: str, text: str, limit: int, unit: str = "个字符") -> str:
    """A Chinese reason naming the field when `text` is over `limit` characters, else ""."""
    n = len(text)
    return f"{label}过长（{n} {unit}，上限 {limit} {unit}）" if n > limit else ""
