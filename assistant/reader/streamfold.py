"""A whole file cut every N bytes (or characters) with its own line ends inside the pieces (issue 12).

A few lines of Python fold a file as one stream: `data[i:i + 76]` over the whole file (its line ends
counted as bytes and kept where they fall), the pieces joined by a line end. The breaks so added stand
at exact offsets — after every N bytes of the original, N + the break's length apart in the file —
while the file's own line ends fall anywhere in between; a per-line fold (GNU `fold`) restarts its
count at each line end and puts no break at those offsets past the first short line. `unstream` finds
a width at which every such offset, through to the end of the file, holds the break, and removes
exactly those breaks: the file's bytes come back as they were (characters cut in two whole again).
Taken only when it proves itself: the pieces hold line ends of their own, or cut characters in two;
a file whose lines are all one length (nothing to tell) is left to `bytefold` / `unwrap`; but text
whose every line but the last is N characters, not repeated, many cut inside a run of Chinese or digits,
is a crawl without line ends cut every N characters (`_one_width`): its lines are joined.
"""

from __future__ import annotations

import unicodedata

_BREAKS = (b"\r\n", b"\n", b"\r")
_MIN_WIDTH, _MAX_WIDTH = 16, 400
_MIN_CUTS = 4


def _cut_at(data, width: int, brk) -> int:
    """How many breaks stand at every offset of a stream fold at `width` (0: not such a fold)."""
    step = width + len(brk)
    count = 0
    pos = width
    while pos + len(brk) < len(data):
        if data[pos : pos + len(brk)] != brk:
            return 0
        count += 1
        pos += step
    return count


def _removed(data, width: int, brk):
    step = width + len(brk)
    pieces = [data[i : i + width] for i in range(0, len(data), step)]
    return data[:0].join(pieces)


def _proved(data, width: int, brk) -> bool:
    """The fold shows itself: its pieces hold line ends of their own, or it cut characters in two
    (a UTF-8 continuation byte right after a break)."""
    step = width + len(brk)
    own = ("\n", "\r") if isinstance(data, str) else (b"\n", b"\r")
    starts = range(0, len(data) - step, step)  # (the last piece may end with the file's own end)
    if sum(data[i : i + width].count(b) for i in starts for b in own) >= 2:
        return True
    if not isinstance(data, bytes):
        return False
    after = range(width + len(brk), len(data), step)
    return sum(1 for i in after if 0x80 <= data[i] <= 0xBF) >= 2


def _one_width(text: str) -> str | None:
    """Text whose every line but the last is one number of characters long: a text without line ends
    of its own (a crawl joined to one line) cut every N characters. Joined again, or None."""
    lines = text.split("\n")
    if len(lines) < _MIN_CUTS + 1:
        return None
    if not (_cut_in_chars(lines) or _cut_in_columns(lines)):
        return None
    if len(set(lines)) * 10 < len(lines) * 9:  # lines repeated: a text of its own, not a cut stream
        return None
    # a cut falls anywhere: some inside a run of Chinese or digits (a line end there is no text's)
    inside = sum(
        1 for ln, nxt in zip(lines, lines[1:], strict=False) if nxt and _run(ln[-1]) and _run(nxt[0])
    )
    return "".join(lines) if inside * 4 >= len(lines) - 1 else None


def _cut_in_chars(lines: list[str]) -> bool:
    width = len(lines[0])
    return width >= _MIN_WIDTH and all(len(ln) == width for ln in lines[:-1]) and len(lines[-1]) <= width


def _columns(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut_in_columns(lines: list[str]) -> bool:
    """Every line but the last N terminal columns (a CJK character two), or N - 1 where the next line
    begins with a wide character that did not fit."""
    widths = [_columns(ln) for ln in lines]
    width = max(widths[:-1])
    if width < _MIN_WIDTH or widths[-1] > width:
        return False
    return all(
        w == width or (w == width - 1 and nxt and _columns(nxt[0]) == 2)
        for w, nxt in zip(widths[:-1], lines[1:], strict=True)
    )


def _run(ch: str) -> bool:
    return ch.isdigit() or "\u4e00" <= ch <= "\u9fff"


def unstream(data):
    """`data` (bytes or text) with the breaks of a whole-file fold removed, or as it is."""
    if isinstance(data, str):
        joined = _one_width(data.replace("\r\n", "\n").replace("\r", "\n"))
        if joined is not None:
            return joined
    for brk in _BREAKS:
        b = brk if isinstance(data, bytes) else brk.decode()
        if b not in data:
            continue
        for width in range(_MIN_WIDTH, min(_MAX_WIDTH, len(data) // _MIN_CUTS) + 1):
            if _cut_at(data, width, b) >= _MIN_CUTS:
                if _proved(data, width, b):
                    return _removed(data, width, b)
                break
    return data
