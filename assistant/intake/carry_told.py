"""The outcomes of last year's carry-over told in their own message, after this year's results: added.

「这两件今年都处理完了，一件给了，另一件……过了期限就不再处理了」 right after 上年结转 was said to be 2: the
message is about those two (its count is the carry-over's, not 本年新收's), and when the results given so
far already account for this year's new applications (their rows plus 结转下年度 make up 本年新收), the
outcomes it tells are not among them: each is added to its result row (予以公开 4 → 5) and to （七）总计,
shown old → new like any change. The message's own 「都处理完了」 count (2) is not the year's 办结 total.
When the results given so far do not account so, the message is read as it is (its values replace, shown
old → new). Pure; the same reader (rules or LLM) reads the message first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import replace

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.carry_results import new_accounted
from assistant.intake.model import Extraction, ExtractionContext, Proposal
from assistant.intake.phrases import numbers

_A = "applications."
_CARRIED = _A + "carried_over_from_prev.total"
_RESULTS_TOTAL = _A + "results.total"
_THESE = re.compile(
    r"^\s*(?:(?:上年|去年)(?:结转|转过来|转来|剩下?|遗留)(?:下来|过来)?的?)?(?:这|那)([0-9一二两三四五六七八九十]+)(?:件|个)"
)
_DONE = re.compile(r"(?:处理|办理?|答复|办结)(?:完|结|好)|(?:都|均|全)(?:已经?)?(?:处理|办理|答复|办结)")

Reader = Callable[[str, ExtractionContext], Extraction]


def read(message: str, ctx: ExtractionContext, reader: Reader) -> Extraction | None:
    """The extraction with the carry-over's outcomes added to the results given; None when the message
    is not about the carry-over or the results given so far do not leave room to tell them apart."""
    if not _about_carry(message, ctx.cells) or not new_accounted(ctx.cells, ctx.version):
        return None
    ex = reader(message, ctx)
    leaves = {_A + r for r in spec.t2_result_leaves(ctx.version)}
    told = [p for p in ex.proposals if p.key.rpartition(".")[0] in leaves]
    if not any(p.value for p in told):
        return None  # 「这两件都处理完了」 alone: the outcomes are still to come
    added = [_plus(p, ctx.cells) for p in told if p.key.rpartition(".")[2] != "total"]
    added += [_plus(p, ctx.cells) for p in told if p.key.rpartition(".")[2] == "total"]
    kept = [p for p in ex.proposals if p not in told and not p.key.startswith(_RESULTS_TOTAL + ".")]
    head = re.split(r"[，,。；;：:]", message.strip(), maxsplit=1)[0]
    note = f"“{head}”说的是上年结转的申请今年的办理结果，已加到本年已有的办理结果上"
    grand = _grand(added, ctx)
    return replace(ex, proposals=tuple(kept + added + grand), notes=(note, *ex.notes))


def _about_carry(message: str, cells: Mapping[str, Value]) -> bool:
    """The message opens with 「这两件」「去年结转的那两件」 whose count is the carry-over's (and not this
    year's new count) and says they were dealt with."""
    m = _THESE.match(message)
    if not m or not _DONE.search(message):
        return False
    said = [n.value for n in numbers(m.group())]
    carried, new = cells.get(_CARRIED), cells.get(_A + "new_received.total")
    return isinstance(carried, int) and said == [carried] and carried != new


def _plus(p: Proposal, cells: Mapping[str, Value]) -> Proposal:
    old = cells.get(p.key)
    if not isinstance(old, int):
        return p
    if not p.value:
        return replace(p, value=old, note="")  # a type the carry-over had none of keeps its count
    return replace(p, value=old + p.value, note=f"原{old}件，加上上年结转的{p.value}件")


def _grand(added: list[Proposal], ctx: ExtractionContext) -> list[Proposal]:
    """（七）总计 as the sum of the result rows once the carry-over's outcomes are added: a 总计 derived
    earlier (from a carry-over count since corrected) is not grown but summed again."""
    values = {**ctx.cells, **{p.key: p.value for p in added}}
    leaves = [_A + r for r in spec.t2_result_leaves(ctx.version)]
    out = []
    for col in sorted({p.key.rpartition(".")[2] for p in added}):
        parts = [values.get(f"{row}.{col}") for row in leaves]
        known = [v for v in parts if v is not None]
        key = f"{_RESULTS_TOTAL}.{col}"
        if not known or not all(isinstance(v, int) for v in known) or sum(known) == ctx.cells.get(key):
            continue
        label = spec.spec_for(ctx.version).cell(key).label
        out.append(Proposal(key, sum(known), label, added[0].source, inferred=True, note="各项办理结果之和"))
    return out
