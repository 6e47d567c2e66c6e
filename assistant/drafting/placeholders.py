"""Masked numbers never reach a final text.

Exemplars are shown with their numbers masked (N件, X年); a model that copies one writes 「N件」 into
the draft. The guard flags it and the section is regenerated once with that feedback; if the text
kept still carries a masked number, each sentence holding one is taken out (said in the notes,
sentence by sentence), and when nothing usable is left the offline text stands in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.drafting.guard import check_section
from assistant.drafting.model import SectionDraft

MASKED = re.compile(
    r"(?<![A-Za-z0-9])(?:[NX]|[XxＸｘ]{2,})(?=[件个项次条篇%％年月日万元人名份家起场期批户宗例部类余])|[XxＸｘ]{3,}"
)
_SENTENCE = re.compile(r"[^。！？!?；;\n]*[。！？!?；;]?|\n")
MIN_LEFT = 15  # characters of prose a section keeps after sentences are taken out, or it falls back


def settle(sd: SectionDraft, grounding, offline_text) -> SectionDraft:
    """`sd` without masked numbers: sentences holding one removed, or the offline text when nothing
    usable is left. `offline_text(section, grounding)` writes the fallback."""
    if sd.backend == "offline" or not MASKED.search(sd.text):
        return sd
    kept, notes = [], []
    for piece in _SENTENCE.findall(sd.text):
        m = MASKED.search(piece)
        if m:
            notes.append(f"模型照搬了范文中被遮盖的数字（{m.group()}），已删除该句：“{piece.strip()[:60]}”")
        else:
            kept.append(piece)
    text = re.sub(r"\n{2,}", "\n", "".join(kept)).strip()
    if len(re.sub(r"\s", "", text)) < MIN_LEFT:
        return _offline(sd, grounding, offline_text, notes)
    result = check_section(sd.key, text, grounding)
    history = (*sd.history, sd.text)
    return replace(sd, text=text, findings=result.findings, sentences=result.sentences,
                   notes=(*sd.notes, *notes), history=history)  # fmt: skip


def _offline(sd: SectionDraft, grounding, offline_text, removed: list[str]) -> SectionDraft:
    text = offline_text(sd.key, grounding)
    result = check_section(sd.key, text, grounding)
    note = "模型照搬了范文中被遮盖的数字，删除相关句子后所剩无几，本部分已改用离线起草"
    return replace(sd, text=text, backend="offline", findings=result.findings, sentences=result.sentences,
                   notes=(*sd.notes, *removed, note), fallback=True, history=(*sd.history, sd.text))  # fmt: skip
