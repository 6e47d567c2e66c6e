"""Drafting services for texts the staff already have: re-check an edited text, regenerate one
section of the stored texts. The shell hands in the report's facts and texts and shows what comes
back; the grounding (the numbers a text may state) is drafting's own business."""

from __future__ import annotations

from collections.abc import Mapping

from assistant.config import Settings
from assistant.core.facts import ReportFacts
from assistant.core.report import Report
from assistant.drafting.grounding import build_grounding
from assistant.drafting.guard import GuardResult, check_section
from assistant.drafting.model import Draft, SectionDraft
from assistant.drafting.service import regenerate_section


def recheck(facts: ReportFacts, previous: Report | None, section: str, text: str) -> GuardResult:
    """The guard on `text` against this year's data (after an edit or a restore)."""
    return check_section(section, text, build_grounding(facts, previous))


def regenerate(
    facts: ReportFacts,
    previous: Report | None,
    texts: Mapping[str, str],
    section: str,
    instruction: str,
    settings: Settings,
) -> SectionDraft:
    """`section` drafted again following `instruction`, from the stored `texts` (section → text)."""
    g = build_grounding(facts, previous)
    current = {k: SectionDraft(k, t, "staff") for k, t in texts.items() if t}
    current.setdefault(section, SectionDraft(section, "", "staff"))
    draft = Draft(g.facts, current, grounding=g)
    return regenerate_section(draft, section, instruction, settings=settings).sections[section]
