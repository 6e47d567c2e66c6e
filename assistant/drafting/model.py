"""What drafting produces: a Draft of six sections, each with its text, bindings, findings, notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.findings import Finding
from assistant.core.report import Report
from assistant.drafting.grounding import Grounding
from assistant.drafting.guard import Sentence


@dataclass(frozen=True)
class SectionDraft:
    key: str  # a key of spec.SECTIONS
    text: str
    backend: str  # the backend that wrote `text`: "offline" or "openai"
    findings: tuple[Finding, ...] = ()  # the guard's, on `text`
    sentences: tuple[Sentence, ...] = ()  # each sentence with the sources of its numbers
    notes: tuple[str, ...] = ()  # for the user: fallbacks, assumptions, what to supply
    attempts: int = 1  # texts produced (2 after a regeneration with the guard's feedback)
    fallback: bool = False  # the LLM failed and the offline text stands in
    history: tuple[str, ...] = ()  # earlier texts of this section, oldest first

    @property
    def label(self) -> str:
        return spec.SECTION_BY_KEY[self.key].label

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "backend": self.backend,
            "fallback": self.fallback,
            "attempts": self.attempts,
            "text": self.text,
            "sentences": [s.to_json() for s in self.sentences],
            "findings": [f.to_json() for f in self.findings],
            "notes": list(self.notes),
            "history": list(self.history),
        }


@dataclass(frozen=True)
class Draft:
    facts: ReportFacts  # with the derived totals filled by the engine
    sections: Mapping[str, SectionDraft]
    table_findings: tuple[Finding, ...] = ()  # the engine's, on the facts
    notes: tuple[str, ...] = ()  # report-wide: backend chosen, corpus state
    backend: str = "offline"
    grounding: Grounding | None = field(default=None, compare=False, repr=False)

    @property
    def title(self) -> str:
        return f"{self.facts.agency}{self.facts.year}年政府信息公开工作年度报告"

    @property
    def findings(self) -> tuple[Finding, ...]:
        """The guard's findings, section by section in report order."""
        return tuple(f for key in _ordered(self.sections) for f in self.sections[key].findings)

    @property
    def table_errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.table_findings if f.is_error)

    def text(self, key: str) -> str:
        s = self.sections.get(key)
        return s.text if s else ""

    def to_report(self) -> Report:
        """The report: the drafted texts and the filled tables (for export and re-checking)."""
        f = self.facts
        return Report(
            source=f.source,
            title=self.title,
            agency=f.agency,
            year=f.year,
            format=f.format,
            sections={k: self.sections[k].text for k in _ordered(self.sections)},
            cells=dict(f.cells),
            findings=self.findings,
            level=f.level,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "agency": self.facts.agency,
            "year": self.facts.year,
            "format": self.facts.format,
            "backend": self.backend,
            "notes": list(self.notes),
            "table_findings": [x.to_json() for x in self.table_findings],
            "sections": [self.sections[k].to_json() for k in _ordered(self.sections)],
        }


def _ordered(sections: Mapping[str, SectionDraft]) -> list[str]:
    return [s.key for s in spec.SECTIONS if s.key in sections]


@dataclass(frozen=True)
class DraftEvent:
    """One step of a streamed draft.

    kind: "notes" (report-wide notes, first), "delta" (text to append to `section`), "reset"
    (discard what was streamed for `section`: a new attempt follows), "section" (the final
    SectionDraft of `section`; its text is authoritative), "waiting" (`text` says which sections the
    model is still writing and for how long), "done" (the whole Draft).
    """

    kind: str
    section: str = ""
    text: str = ""
    section_draft: SectionDraft | None = None
    draft: Draft | None = None
    notes: tuple[str, ...] = ()
