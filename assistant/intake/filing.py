"""Where a sentence of a chat message goes as narrative: the part the user named, the narrative
question asked, the part a sentence goes on about (「还有就是……」), or its keywords; 信息处理费 clauses
to section 六. A mixin of `extract._Reader` (pure)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.intake import answers as A
from assistant.intake import narrative as N
from assistant.intake.accounting import only_talk, talk_and_counts, unaccounted
from assistant.intake.model import NARRATIVE_TOPIC_PREFIX, Extraction, ExtractionContext, NarrativeProposal
from assistant.intake.phrases import find_row, is_info_fee, numbers

_GOING_ON = re.compile(
    r"^(?:还有就是|还有一个是|还有一点是|再就是|再有就是|再一个是|其次|此外|另一方面)[，,]?"
)


def restated(proposals, ctx: ExtractionContext) -> bool:
    """Under a narrative question, a message whose numbers only repeat cells already given is the
    part's material (「今年没有收到申请」 for 依申请公开), not a new table answer."""
    if not proposals or not (ctx.topic or "").startswith(NARRATIVE_TOPIC_PREFIX):
        return False
    said = [p for p in proposals if not p.inferred]
    return bool(said) and all(
        isinstance(ctx.cells.get(p.key), int | Decimal) and ctx.cells[p.key] == p.value for p in said
    )


_SAME_ZERO = re.compile(r"^[，,\s]*(?:也|都|均|全|全部)?(?:是|为|记)?\s*$")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_ABOUT_REQUESTS = re.compile(
    r"主要|大多|多为|大部分|集中|涉及|问|咨询|申请|答复|期限|按时|按期|及时|内容|事项"
)


def request_notes(ex: Extraction, message: str) -> Extraction:
    """「新收8件，都是个人，主要是问征地补偿和宅基地审批的」: what a 表二 sentence says beyond its numbers
    is 依申请公开 material, kept whole (numbers included) beside the cells it gives, also when its count
    is vague and asked again (「今年收了三百多件，大部分是问棚改补偿的」). A clause without a number
    beside other table values (「许可56件，这些决定都在网站同步公示了」) is the part its words name."""
    bare = replace(
        ex, questions=(), notes=()
    )  # a question quoting the whole sentence accounts for its count only
    unread = unaccounted(message, ex)
    lost = [
        c for c in unaccounted(message, bare) if len(c) >= N.MIN_CHARS and (c in unread or not numbers(c))
    ]
    notes = list(ex.narrative)
    for m in _SENTENCE.finditer(message):
        sentence = m.group().strip()
        mine = [c for c in lost if c in sentence]
        if not mine or any(sentence.rstrip("。") in n.text for n in notes):
            continue
        key = _beside_counts(sentence, mine, ex)
        if key:
            notes.append(NarrativeProposal(key, N.label(key), N.strip_named(sentence) + "。"))
    return replace(ex, narrative=tuple(notes)) if len(notes) > len(ex.narrative) else ex


def _beside_counts(sentence: str, lost: list[str], ex: Extraction) -> str | None:
    """The part a sentence's unread clauses belong to, when the sentence gives (or is asked for) table values."""
    keys = [p.key for p in ex.proposals if p.source in sentence]
    asked = any(sentence in q for q in ex.questions)
    row = find_row(sentence, weak=False)
    if (
        any(k.startswith("applications.") for k in keys)
        or (asked and row and row.key.startswith("applications."))
    ) and any(_ABOUT_REQUESTS.search(c) for c in lost):
        return "on_request"
    if not keys:
        return None
    found = {N.classify(c) for c in lost if not numbers(c)} - {None}
    return found.pop() if len(found) == 1 else None


_CORE = re.compile(r"[\s，,。；;！!？?、：:“”\"'…]+")


def answers_only(ex: Extraction) -> Extraction:
    """「没有」「都是」「对」「12条」 to the assistant's own question is an answer, never section text:
    such an item is dropped and said back (quoted, so it is accounted for)."""
    short = [n for n in ex.narrative if len(_CORE.sub("", n.text)) < N.MIN_CHARS]
    if not short:
        return ex
    notes = [f"“{n.text.rstrip('。')}”是对提问的回答，没有作为【{n.label}】的文字记入" for n in short]
    kept = tuple(n for n in ex.narrative if n not in short)
    return replace(ex, narrative=kept, notes=(*ex.notes, *notes))


