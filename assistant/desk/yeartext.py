"""Text helpers for the years report: sections of a result, and last year's problems answered."""

from __future__ import annotations

import re

from assistant.audit import AuditResult

_ITEM = re.compile(
    r"(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、)"
)
_SENT = re.compile(r"(?<=[。；;！？])")
_PUNCT = re.compile(r"[\s，。；：、“”‘’（）()《》,.;:!?！？]")
_COMMON = {"信息", "公开", "政府", "工作", "本年", "年度", "部分", "进一", "一步"}  # in every problem text
MIN_OVERLAP = 0.15


def sections_of(r: AuditResult) -> dict[str, str]:
    if r.report is not None:
        return {k: v for k, v in r.report.sections.items() if v.strip()}
    if r.facts is not None:
        return {k: v for k, v in r.facts.narrative.items() if v.strip()}
    return {}


def problem_items(text: str) -> list[str]:
    """The problems named in a 五、 section: numbered items (一是…, （一）…, 1.…) or its sentences."""
    text = "".join(text.split())
    head = text.split("改进", 1)[0] if "改进" in text[20:] else text
    parts = [p for p in _ITEM.split(head) if len(p) >= 8 and not _is_lead(p)]
    if len(parts) < 2:
        parts = [s for s in _SENT.split(head) if len(s) >= 8 and not _is_lead(s)]
    return [p.strip("。；;，, ") for p in parts][:10]


def _is_lead(part: str) -> bool:
    """An introduction ("本年度工作中还存在一些不足：") rather than a problem."""
    return part.rstrip().endswith(("：", ":"))


def _grams(s: str) -> set[str]:
    s = _PUNCT.sub("", s)
    return {s[i : i + 2] for i in range(len(s) - 1)} - _COMMON


def answers_to_problems(last_year: str, this_year: str) -> list[tuple[str, str]]:
    """Each of last year's problems with this year's most similar sentence ('' when none is close)."""
    flat = "".join(this_year.split())
    sentences = [p for s in _SENT.split(flat) for p in _ITEM.split(s) if len(p) >= 6]
    out = []
    for item in problem_items(last_year):
        g = _grams(item)
        best, score = "", 0.0
        for s in sentences:
            overlap = len(g & _grams(s)) / max(1, len(g))
            if overlap > score:
                best, score = s, overlap
        out.append((item, best if score >= MIN_OVERLAP else ""))
    return out
