"""The answer to the extractor's own question: the next message continues what it asked about.

Pure helpers of `extract`. A count asked for exactly (「三百多件」 → 「准确是312件」) is read with the
row asked as its topic; a group count whose kind was asked (「被告了一次，还没判」 → 「是复议后又去告的」)
continues as if said in the same message, so the kind named takes the count and its outcome.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import replace

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.intake.answers import ROW_TOPIC
from assistant.intake.clauses import _Last
from assistant.intake.consistency import GroupStatement, Statement
from assistant.intake.lexicon import ROW_BY_KEY
from assistant.intake.model import ExtractionContext, Followup, Proposal


def chat_context(state: Mapping, facts: ReportFacts, pending: Iterable[Proposal]) -> ExtractionContext:
    """What the extractor knows in the chat: confirmed and pending cells (not last year's prefill,
    which 「上年结转2件」 may replace), the question asked and what the last reply itself asked."""
    prefill = set(state.get("prefilled") or [])
    known = {k: v for k, v in facts.cells.items() if k not in prefill} | {p.key: p.value for p in pending}
    followup = Followup.load(state.get("followup"))
    aliases = tuple((str(w), str(c)) for w, c in state.get("aliases") or ())
    return ExtractionContext(
        facts.format, state.get("topic"), known, state.get("question", ""), followup, aliases
    )


def asked_context(ctx: ExtractionContext) -> ExtractionContext:
    """The row the last reply asked about exactly is the topic this message answers."""
    if ctx.followup and ctx.followup.topic:
        return replace(ctx, topic=ctx.followup.topic)
    return ctx


def followup_of(
    asked_row: str | None,
    groups: Iterable[GroupStatement],
    proposals: Iterable[Proposal],
    scope: tuple[str, int] | None = None,
):
    """What this reply asks about: the row of its vague count, and group counts left without a kind."""
    keys = {p.key for p in proposals}
    open_groups = tuple(
        (g.group, g.col, g.value)
        for g in groups
        if not any(k.startswith(leaf + ".") for leaf in ROW_BY_KEY[g.group].leaves for k in keys)
    )
    topic = ROW_TOPIC + asked_row if asked_row and not asked_row.startswith("group:") else None
    topic = topic or _types_asked(list(proposals))
    return Followup(topic, open_groups, scope) if topic or open_groups or scope else None


_TYPES_ASKED = "results.breakdown"
_HANDLED = ("applications.results.", "applications.carried_to_next.")


def after_confirm(followup: Mapping | None) -> Mapping | None:
    """A 确认 instead of the types asked: the next message answers the dialogue's own question."""
    return None if followup and followup.get("topic") == _TYPES_ASKED else followup


def _types_asked(proposals: list[Proposal]) -> str | None:
    """Totals of several result rows said without applicant types: the reply asks their types at
    once (「以下数字未说明申请人类型……」), so 「剩下的都是个人」 next answers for all of them."""
    keys = {p.key for p in proposals if p.value or not p.inferred}  # 「……记为 0」 gives no type
    untyped = {
        k.rpartition(".")[0]
        for k in keys
        if k.startswith(_HANDLED) and k.endswith(".total")
        and not any(f"{k.rpartition('.')[0]}.{c}" in keys for c in spec.T2_APPLICANT_COLUMNS)
    }  # fmt: skip
    return _TYPES_ASKED if len(untyped) > 1 else None


