"""A carry row told as one count of one applicant type is that row's whole count. Pure helper of `extract`.

「去年结转下来1件企业的」「还剩一件个人的，还在办」「年底还有1件个人的没办完」「结转过来一件，是个公司的」:
the count is the row's (what was carried), the type says whose it was — so the row's 总计 is the same
count, proposed as inferred (shown, confirmed like any value) and the other types follow from the
row's sum as derived zeros. Only for 上年结转 and 结转下年度, only when the message gives no other type
and no 总计 for the row, nothing of the row is known yet, the count comes before the type and no 「其中」
or 「是……申请的」 makes it one part of a larger number (「4件是企业申请的」).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.consistency import Statement

_CARRY = ("applications.carried_over_from_prev", "applications.carried_to_next")
_COUNT_FIRST = re.compile(
    r"[0-9一两二三四五六七八九十]+\s*[件个](?:，|,)?\s*(?:是个|是一个|是一家|是)?[^，,。；;\d]{0,8}?的"
)
_PART = re.compile(r"其中|分别|申请的|提出的|递交的")


def sole_type_totals(
    statements: list[Statement], known: Mapping[str, Value], message: str
) -> list[Statement]:
    """The inferred 总计 of each carry row the message tells as one count of one type."""
    out = []
    for row in _CARRY:
        given = [s for s in statements if s.key.startswith(row + ".")]
        if len(given) != 1 or given[0].key == f"{row}.total" or not given[0].value:
            continue
        if any(f"{row}.{c}" in known for c in (*spec.T2_APPLICANT_COLUMNS, "total")):
            continue
        s = given[0]
        told = _told(s.source, message)
        if not _COUNT_FIRST.search(told) or _PART.search(told):
            continue
        out.append(Statement(f"{row}.total", s.value, s.source, True, "这一行只有这一类申请人"))
    return out


def _told(source: str, message: str) -> str:
    """The source with the words after it up to the clause's end (and a 「是个公司的」 clause after)."""
    at = message.find(source)
    if at < 0:
        return source
    rest = message[at + len(source) :]
    end = re.match(r"[^，,。；;]*(?:[，,]\s*是[^，,。；;]*)?", rest)
    return source + (end.group() if end else "")
