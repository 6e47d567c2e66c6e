"""表二 row labels cut on the line that holds the row's numbers (pdfplumber, mutool and pdftotext
put a row's numbers on its label's first line, the rest of the label on the lines after it):
「三、本年 （三）不 0 0 0 0 0 0 0」 then 「度办理结 予公开」「果 1.属于国」「家秘密」. Used by
`tables.T2Parser`, which holds such a row until the next row with values comes."""

from __future__ import annotations

import re

from assistant.reader import vocabulary as V
from assistant.reader.labels import LabelMatch, norm

_GROUP_MARK = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,2}[)）]")


def cut_label(name: str, hit: LabelMatch[str] | None) -> bool:
    """A numbered label that is no whole row label: none matched, or 「（六）其他」 read as 3.其他 (a
    group label's first characters: the matched leaf does not carry its （六）)."""
    group = _GROUP_MARK.match(name.split()[-1] if name.split() else name)
    return hit is None or (group is not None and not hit.official.startswith(group.group(0)))


def _but_first(t: str) -> str:
    """A line of three label columns' pieces without the first: 「办理结果 处理 1.申」 → 处理 + 申."""
    parts = t.split()
    return "".join(norm(p) for p in parts[1:]) if len(parts) > 1 else t


def held_label(before: list[str], own: list[str], after: list[str]) -> tuple[LabelMatch[str], int] | None:
    """The official row label a cut numbered label completes to, and how many of the lines after
    it that took: its own text plus the first lines after it (the rest begins the next row), with
    at most one character-line above it (a first character printed higher than its numbering,
    「其」 over 「2.」). Lines that hold two label columns (「不予公 于国」) are also tried with their
    right part only (the leaf label is the rightmost label column), lines of three without the
    first (「办理结果 处理 1.申」 → 处理 + 申). A cut group label alone (「（六）其他」) is no leaf row."""
    rows = V.t2_rows()
    for pick in (lambda t: t, lambda t: t.split()[-1] if t.split() else t, _but_first):
        own_text = "".join(norm(pick(t)) for t in own[-1:])
        for lead in ("", norm(before[-1]) if before and len(norm(before[-1])) == 1 else None):
            if lead is None:
                continue
            for k in range(len(after), -1, -1):
                tail = "".join(norm(pick(t)) for t in after[:k])
                text = lead + own_text + tail
                hit = rows.suffix(text)
                if hit is None or hit.target in V.T2_GROUPS or (k == 0 and cut_label(own[-1], hit)):
                    continue  # 「（六）其他」 alone is no 3.其他
                if V.t2_label_takes(text, hit.target, len(tail)):
                    return hit, k
    return None
