"""Text cut into lines of a fixed width is put back together (issue 12, cause 7).

Crawlers and "save as text" cut a page's text into lines of a fixed width, counted in characters or
in bytes of the file's encoding (a CJK character 2 bytes in GBK, 3 in UTF-8: a character that does
not fit starts the next line, so a cut line is up to 1 or 2 bytes short) or in terminal columns, some leaving a space at
the end of each cut line. A cut falls anywhere: inside a label, a heading, or a run of digits
(「…申请数量35201」 / 「00038」). A line break there is no cell boundary.

What tells a cut from a line end: the document's lines (but its last) are almost all of one width,
the widest; a line that reaches that width was cut, a shorter line ended there. Only a document
where most lines reach one width is taken as cut (plain pdftotext of a page, one cell a line, or a
report typed with its own line ends, never is), and only lines that reach the width are joined to
the next (never to a line that is an official section heading alone: it starts there). A line that reached the width by chance and really ended there is joined too: for prose
and labels that changes nothing the reader looks at; between two digits the joined run is split by
the official rows and identities (`runin`), whose candidates include the cut at the line end, so
the arithmetic decides, and where two splits fit nothing is read.
"""

from __future__ import annotations

import unicodedata

from assistant.core import spec

# what a width counts → how short a cut line may fall: characters; bytes of GBK or UTF-8; terminal
# columns (lynx/w3m-style dumps: a wide or full-width character takes two)
UNITS = {"char": 0, "gbk": 1, "utf-8": 2, "display": 1}
MIN_WIDTH = 16  # narrower "widths" are short lines, not a wrap
MIN_CUT_LINES = 3
SHARE = 0.15  # of the document's lines (but the last) that reach the width, at least


_HEADINGS = tuple(sec.label for sec in spec.SECTIONS)


def _width(line: str, unit: str) -> int:
    if unit == "char":
        return len(line)
    if unit == "display":
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
    return len(line.encode(unit, errors="replace"))


def _eligible(line: str) -> bool:
    """A line a wrapper may have cut: text, not a table row of tabs, pipes or spaced columns."""
    body = line.rstrip(" ")
    return bool(body.strip()) and "\t" not in line and not body.lstrip().startswith("|") and "  " not in body


def wrap_width(lines: list[str]) -> tuple[str, int] | None:
    """(unit, width) when the document's lines were cut at one width, else None."""
    candidates = [ln for ln in lines[:-1] if ln.strip()]
    if len(candidates) < MIN_CUT_LINES:
        return None
    best: tuple[int, str, int] | None = None
    for unit, slack in UNITS.items():
        widths = [_width(ln, unit) for ln in candidates]
        width = max(widths)
        if width < MIN_WIDTH:
            continue
        cut = sum(1 for ln, w in zip(candidates, widths, strict=True) if w >= width - slack and _eligible(ln))
        if cut >= MIN_CUT_LINES and cut >= SHARE * len(candidates) and (best is None or cut > best[0]):
            best = (cut, unit, width)
    return None if best is None else (best[1], best[2])


def unwrap(lines: list[str]) -> list[str]:
    """The lines with every cut undone (unchanged when the document was not cut at one width)."""
    found = wrap_width(lines)
    if found is None:
        return lines
    unit, width = found
    short = width - UNITS[unit]
    cut = [i < len(lines) - 1 and _eligible(ln) and _width(ln, unit) >= short for i, ln in enumerate(lines)]
    marked = _space_marks(lines, cut)
    out: list[str] = []
    joining = False
    for i, line in enumerate(lines):
        piece = line[:-1] if marked and cut[i] else line
        if joining and line.strip() and line.strip() not in _HEADINGS:
            out[-1] += piece
        else:
            out.append(piece)
        joining = cut[i]
    return out


def _space_marks(lines: list[str], cut: list[bool]) -> bool:
    """Every cut line ends with one space: the wrapper's mark of a cut, not the text's (dropped)."""
    ends = [ln for ln, c in zip(lines, cut, strict=True) if c]
    return bool(ends) and all(ln.endswith(" ") and not ln.endswith("  ") for ln in ends)
