"""Text dumps made by Debian's C++ `html2text` (1.3.2a): heading marks and cells written over each other.

Its headings are framed by asterisks (「***** 一、总体情况 *****」, the marks on lines of their own
when the heading is long) and its rules are lines of 「=」. It lays a table out in bytes and wraps a
cell only at spaces, so a CJK label wider than its column runs under the next column, whose value is
written over it: 「行政规�0性文�0      0」 is 行政规范性文件 0 0 0, a character cut where a value
begins. With `border` the cells stand between 「|」 padded with 「_」. `normalized` gives such lines
as cells two spaces apart: each value apart, the label put back whole when what is left of it reads
as the start of one official label (the rest of it in order); a label nothing was written over is
left as printed. Lines of other dumps are not touched (`is_overprinted`).
"""

from __future__ import annotations

import re
from functools import cache

from assistant.core import spec
from assistant.core.numbers import to_halfwidth

LOST = "\ufffd"
_HEADING_MARKS = re.compile(r"^(\*{1,6}) (\S.*\S) \1$")
_LEADING_MARK = re.compile(r"^\*{3,6} (?=\S)")  # a long heading: its marks on lines of their own
_TRAILING_MARK = re.compile(r"(?<=\S) \*{3,6}$")
_RULE = re.compile(r"^\s*(?:\*{3,}|={10,}|_{10,})\s*$")
_BORDERED = re.compile(r"^\|.*\|")
_GAP = re.compile(r" {2,}|\u3000+")
_CJK = "\u4e00-\u9fff"
# a run of digits is a value unless it numbers a row (「4.保护…」, 「1.属于…」)
_PIECE = re.compile(
    rf"(?P<num>(?<![\d.])\d{{1,2}}[.．](?=[{_CJK}“]{{2}})|(?:^|(?<=\s))\d{{1,2}}、(?=[{_CJK}“]{{2}}))"
    r"|(?P<value>\d+(?:\.\d+)?)"
)


def is_overprinted(lines: list[str]) -> bool:
    """html2text's heading marks, its bordered rows padded with 「_」, or values written over cut
    characters on two lines at least (「行政规�13性文�6」)."""
    marks = sum(1 for ln in lines if _marked(ln.strip()) or re.fullmatch(r"\*{3,6}", ln.strip()))
    bordered = sum(1 for ln in lines if _BORDERED.match(ln) and "__" in ln)
    over = sum(1 for ln in lines if _OVER.search(ln))
    return marks >= 2 or bordered >= 3 or over >= 2


_OVER = re.compile(rf"[{_CJK}]{LOST}\d|\d{LOST}[{_CJK}]")


def _heading_text(line: str) -> str:
    whole = _HEADING_MARKS.match(line)
    return whole.group(2) if whole else _TRAILING_MARK.sub("", _LEADING_MARK.sub("", line))


def _marked(line: str) -> bool:
    return bool(_HEADING_MARKS.match(line) or _LEADING_MARK.match(line) or _TRAILING_MARK.search(line))


