"""One title line printed as several runs at other heights (issue: agency and year, cause 2).

pdfplumber groups a page's characters into lines by their top edge. A title whose halves a tool
printed as two runs a few points apart (「青禾市生态环境局」 and, raised, 「2023年政府信息公开工作年度
报告」), or character by character with baselines that wander, comes out as two lines — in the
wrong order when the right half sits higher, or as two interleaved halves 「青 市生 环」 / 「禾 态 局」.
Lines printed larger than the page's body text that share most of their height and whose characters
sit side by side without overlapping are one line again, their characters in x order.
"""

from __future__ import annotations

from collections import Counter

_LARGER = 1.2  # a title's characters are this much larger than the page's commonest size, at least
_OVERLAP = 0.5  # of the smaller line's height, shared by two runs of one line
_GAP = 1.5  # characters apart (the larger size) beyond which two runs are columns, not one line


def rejoin_title_runs(lines: list[dict]) -> list[dict]:
    """`lines` (pdfplumber text lines with their chars), runs of one title line merged."""
    if len(lines) < 2:
        return lines
    body = _common_size(lines)
    out: list[dict] = []
    for ln in sorted(lines, key=lambda x: x["top"]):
        i = next((i for i, h in enumerate(out) if _one_line(h, ln, body)), None)
        if i is None:
            out.append(ln)
        else:
            out[i] = _merged(out[i], ln)
    return out


def _size(line: dict) -> float:
    return max((c.get("size", 0.0) for c in line["chars"]), default=0.0)


def _common_size(lines: list[dict]) -> float:
    sizes = Counter(round(c.get("size", 0.0), 1) for ln in lines for c in ln["chars"])
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _one_line(a: dict, b: dict, body: float) -> bool:
    size = max(_size(a), _size(b))
    if min(_size(a), _size(b)) < _LARGER * body or not a["chars"] or not b["chars"]:
        return False
    height = min(a["bottom"] - a["top"], b["bottom"] - b["top"])
    if height <= 0 or min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) < _OVERLAP * height:
        return False
    chars = sorted(a["chars"] + b["chars"], key=lambda c: c["x0"])
    for left, right in zip(chars, chars[1:], strict=False):
        if right["x0"] < left["x1"] - 0.2 * (left["x1"] - left["x0"]):
            return False  # characters on top of each other: two lines, not one
        if right["x0"] - left["x1"] > _GAP * size:
            return False
    return True


def _merged(a: dict, b: dict) -> dict:
    chars = sorted(a["chars"] + b["chars"], key=lambda c: c["x0"])
    out = {**a, "chars": chars, "text": "".join(c["text"] for c in chars)}
    out.update(x0=min(a["x0"], b["x0"]), x1=max(a["x1"], b["x1"]))
    out.update(top=min(a["top"], b["top"]), bottom=max(a["bottom"], b["bottom"]))
    return out
