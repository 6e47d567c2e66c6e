"""The staff's notes as items, without the topic labels they typed, each under the part it is about.

Staff often head their notes with the name of the part: 主动公开方面，全年通过…, 平台建设：在县政府网站…,
上年问题整改：针对…, 改进措施：2025年…. The label is not prose: it is stripped, and it says where the
item (and the items after it, until the next label) belongs. Items under 上年问题整改 go to the
follow-up of last year's problems (`FOLLOWUP`), never to this year's measures.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.drafting.formal import formalize

FOLLOWUP = "followup"  # a pseudo note key: what was done about last year's problems
_LABELS: tuple[tuple[str, str], ...] = (
    ("上年度问题整改情况", FOLLOWUP), ("上年度问题整改", FOLLOWUP), ("上年问题整改情况", FOLLOWUP),
    ("上年问题整改", FOLLOWUP), ("上年度整改情况", FOLLOWUP), ("上年整改情况", FOLLOWUP),
    ("问题整改情况", FOLLOWUP), ("问题整改", FOLLOWUP), ("整改情况", FOLLOWUP),
    ("政府信息公开平台建设", "platform"), ("公开平台建设", "platform"), ("平台建设", "platform"),
    ("政府信息管理", "info_mgmt"), ("信息管理", "info_mgmt"),
    ("依申请公开", "on_request"), ("依申请", "on_request"), ("主动公开", "active"),
    ("监督保障", "supervision"), ("公开平台", "platform"), ("平台", "platform"),
    ("存在的主要问题", "problems"), ("存在的问题", "problems"), ("存在问题", "problems"),
    ("主要问题", "problems"),
    ("改进措施", "improvements"), ("改进情况", "improvements"), ("整改措施", "improvements"),
    ("其他需要报告的事项", "other"), ("其他事项", "other"),
)  # fmt: skip
_KEY_OF = dict(_LABELS)
_NAMES = "|".join(re.escape(name) for name, _ in _LABELS)
# 主动公开方面，… / 平台建设：… / 【改进措施】… / 在监督保障方面，…: a label, never the item's own words.
_LABEL = re.compile(
    rf"^\s*(?:本年度|全年)?(?:[【\[]\s*({_NAMES})\s*[】\]]\s*[：:，,]?|在?({_NAMES})(?:工作)?方面\s*[：:，,]?"
    rf"|({_NAMES})(?:工作|方面)?\s*[：:])\s*"
)


# A sub-heading pasted alone (（一）主动公开 from last year's report): a label with nothing after it.
_HEADING = re.compile(
    rf"^\s*(?:[（(][一二三四五六七八九十]{{1,2}}[)）]|[一二三四五六七八九十][、.．])?\s*({_NAMES})\s*$"
)
# A note, or an item of one, that says nothing: 同去年, 没有, 暂无, 其他没了 (never printed as prose).
EMPTY_NOTE = re.compile(
    r"^\s*(?:同(?:去年|上年度?|往年|前)|与(?:去年|上年度?)(?:相同|一致|一样)|(?:暂|暂时|目前)?(?:无|没有|没)"
    r"|(?:其他|其它|别的)(?:的)?(?:都)?(?:没有|没了|没|无)(?:了)?|没有别的(?:了)?|无其他(?:事项)?|略|无变化)"
    r"\s*[。.！!]?\s*$"
)
# 同去年，… at the head of an item: the clause only says 「as last year」 (no previous report to lean on).
_SAME_AS_LAST = re.compile(r"^\s*同(?:去年|上年度?|往年)[，,：:]\s*")


def split_label(item: str) -> tuple[str, str]:
    """(the note key the item's label names or "", the item without its label)."""
    heading = _HEADING.match(item)
    if heading:
        return _KEY_OF[heading.group(1)], ""
    m = _LABEL.match(item)
    if not m:
        return "", item
    name = next(g for g in m.groups() if g)
    return _KEY_OF[name], item[m.end() :].strip(" ，,：:")


def note_items(text: str) -> list[str]:
    """The staff's note split into items (by ；。 and line breaks)."""
    return [p.strip(" ，,") for p in re.split(r"[；;。\n]", text or "") if p.strip(" ，,")]


# The note's own enumeration: 一是 / （一） / 1、 / 第一，… (the drafter numbers the items itself).
_ORDINAL = r"(?:[①-⑩]|(?<!\S)\d{1,2}\s+(?=[^\d\s])|[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]{1,2}[)）]|(?<![\d.])\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十][，,、])"
_LEADING_ORDINAL = re.compile(rf"^\s*{_ORDINAL}\s*")
_INLINE_ORDINAL = re.compile(rf"(?:[，,：:]|\s)\s*(?={_ORDINAL})|\s*(?=[①-⑩])")
# What introduces a list rather than says anything: 存在的问题主要是：/ 问题， / 下一步打算 / 主要有：
_INTRO = re.compile(
    r"^(?:(?:本年度|全年)?(?:存在的?|主要的?)?(?:问题|不足|措施|改进措施)?(?:主要)?(?:是|有|包括|如下)[：:，,]"
    r"|(?:存在的?)?(?:主要)?问题[：:，,]"
    r"|(?:存在的?)?(?:主要)?问题(?:就|只有|主要有)?(?:一个|一条|一点)[：:，,]"  # 主要问题就一个：…
    r"|(?:存在的?)?(?:主要)?问题(?:主要)?(?:就是|就|是|在于)(?!否)[：:，,]?(?=\w)"  # 问题就是人手不够
    rf"|(?:存在的?|主要的?)?(?:问题|不足)(?:主要)?(?:是|有|包括|表现在)?(?={_ORDINAL})"  # 问题一是… / 问题主要是一是…
    r"|(?:我[局镇办委县区市省]|我街道|我中心|本机关)?(?:下一步|今后)[，,：:]?(?:(?:打算|准备|计划|将)[，,]?)?|(?:我[局镇办委县区市省]|我街道|我中心|本机关)?(?:打算|准备|计划)[，,]?)"
)


def _pieces(item: str) -> list[str]:
    """One typed item as the items it lists: 打算一是A，二是B → [A, B]; a lone item as it is."""
    parts = _INLINE_ORDINAL.split(_bare(item))
    return [bare for bare in (_bare(p) for p in parts) if bare]


def _bare(text: str) -> str:
    """Without the intro words and the ordinal it starts with (打算下一步一是… → …)."""
    before = None
    text = text.strip(" ，,：:")
    while before != text:
        before = text
        text = _LEADING_ORDINAL.sub("", _INTRO.sub("", text)).strip(" ，,：:")
    return text


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a) == re.sub(r"\W", "", b)


def routed_items(
    notes: Mapping[str, str], self_name: str = "本机关", year: int | None = None
) -> dict[str, list[str]]:
    """Every note's items in 公文 form and without labels or the note's own ordinals, under the key
    their label names (else the note's own); an item typed twice is kept once."""
    out: dict[str, list[str]] = {}
    seen: list[str] = []
    for key, text in notes.items():
        current = key
        for raw in note_items(text):
            if EMPTY_NOTE.match(raw):
                continue  # 同去年 / 暂无 / 其他没了: says nothing (the area is reported as missing)
            label, rest = split_label(formalize(_SAME_AS_LAST.sub("", raw), self_name, year))
            current = label or current
            for piece in _pieces(rest):
                if not any(_same(piece, s) for s in seen):
                    seen.append(piece)
                    out.setdefault(current, []).append(piece)
    return out
