"""Page furniture and tables cut by the page edge (PDFs printed by a browser, issue 12).

A browser's print adds a header (date, time, page title) and a footer (the address, 「1/7」) to
every page; they are the same on each page but for their digits, and are not part of the report.
A table row that a browser breaks across a page has no ruling line where the page cuts it: its
vertical rules run past the last horizontal one, so the cut part is not found as part of the
table. Such a table is closed by a line at the end of its vertical rules.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.reader.labels import is_value_like

_DIGITS = re.compile(r"\d+")


def _key(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def strip_furniture(pages_lines: list[list[dict]], heights: list[float]) -> list[list[dict]]:
    """Drop the first and last lines, in the page's top or bottom tenth, that repeat (digits
    aside) on both pages of two or on most pages of three or more."""
    if len(pages_lines) < 2:
        return pages_lines
    ends: Counter[str] = Counter()
    for lines, height in zip(pages_lines, heights, strict=True):
        ends.update({_key(ln["text"]) for ln in _margin_lines(lines, height)})
    # on both pages of two, or on two thirds of three or more
    need = 2 if len(pages_lines) == 2 else max(3, (2 * len(pages_lines) + 2) // 3)
    repeated = {k for k, n in ends.items() if n >= need and k}
    if not repeated:
        return pages_lines
    out = []
    for lines, height in zip(pages_lines, heights, strict=True):
        drop = {id(ln) for ln in _margin_lines(lines, height) if _key(ln["text"]) in repeated}
        out.append([ln for ln in lines if id(ln) not in drop])
    return out


def _margin_lines(lines: list[dict], height: float) -> list[dict]:
    ends = lines[:1] + lines[-1:] if len(lines) > 1 else lines
    return [ln for ln in ends if ln["top"] < 0.1 * height or ln["bottom"] > 0.9 * height]


def closing_lines(edges: list[dict]) -> list[float]:
    """y of horizontal lines that close a table whose vertical rules run past its last (or first)
    horizontal rule: the page cut a row there."""
    # a rule drawn as a thin rectangle also gives two edges as long as it is thin: not rules
    vertical = [e for e in edges if e["orientation"] == "v" and e["bottom"] - e["top"] > 3]
    horizontal = [e for e in edges if e["orientation"] == "h" and e["x1"] - e["x0"] > 3]
    if not vertical or not horizontal:
        return []
    out = []
    v_top, v_bottom = min(e["top"] for e in vertical), max(e["bottom"] for e in vertical)
    h_top, h_bottom = min(e["top"] for e in horizontal), max(e["bottom"] for e in horizontal)
    if v_top < h_top - 3:
        out.append(v_top)
    if v_bottom > h_bottom + 3:
        out.append(v_bottom)
    return out


def rejoin_offset_runs(lines: list[dict]) -> list[dict]:
    """A short run printed in another font (「2023」 in a Latin font inside a CJK title) may sit a
    few points lower than its line and come out as a line of its own, leaving a gap in the title.
    Such a run is put back into the line whose gap it fills and whose height it shares."""
    out = list(lines)
    for run in [ln for ln in lines if len(ln["chars"]) <= 8 and ln["text"].isascii()]:
        host = next((ln for ln in out if ln is not run and _fills_gap(run, ln)), None)
        if host is None:
            continue
        chars = sorted(host["chars"] + run["chars"], key=lambda c: c["x0"])
        merged = {**host, "chars": chars, "text": "".join(c["text"] for c in chars)}
        merged.update(x0=min(host["x0"], run["x0"]), x1=max(host["x1"], run["x1"]))
        out = [merged if ln is host else ln for ln in out if ln is not run]
    return out


def _fills_gap(run: dict, host: dict) -> bool:
    height = min(run["bottom"] - run["top"], host["bottom"] - host["top"])
    overlap = min(run["bottom"], host["bottom"]) - max(run["top"], host["top"])
    if height <= 0 or overlap < 0.6 * height:
        return False
    left = [c for c in host["chars"] if c["x1"] <= run["x0"] + 1]
    right = [c for c in host["chars"] if c["x0"] >= run["x1"] - 1]
    if len(left) + len(right) != len(host["chars"]) or not left or not right:
        return False
    return right[0]["x0"] - left[-1]["x1"] <= (run["x1"] - run["x0"]) + 2  # the gap is the run's width


_WORDY = re.compile(r"[\u4e00-\u9fffA-Za-z]")


def strip_text_furniture(lines: list[str]) -> list[str]:
    """The same for a PDF's text extraction, where pages are no longer known: a line that comes
    back three times or more, the same but for its digits (「file:///… 3/7」, 「12/3/26, 6:38 AM
    某某网」), with a varying number and some words in it, is a printed page's header or footer; so
    is a date and clock time alone on its line that comes back twice (「12/3/26, 2:40 PM」)."""
    counts = Counter(_key(ln) for ln in lines if _is_furniture_like(ln))
    stamps = Counter(_key(ln) for ln in lines if _CLOCK_STAMP.match(ln))
    repeated = {k for k, n in counts.items() if n >= 3} | {k for k, n in stamps.items() if n >= 2}
    if not repeated:
        return lines
    return [
        ln
        for ln in lines
        if not ((_is_furniture_like(ln) or _CLOCK_STAMP.match(ln)) and _key(ln) in repeated)
    ]


# a browser's print header alone on its line: 「12/3/26, 2:40 PM」, 「2026/12/3 14:40」
_CLOCK_STAMP = re.compile(
    r"^\s*(?:\d{1,4}[/-]\d{1,2}[/-]\d{1,4},?\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
    r"|\d{1,2}:\d{2}(?::\d{2})?\s*[AaPp][Mm]\s+\d{1,4}[/-]\d{1,2}[/-]\d{1,4})\s*$"
)


def _is_furniture_like(line: str) -> bool:
    """Words and a number, not ending in a value (a table row, 「行政许可 64」, stays)."""
    tokens = line.split()
    if not tokens or len(line) > 100 or is_value_like(tokens[-1]):
        return False
    return bool(_DIGITS.search(line)) and len(_WORDY.findall(line)) >= 4
