"""表二 page by page in plain `pdftotext` text of a LibreOffice PDF (a Word report; issue 12).

pdftotext gives the label columns of a ruled LibreOffice table a text flow of their own: on each
page the labels of the rows standing there come first, wrapped a few characters a line («（三»,
«1.属», «于国»…), then those rows' numbers one a line, row after row. The rows around the header,
a row broken across a page and the last rows beside the next section come out cell by cell in no
printed order, so the table as a whole fits no reading. Here a page's rows are read alone: the
labels' numbering («一、», «（一）», «1.») names them, and only when they are consecutive official
rows, the numbers after them are exactly seven a row and every row adds up (total = the six
columns). Whatever else is printed stays unread: the reader's gap, said as such.

Also here: the applicant headers found among a table's numbers (`headers_among_numbers`), which
unsettle a whole-table reading in printed order (`settled_rows` keeps the rows clear of them).
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.reader import textorder
from assistant.reader.labels import LabelMatch, squash
from assistant.reader.tables import Read, T2Row

_TOP = re.compile(r"^\s*([一二三四])、")
_GROUP = re.compile(r"^\s*[（(]([一二三四五六七])")
_ITEM = re.compile(r"^\s*(\d)\s*[.．]")
_VALUE = re.compile(r"^\s*(\d+)\s*$")
WIDTH = textorder.WIDTH


_HEADERS = frozenset(squash(path[-1]) for _, path in spec.T2_COLUMNS[:6])  # 自然人 … 法律服务机构, 其他
_HEADERS = _HEADERS - {"其他"}  # 「3.其他」 wraps to a line 「其他」 too


def headers_among_numbers(lines: list[tuple[str, int]]) -> list[int]:
    """The source lines of the applicant columns' headers (「科研机构」, 「自然人」…) that stand after
    the table's first number: pdftotext printed a header cell among the rows' cells there, and a
    row around it whose numbers add up may still be in another order than printed."""
    out: list[int] = []
    seen_number, words, at = False, "", []
    for line, i in lines:
        if not _VALUE.match(line):
            words += squash(line)  # a header wrapped in its narrow cell: 「科研机」 / 「构」
            at.append(i)
            continue
        if seen_number and _names_header(words):
            out += at
        seen_number, words, at = True, "", []
    return out


def _names_header(words: str) -> bool:
    """A header cell's text: the column's own header, or (a grid without merged cells, each cell
    holding its whole path) 「申请人情况法人或其他组织科研机构」 ending in it."""
    return words in _HEADERS or (
        words.startswith(squash(spec.APPLICANT_GROUP)) and words.endswith(tuple(_HEADERS))
    )


_OWN_ROWS = {spec.FORMAT_2021: ("逾期不补正", "收费通知要求缴纳费用")}  # words of rows only that form has


def prints_rows_of(lines: list[tuple[str, int]], version: str) -> bool:
    """Whether 表二's printed labels name rows only `version` has (2021: the two 其他处理 items): its
    numbers are then that form's, even when a count that fits the other form's rows holds (a table
    of zeros fits many readings)."""
    text = squash("".join(line for line, _ in lines))
    return any(w in text for w in _OWN_ROWS.get(version, ()))


def settled_rows(
    t2: dict[str, T2Row], toks: list[tuple[str, int]], headers: list[int], version: str
) -> dict[str, T2Row]:
    """Of a whole-table reading in printed order (an exact count of numbers, each row adding up),
    the rows with no header among their numbers, when 办理结果 then adds up to its 总计 in every
    column; {} otherwise."""
    rows = spec.t2_rows(version)
    if len(toks) != WIDTH * len(rows) or set(t2) != {k for k, _ in rows} or not headers:
        return {}
    kept: dict[str, T2Row] = {}
    for r, (key, _) in enumerate(rows):
        at = [i for _, i in toks[r * WIDTH : (r + 1) * WIDTH]]
        if min(at) >= 0 and not any(min(at) < h < max(at) for h in headers):
            kept[key] = t2[key]
    leaves = [k for k, _ in rows if k.startswith("results.") and k != "results.total"]
    if any(k not in kept for k in [*leaves, "results.total"]):
        return {}
    value = {k: [float(r.raw) for r in row.values] for k, row in kept.items()}
    if any(abs(sum(value[k][c] for k in leaves) - value["results.total"][c]) > 1e-9 for c in range(WIDTH)):
        return {}
    return kept if len(kept) < len(rows) else {}


def _names(version: str) -> list[tuple[str | None, str | None, str | None]]:
    """Each official row's (top numeral, group numeral, item number) as its label prints them."""
    out = []
    for _, path in spec.t2_rows(version):
        group = path[1][1] if len(path) > 1 else None
        out.append((path[0][0], group, path[2][0] if len(path) > 2 else None))
    return out


def _token(line: str) -> tuple[str, str] | None:
    """A label line's numbering: ('top', 一), ('group', 三) or ('item', 1); None for the rest."""
    for kind, pattern in (("top", _TOP), ("group", _GROUP), ("item", _ITEM)):
        m = pattern.match(line)
        if m:
            return kind, m.group(1)
    return None


def _fits(names: list, start: int, marks: list[tuple[str, str]]) -> list[int] | None:
    """The rows from `start` that the marks name one by one: a top row 「一、」 or a group row
    「（一）予以公开」 is that row, an item 「1.」 the next row with that number; a group heading
    (「（三」 of a group of items) or 「三、」 must head one of the rows named."""
    rows: list[int] = []
    r = start
    for kind, numeral in marks:
        if kind == "item" or (kind in ("top", "group") and _is_row(names, r, kind, numeral)):
            if r >= len(names) or names[r][2 if kind == "item" else 0 if kind == "top" else 1] != numeral:
                return None
            rows.append(r)
            r += 1
    heads = {(k, n) for k, n in marks if k != "item" and not any(_is_row(names, x, k, n) for x in rows)}
    named = {("top", names[x][0]) for x in rows} | {("group", names[x][1]) for x in rows}
    return rows if rows and heads <= named else None