class FilingReader:
    """The narrative half of the reader; `extract._Reader` holds the state."""

    sep: str = ""  # the character before the sentence being read (「；」 between 一是 and 二是)
    lead_named: str | None = None  # the part a lead-in (「依申请方面，」) named, not a heading alone

    def _home(self, sentence: str) -> str | None:
        """Where a sentence belongs as narrative: the part the user named, the narrative question
        asked, or (for a sentence that reads as narrative) its keywords."""
        self._switch(sentence)
        if self.named:
            return N.home_of(self.named, sentence)
        topic = self.ctx.topic or ""
        if topic.startswith(NARRATIVE_TOPIC_PREFIX):
            return "other" if N.SIX.search(sentence) else topic.removeprefix(NARRATIVE_TOPIC_PREFIX)
        if N.SIX.search(sentence):  # 「承办的政协提案4件都已公开」: section 六, no 表二 count
            return "other"
        if A.narrative_like(sentence):
            return N.classify(sentence)
        return None

    def _switch(self, sentence: str) -> None:
        """The part named earlier in the message ends where a later sentence is plainly another one:
        section 五 opening it (「存在问题是……」), or, after a lead-in (not a heading), a full sentence
        whose words are another 总体情况 part's (「依申请方面……。局网站完成了改造。」)."""
        if N.named_topic(sentence):
            self.lead_named = self.named
            return
        if self.named in N.SUBAREAS and N.five_lead(sentence):
            self.named = N.five_lead(sentence)  # 「监督保障方面……。存在问题是……」: section 五 from here
            return
        key = N.classify(sentence)
        if (
            self.named == self.lead_named in N.SUBAREAS
            and self.sep
            and self.sep in "。！？!?\n"
            and key in N.SUBAREAS
        ):
            self.named = self.lead_named = key

    def _info_fee(self, sentence: str) -> str:
        """The 信息处理费 clauses go to section 六; the others are returned when they name a table row."""
        parts = [p for p in re.split(r"[，,]", sentence) if p.strip()]
        fee = [p for p in parts if is_info_fee(p)]
        rest = [p for p in parts if not is_info_fee(p)]
        if (
            not fee
            or not rest
            or find_row("，".join(rest), weak=False) is None
            or not numbers("，".join(rest))
        ):
            self._add_narrative("other", sentence)
            return ""
        self._add_narrative("other", "，".join(fee))
        return "，".join(rest)

    def _going_on(self, sentence: str) -> str | None:
        """「还有就是解读材料形式单一」 after a problem: the same part, unless it names another one."""
        if not self.continues or not _GOING_ON.match(sentence):
            return None
        key = N.classify(_GOING_ON.sub("", sentence))
        return self.continues if key in (None, *N.SUBAREAS) or key == self.continues else None

    def _vague_material(self, sentence: str) -> bool:
        """「参加培训60余人次」「公众号发了二百来条」: a vague count that no table row takes is narrative
        (kept as said, never a table value); 「处罚二十来件」 names a row and is asked for exactly."""
        if (self.ctx.topic or "").startswith(NARRATIVE_TOPIC_PREFIX):
            return True
        return find_row(sentence, weak=False) is None and N.classify(sentence) is not None

    def _narrative_key(self, sentence: str) -> str | None:
        topic = self.ctx.topic or ""
        if topic.startswith(NARRATIVE_TOPIC_PREFIX):
            return topic.removeprefix(NARRATIVE_TOPIC_PREFIX)
        return N.classify(sentence)

    def _continued(self, sentence: str) -> str | None:
        """「对短期内大量申请的，建立了会商机制」 after an improvement: the same part, not dropped."""
        return self.continues if self.continues and len(sentence) >= N.MIN_CHARS else None

    def _add_narrative(self, key: str, text: str) -> None:
        if only_talk(text) or talk_and_counts(text):
            return  # 「依申请的我先说」「按申请人分的话，个人62件……」: no report text (talk, the counts are the table's)
        text = N.strip_named(text)
        text = text if text.endswith(("。", "！", "？")) else text + "。"
        if self.narrative and self.narrative[-1].key == key:
            prev = self.narrative.pop().text
            if self.sep in "；;" and prev.endswith("。"):
                prev = prev[:-1] + self.sep  # the user's own separator, not a full stop
            text = prev + text
        self.narrative.append(NarrativeProposal(key, N.label(key), text))

    def _zero_again(self, value, before: str) -> bool:
        """「规章我们没有制发权限，都是零」: a 0 that repeats the zeros just given to the row spoken of."""
        row = self.context_row
        if value != 0 or row is None or not _SAME_ZERO.match(before):
            return False
        return any(
            s.key.startswith(row.key + ".") and s.value == 0 for s in self.statements[self.sentence_first :]
        )

    # ------------------------------------------------------------ numbers
