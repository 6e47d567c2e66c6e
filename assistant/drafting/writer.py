"""The one small interface every drafting backend implements, and the request it receives."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from assistant.core.findings import Finding
from assistant.drafting.grounding import Grounding

# The sections drafted, in report order: 一 and 五/六 in full, the lead-ins of 二/三/四.
DRAFTED_SECTIONS = (
    "s1_overview",
    "s2_active",
    "s3_applications",
    "s4_review_litig",
    "s5_problems",
    "s6_other",
)


@dataclass(frozen=True)
class SectionRequest:
    section: str  # a key of spec.SECTIONS
    grounding: Grounding
    feedback: tuple[Finding, ...] = ()  # the guard's findings on `previous_text`
    previous_text: str = ""
    instruction: str = ""  # the staff's request when regenerating
    current_text: str = ""  # the text the instruction is about


class DraftingError(Exception):
    """A backend could not produce a usable text; the message (Chinese) says why."""


class SectionWriter(Protocol):
    """A drafting backend: writes one section's text, whole or as a stream of pieces."""

    name: str

    def write(self, request: SectionRequest) -> str: ...

    def stream(self, request: SectionRequest) -> Iterator[str]: ...