class FollowupReader:
    """Mixin of `extract._Reader`: the first sentence of an answer continues the group count asked."""

    def _seed_followup(self) -> None:
        fu = self.ctx.followup
        if getattr(self, "_seeded", False) or not fu or not fu.groups:
            return
        self._seeded = True
        total = next((g for g in fu.groups if g[1] == "total"), None)
        if total is None:
            return
        group, _, value = total
        self.last = _Last(ROW_BY_KEY[group], "total", value)
        self.last_outcome = next(
            (c for g, c, v in fu.groups if g == group and c != "total" and v == value), None
        )

    def _answered_groups(self) -> list[GroupStatement]:
        """The group counts of the last reply, once this message named their kind (the other kinds are
        then what is left of the count)."""
        fu = self.ctx.followup
        if not fu:
            return []
        out = []
        for group, col, value in fu.groups:
            leaves = ROW_BY_KEY[group].leaves
            said = [s for s in self.statements if any(s.key == f"{leaf}.{col}" for leaf in leaves)]
            if said and all(isinstance(s, Statement) for s in said):
                out.append(GroupStatement(group, col, value, said[0].source))
        return out


GROUPS_PREFIX = "上一条回复追问了以下数字属于哪一类（分组/栏目=数值）："
_GROUP_PAIR = re.compile(r"(group:[\w.]+)/(\w+)=(\d+)")


def followup_line(fu: Followup | None) -> str:
    """The group counts the last reply asked the kind of, for the model's prompt ("" if none):
    「是复议后又去告的」 answers it, the model is told which count it continues; and the applicant type
    whose applications the clerk is still telling (「个人的21件：……」, 8 still to tell)."""
    line = (
        GROUPS_PREFIX + "；".join(f"{g}/{c}={v}" for g, c, v in fu.groups) + "\n" if fu and fu.groups else ""
    )
    scope = fu.scope if fu else None
    return line + (f"{SCOPE_PREFIX}{scope[0]}={scope[1]}\n" if scope else "")


SCOPE_PREFIX = "正在逐项说明的申请人类型（剩余件数）："


def scope_of_line(text: str) -> tuple[str, int] | None:
    """The scope of a prompt's `followup_line` (for a scripted model reading its prompt)."""
    line = next((ln for ln in text.splitlines() if ln.startswith(SCOPE_PREFIX)), "")
    col, _, n = line.removeprefix(SCOPE_PREFIX).partition("=")
    return (col, int(n)) if col and n.isdigit() else None


def groups_of_line(text: str) -> tuple[tuple[str, str, int], ...]:
    """The group counts of a prompt's `followup_line` (for a scripted model reading its prompt)."""
    line = next((ln for ln in text.splitlines() if ln.startswith(GROUPS_PREFIX)), "")
    return tuple((g, c, int(v)) for g, c, v in _GROUP_PAIR.findall(line))


def followup_kept(fu: Followup | None, proposals: Iterable[Proposal]) -> Followup | None:
    """What a reply read another way (the model's cells) still leaves asked: the row of a vague count
    no proposal filled, the group counts no proposal gave a kind."""
    if fu is None:
        return None
    keys = {p.key for p in proposals}
    row = (fu.topic or "").removeprefix(ROW_TOPIC)
    topic = fu.topic if fu.topic and not any(k.startswith(row + ".") for k in keys) else None
    groups = tuple(
        g
        for g in fu.groups
        if not any(k.startswith(leaf + ".") for leaf in ROW_BY_KEY[g[0]].leaves for k in keys)
    )
    return Followup(topic, groups, fu.scope) if topic or groups or fu.scope else None  # the type still told


def carried_outcomes(fu: Followup | None, statements: list[Statement]) -> list[Statement]:
    """「两起行政诉讼，都还没判」 → 「两起都是复议后起诉的」: the answer names the kind with the whole count
    again; the outcome the last reply already had for that whole count (尚未审结 2) is that kind's."""
    if not fu:
        return []
    out = []
    for group, col, value in fu.groups:
        leaves = ROW_BY_KEY[group].leaves
        named = [s for s in statements if s.key in {f"{leaf}.total" for leaf in leaves} and s.value == value]
        kinds = {s.key.rsplit(".", 1)[0] for s in named}
        if col == "total" or len(kinds) != 1 or (group, "total", value) not in fu.groups:
            continue
        key = f"{kinds.pop()}.{col}"
        if not any(s.key == key for s in statements):
            out.append(Statement(key, value, named[0].source, True, "按您上一句所说"))
    return out
