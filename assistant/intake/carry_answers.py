"""「对的，那件今年一月份就答复了」: yes to the prefilled 上年结转, and what became of that application.

Pure. Asked whether last year's 结转下年度 became this year's 上年结转, a clerk says yes and, in the same
breath, that the carried application was answered this year. The yes confirms the prefill; the rest is
said back (the application counts among this year's results, which the clerk gives as totals later),
never filed as section text or as a result row of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from assistant.core import spec
from assistant.core.facts import ReportFacts, Value
from assistant.intake.model import Extraction, ExtractionContext, Proposal

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


_CARRIED_ROW = "applications.carried_over_from_prev."
Reader = Callable[[str, ExtractionContext], Extraction]


def prefill_of(state: Mapping, facts: ReportFacts) -> dict[str, Value]:
    """The cells still prefilled from last year's report, with their values."""
    return {k: facts.cells[k] for k in state.get("prefilled") or [] if k in facts.cells}


def with_prefill(
    message: str, ctx: ExtractionContext, prefill: Mapping[str, Value], read: Reader
) -> Extraction:
    """The message's extraction; when it gives 上年结转 as the prefilled count (「去年转过来的两件……」 with
    2 prefilled, 自然人2件), it is read again knowing the prefill (its types are the carry-over's: results
    follow them) and the prefill's types are proposed with it, to be confirmed together."""
    ex = read(message, ctx)
    agreed = prefill_agreed(ex.proposals, prefill, ctx.version)
    if not agreed:
        return ex
    ex = read(message, replace(ctx, cells={**prefill, **ctx.cells}))
    have = {p.key for p in ex.proposals}
    agreed = [p for p in agreed if p.key not in have]
    return replace(ex, proposals=(*ex.proposals, *agreed))


def prefill_agreed(
    proposals: Sequence[Proposal], prefilled: Mapping[str, Value], version: str
) -> list[Proposal]:
    """「去年转过来的两件……」 while 上年结转 is prefilled as 2 (自然人2件) from last year's report: the count
    said is the prefill's, so the prefill's types are proposed with it (shown, confirmed together) and
    the types it has none of are 0. Nothing when the count or a type said differs from the prefill."""
    said = {p.key: p.value for p in proposals if p.key.startswith(_CARRIED_ROW)}
    types = {k: v for k, v in prefilled.items() if not k.endswith(".total")}
    counts = [v for v in types.values() if isinstance(v, int)]
    total = said.get(_CARRIED_ROW + "total")
    if not types or total is None or len(counts) != len(types) or total != sum(counts):
        return []
    if any(said[k] != prefilled.get(k, 0) for k in said if not k.endswith(".total")):
        return []  # a type said otherwise: the user's reading, the prefill is not theirs
    source = next(p.source for p in proposals if p.key == _CARRIED_ROW + "total")
    fspec = spec.spec_for(version)
    out = []
    for col in spec.T2_APPLICANT_COLUMNS:
        key = _CARRIED_ROW + col
        if key not in said:
            value = prefilled.get(key, 0)
            note = (
                "与上年年报的“结转下年度”一致，按其分类填写"
                if value
                else "上年年报的“结转下年度”中没有这一类"
            )
            out.append(Proposal(key, value, fspec.cell(key).label, source, inferred=True, note=note))
    return out