def _is_row(names: list, r: int, kind: str, numeral: str) -> bool:
    """Whether the row at r is the one a top or group label names (not a heading over items)."""
    if r >= len(names):
        return False
    top, group, item = names[r]
    if kind == "top":
        return top == numeral and group is None
    return group == numeral and item is None


def page_rows(lines: list[tuple[str, int]], version: str) -> dict[str, T2Row]:
    """The rows of 表二 read page by page (see the module's note); {} when none is sure. A run of
    numbers is read by the labels before it only when those after it do not fit it as well (a
    browser's print puts each row's label after its numbers: read by the labels before, every row
    would be the next one's)."""
    names = _names(version)
    runs = _runs(lines)
    found: dict[int, list[tuple[str, int]]] = {}
    for k, (marks, values) in enumerate(runs):
        after = runs[k + 1][0] if k + 1 < len(runs) else []
        if not values or (after and _could_be(names, after, values)):
            continue
        if _dangling(names, marks) or (k and _dangling(names, runs[k - 1][0])):
            continue  # a row begun by the heading at a run's end is cut by the page: where are its numbers?
        found.update(_segment(names, marks, values) or _tail(names, runs, k))
    rows = spec.t2_rows(version)
    return {rows[r][0]: _row(r, rows[r], toks) for r, toks in found.items()}


def _runs(lines: list[tuple[str, int]]) -> list[tuple[list, list[tuple[str, int]]]]:
    """(the numbering of a run of label lines, the numbers one a line after them), in order."""
    runs: list[tuple[list, list[tuple[str, int]]]] = [([], [])]
    for line, i in lines:
        value = _VALUE.match(line)
        if value:
            runs[-1][1].append((value.group(1), i))
            continue
        if runs[-1][1]:  # a label after numbers: the next run
            runs.append(([], []))
        token = _token(line)
        if token:
            runs[-1][0].append(token)
    return runs


def _segment(names: list, marks: list, values: list[tuple[str, int]]) -> dict[int, list[tuple[str, int]]]:
    """The rows the marks name, when exactly one start of the official order fits them, with seven
    numbers each that add up."""
    fits = [rows for start in range(len(names)) if (rows := _fits(names, start, marks))]
    if len(fits) != 1 or len(values) != WIDTH * len(fits[0]):
        return {}
    rows = fits[0]
    chunks = [values[k * WIDTH : (k + 1) * WIDTH] for k in range(len(rows))]
    if not all(textorder.adds_up(c) for c in chunks):
        return {}
    return dict(zip(rows, chunks, strict=True))


def _tail(names: list, runs: list, k: int) -> dict[int, list[tuple[str, int]]]:
    """The last rows the marks of run k name, when their numbers run on past label lines without
    numbering (a header cell printed among the first rows' cells, 「其他」 / 「3」): all the numbers up
    to the next numbering are exactly seven a row; the rows wholly in the last stretch, aligned from
    its end, each adding up, are read; the first rows, cut by the header, are not."""
    fits = [rows for start in range(len(names)) if (rows := _fits(names, start, runs[k][0]))]
    if len(fits) != 1:
        return {}
    rows, values, j = fits[0], list(runs[k][1]), k
    while j + 1 < len(runs) and not runs[j + 1][0] and len(values) < WIDTH * len(rows):
        j += 1
        values += runs[j][1]
    after = runs[j + 1][0] if j + 1 < len(runs) else []
    last = runs[j][1]
    if j == k or len(values) != WIDTH * len(rows) or (after and _could_be(names, after, last)):
        return {}
    keep = len(last) // WIDTH
    chunks = [values[len(values) - (keep - m) * WIDTH :][:WIDTH] for m in range(keep)]
    if not keep or not all(textorder.adds_up(c) for c in chunks):
        return {}
    return dict(zip(rows[len(rows) - keep :], chunks, strict=True))


def _dangling(names: list, marks: list) -> bool:
    """Whether the marks end with a heading over rows (「（六）其」, 「三、」) and no row after it."""
    if not marks or marks[-1][0] == "item":
        return False
    kind, numeral = marks[-1]
    return not any(_is_row(names, r, kind, numeral) for r in range(len(names)))


def _could_be(names: list, marks: list, values: list[tuple[str, int]]) -> bool:
    """Whether the marks name rows, from any start of the official order, that the numbers fit."""
    chunks = [values[k : k + WIDTH] for k in range(0, len(values), WIDTH)]
    if len(values) % WIDTH or not all(textorder.adds_up(c) for c in chunks):
        return False
    return any(len(rows or ()) == len(chunks) for rows in (_fits(names, s, marks) for s in range(len(names))))


def _row(r: int, row: tuple[str, tuple[str, ...]], toks: list[tuple[str, int]]) -> T2Row:
    key, path = row
    reads = [Read(raw, _where(i, f"第{r + 1}行")) for raw, i in toks]
    return T2Row(key, LabelMatch(key, path[-1], True), path[-1], reads, _where(toks[0][1], path[-1]))


def _where(line: int, what: str) -> str:
    at = f"文本第{line + 1}行" if line >= 0 else "文本"
    return f"表2{at}“{what}”（按本页行名与行合计定位）"
