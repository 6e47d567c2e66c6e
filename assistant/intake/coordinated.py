"""Two applicant types with one outcome: 「企业的2件和慈善协会那1件都公开了」.

Pure. Each count of the pair gets the shared outcome (「企业的2件都公开了，慈善协会那1件都公开了」), so each is
read with its own applicant type and the outcome row; without it the first count has no row.
"""

from __future__ import annotations

import re

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
