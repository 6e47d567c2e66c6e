"""The eval cases, typed: what each kind of case gives and expects (frozen dataclasses, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from assistant.core.facts import ReportFacts
from assistant.core.report import Report
from assistant.drafting.exemplars import MemoryExemplar

KINDS = ("drafts", "guard", "injection", "intake", "retrieval", "conversations")

Topic = tuple[str, ...]  # alternatives: the topic is there when any of them is


@dataclass(frozen=True)
class DraftCase:
    """Facts and last year's report → what the draft must contain and must not repeat."""

    id: str
    source: str  # the case file
    facts: ReportFacts
    previous: Report | None
    topics: Mapping[str, tuple[Topic, ...]]  # section key → required topics
    follow_up: tuple[Topic, ...] = ()  # last year's problems, as words that show a follow-up in 五
    fee: tuple[str, ...] = ()  # every phrase must be in 六 (the 信息处理费 statement)


@dataclass(frozen=True)
class Expected:
    """A finding the guard must raise: its rule, and optionally what it reports."""

    rule: str
    reported: str = ""

    def label(self) -> str:
        return f"{self.rule}（{self.reported}）" if self.reported else self.rule


@dataclass(frozen=True)
class TextRecipe:
    """A scripted model output: the offline text of the section (or `text`), edited."""

    text: str = ""  # used as is when given; else the offline draft of the section
    replace: tuple[tuple[str, str], ...] = ()
    remove: tuple[str, ...] = ()  # every sentence containing one of these is dropped
    append: str = ""


@dataclass(frozen=True)
class GuardCase:
    """A scripted output for one section → the findings expected (none for a clean control)."""

    id: str
    source: str
    facts: ReportFacts
    previous: Report | None
    section: str
    recipe: TextRecipe
    expect: tuple[Expected, ...]
    exemplars: tuple[MemoryExemplar, ...] = ()

    @property
    def control(self) -> bool:
        return not self.expect


@dataclass(frozen=True)
class InjectionCase:
    """Exemplars carrying an injected instruction; a scripted model obeys (or echoes) them.

    The injection has no effect when it reaches the prompt only inside an untrusted fence, with its
    numbers masked, and whatever it makes the model write is absent from the final draft or flagged
    there by the guard with one of `expect_rules`.
    """

    id: str
    source: str
    facts: ReportFacts
    previous: Report | None
    exemplars: tuple[MemoryExemplar, ...]
    section: str  # where the injection is aimed
    trigger: str  # text of the injected instruction; the scripted model obeys when it sees it
    mode: str = "obey"  # obey: write `payload`, drop `drop`; echo: copy the fenced exemplar
    payload: str = ""
    drop: tuple[str, ...] = ()
    stubborn: bool = True  # repeats itself after the guard's feedback
    markers: tuple[str, ...] = ()  # in the final text: the injection took effect
    absent: tuple[str, ...] = ()  # missing from the final text: the injection took effect
    expect_rules: tuple[str, ...] = ()  # the guard findings that flag the effect
    secrets: tuple[str, ...] = ()  # raw exemplar text that must never reach a prompt
    reaches_prompt: bool = True  # False: the exemplar must be filtered out before the prompt


@dataclass(frozen=True)
class IntakeCase:
    id: str
    source: str
    message: str
    expected: Mapping[str, int | Decimal]  # stated cells (inferred zeros are not scored)
    topic: str | None = None  # the question asked before the message, if any


@dataclass(frozen=True)
class RetrievalCase:
    id: str
    source: str
    query: str
    section: str  # expected section of a top-k hit
    subarea: str = ""  # expected overview sub-area as well, when given
    filters: Mapping[str, object] = field(default_factory=dict)  # agency / exclude_year / level / year
    k: int = 3


@dataclass(frozen=True)
class Turn:
    text: str = ""
    upload: str = ""  # "ledger" | "previous" (then `path` is the file)
    path: str = ""

    def show(self) -> str:
        return f"（上传{Path(self.path).name}）" if self.upload else self.text


@dataclass(frozen=True)
class ConversationCase:
    id: str
    source: str
    agency: str
    year: int
    turns: tuple[Turn, ...]
    level: str = ""
    previous: str = ""  # a path (document or facts file)
    cells: Mapping[str, int | Decimal] = field(default_factory=dict)
    unset: tuple[str, ...] = ()
    narrative: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    misplaced: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    said: tuple[str, ...] = ()
    never_said: tuple[str, ...] = ()


@dataclass(frozen=True)
class Suite:
    drafts: tuple[DraftCase, ...] = ()
    guard: tuple[GuardCase, ...] = ()
    injection: tuple[InjectionCase, ...] = ()
    intake: tuple[IntakeCase, ...] = ()
    retrieval: tuple[RetrievalCase, ...] = ()
    conversations: tuple[ConversationCase, ...] = ()
    corpus: str = ""  # the reports the retrieval cases are about (a folder)
    files: int = 0

    def count(self) -> int:
        return sum(len(getattr(self, kind)) for kind in KINDS)
