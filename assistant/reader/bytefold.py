"""A file cut into lines at a byte count puts a line break inside a character (issue 12 item 10).

`fold -b -w 60` of a GBK file, or GNU `fold -w 76` of UTF-8 text (it counts bytes), cuts where the
count falls: a 2-byte GBK character or a 3-byte UTF-8 character may end one line and begin the next,
and the file no longer decodes. A line break inside a character proves such a fold, and such a fold
makes every cut line exactly the width long, in bytes (no character is moved to the next line, as
wrappers counting characters do): `unfold` joins each line of that length to the next (not to an
official section heading standing alone), at the byte level, which puts the cut characters whole
again and leaves nothing for the width repair (`unwrap`) to guess. Bytes of a character still cut
after that (a line shorter than the width) are moved to the next line by `mend`.
"""

from __future__ import annotations

import re

from assistant.core import spec

_BREAK = re.compile(rb"\r?\n")


def utf8_tail(line: bytes) -> int:
    """How many bytes at the end of `line` begin a UTF-8 character left unfinished (0: none)."""
    for back in range(1, min(3, len(line)) + 1):
        b = line[-back]
        if 0x80 <= b <= 0xBF:  # a continuation byte: look further back for the lead
            continue
        need = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
        return back if need > back else 0
    return 0


def _gb_tail(line: bytes) -> int:
    """How many bytes at the end of `line` begin a GBK/GB18030 character left unfinished."""
    i, n = 0, len(line)
    while i < n:
        b = line[i]
        if b < 0x81 or b == 0xFF:
            i += 1
            continue
        size = 4 if i + 1 < n and 0x30 <= line[i + 1] <= 0x39 else 2
        if i + 1 == n:  # a lead byte alone: its second byte is on the next line
            return 1
        if size == 4 and i + 4 > n:
            return n - i
        i += size
    return 0


def mend(data: bytes, encoding: str) -> bytes:
    """`data` with every character cut by a line break put whole on the next line."""
    tail = utf8_tail if encoding.startswith("utf") else _gb_tail
    parts = _BREAK.split(data)
    breaks = _BREAK.findall(data)
    out: list[bytes] = []
    carry = b""
    for i, part in enumerate(parts):
        line = carry + part
        cut = tail(line) if i < len(breaks) else 0
        carry = line[len(line) - cut :] if cut else b""
        out.append(line[: len(line) - cut])
        if i < len(breaks):
            out.append(breaks[i])
    return b"".join(out) + carry


_HEADINGS = tuple(sec.label for sec in spec.SECTIONS)


