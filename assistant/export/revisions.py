"""Who changed which characters of a section since its author's draft (pure; no docx here).

A section's saved versions, oldest first, are replayed on top of a base text: each later version's
differences become insertions and deletions attributed to the account that saved it. The base is the
version just before the first one saved by a 审核人 (the clerk's text the editor started from); a
section no 审核人 touched has no revisions. The result is a list of `Piece`s — text that is kept,
inserted or deleted — which `word_revisions` writes as Word's tracked changes (修订).

Differences are found sentence by sentence (a rewritten sentence is one deletion and one insertion,
not scattered characters), then by characters inside a sentence that was only touched.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

KEPT, INSERTED, DELETED = "", "ins", "del"
_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?|\n")
SIMILAR = 0.5  # a sentence at least this similar to the old one is diffed by characters


@dataclass(frozen=True)
class Saved:
    """One saved version of a section."""

    text: str
    author: str
    at: float  # epoch seconds


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str = KEPT  # KEPT | INSERTED | DELETED
    author: str = ""
    at: float = 0.0


def ops(old: str, new: str) -> Iterator[tuple[str, int, int, int, int]]:
    """difflib-style opcodes on characters, found sentence by sentence."""
    a, b = _SENTENCE.findall(old), _SENTENCE.findall(new)
    a_at, b_at = _offsets(a), _offsets(b)
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace" and a1 - a0 == b1 - b0:  # sentence for sentence
            pairs = [
                (a_at[i], a_at[i + 1], b_at[j], b_at[j + 1])
                for i, j in zip(range(a0, a1), range(b0, b1), strict=True)
            ]
        else:
            pairs = [(a_at[a0], a_at[a1], b_at[b0], b_at[b1])]
        for x0, x1, y0, y1 in pairs:
            yield from _touched(op, old, new, x0, x1, y0, y1)


def _touched(op: str, old: str, new: str, x0: int, x1: int, y0: int, y1: int):
    gone, come = old[x0:x1], new[y0:y1]
    if op == "replace" and difflib.SequenceMatcher(None, gone, come, autojunk=False).ratio() >= SIMILAR:
        for sub, s0, s1, t0, t1 in difflib.SequenceMatcher(None, gone, come, autojunk=False).get_opcodes():
            yield sub, x0 + s0, x0 + s1, y0 + t0, y0 + t1
    else:
        yield op, x0, x1, y0, y1


def _offsets(pieces: Sequence[str]) -> list[int]:
    out = [0]
    for p in pieces:
        out.append(out[-1] + len(p))
    return out


def replay(base: str, later: Iterable[Saved]) -> list[Piece]:
    """The base text with every later version's changes marked, one `Piece` per character run."""
    chars = [Piece(ch) for ch in base]
    for v in later:
        chars = _apply(chars, v)
    return _merge(chars)


def _apply(chars: list[Piece], v: Saved) -> list[Piece]:
    visible = [i for i, c in enumerate(chars) if c.kind != DELETED]
    old = "".join(chars[i].text for i in visible)
    out: list[Piece] = []
    pos = 0
    for op, a0, a1, b0, b1 in ops(old, v.text):
        start = visible[a0] if a0 < len(visible) else len(chars)
        out += chars[pos:start]  # characters deleted earlier stay where they were
        pos = start
        if a1 > a0:
            end = visible[a1 - 1] + 1
            if op == "equal":
                out += chars[pos:end]
            else:
                # an insertion taken out again leaves nothing: neither the old text nor the new has it
                out += [Piece(c.text, DELETED, v.author, v.at) for c in chars[pos:end] if c.kind == KEPT]
            pos = end
        if op in ("insert", "replace"):
            out += [Piece(ch, INSERTED, v.author, v.at) for ch in v.text[b0:b1]]
    return out + chars[pos:]


def _merge(chars: list[Piece]) -> list[Piece]:
    out: list[Piece] = []
    for c in chars:
        last = out[-1] if out else None
        if (
            last
            and (last.kind, last.author, last.at) == (c.kind, c.author, c.at)
            and "\n" not in (c.text, last.text)
        ):
            out[-1] = Piece(last.text + c.text, c.kind, c.author, c.at)
        else:
            out.append(c)
    return out


def section_revisions(versions: Sequence[Saved], reviewers: frozenset[str]) -> list[Piece] | None:
    """The tracked pieces of a section (versions oldest first), or None when no 审核人 changed it."""
    first = next((i for i, v in enumerate(versions) if v.author in reviewers), None)
    if first is None:
        return None
    base = versions[first - 1].text if first > 0 else ""
    pieces = replay(base, versions[first:])
    return pieces if any(p.kind != KEPT for p in pieces) else None


def final_text(pieces: Iterable[Piece]) -> str:
    """What the tracked section reads once every change is accepted."""
    return "".join(p.text for p in pieces if p.kind != DELETED)


def original_text(pieces: Iterable[Piece]) -> str:
    """What it read before the changes (every change rejected)."""
    return "".join(p.text for p in pieces if p.kind != INSERTED)
