"""Counts said through another: two applicant types with one outcome, a count named by reference.

Pure. 「企业的2件和慈善协会那1件都公开了」: each count of the pair gets the shared outcome (「企业的2件都公开了，
慈善协会那1件都公开了」), so each is read with its own applicant type and the outcome row. 「这5件里企业3件个人2件」:
「这5件」 is the one row whose total (saved or pending) is 5, named (「结转下年度5件，其中……」) so the types are
that row's. Each rewrite is logged so that sources show the clerk's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.intake.lexicon import ROW_BY_KEY
from assistant.intake.phrases import restore

_N = r"[0-9一二两三四五六七八九十]+件"
_PAIR = re.compile(
    rf"(?P<a>(?<![^，,。；;：:\s])[^，,。；;：:\d]{{1,8}}?(?:的|那){_N})(?:和|与|及|跟|、|还有)"
    rf"(?P<b>[^，,。；;：:\d]{{1,8}}?(?:的|那){_N})(?P<p>(?:也|都|均|全|全部|也都)[^，,。；;\d]{{1,10}})"
)


def shared_outcome(message: str, log: list[tuple[str, str]]) -> str:
    """The message with the shared outcome said after each count (each rewrite logged for `restore`)."""

    def sub(m: re.Match[str]) -> str:
        new = f"{m.group('a')}{m.group('p')}，{m.group('b')}{m.group('p')}"
        log.append((new, restore(m.group(), log)))  # the words as typed (「那件」, not 「那1件」)
        return new

    return _PAIR.sub(sub, message)


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
