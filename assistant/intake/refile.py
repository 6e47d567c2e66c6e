"""Which saved narrative a short filing instruction means: 「第一句放错了」「那个领导小组的放错了」
「删掉这段」. Pure.

The items saved by the last narrative reply are cut into sentences (in the order the reply listed
them). An ordinal (第一句 / 第二句 / 最后那句) names one sentence; words of the message that occur in
exactly one sentence (「领导小组的放错了」) name that one; otherwise 「这个」「这段」 is the last item saved,
whole. Never every item at once: the clerk points at one thing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.intake import narrative as N

_SENTENCE = re.compile(r"[^。！？!?；;]+[。！？!?；;]?")
_ORDINALS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_NTH = re.compile(r"第([一二两三四五12345])[句条段]|(?:头|开头|前面|上面)(?:那|一)?[句条]")
_LAST = re.compile(r"(?:最后|末尾|后面|下面|后)(?:那|一|的那)?[句条]")
_REMOVE = re.compile(r"删掉|删除|删了|去掉|拿掉|撤掉|不要了|不用了|不要这")
_POINTER = re.compile(
    r"这段|那段|这句|那句|这条|那条|这个|那个|刚才|刚刚|上一条|上一句|最后|第[一二两三四五12345][句条段]|头[一那]?句"
)
_GENERIC = re.compile(
    r"刚才|刚刚|那个|这个|这段|那段|这句|那句|这条|那条|放错|弄错|归错|不是|应该|属于|放到|放在|删掉|删除"
    r"|不要|的内容|内容|部分|栏目|一下|我们|今年|了吧|了|吧|的|是|里|中|去|放|算"
)
MIN_SHARED = 3  # characters a message and a sentence must share for the sentence to be the one meant
MAX_CHARS = 30  # a filing instruction is short; a longer message is material


@dataclass(frozen=True)
class Piece:
    """One sentence of a saved item: the item's index in the last reply and the sentence's text."""

    item: int
    key: str
    text: str


def pieces(items: list[dict]) -> list[Piece]:
    return [
        Piece(i, n["key"], m.group().strip())
        for i, n in enumerate(items)
        for m in _SENTENCE.finditer(n["text"])
        if m.group().strip("。！？!?；; ")
    ]


def is_removal(message: str) -> bool:
    """「删掉这段」「刚才那段不要了」「最后那句不用记」: a short message removing saved text."""
    if len(message) > MAX_CHARS or N.named_topic(message):  # 「信息管理方面，这句……」 is itself material
        return False
    return bool(_REMOVE.search(message) and _POINTER.search(message))


def meant(message: str, items: list[dict]) -> list[Piece]:
    """The sentences (or the last item, whole) the instruction points at."""
    found = pieces(items)
    if not found:
        return []
    nth = _NTH.search(message)
    if nth:
        n = _ORDINALS.get(nth.group(1) or "一", 1)
        return [found[n - 1]] if n <= len(found) else []
    if _LAST.search(message):
        return [found[-1]]
    named = _named_by_words(message, found)
    if named:
        return [named]
    last = len(items) - 1
    return [Piece(last, items[last]["key"], items[last]["text"])]


def _named_by_words(message: str, found: list[Piece]) -> Piece | None:
    """The one sentence sharing the longest run of the message's own words (≥ MIN_SHARED characters)."""
    words = _GENERIC.sub("|", _without_topics(message))
    runs = [w for w in re.split(r"[|，,。！？!?\s“”「」]+", words) if len(w) >= MIN_SHARED - 1]
    best: tuple[int, list[Piece]] = (0, [])
    for p in found:
        shared = max((_longest_common(w, p.text) for w in runs), default=0)
        if shared > best[0]:
            best = (shared, [p])
        elif shared == best[0] and shared:
            best[1].append(p)
    return best[1][0] if best[0] >= MIN_SHARED and len(best[1]) == 1 else None


def _without_topics(message: str) -> str:
    names = "|".join(p for _, p in N.NAMES)
    return re.sub(names, "|", message)


def _longest_common(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(i + best + 1, len(a) + 1):
            if a[i:j] in b:
                best = j - i
            else:
                break
    return best


def quote(text: str, width: int = 16) -> str:
    """The start of a saved text as the reply quotes it."""
    text = text.strip()
    return text if len(text) <= width else text[:width] + "……"


def cut(section: str, text: str) -> str:
    """`section` without the first occurrence of `text` (a saved sentence), stray separators tidied."""
    at = section.find(text)
    if at < 0:
        return section
    before, after = section[:at], section[at + len(text) :]
    if not after.strip() and before.endswith(("；", ";")):
        before = before[:-1] + "。"  # the last of 「一是……；二是……」 moved: the one before now ends the text
    return (before + after).strip()


_REPLACE = re.compile(
    r"^(?P<ptr>[^：:]{0,24}?)[，,\s]*(?:写的?不对|不对|写错了|有误|错了)?[，,\s]*(?:改成|换成|改为|应该是|应为)[：:\s]*[“「\"]?"
    r"(?P<new>[^”」\"]+?)[”」\"]?[。.]?$"
)


def replacement(message: str) -> tuple[str, str] | None:
    """「刚才那个问题写的不对，改成：政策解读还不够深入」: (the pointer words, the new text) of a
    correction of saved text; None when the message points at nothing or gives too little."""
    m = _REPLACE.match(message.strip())
    if not m or not _POINTER.search(m.group("ptr")) or len(m.group("new").strip()) < N.MIN_CHARS:
        return None
    if part_named(m.group("new")[:8]) or N.MISPLACED.search(
        message
    ):  # 「这段应该是主动公开的内容」 is a move
        return None
    return m.group("ptr"), m.group("new").strip()


def part_named(words: str) -> str | None:
    """「那个问题」「平台那句」: the part a pointer names, if any."""
    for key, pattern in N.NAMES:
        if key != N.BOTH and re.search(pattern, words):
            return key
    return None
