"""Value objects of the intake: proposals shown for confirmation, questions, conflicts.

Pure (no I/O). Proposals are never facts: the UI shows them, the user confirms, and only then
`apply.apply_confirmed` stores them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from assistant.core import spec
from assistant.core.facts import ReportFacts, Value
from assistant.core.numbers import format_number

RULES = "rules"
LLM = "llm"


ARITHMETIC = "按表格勾稽关系推算："  # the note of a cell only the table identities determine


@dataclass(frozen=True)
class Followup:
    """What the extractor itself asked about, for reading the very next message as its answer:
    `topic` is "row:<row>" (「三百多件」 asked for exactly: 「准确是312件」 is that row), `groups` are
    counts of a group whose kind was asked (「被告了一次，还没判」: (group, column, value) as
    ("group:litigation", "total", 1), ("group:litigation", "pending", 1))."""

    topic: str | None = None
    groups: tuple[tuple[str, str, int], ...] = ()
    scope: tuple[str, int] | None = (
        None  # 「个人的21件：……」 with 8 of them still to tell: ("natural_person", 8)
    )

    def dump(self) -> dict:
        scope = list(self.scope) if self.scope else None
        return {"topic": self.topic, "groups": [list(g) for g in self.groups], "scope": scope}

    @classmethod
    def load(cls, data: Mapping | None) -> Followup | None:
        if not data:
            return None
        groups = tuple((str(g[0]), str(g[1]), int(g[2])) for g in data.get("groups") or ())
        scope = data.get("scope")
        return cls(data.get("topic"), groups, (str(scope[0]), int(scope[1])) if scope else None)


@dataclass(frozen=True)
class ExtractionContext:
    """What the extractor knows besides the message.

    `topic` is the `Question.topic` the assistant asked last: a bare answer such as 「3件」 or 「没有」
    is read as an answer to it. `cells` are the values confirmed so far.
    """

    version: str = spec.FORMAT_2021
    topic: str | None = None
    cells: Mapping[str, Value] = field(default_factory=dict)  # confirmed and pending (for 「都是自然人」)
    question: str = ""  # the text of the question asked last (for the LLM's prompt)
    followup: Followup | None = None  # what the extractor asked in its last reply
    aliases: tuple[tuple[str, str], ...] = ()  # 「民营医院……（算商业企业）」 said earlier: (words, column)


@dataclass(frozen=True)
class Proposal:
    """A proposed cell value, with the official label and the phrase it came from."""

    key: str
    value: int | Decimal
    label: str
    source: str
    inferred: bool = False  # not stated as such: a zero implied by a total, 「均为自然人」 …
    note: str = ""

    def describe(self) -> str:
        how = f"（{self.note}）" if self.note else ""
        return f"{self.label}：{format_number(self.value)}　来源：“{self.source}”{how}"


@dataclass(frozen=True)
class NarrativeProposal:
    """A proposed narrative fact for one of `spec.NARRATIVE_KEYS`."""

    key: str
    label: str
    text: str


@dataclass(frozen=True)
class Extraction:
    """What one chat message yields. Nothing here is stored until the user confirms."""

    proposals: tuple[Proposal, ...] = ()
    narrative: tuple[NarrativeProposal, ...] = ()
    questions: tuple[str, ...] = ()  # Chinese; contradictions, ambiguities, missing applicant types
    notes: tuple[str, ...] = ()  # Chinese; what was dropped and why (hallucinated numbers, fallback)
    method: str = RULES
    followup: Followup | None = None  # what this reply's own questions ask about

    @property
    def empty(self) -> bool:
        return not self.proposals and not self.narrative

    @property
    def cells(self) -> dict[str, int | Decimal]:
        return {p.key: p.value for p in self.proposals}

    def reply(self) -> str:
        """The assistant's chat reply in Chinese."""
        lines: list[str] = []
        if self.proposals:
            lines.append("我从您的话中识别出以下数据，请确认后保存：")
            lines += [f"- {p.describe()}" for p in self.proposals if p.value or not p.inferred]
            zeros: dict[tuple[str, str], list[str]] = {}
            for p in self.proposals:  # arithmetic zeros under their reason, the others under the words
                if p.inferred and not p.value:
                    why = p.note if p.note.startswith(ARITHMETIC) else ""
                    zeros.setdefault((p.source, why), []).append(p.label)
            lines += [_zeros_line(src, labels, why) for (src, why), labels in zeros.items()]
        if self.narrative:
            lines.append("以下文字将作为年报素材，请确认：")
            lines += [f"- 【{n.label}】{n.text}" for n in self.narrative]
        if self.questions:
            lines.append("还需要您确认：")
            lines += [f"- {q}" for q in self.questions]
        lines += [f"（{n}）" for n in self.notes]
        if self.empty and not self.questions:
            lines.insert(0, NO_NUMBERS_REPLY)
        return "\n".join(lines)


