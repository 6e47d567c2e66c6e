"""Offline regeneration with an instruction: the declared set it can follow, and plain words when not.

Declared instructions: 更简洁 (general sentences and list leads dropped), 更详细 (the general
formulation of each part added where the text has only data), 更正式 (the colloquial → 公文 lexicon
applied to the text), 突出X (the sentences about X moved to the front of their paragraph). Each works
on the current text (the staff's edits kept) and says what it did, or plainly that it could not.
Anything else in the instruction is named back as not understood, never claimed as done.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.drafting.formal import formalize, tidy

CONCISE, DETAILED, FORMAL, HIGHLIGHT = "concise", "detailed", "formal", "highlight"
_WORDS = (
    (CONCISE, r"更?(?:简洁|简练|精简|简短|压缩|缩短|短一些|少写)"),
    (DETAILED, r"更?(?:详细|详实|具体|展开|丰富|多写)"),
    (FORMAL, r"更?(?:正式|规范|书面|公文)"),
)
_HIGHLIGHT = re.compile(
    r"(?:突出|强调|重点(?:写|说明|介绍)?|多写)(?:一下)?[“\"']?([^，,。；;、“”\"']{1,16}?)[”\"']?(?:的?(?:情况|内容|工作))?(?=[，,。；;、]|$)"
)
REPHRASE = "请换一种表述"
# Sentences that say nothing particular: dropped first when asked for brevity.
_GENERAL = re.compile(
    r"以公开为常态|知情权、参与权|不断规范|持续提升|自觉接受社会监督|做好栏目内容的日常维护|依法依规作出答复"
    r"|及时发布与群众切身利益|落实政府信息公开保密审查要求"
)
_OPENING = re.compile(
    r"^(\d{4}年，[^，。]{2,40}?(?:贯彻|按照|落实)[^。]*?《中华人民共和国政府信息公开条例》(?:（以下简称《条例》）)?)[^。]*。"
)
_LEADS = re.compile(r"(?:主要做了以下工作|主要开展了以下工作|具体情况如下)：")


@dataclass(frozen=True)
class Revision:
    text: str
    notes: tuple[str, ...]


def parse(instruction: str) -> tuple[list[tuple[str, str]], str]:
    """The declared instructions found ((kind, argument)), and what is left not understood."""
    found: list[tuple[str, str]] = []
    rest = instruction or ""
    for m in list(_HIGHLIGHT.finditer(rest)):
        found.append((HIGHLIGHT, m.group(1)))
    rest = _HIGHLIGHT.sub("", rest)
    for kind, pattern in _WORDS:
        if re.search(pattern, rest):
            found.append((kind, ""))
            rest = re.sub(pattern, "", rest)
    rest = re.sub(r"[，,。；;、\s]|请|一些|一点|一下|写得?|改得?|再|把|要|些|点", "", rest)
    return found, rest


def revise(text: str, instruction: str, general: Mapping[str, str] | None = None) -> Revision:
    """`text` revised by the declared instructions of `instruction`; `general` gives, per part
    heading (主动公开 …), the general sentence 更详细 may add to that part."""
    ops, rest = parse(instruction)
    notes: list[str] = []
    out = text
    for kind, arg in ops:
        new, note = _apply(kind, arg, out, general or {})
        out = new
        notes.append(note)
    if rest:
        notes.append(
            f"离线起草无法执行修改要求中的“{rest}”，这部分未改动；如需按此修改，请配置模型或直接编辑"
        )
    if not ops:
        notes.append(
            "离线起草只能执行“更简洁”“更详细”“更正式”“突出某项内容”，未识别出其中的要求，正文未按要求改动"
        )
    return Revision(out, tuple(notes))


def _apply(kind: str, arg: str, text: str, general: Mapping[str, str]) -> tuple[str, str]:
    if kind == CONCISE:
        new = concise(text)
        return (
            (new, f"已删去一般性表述，由 {_len(text)} 字精简为 {_len(new)} 字")
            if new != text
            else (
                text,
                "正文中没有可删去的一般性表述，离线起草无法在不丢失事实的前提下进一步精简",
            )
        )
    if kind == DETAILED:
        new = detailed(text, general)
        if new == text:
            return text, "离线起草没有可补充的内容；如需更详细，请在对话中补充具体做法"
        return new, f"已补充一般性表述（{_len(text)} 字 → {_len(new)} 字），具体做法请经办人补充"
    if kind == FORMAL:
        new = tidy(formalize(text))
        return (new, "已按公文用语改写口语化表述") if new != text else (text, "正文已是公文用语，未改动")
    new = highlight(text, arg)
    if new == text:
        if arg not in text:
            return text, f"正文中没有“{arg}”的内容，无法突出；请在对话中补充相关情况"
        return text, f"“{arg}”已在段首，未改动"
    return new, f"已将“{arg}”相关内容移至所在段落的前面"


def _len(text: str) -> int:
    return len(re.sub(r"\s", "", text))


_SENT = re.compile(r"[^。！？；\n]+[。！？；]?")
_WHOLE = re.compile(r"[^。！？\n]+[。！？]?")


def concise(text: str) -> str:
    """Without general sentences (those with no number) and list leads."""
    paragraphs = []
    for para in text.split("\n"):
        m = _OPENING.match(para)
        if m and not paragraphs:  # the opening formula: its first words stay
            para = m.group(1) + "，扎实做好政府信息公开工作。" + para[m.end() :]
        kept = [s for s in _SENT.findall(para) if not (_GENERAL.search(s) and not _has_fact_number(s))]
        para = _LEADS.sub("", "".join(kept))
        if para.strip():
            paragraphs.append(para)
    return "\n".join(paragraphs)


def _has_fact_number(sentence: str) -> bool:
    """A number other than the report's year (2024年，… opens every general sentence)."""
    return bool(re.search(r"\d", re.sub(r"\d{4}年", "", sentence)))


def detailed(text: str, general: Mapping[str, str]) -> str:
    """With each part's general sentence added to the part's paragraph where it lacks it."""
    out = []
    for para in text.split("\n"):
        for label, sentence in general.items():
            if para.startswith("（") and label in para[:16] and sentence not in para:
                para += sentence
                break
        out.append(para)
    return "\n".join(out)


def highlight(text: str, subject: str) -> str:
    """The sentences about `subject` moved to the front of their paragraph (after a （一）heading)."""
    if not subject:
        return text
    out = []
    for para in text.split("\n"):
        head = re.match(r"^（[一二三四五六七八九十]）[^。]{1,20}。", para)
        lead, body = (head.group(), para[head.end() :]) if head else ("", para)
        sentences = _WHOLE.findall(body)  # a 一是…；二是… list moves as a whole
        about = [_items_first(s, subject) for s in sentences if subject in s]
        others = [s for s in sentences if subject not in s]
        out.append(lead + "".join(about + others) if about else para)
    return "\n".join(out)


_ORD = "一二三四五六七八九十"
_LIST = re.compile(r"^(.*?)一是(.+?)([。！？]?)$", re.S)


def _items_first(sentence: str, subject: str) -> str:
    """A 一是A；二是B。 list with the items about `subject` first, numbered again."""
    m = _LIST.match(sentence)
    if not m:
        return sentence
    items = re.split(rf"；(?:[{_ORD}]是)", m.group(2))
    if len(items) < 2 or len(items) > len(_ORD):
        return sentence
    ordered = [i for i in items if subject in i] + [i for i in items if subject not in i]
    return m.group(1) + "；".join(f"{_ORD[k]}是{item}" for k, item in enumerate(ordered)) + m.group(3)
