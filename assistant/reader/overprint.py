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
_HEADING_MARKS = re.compile(r"^(\*{1,6}) \S.*\S \1$")
_LEADING_MARK = re.compile(r"^\*{1,6} (?=\S)")
_TRAILING_MARK = re.compile(r"(?<=\S) \*{1,6}$")
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
    """html2text's heading marks (two headings at least), or its bordered rows padded with 「_」."""
    marks = sum(1 for ln in lines if _HEADING_MARKS.match(ln.strip()))
    bordered = sum(1 for ln in lines if _BORDERED.match(ln) and "__" in ln)
    return marks >= 2 or bordered >= 3


def normalized(lines: list[str]) -> list[str]:
    out = [_line(ln) for ln in lines]
    return _apart(out)


_HEAD_LINES = 8
_VALUES_ROW = re.compile(r"  (?:\d+(?:\.\d+)?)(?:  |$)")


def _apart(lines: list[str]) -> list[str]:
    """A blank line between a paragraph and the table right under it (html2text leaves none): the
    table's header lines over it are the table's, not the paragraph's."""
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if "。" not in line:
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
    if _HEADING_MARKS.match(stripped) or _LEADING_MARK.match(stripped) or _TRAILING_MARK.search(stripped):
        return _TRAILING_MARK.sub("", _LEADING_MARK.sub("", stripped))
    if "。" in stripped:  # prose
        return line
    if _BORDERED.match(stripped):
        cells = [c.strip(" _") for c in stripped.strip("|").split("|")]
    elif LOST in stripped or _GAP.search(stripped):
        cells = _GAP.split(stripped)
    else:
        return line
    out = [part for cell in cells for part in _cell(cell)]
    return "  ".join(p for p in out if p)


def _cell(cell: str) -> list[str]:
    """A cell's text as cells: labels and the values written over them, in order."""
    if LOST not in cell and not re.search(rf"[{_CJK}）”]\d", cell):
        return [cell]
    out: list[str] = []
    label: list[str] = []  # the label's pieces: its start, then what is left between the values
    values: list[str] = []
    pos = 0
    for m in _PIECE.finditer(cell):
        text = cell[pos : m.start()]
        pos = m.end()
        if m.group("num"):  # a numbered row label begins: the label before it is another cell
            if label or text.strip(LOST + " "):
                out += _flush(label + [text], values)
                label, values = [], []
            label.append(m.group("num"))
            continue
        label.append(text)
        values.append(m.group("value"))
    label.append(cell[pos:])
    return out + _flush(label, values)


def _flush(label: list[str], values: list[str]) -> list[str]:
    pieces = [p for p in (s.replace(LOST, "").strip() for s in label) if p]
    if not pieces:
        return values
    start, rest = _merged_numbering(pieces)
    return [whole_label(start, rest), *values]


def _merged_numbering(pieces: list[str]) -> tuple[str, list[str]]:
    """A row's numbering (「4.」) and the text after it are one start."""
    if len(pieces) > 1 and re.fullmatch(r"\d{1,2}[.．、]", pieces[0]):
        return pieces[0] + pieces[1], pieces[2:]
    return pieces[0], pieces[1:]


def whole_label(start: str, rest: list[str]) -> str:
    """The one official label that begins with `start` and holds `rest` in order; else the pieces."""
    found = [lab for lab in _official_labels() if _fits(lab, start, rest)]
    if len(found) == 1:
        return found[0]
    return start + "".join(rest)


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


@cache
def _official_labels() -> tuple[str, ...]:
    labels: set[str] = set(spec.T1_BLOCK_TITLES.values()) | {spec.FIRST_COLUMN_HEADER, spec.CORNER_NOTE}
    for version in spec.FORMATS:
        for cell in spec.spec_for(version).cells:
            labels.update(cell.row_path)
            labels.update(cell.col_path)
    return tuple(sorted(labels))