def unfold(data: bytes, encoding: str) -> bytes:
    """`data` (which does not decode: a fold cut inside characters) with its byte-count cuts undone.
    A line of the width that ends between characters and is followed by a line in the document's
    own indentation (lynx indents every line) ended there: it is left as it is."""
    lines = data.split(b"\n")
    lengths = [len(ln) for ln in lines[:-1] if ln.strip()]
    if len(lengths) < 3:
        return mend(data, encoding)
    width = max(lengths)
    indent = _indent(lines)
    tail = utf8_tail if encoding.startswith("utf") else _gb_tail
    out: list[bytes] = []
    joining = False
    for i, line in enumerate(lines):
        if joining and not _heading(line, encoding):
            out[-1] = out[-1].removesuffix(b"\r") + line  # a CRLF's CR is part of the cut
        else:
            out.append(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else b""
        starts = bool(indent) and nxt.startswith(indent) and nxt[len(indent) : len(indent) + 1].strip() != b""
        joining = len(line) == width and (
            not (starts or _own_line(line, nxt, width)) or tail(line.removesuffix(b"\r")) > 0
        )
    return mend(b"\n".join(out), encoding)


_LABEL_FIRST = re.compile(rb" {2,}(?:[\x80-\xff]|\d{1,2}[.\xa3])")  # CJK, or a row's numbering 「3.」


def _own_line(line: bytes, nxt: bytes, width: int) -> bool:
    """A line as long as the width that was not cut: the next line is blank (a fold writes no empty
    piece), or a whole row of its own follows: indented, a label first, nearly as wide or as wide
    (a w3m dump at 80 columns is 80 bytes wide in GBK, so `fold -b -w 80` cuts only wider rows)."""
    body, nxt = line.removesuffix(b"\r"), nxt.removesuffix(b"\r")
    if not nxt:  # (a line of spaces is a piece: a wide row's padding)
        return True
    if body.endswith(b" ") or not nxt.startswith(b"  ") or not width * 3 // 4 <= len(nxt) <= len(body):
        return False
    return _LABEL_FIRST.match(nxt) is not None  # a label (not a value cut from this line)


def _indent(lines: list[bytes]) -> bytes:
    """The leading spaces most lines share (lynx: three), or b"" when there is none."""
    counts: dict[bytes, int] = {}
    text = [ln for ln in lines if ln.strip()]
    for ln in text:
        lead = ln[: len(ln) - len(ln.lstrip(b" "))]
        counts[lead] = counts.get(lead, 0) + 1
    lead, n = max(counts.items(), key=lambda kv: kv[1], default=(b"", 0))
    return lead if lead and n * 2 >= len(text) else b""


def _heading(line: bytes, encoding: str) -> bool:
    return line.decode(encoding, errors="ignore").strip() in _HEADINGS


_SPACE_FOLD_SHARE = 0.8  # of a file's lines, cut by `fold -s` where the next word did not fit


def unfold_spaces(data: bytes) -> bytes:
    """`data` put back together when it is `fold -s -w N` of text that was one line (a crawl with its
    whitespace collapsed): fold breaks after the last space that fits and cuts at N bytes where no
    space does, so nearly every line but the last ends with a space (or is N bytes long) and could not
    also hold the next line's first word. Such breaks are joined byte for byte (fold removes nothing);
    any other file is returned as it is."""
    lines = _LINE_END.sub(b"\n", data).split(b"\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) < 5:
        return data
    width = max(len(ln) for ln in lines)
    cuts = [_space_cut(line, nxt, width) for line, nxt in zip(lines, lines[1:], strict=False)]
    if sum(cuts) < _SPACE_FOLD_SHARE * len(cuts) or not any(ln.endswith(b" ") for ln in lines):
        return data
    out = [lines[0]]
    for cut, line in zip(cuts, lines[1:], strict=True):
        if cut:
            out[-1] += line
        else:
            out.append(line)
    if len(out) * 10 > len(lines):  # many lines of its own: a wrap of lines, left to `unwrap`
        return data
    if sum(ln.rstrip(b" ").count(b" ") for ln in lines) < len(lines):
        return data  # spaces only where lines end: added by a wrapper at its cuts (`unwrap` reads it)
    if not any(_refolded(out, w) == lines for w in range(width, width + 4)):
        return data  # not what fold -s makes of these lines
    return b"\n".join(out) + b"\n"


def _refolded(lines: list[bytes], width: int) -> list[bytes]:
    """What `fold -s -w width` makes of `lines` (bytes counted, a break after the last space that fits)."""
    out: list[bytes] = []
    for line in lines:
        while len(line) > width:
            space = line.rfind(b" ", 0, width)
            piece = line[: space + 1] if space >= 0 else line[:width]
            out.append(piece)
            line = line[len(piece) :]
        out.append(line)
    return out


_LINE_END = re.compile(rb"\r+\n|\r")


def _space_cut(line: bytes, nxt: bytes, width: int) -> bool:
    """`line` was ended by `fold -s`: it is the width long, or it ends with a space and the next line's
    first word (up to its space) would have run past the width."""
    if len(line) == width:
        return True
    if not line.endswith(b" ") or not nxt or nxt.startswith(b" "):
        return False
    word = nxt.split(b" ", 1)[0]
    return len(line) + len(word) >= width
