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


def split_label(item: str) -> tuple[str, str]:
    """(the note key the item's label names or "", the item without its label)."""
    m = _LABEL.match(item)
    if not m:
        return "", item
    name = next(g for g in m.groups() if g)
    return _KEY_OF[name], item[m.end() :].strip(" ，,：:")


def note_items(text: str) -> list[str]:
    """The staff's note split into items (by ；。 and line breaks)."""
    return [p.strip(" ，,") for p in re.split(r"[；;。\n]", text or "") if p.strip(" ，,")]


# The note's own enumeration: 一是 / （一） / 1、 / 第一，… (the drafter numbers the items itself).
_ORDINAL = r"(?:[一二三四五六七八九十]是|[（(][一二三四五六七八九十\d]{1,2}[)）]|(?<![\d.])\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十][，,、])"
_LEADING_ORDINAL = re.compile(rf"^\s*{_ORDINAL}\s*")
_INLINE_ORDINAL = re.compile(rf"(?:[，,：:]|\s)\s*(?={_ORDINAL})")
# What introduces a list rather than says anything: 存在的问题主要是：/ 问题， / 下一步打算 / 主要有：
_INTRO = re.compile(
    r"^(?:(?:本年度|全年)?(?:存在的?|主要的?)?(?:问题|不足|措施|改进措施)?(?:主要)?(?:是|有|包括|如下)[：:，,]"
    r"|(?:存在的?)?(?:主要)?问题[：:，,]"
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


def routed_items(notes: Mapping[str, str], self_name: str = "本机关") -> dict[str, list[str]]:
    """Every note's items in 公文 form and without labels or the note's own ordinals, under the key
    their label names (else the note's own); an item typed twice is kept once."""
    out: dict[str, list[str]] = {}
    seen: list[str] = []
    for key, text in notes.items():
        current = key
        for raw in note_items(text):
            label, rest = split_label(formalize(raw, self_name))
            current = label or current
            for piece in _pieces(rest):
                if not any(_same(piece, s) for s in seen):
                    seen.append(piece)
                    out.setdefault(current, []).append(piece)
    return out
