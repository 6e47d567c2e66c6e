"""Paragraphs re-wrapped by Python's `textwrap` (issue 12, crawled text) are put back on one line.

`textwrap.wrap(text, 76)` / `textwrap.fill` break after the last word that fits (the space at the break
dropped) and cut a word longer than the width (a run of Chinese with no space) where the line is full.
A paragraph is taken as such a wrap only when wrapping it again at the width gives exactly its lines:
each line but the last could not hold the next line's first word. Its breaks are then joined — with a
space where a line ended short of the width (the dropped space), with nothing where it was full (a word
cut). A line exactly as wide that ended at a word is told apart by wrapping again. Anything else is left
as it is (the width repair of `unwrap` and the rest of the reader see it unchanged).
"""

from __future__ import annotations

import textwrap

_MIN_WIDTH = 30
_SPACES = tuple(" " * n for n in range(1, 9))
_SHARE = 0.9  # of the lines in paragraphs of more than one line


def rejoin_wrapped(lines: list[str]) -> list[str]:
    """`lines` joined paragraph by paragraph when nearly all of them are a `textwrap` wrap at the
    document's width (a wrap at bytes or columns matches it only here and there: left as it is)."""
    width = max((len(ln) for ln in lines), default=0)
    if width < _MIN_WIDTH:
        return lines
    out: list[str] = []
    para: list[str] = []
    wrapped = total = spaced = 0
    for line in [*lines, ""]:
        if line.strip():
            para.append(line)
            continue
        joined = _rejoined(para, width)
        if len(para) > 1:
            total += len(para)
            wrapped += len(para) if len(joined) == 1 else 0
            spaced += sum(1 for ln in para if " " in ln) if len(joined) == 1 else 0
        out.extend(joined)
        para = []
        out.append(line)
    # textwrap breaks only at spaces: most lines of a wrapped crawl hold some (its cells, its text
    # nodes); a text with none but a wrap at bytes or columns looks the same and is left to `unwrap`
    return out[:-1] if total and wrapped >= _SHARE * total and spaced * 2 >= wrapped else lines


def _rejoined(para: list[str], width: int) -> list[str]:
    if len(para) < 2 or any(ln != ln.lstrip() for ln in para[1:]):
        return para  # (textwrap keeps the first line's indentation, drops the spaces at its breaks)
    text = para[0]
    for i, line in enumerate(para[1:], start=1):
        # the spaces dropped at a break: one, or a run (line ends and blank lines made spaces)
        options = ("", *_SPACES) if len(para[i - 1]) == width else _SPACES
        for joint in options:
            trial = text + joint + line
            if textwrap.wrap(trial, width)[:i] == para[:i]:
                text = trial
                break
        else:
            return para
    if textwrap.wrap(text, width) != para:
        return para
    # its runs of spaces were line ends and blank lines (textwrap makes each a space): one space, as
    # a crawl collapsed to one line
    return [" ".join(text.split())]
