"""The offline drafter: deterministic, data-driven prose, no model and no network.

It is the default without a key, and the fallback of the LLM backend section by section. Its text
states only numbers of the grounding bundle, so the guard finds nothing in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from assistant.core import spec
from assistant.drafting.formal import tidy
from assistant.drafting.grounding import Grounding
from assistant.drafting.offline_overview import GENERIC, draft_overview
from assistant.drafting.offline_sections import (
    draft_lead_active,
    draft_lead_applications,
    draft_lead_review,
    draft_other,
    draft_problems,
    unmatched_problems,
)
from assistant.drafting.revise import REPHRASE, Revision, revise
from assistant.drafting.writer import SectionRequest

DRAFTERS: dict[str, Callable[[Grounding, str], str]] = {
    "s1_overview": draft_overview,
    "s2_active": draft_lead_active,
    "s3_applications": draft_lead_applications,
    "s4_review_litig": draft_lead_review,
    "s5_problems": draft_problems,
    "s6_other": draft_other,
}
REGENERATE_NOTE = (
    "离线起草已换一种表述重新生成；如需按要求修改，请在修改要求中写明“更简洁”“更详细”“更正式”或“突出某项内容”"
)


def offline_section(section: str, g: Grounding, variant: str = "") -> str:
    """The offline text of one drafted section."""
    return tidy(DRAFTERS[section](g, variant))


# How the grounding's notices name the section they are about (stripped: a section's notes are
# shown under, or prefixed with, the section's own label).
_NOTICE_PREFIX = {"s1_overview": "一、总体情况：", "s5_problems": "五：", "s6_other": "六："}


def section_notices(section: str, g: Grounding) -> tuple[str, ...]:
    """What the offline text had to assume, for the user (per section, without the section label)."""
    prefix = _NOTICE_PREFIX.get(section)
    notices = tuple(n.removeprefix(prefix) for n in g.notices if prefix and n.startswith(prefix))
    if section == "s5_problems":
        notices += tuple(
            f"未找到上年问题“{p}”的整改情况，已按“持续推进整改”起草，请补充" for p in unmatched_problems(g)
        )
    return notices


def offline_revision(request: SectionRequest) -> Revision | None:
    """The current text revised by the staff's instruction (None: no instruction, or 换一种表述)."""
    if not request.instruction or request.instruction == REPHRASE:
        return None
    current = request.current_text or offline_section(request.section, request.grounding)
    general = (
        {label: GENERIC[key] for key, label in spec.OVERVIEW_SUBAREAS}
        if request.section == "s1_overview"
        else {}
    )
    return revise(current, request.instruction, general)


class OfflineWriter:
    """The offline backend (SectionWriter)."""

    name = "offline"

    def write(self, request: SectionRequest) -> str:
        revision = offline_revision(request)
        if revision is not None:
            return revision.text
        return offline_section(request.section, request.grounding, request.instruction)

    def stream(self, request: SectionRequest) -> Iterator[str]:
        text = self.write(request)
        for piece in re.findall(r"[^。；：\n]*[。；：\n]?", text):
            if piece:
                yield piece