MAX_NAMED_ZEROS = 3


def _zeros_line(source: str, labels: list[str], why: str = "") -> str:
    """「根据“…”，“X”记为 0」 for up to three cells; beyond that the rows, each named once. A zero the
    table identities force is said with its reason (「按表格勾稽关系推算：…」) instead of the words."""
    head = f"{why.rstrip('：')}，" if why else f"根据“{source}”，"
    if len(labels) <= MAX_NAMED_ZEROS:
        named = "、".join(f"“{label}”" for label in labels)
        return f"- {head}{named}记为 0"
    rows: dict[str, int] = {}
    for label in labels:
        row = label.split(" / ")[0]
        rows[row] = rows.get(row, 0) + 1
    listed = "；".join(f"“{row}”{n}栏" for row, n in rows.items())
    return f"- {head}以下各行记为 0（共{len(labels)}个单元格）：{listed}"


NO_NUMBERS_REPLY = (
    "这句话里没有识别出可以填入表格的数字，也没有可归入年报各部分的情况说明。"
    "您可以这样说：「今年共收到申请12件，其中自然人10件、企业2件；予以公开8件，部分公开1件，"
    "结转下年度3件」，或直接描述主动公开、平台建设等方面的工作情况。没有发生的事项可以说「没有」。"
)


@dataclass(frozen=True)
class Question:
    """The next thing to ask. `keys` are the cells (or narrative keys) the topic covers."""

    topic: str
    text: str
    keys: tuple[str, ...] = ()
    proposals: tuple[Proposal, ...] = ()  # a confirm-style question carries what it proposes


@dataclass(frozen=True)
class IntakeState:
    """What has been confirmed so far (the input of `dialogue.next_question`)."""

    agency: str = ""
    level: str = ""
    year: int | None = None
    cells: Mapping[str, Value] = field(default_factory=dict)
    narrative: Mapping[str, str] = field(default_factory=dict)
    skipped: frozenset[str] = frozenset()  # topics the user chose to skip
    prefilled: Mapping[str, Value] = field(default_factory=dict)  # from last year's report, unconfirmed
    prefill_source: str = ""

    @property
    def version(self) -> str:
        return spec.version_for_year(self.year) if self.year else spec.FORMAT_2021

    @classmethod
    def from_facts(cls, facts: ReportFacts, skipped: frozenset[str] = frozenset()) -> IntakeState:
        return cls(
            facts.agency, facts.level, facts.year or None, dict(facts.cells), dict(facts.narrative), skipped
        )


@dataclass(frozen=True)
class Conflict:
    """A proposal that would replace a value the user already confirmed."""

    key: str
    label: str
    current: Value
    proposed: int | Decimal
    question: str


@dataclass(frozen=True)
class ApplyResult:
    cells: dict[str, Value]
    applied: tuple[str, ...] = ()
    conflicts: tuple[Conflict, ...] = ()


# Topics of the conversation, in the order they are asked (dialogue.TOPICS gives texts).
TOPIC_ROWS: dict[str, tuple[str, ...]] = {
    "new_received": ("applications.new_received",),
    "carried_over": ("applications.carried_over_from_prev",),
    "results.main": ("applications.results.granted", "applications.results.partially_granted"),
    "results.withheld": ("group:withheld",),
    "results.unable": ("group:unable",),
    "results.not_processed": ("group:not_processed",),
    "results.other": ("group:other",),
    "carried_to_next": ("applications.carried_to_next",),
    "review": ("review",),
    "litigation": ("group:litigation",),
    "active.docs": ("active.art20_1.regulations", "active.art20_1.normative_docs"),
    "active.docs.normative": ("active.art20_1.normative_docs",),  # asked of bodies that make no 规章
    "active.decisions": (
        "active.art20_5.admin_license",
        "active.art20_6.admin_penalty",
        "active.art20_6.admin_coercion",
    ),
    "active.fees": ("active.art20_8.admin_fees",),
}
NARRATIVE_TOPIC_PREFIX = "narrative."
"""Narrative topics are "narrative.<key>" for each key of `spec.NARRATIVE_KEYS`."""
