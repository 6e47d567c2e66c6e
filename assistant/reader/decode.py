"""Text files' bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

A file cut at a byte count inside characters is unfolded first (`bytefold`; a whole-file cut with its
line ends inside the pieces, or a text cut every N characters without line ends: `streamfold`). What still does not
decode (a file truncated inside a character, a stray byte) is decoded with the few bad bytes
replaced, when they are few, and said as the reader's gap (`lost_characters`), never refused whole.
UTF-8 whose only faults are characters cut short (a tool that lays table cells out in bytes, as
Debian's `html2text` does) is read with more of them lost, when the rest reads as Chinese.
UTF-8 read as Latin-1 and written again as UTF-8 (mojibake: Debian `html2text` with its defaults)
is put back (`mojibake`) when the text has almost no CJK and many 0xC0–0xFF characters.
"""

from __future__ import annotations

import re

from assistant.core.findings import FAIL, READER, WARNING, Finding
from assistant.reader.bytefold import unfold, unfold_spaces, utf8_tail
from assistant.reader.errors import ReaderError
from assistant.reader.mojibake import cut_utf8, repaired
from assistant.reader.streamfold import unstream

_ENCODINGS = ("utf-8-sig", "gb18030")
LOST_SHARE = 200  # at most one replaced character per this many: else the encoding is not known


def decode_text(data: bytes, name: str) -> str:
    return decode_counted(data, name)[0]


def decode_counted(data: bytes, name: str) -> tuple[str, int]:
    """The text and how many characters could not be decoded (replaced by U+FFFD)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), 0
        except UnicodeDecodeError:
            raise ReaderError(name, "文件编码无法识别（UTF-16 内容损坏）") from None
    if b"\x00" in data[:65536]:
        raise ReaderError(name, "这是二进制文件，不是文本格式的年报")
    text, lost = _decoded(data)
    if text is None:
        raise ReaderError(name, "文件编码无法识别（既不是 UTF-8 也不是 GBK/GB18030），请另存为 UTF-8 文本")
    text, lost = repaired(text, lost)
    return _checked(_unstreamed(text, data.startswith(b"\xef\xbb\xbf")), name), lost


def _unstreamed(text: str, bom: bool) -> str:
    """`streamfold.unstream` of the text; with a BOM, also as cut with the BOM counted as a character."""
    if bom:
        joined = unstream("\ufeff" + text)
        if joined != "\ufeff" + text:
            return joined.removeprefix("\ufeff")
    return unstream(text)


def _decoded(data: bytes) -> tuple[str | None, int]:
    data = unfold_spaces(unstream(data))
    for encoding in _ENCODINGS:
        try:
            return _decode(data, encoding), 0
        except UnicodeDecodeError:
            cut = cut_utf8(_unfolded(data)) if encoding.startswith("utf") else None
            if cut is not None:  # characters cut short prove UTF-8: GB18030 would read any bytes
                return cut
    return _lossy(data)


def _checked(text: str, name: str) -> str:
    if _looks_binary(text):
        raise ReaderError(name, "文件内容是乱码或二进制数据，不是文本格式的年报")
    return text


def _decode(data: bytes, encoding: str) -> str:
    """`data` in `encoding`; a file cut at a byte count inside characters is mended first."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        mended = unfold(_lf(data), encoding)
        if mended == data:
            raise
        return mended.decode(encoding)


_LINE_END = re.compile(rb"\r+\n|\r")


def _lf(data: bytes) -> bytes:
    """Line ends of CR alone (old Mac, some scripts) as LF, for the byte-fold repair; others as they are."""
    return data.replace(b"\r", b"\n") if b"\r" in data and b"\n" not in data else data


def _unfolded(data: bytes) -> bytes:
    """`data` with a byte-count fold undone, when lines of the longest length end inside a character
    (the fold's proof: a file whose faults are all inside its lines is left as it is). Line ends
    as the fold's tools leave them (CR alone, CR CR LF) are LF here."""
    data = _LINE_END.sub(b"\n", data)
    lines = data.split(b"\n")[:-1]
    width = max((len(ln) for ln in lines), default=0)
    at_width = [ln.removesuffix(b"\r") for ln in lines if len(ln) == width]
    inside = sum(1 for ln in at_width if utf8_tail(ln))
    if inside < 2 or len(at_width) * 4 < sum(1 for ln in lines if ln.strip()):
        return data
    return unfold(data, "utf-8")


def _lossy(data: bytes) -> tuple[str | None, int]:
    """The encoding that leaves the fewest bytes undecoded, if they are few."""
    best: tuple[int, str] | None = None
    for encoding in _ENCODINGS:
        text = unfold(_lf(data), encoding).decode(encoding, errors="replace")
        lost = text.count("\ufffd")
        if best is None or lost < best[0]:
            best = (lost, text)
    if best is None or best[0] * LOST_SHARE > max(len(best[1]), LOST_SHARE):
        return None, 0
    return best[1], best[0]


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or 0xE000 <= ord(ch) <= 0xF8FF)
    return bad > max(3, len(sample) // 100)


def lost_characters(name: str, lost: int) -> Finding:
    return Finding(
        "FILE_UNDECODABLE",
        WARNING,
        FAIL,
        f"本工具未能读取{name}中的 {lost} 个字符：这些字节不成完整的汉字（文件可能在字符中间被截断或按字节折行），"
        "已以“�”代替，其余内容照常读取，请对照原文核对，这不是报告的错误",
        source=READER,
    )
