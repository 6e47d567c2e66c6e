"""Drafting the prose sections of the report (DESIGN.md §2, issue 5).

`draft_report(facts, previous)` drafts 一、总体情况, 五、六 and the lead-ins of 二、三、四 from a
grounding bundle built by code (cells, metrics, the staff's notes, last year's problems, masked
exemplars), with an LLM (`backend="openai"`, any OpenAI-compatible endpoint) or the deterministic
offline drafter (the default without a key). Every text is checked by the guard (`guard.py`).
`stream_draft` yields the same as events; `regenerate_section` and `edit_section` revise one section.
"""

from assistant.drafting.exemplars import MemoryExemplar, MemoryRetriever, RetrieverLike
from assistant.drafting.model import Draft, DraftEvent, SectionDraft
from assistant.drafting.service import (
    NO_KEY,
    draft_report,
    draft_section,
    edit_section,
    regenerate_section,
    resolve_backend,
    stream_draft,
)
from assistant.drafting.writer import DRAFTED_SECTIONS, DraftingError, SectionRequest, SectionWriter

__all__ = [
    "DRAFTED_SECTIONS",
    "NO_KEY",
    "Draft",
    "DraftEvent",
    "DraftingError",
    "MemoryExemplar",
    "MemoryRetriever",
    "RetrieverLike",
    "SectionDraft",
    "SectionRequest",
    "SectionWriter",
    "draft_report",
    "draft_section",
    "edit_section",
    "regenerate_section",
    "resolve_backend",
    "stream_draft",
]
