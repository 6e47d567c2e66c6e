"""Counts said through another: two applicant types with one outcome, a count named by reference.

Pure. 「企业的2件和慈善协会那1件都公开了」: each count of the pair gets the shared outcome (「企业的2件都公开了，
慈善协会那1件都公开了」), so each is read with its own applicant type and the outcome row; two counts of
one type (「合作社那两件和村委会那件」, both 其他组织) add up. 「这5件里企业3件个人2件」:
「这5件」 is the one row whose total (saved or pending) is 5, named (「结转下年度5件，其中……」) so the types are
that row's. Each rewrite is logged so that sources show the clerk's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core.numbers import format_number
from assistant.intake.lexicon import COLUMNS, ROW_BY_KEY, T2
from assistant.intake.phrases import numbers, restore

_N = r"[0-9一二两三四五六七八九十]+件"
_PAIR = re.compile(
    rf"(?P<a>(?<![^，,。；;：:\s])[^，,。；;：:\d]{{1,8}}?(?:的|那){_N})(?:和|与|及|跟|、|还有)"
    rf"(?P<b>[^，,。；;：:\d]{{1,8}}?(?:的|那){_N})(?P<p>(?:也|都|均|全|全部|也都)[^，,。；;\d]{{1,10}})"
)


def shared_outcome(message: str, log: list[tuple[str, str]]) -> str:
    """The message with the shared outcome said after each count (each rewrite logged for `restore`)."""

    def sub(m: re.Match[str]) -> str:
        new = f"{m.group('a')}{m.group('p')}，{m.group('b')}{m.group('p')}"
        same = _same_type(m.group("a"), m.group("b"))
        if same is not None:  # 「合作社那两件和村委会那件」: one applicant type, the counts added
            new = f"{same}{m.group('p')}"
        log.append((new, restore(m.group(), log)))  # the words as typed (「那件」, not 「那1件」)
        return new

    return _PAIR.sub(sub, message)


def _same_type(a: str, b: str) -> str | None:
    """「合作社那2件」「村委会那1件」, both 其他组织: 「合作社那3件」 (the first's words, the sum); else None."""
    cols = [next((c for c, p in COLUMNS[T2] if p.search(x)), None) for x in (a, b)]
    counts = [numbers(x) for x in (a, b)]
    if cols[0] is None or cols[0] != cols[1] or not all(len(n) == 1 for n in counts):
        return None
    first = counts[0][0]
    return f"{a[: first.start]}{format_number(first.value + counts[1][0].value)}件"


_THESE = re.compile(r"^\s*(?:这|那)(?P<n>\d+)件(?:申请)?(?:里面|里头|当中|里|中|之中)[，,：:]?")


def these(message: str, log: list[tuple[str, str]], cells: Mapping[str, object]) -> str:
    """「这5件里……」 at the start: the row whose total is 5 named in its place (when only one has it)."""
    m = _THESE.match(message)
    if not m:
        return message
    n = int(m.group("n"))
    rows = [
        k.removesuffix(".total")
        for k, v in cells.items()
        if k.startswith("applications.") and k.endswith(".total") and v == n
        and not k.startswith("applications.results.total")  # 办结 N件 is no row to split alone
    ]  # fmt: skip
    row = ROW_BY_KEY.get(rows[0]) if len(rows) == 1 else None
    if row is None:
        return message
    new = f"{row.name}{n}件，其中"
    log.append((new, m.group()))
    return new + message[m.end() :]
