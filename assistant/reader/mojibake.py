"""UTF-8 text whose characters were cut short, and UTF-8 read as Latin-1 (mojibake).

Debian's C++ `html2text` (1.3.2a) with its defaults reads a UTF-8 page as Latin-1: each byte is a
character, written out again as UTF-8 (「é\\x9d\\x92」 for 青). It lays table cells out in bytes, so
a cell narrower than its text keeps only the first bytes of a character, in both layers. `repaired`
puts the original bytes back when the text has almost no CJK and many 0xC0–0xFF characters, and only
when they then read as Chinese; text that is already fine is never touched. `cut_utf8` reads UTF-8
whose only faults are such cut characters (`-utf8`, or the inner layer of the mojibake).
"""

from __future__ import annotations

import codecs
import re
import threading

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_HIGH_LATIN = re.compile(r"[\u00c0-\u00ff]")
CUT_SHARE = 20  # at most one cut character per this many characters
MIN_CHINESE = 10  # Chinese characters read per character lost


def cut_utf8(data: bytes) -> tuple[str, int] | None:
    """`data` as UTF-8 with each run of bad bytes replaced by one U+FFFD, when the runs are few
    against the Chinese read (bytes in another encoding read hardly any); else None. A cell cut in
    bytes leaves a character's first bytes, or its last ones when the next value overwrote its lead."""
    faults: list[int] = []  # where each run of bad bytes ends

    def note(exc: UnicodeDecodeError) -> tuple[str, int]:
        joined = bool(faults) and faults[-1] == exc.start
        if joined:
            faults[-1] = exc.end
        else:
            faults.append(exc.end)
        return ("" if joined else "\ufffd"), exc.end

    text = data.decode("utf-8", errors=_handler(note))
    if not faults:
        return None
    lost = len(faults)
    # a CJK character read as Latin-1 has one lead in 0xC0-0xFF
    chinese = len(_CJK.findall(text)) + len(_HIGH_LATIN.findall(text))
    if lost * CUT_SHARE > len(text) or chinese < lost * MIN_CHINESE:
        return None
    return text, lost


def _handler(note) -> str:
    """A codecs error handler calling `note` (registered under a name of its own: handlers are global)."""
    name = f"reader-cut-{threading.get_ident()}"
    codecs.register_error(name, note)
    return name


def repaired(text: str, lost: int) -> tuple[str, int]:
    """`text` with UTF-8 read as Latin-1 put back, when it is that; else `text` unchanged."""
    if not _looks_mojibake(text):
        return text, lost
    raw = _latin_bytes(text)
    try:
        return raw.decode("utf-8"), 0
    except UnicodeDecodeError:
        cut = cut_utf8(raw)
    if cut is None or len(_CJK.findall(cut[0])) <= len(_CJK.findall(text)):
        return text, lost
    return cut


def _looks_mojibake(text: str) -> bool:
    sample = text[:200000]
    high = len(_HIGH_LATIN.findall(sample))
    beyond = sum(1 for ch in sample if ord(ch) > 0xFF and ch != "\ufffd")
    return high >= 8 and len(_CJK.findall(sample)) * 20 < high and beyond * 20 < high


def _latin_bytes(text: str) -> bytes:
    """Each character back to the byte it was read from (a lost one dropped: its character is cut)."""
    out = bytearray()
    for ch in text:
        if ord(ch) <= 0xFF:
            out.append(ord(ch))
        elif ch != "\ufffd":
            try:
                out += ch.encode("cp1252")  # a reader that took the bytes as Windows-1252
            except UnicodeEncodeError:
                out += ch.encode("utf-8")
    return bytes(out)
