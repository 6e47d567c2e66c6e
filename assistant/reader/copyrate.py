"""How much of a report's text repeats last year's report (雷同率).

Method: character n-grams (n = 8) over the text with spaces and punctuation removed and every run
of digits replaced by "#", so that changing only the year or the numbers does not hide a copy.
A character of this year's section counts as repeated when it lies inside an 8-gram that also
occurs anywhere in last year's report (any section: copied text may move between sections). The
rate of a section is repeated characters / all characters; the overall rate pools all sections.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

N = 8
_NOISE = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")


def _normal(text: str) -> str:
    return _DIGITS.sub("#", _NOISE.sub("", text or ""))


def _grams(text: str) -> set[str]:
    return {text[i : i + N] for i in range(len(text) - N + 1)}


def _covered(text: str, grams: set[str]) -> int:
    covered = [False] * len(text)
    for i in range(len(text) - N + 1):
        if text[i : i + N] in grams:
            covered[i : i + N] = [True] * N
    return sum(covered)


def copy_rates(current: Mapping[str, str], previous: Mapping[str, str]) -> dict[str, tuple[float, int]]:
    """Per section key and "overall": (rate 0..1, characters compared)."""
    prev_grams: set[str] = set()
    for text in previous.values():
        prev_grams |= _grams(_normal(text))
    out: dict[str, tuple[float, int]] = {}
    total_chars = total_covered = 0
    for key, text in current.items():
        t = _normal(text)
        if len(t) < N:
            continue
        covered = _covered(t, prev_grams)
        out[key] = (covered / len(t), len(t))
        total_chars += len(t)
        total_covered += covered
    if total_chars:
        out["overall"] = (total_covered / total_chars, total_chars)
    return out
