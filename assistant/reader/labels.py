"""Normalising printed labels and matching them to the official labels of `core.spec`.

Printed labels differ from the template in harmless ways (spaces, line breaks, half-width "(一)",
numbering) and in real ways (typos such as 本年度止件数). `norm` removes the harmless differences;
what still differs after `norm` but is recognised (a known alias or a close fuzzy match) is a
label deviation that the reader reports with the official wording.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from assistant.core.facts import SLASH
from assistant.core.numbers import parse_decimal, to_halfwidth

T = TypeVar("T")

_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．，,]"
    r"|[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]"
    r"|\d{1,2}\s*[.．、，,)）](?!\d)"
    r"|[①②③④⑤⑥⑦⑧⑨⑩])\s*"
)
_NON_WORD = re.compile(r"[\W_]+")

# Misprints seen in real reports (FORMAT.md §8 label_aliases), after `norm`: printed → official.
# Differences of spacing and parenthesis width need no alias: `norm` already removes them.
LABEL_ALIASES: Mapping[str, str] = {
    "本年度止件数": "本年废止件数",
    "只计这一情况": "只计这一情形",
    "属于三类内容事务信息": "属于三类内部事务信息",
    "其他法律行政止公开": "其他法律行政法规禁止公开",
    "规范性檔案": "规范性文件",
    "现行有效件数历史累计": "现行有效件数",
}
FUZZY_CUTOFF = 0.8
# A mistyped official label (「4.涉及第三方合法权益」 for 「4.保护第三方合法权益」): below the cutoff but far
# closer to one official label than to any other, with a long run in common, is that label, deviating.
NEAR_CUTOFF, NEAR_MARGIN, NEAR_RUN = 0.7, 0.3, 5

_SLASH_TEXTS = {"/", "／", "—", "——", "-", "－", "–", "\\", "—/—"}
_BARE_NUMBERING = re.compile(r"^\d{1,2}[.．、]$")
_VALUE_RE = re.compile(
    r"^[-+−－]?\s*[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?\s*(?:件|个|项|次|万元|元)?$"
)


def strip_numbering(text: str) -> str:
    """'（一）予以公开' → '予以公开'; '3.其他' → '其他'; '一、本年新收…' → '本年新收…'."""
    return _NUMBERING.sub("", text or "", count=1)


def norm(text: str | None) -> str:
    """The comparable form of a label: no numbering, spaces, line breaks or punctuation."""
    return _NON_WORD.sub("", to_halfwidth(strip_numbering(text or "")))


def squash(text: str | None) -> str:
    """Like `norm` but keeps the numbering (for headings and whole-row texts)."""
    return _NON_WORD.sub("", to_halfwidth(text or ""))


def unalias(normed: str) -> str:
    for wrong, right in LABEL_ALIASES.items():
        if wrong in normed:
            normed = normed.replace(wrong, right)
    return normed


def is_value_like(text: str | None) -> bool:
    """A table value cell: a number (half/full width, thousands commas, unit), blank, "/" or "—"."""
    if text is None:
        return False
    t = text.strip()
    if not t or t in _SLASH_TEXTS or t in ("无", "空"):
        return True
    if _BARE_NUMBERING.match(t):  # 「2.」 left alone on a line when the label's text sits higher
        return False
    if _VALUE_RE.match(t):
        return True
    return len(t) <= 4 and parse_decimal(t) is not None


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()


def is_slash(text: str) -> bool:
    return text.strip() in _SLASH_TEXTS or text.strip() == SLASH


@dataclass(frozen=True)
class LabelMatch(Generic[T]):
    target: T
    official: str  # the official label matched
    exact: bool  # equal after `norm`: no deviation to report


class LabelIndex(Generic[T]):
    """Official labels (normalised) → targets; exact, alias and fuzzy lookups."""

    def __init__(self, labels: Mapping[str, T]):
        self._by_norm: dict[str, tuple[str, T]] = {}
        for label, target in labels.items():
            self._by_norm.setdefault(norm(label), (label, target))

    def __contains__(self, normed: str) -> bool:
        return normed in self._by_norm

    def exact(self, normed: str) -> LabelMatch[T] | None:
        hit = self._by_norm.get(normed)
        return LabelMatch(hit[1], hit[0], True) if hit else None

    def match(self, raw: str, fuzzy: bool = True) -> LabelMatch[T] | None:
        n = norm(raw)
        if not n:
            return None
        hit = self.exact(n)
        if hit:
            return hit
        fixed = unalias(n)
        if fixed != n and fixed in self._by_norm:
            label, target = self._by_norm[fixed]
            return LabelMatch(target, label, False)
        if not fuzzy or len(n) < 4:
            return None
        return self._fuzzy(n)

    def _fuzzy(self, n: str) -> LabelMatch[T] | None:
        best, best_ratio, second = None, 0.0, 0.0
        for cand in self._by_norm:
            if abs(len(cand) - len(n)) > max(len(cand), len(n)) // 2:
                continue
            r = difflib.SequenceMatcher(None, n, cand, autojunk=False).ratio()
            if r > best_ratio:
                best, best_ratio, second = cand, r, best_ratio
            elif r > second:
                second = r
        if best is None or best_ratio - second < 0.05:
            return None
        if best_ratio < FUZZY_CUTOFF and not _near(n, best, best_ratio - second):
            return None
        label, target = self._by_norm[best]
        return LabelMatch(target, label, False)

    def suffix(self, normed: str, anywhere: bool = False) -> LabelMatch[T] | None:
        """The longest official label that `normed` ends with (row labels joined across cells);
        with `anywhere`, the longest one it contains (labels wrapped around the row's values)."""
        best: tuple[str, T] | None = None
        best_len = 0
        for cand, hit in self._by_norm.items():
            found = cand in normed if anywhere and len(cand) >= 4 else normed.endswith(cand)
            if len(cand) > best_len and found:
                best, best_len = hit, len(cand)
        return LabelMatch(best[1], best[0], True) if best else None


def _near(n: str, official: str, margin: float) -> bool:
    """A slip of a word or two in a long label: most of it in one run, no other label anywhere near."""
    if margin < NEAR_MARGIN or min(len(n), len(official)) < 6:
        return False
    ratio = difflib.SequenceMatcher(None, n, official, autojunk=False)
    run = ratio.find_longest_match(0, len(n), 0, len(official)).size
    return ratio.ratio() >= NEAR_CUTOFF and run >= NEAR_RUN
