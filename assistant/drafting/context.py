"""What the words around a number of a draft say it is (pure helpers of `binding`).

- the table quantity its sentence names (the reader's keyword windows, `core.quantities`):
  新收申请36件 is about 本年新收申请, whatever else equals 36;
- a rank (第2名, 排名第1, 位列第三, 前三名): only a rank the staff stated may be written;
- a comparison with last year (同比, 较上年, 增长, 下降 …) near it: only then may a number be a
  year-on-year change;
- the share it is (予以公开的占…, 办结率, 复议纠错率): a percentage binds to a share metric only if
  the sentence names that share's subject.
"""

from __future__ import annotations

import re

from assistant.core.numbers import NumberMention, parse_decimal
from assistant.core.quantities import Quantity, named_quantities, sentence_spans

KIND_RANK = "rank"  # a NumberMention / Source kind of its own: 第2名, 排名第1

_NUM = r"[0-9０-９]+|[一二三四五六七八九十两]+"
_RANK_WORDS = r"排名|排位|排序|排行|位列|名列|位居|位次|名次|排在|(?<!民)居(?=全|首|第)"
_NOT_RANK_AFTER = r"[0-9０-９一二三四五六七八九十两方批期次届条款项章节部轮个件]"  # 第三方, 第2批 …
_RANK = re.compile(
    rf"(?:{_RANK_WORDS})[^，。；！？!?\n\d第]{{0,8}}(?P<a>第\s*(?:{_NUM})(?:\s*[名位]|(?!{_NOT_RANK_AFTER})))"
    rf"|(?P<b>第\s*(?:{_NUM})\s*名(?!单|义|额))"
    rf"|(?P<c>前\s*(?:{_NUM})\s*[名位])"
)
_DIGITS = re.compile(_NUM)

# A comparison with last year, or a trend word: a change (较上年增加4件, 增长13.3%) may be stated.
COMPARATIVE = (
    "同比", "较上年", "比上年", "与上年", "较去年", "比去年", "与去年", "较上一年", "比上一年",
    "上年同期", "环比", "相比", "相较", "增长", "增加", "上升", "提高", "减少", "下降", "降低",
    "持平", "增幅", "降幅", "增减", "涨幅", "减幅", "回落", "上涨", "翻番",
)  # fmt: skip
CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?\n：:]")

# The subject words of each share metric (drafting.metrics.SHARES).
SHARE_SUBJECTS: dict[str, re.Pattern[str]] = {
    key: re.compile(pattern)
    for key, pattern in (
        ("share.granted", r"(?<![主动不])予以公开|全部公开"),
        ("share.partially_granted", r"部分公开"),
        ("share.natural_person", r"自然人|个人申请|群众申请"),
        ("share.orgs", r"法人|其他组织"),
        ("rate.closed", r"办结|办理完毕|处理完毕"),
        ("rate.review_corrected", r"复议"),
        ("rate.litigation_corrected", r"诉讼|起诉"),
    )
}
_SHARE_WORD = re.compile(r"占|比例|比重|率")


def ranks(text: str) -> list[NumberMention]:
    """Every rank stated in `text`, as mentions of kind `KIND_RANK` (raw: 第2名, 第1, 前三名)."""
    out = []
    for m in _RANK.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        raw, start = m.group(group), m.start(group)
        value = parse_decimal(_DIGITS.search(raw[1:]).group())  # type: ignore[union-attr]
        if value is not None:
            out.append(NumberMention(value, raw, "名", KIND_RANK, start, start + len(raw)))
    return out


def named_in(text: str, year: int | None) -> dict[int, Quantity]:
    """Position in `text` of every number its sentence ties to a table quantity → that quantity."""
    out = {}
    for offset, s in sentence_spans(text):
        for n in named_quantities(s, year):
            out[offset + n.mention.start] = n.quantity
    return out


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, stops) around `pos`."""
    start = 0
    for m in CLAUSE_SPLIT.finditer(text, 0, pos):
        start = m.end()
    m = CLAUSE_SPLIT.search(text, pos)
    return start, (m.start() if m else len(text))


def sentence_of(text: str, pos: int) -> str:
    start = max(text.rfind(ch, 0, pos) for ch in "。！？!?\n") + 1
    ends = [i for i in (text.find(ch, pos) for ch in "。！？!?\n") if i >= 0]
    return text[start : min(ends) if ends else len(text)]


def comparative(text: str, m: NumberMention) -> bool:
    """A comparison with last year or a trend word in the clause of `m`."""
    c0, c1 = clause_bounds(text, m.start)
    return any(w in text[c0:c1] for w in COMPARATIVE)


def share_named(text: str, m: NumberMention, previous_end: int) -> str | None:
    """The share metric the words just before percentage `m` name (予以公开的占办理总数的 51.4%):
    exactly one subject and a share word (占, 比例, 率) between the previous number and `m`."""
    c0, _ = clause_bounds(text, m.start)
    seg = text[max(c0, previous_end) : m.start]
    if not _SHARE_WORD.search(seg):
        return None
    keys = [k for k, p in SHARE_SUBJECTS.items() if p.search(seg)]
    return keys[0] if len(keys) == 1 else None


def share_subject_in(sentence: str, key: str) -> bool:
    """Whether `sentence` names the subject of share metric `key` (any other key: True)."""
    pattern = SHARE_SUBJECTS.get(key)
    return pattern is None or bool(pattern.search(sentence))