def normalized(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if _marked(stripped):
            out += ["", _heading_text(stripped), ""]  # a paragraph of its own
        else:
            out.append(_line(line))
    return _apart(out)


_HEAD_LINES = 8
_VALUES_ROW = re.compile(r"  (?:\d+(?:\.\d+)?)(?:  |$)")


_SECTION_HEADINGS = frozenset(sec.label for sec in spec.SECTIONS)


def _apart(lines: list[str]) -> list[str]:
    """A blank line between a paragraph (or a section heading) and the table right under it
    (html2text leaves none): the table's header lines over it are the table's, not the paragraph's."""
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if "。" not in line and line.strip() not in _SECTION_HEADINGS:
            continue
        for below in lines[i + 1 : i + 1 + _HEAD_LINES]:
            if not below.strip() or "。" in below:
                break
            if _VALUES_ROW.search(below) or re.fullmatch(r"[\d. ]+", below.strip()):
                out.append("")
                break
    return out


def _line(line: str) -> str:
    stripped = line.strip()
    if _RULE.match(stripped):
        return ""
    if "。" in stripped:  # prose
        return line
    if _BORDERED.match(stripped):
        cells = [c.strip(" _") for c in stripped.strip("|").split("|")]
    else:
        cells = _GAP.split(stripped)
        if not _damaged(cells):  # nothing written over: as printed, but a row without its padding
            return "  ".join(cells) if sum(1 for c in cells if _VALUE.fullmatch(c)) >= 2 else line
    return "  ".join(p for p in _row(cells) if p)


_RUN_ON = re.compile(rf"[{_CJK}）”]\d")
_VALUE = re.compile(r"\d+(?:\.\d+)?")


def _damaged(cells: list[str]) -> bool:
    """A cut character, or a value run into a label in a row of values (「2.其他法律行政法规禁止公开0   0」);
    a year in a title (「…局2023年…」) is no row."""
    if any(LOST in c for c in cells):
        return True
    values = sum(1 for c in cells if _VALUE.fullmatch(c))
    return values >= 2 and any(_RUN_ON.search(c) for c in cells)


def _row(cells: list[str]) -> list[str]:
    """A row's cells as cells: each label, then the values written over it or after it. A label
    wider than its column runs on in the next cells, under their values: a cell that begins with a
    cut character or a value goes on with the label before it; a row's numbering begins a label."""
    if not _damaged(cells):
        return cells
    entries: list[tuple[list[str], list[str]]] = []  # (the label's pieces, its values)
    for cell in cells:
        goes_on = bool(cell) and (cell[0] == LOST or cell[0].isdigit())
        pos = 0
        for m in _PIECE.finditer(cell):
            _text(entries, cell[pos : m.start()], goes_on)
            goes_on, pos = True, m.end()
            if m.group("num"):
                entries.append(([m.group("num")], []))
                continue
            if not entries:
                entries.append(([], []))
            entries[-1][1].append(m.group("value"))
        _text(entries, cell[pos:], goes_on)
    if entries and not any(values for _, values in entries):  # a header cut at its columns
        heads = _header_row([pieces[0] for pieces, _ in entries])
        if heads is not None:
            return heads
    return [part for pieces, values in entries for part in _flush(pieces, values)]


def _text(entries: list[tuple[list[str], list[str]]], text: str, goes_on: bool) -> None:
    """Text between values: pieces apart at each cut character (where a column began)."""
    for part in text.split(LOST):
        part = part.strip()
        if part and goes_on and entries:
            entries[-1][0].append(part)
        elif part:
            entries.append(([part], []))
        goes_on = goes_on or bool(part)


def _flush(pieces: list[str], values: list[str]) -> list[str]:
    if not pieces:
        return values
    start, rest = _merged_numbering(pieces)
    found = whole_label(start, rest)
    if found is None and rest:  # what follows is other columns' words written over it
        heads = _header_row([start, *rest]) if not values else None
        if heads is not None:
            return heads
        alone = whole_label(start, [])
        if alone is not None:
            return [alone, *(_word(p) for p in rest), *values]
    return [found or start + "".join(rest), *values]


def _word(piece: str) -> str:
    """A column's cut words: the official label they begin with, or the one they are the start of."""
    plain = _plain(piece)
    begun = [lab for lab in _official_labels() if plain.startswith(_plain(lab)) and len(_plain(lab)) >= 2]
    if begun:
        return max(begun, key=len)
    return whole_label(piece, []) or piece


def _header_row(pieces: list[str]) -> list[str] | None:
    """A header cut at every column (「信息|本年|本年|现行有效件数」): the official header it starts."""
    for heads in _HEADER_ROWS:
        if len(heads) == len(pieces) and all(
            _plain(h).startswith(_plain(p)) for h, p in zip(heads, pieces, strict=True)
        ):
            return list(heads)
    return None


def _merged_numbering(pieces: list[str]) -> tuple[str, list[str]]:
    """A row's numbering (「4.」) and the text after it are one start."""
    if len(pieces) > 1 and re.fullmatch(r"\d{1,2}[.．、]", pieces[0]):
        return pieces[0] + pieces[1], pieces[2:]
    return pieces[0], pieces[1:]


def whole_label(start: str, rest: list[str]) -> str | None:
    """The one official label that begins with `start` and holds `rest` in order, if there is one."""
    found = [lab for lab in _official_labels() if _fits(lab, start, rest)]
    return found[0] if len(found) == 1 else None


def _fits(label: str, start: str, rest: list[str]) -> bool:
    plain = _plain(label)
    if len(_plain(start)) < 2 or not plain.startswith(_plain(start)):
        return False
    at = len(_plain(start))
    for piece in rest:
        at = plain.find(_plain(piece), at)
        if at < 0:
            return False
        at += len(_plain(piece))
    return True


def _plain(text: str) -> str:
    return re.sub(r"\s", "", to_halfwidth(text))


_HEADER_ROWS = tuple(
    (spec.FIRST_COLUMN_HEADER, *cols)
    for cols in (
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        ("本年处理决定数量",),
        ("本年收费金额（单位：万元）",),
    )
)


@cache
def _official_labels() -> tuple[str, ...]:
    labels: set[str] = set(spec.T1_BLOCK_TITLES.values()) | {spec.FIRST_COLUMN_HEADER, spec.CORNER_NOTE}
    for version in spec.FORMATS:
        for cell in spec.spec_for(version).cells:
            labels.update(cell.row_path)
            labels.update(cell.col_path)
    return tuple(sorted(labels))
