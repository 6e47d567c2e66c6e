"""「对的，那件今年一月份就答复了」: yes to the prefilled 上年结转, and what became of that application.

Pure. Asked whether last year's 结转下年度 became this year's 上年结转, a clerk says yes and, in the same
breath, that the carried application was answered this year. The yes confirms the prefill; the rest is
said back (the application counts among this year's results, which the clerk gives as totals later),
never filed as section text or as a result row of its own.
"""

from __future__ import annotations

import re

_YES = r"(?:对的?|是的?|没错|正确|对呀|对啊|嗯|是这样)"
_THOSE = r"(?:那|这)(?:[0-9一二两三四五六七八九十]+)?件|(?:那|这)(?:几|两|俩)件|它们?|都|也"
_DONE = r"(?:答复|办结|办完|处理完?|公开|回复)(?:了|完了|完毕)?"
_WHEN = r"(?:今年|本年|年初|[0-9一二两三]{1,2}月(?:份|初|底|中旬)?|开年)"
_CARRIED_DONE = re.compile(
    rf"^\s*{_YES}[，,。！!\s]+(?P<rest>(?:{_THOSE})[^，,。；;]{{0,6}}?{_WHEN}[^，,。；;]{{0,8}}?(?:就|已经?|才)?{_DONE})"
    r"[。！!\s]*$"
)


def carried_done(message: str) -> str | None:
    """The note saying back what became of the carried applications, when `message` is such a yes."""
    m = _CARRIED_DONE.match(message)
    if not m:
        return None
    return f"“{m.group('rest')}”：上年结转的申请今年已办理，计入本年办理结果；请在告诉我本年各项办理结果时一并算上"
