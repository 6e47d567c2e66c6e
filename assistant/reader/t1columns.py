"""表一 printed column by column in plain `pdftotext` text (a Word report saved as PDF by
LibreOffice, issue 12).

pdftotext gives each of LibreOffice's 表一 value columns a text flow of its own when the columns
stand apart: a page's block titles and row labels come first, then each column's header with that
column's numbers under it, one a line («本年制发件数 / 32 / 19 / 本年废止件数 / 13 / 4 …»). Read row
by row those numbers are wrong cells. A block's first header followed at once by numbers is this order's mark;
the headers with their numbers must then be exactly the form's columns (a header's columns in block
order), each with one number per row of its block, or nothing of 表一 is placed by order (the
reader's gap).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.core import spec
from assistant.reader.labels import squash
from assistant.reader.tables import Read, T1Row
from assistant.reader.textorder import stacks_of

_VALUE = re.compile(r"^\s*([-−－]?\d+(?:\.\d+)?|/|／)\s*$")
_MINUS = str.maketrans("−－／", "--/")


def _expected(version: str) -> list[tuple[str, list]]:
    """The form's 表一 columns in printed order: (squashed header, the column's cells by row)."""
    out: dict[tuple[str, str], list] = {}
    for c in spec.spec_for(version).table_cells(1):
        block = c.key.split(".")[1]
        out.setdefault((block, squash(c.col_label)), []).append(c)
    return [(label, cells) for (_, label), cells in out.items()]


def _leading(version: str) -> set[str]:
    """The first column headers of the blocks of several columns: numbers right under one of them
    mean columns printed one after another (side by side, the next header would follow it)."""
    blocks: dict[str, list[str]] = {}
    for c in spec.spec_for(version).table_cells(1):
        cols = blocks.setdefault(c.key.split(".")[1], [])
        if squash(c.col_label) not in cols:
            cols.append(squash(c.col_label))
    return {cols[0] for cols in blocks.values() if len(cols) > 1}


def _groups(
    lines: list[tuple[str, int]], headers: set[str], labels: frozenset[str] = frozenset()
) -> list[tuple[str, list[tuple[str, int]]]]:
    """Each header line with the lines of one value each that follow it at once; a row label among
    them (`labels`: the first column printed with the first value column, 「本年制发件数 / 规章 / 0 /
    行政规范性文件 / 5」) does not end the header's numbers."""
    out: list[tuple[str, list[tuple[str, int]]]] = []
    current: list[tuple[str, int]] | None = None
    begun = ""  # a header wrapped in its narrow cell: 「本年收费金额（单」 / 「位：万元）」
    for line, i in lines:
        text = squash(line)
        m = _VALUE.match(line)
        if not text and not m:
            continue
        text, begun = (begun + text if begun and not m else text), ""
        if not m and text not in headers and any(h.startswith(text) for h in headers):
            begun, current = text, None
            continue
        if text in headers:
            current = []
            out.append((text, current))
        elif text in labels and current is not None:
            continue
        elif m and current is not None:
            current.append((m.group(1).translate(_MINUS), i))
        elif text:
            current = None
    return out


def column_major(lines: list[tuple[str, int]], version: str) -> list[T1Row] | None:
    """表一's rows when its numbers are printed under their column headers; [] when that order is
    seen but does not fit the form; None when it is not seen."""
    expected = _expected(version)
    rows = frozenset(squash(c.row_path[-1]) for c in spec.spec_for(version).table_cells(1))
    groups = [g for g in _groups(lines, {label for label, _ in expected}, rows) if g[1]]
    if not any(label in _leading(version) for label, _ in groups):
        return None  # headers side by side, then the rows: the order of the rows' cells
    matched = _match(groups, expected)
    if matched is None:
        return []
    placed = {
        c.key: (c, tok)
        for (_, cells), values in zip(expected, matched, strict=True)
        for c, tok in zip(cells, values, strict=True)
    }
    return _rows(placed)


def _match(groups: list, expected: list) -> list | None:
    """Each expected column's numbers: the i-th group under a header is the i-th column of that
    header (「本年处理决定数量」 heads （五） and （六））, with one number per row; the headers' own
    order may differ (a column printed after the page's other text). None unless all fit."""
    by_label: dict[str, list] = {}
    for label, values in groups:
        by_label.setdefault(label, []).append(values)
    out = []
    for label, cells in expected:
        pending = by_label.get(label) or []
        if not pending or len(pending[0]) != len(cells):
            return None
        out.append(pending.pop(0))
    return out if not any(by_label.values()) else None


def _rows(placed: dict) -> list[T1Row]:
    rows: dict[tuple[str, str], list] = {}
    for c, tok in placed.values():
        rows.setdefault(tuple(c.key.split(".")[1:3]), []).append((c, tok))
    out: list[T1Row] = []
    for (block, item), icells in rows.items():
        values = [(None, Read(raw, _where(i, c.col_label))) for c, (raw, i) in icells]
        label = icells[0][0].row_path[-1]
        out.append(T1Row(block, item, label, values, _where(icells[0][1][1], label)))
    return out


def row_major(toks: list[tuple[str, int]], rows: int, cols: int) -> list[tuple[str, int]] | None:
    """A block's numbers (`rows` × `cols`, in reading order) in row order. Plain pdftotext prints a
    column's cells on consecutive lines (a stack); stacks as long as a row are rows, as long as a
    column are columns, transposed; the first column may come one number a line beside its labels
    (「规章 / 0 / 行政规范性文件 / 1」, the other columns in stacks). None when stacks as long as a
    column are seen but do not make the block (adjacent columns run together are not split: a guess);
    without them, the order as printed."""
    if rows < 2 or cols < 2 or rows == cols or len(toks) != rows * cols:
        return toks
    stacks = stacks_of(toks)
    sizes = [len(s) for s in stacks]
    if sizes == [1] * rows + [rows] * (cols - 1):
        stacks = [[t for s in stacks[:rows] for t in s], *stacks[rows:]]
    elif sizes != [rows] * cols:
        return None if rows in sizes else toks  # columns seen but not settled; else as printed
    return [stacks[c][r] for r in range(rows) for c in range(cols)]


def _where(line: int, what: str) -> str:
    at = f"文本第{line + 1}行" if line >= 0 else "文本"
    return f"表1{at}“{what}”（按列标题定位）"


def column_heads(cells) -> dict[str, frozenset[str]]:
    """Each 表一 column header (squashed) → the blocks it heads (「本年处理决定数量」: （五） and （六））."""
    own: dict[str, set[str]] = {}
    for c in cells:
        own.setdefault(squash(c.col_label), set()).add(c.key.split(".")[1])
    return {head: frozenset(blocks) for head, blocks in own.items()}


def earlier_head(
    heads: dict[str, frozenset[str]], text: str, current: str, seen: list[str]
) -> frozenset[str]:
    """The blocks titled before `current` that `text` is a column header of, when it is none of
    `current`'s (a later block's header printed early, as chromium does, is no sign)."""
    owners = heads.get(text, frozenset())
    if current in owners or current not in seen:
        return frozenset()
    return owners & frozenset(seen[: seen.index(current)])


def settled(order: list[str], spill: dict[str, list[frozenset[str]]]) -> Callable[[list[str]], bool]:
    """Whether the numbers of consecutive blocks `run` are theirs: another block's column header
    among a block's lines (「本年制发件数 … 4 1 47」 under 第二十条第（五）项) means that block's numbers,
    printed column by column, run on from there; a reading of the blocks there or after that
    leaves any block of that header out is chance (blank cells make counts fit): refused."""

    def ok(run: list[str]) -> bool:
        before = order[: order.index(run[-1]) + 1] if run[-1] in order else order
        return all(owners <= set(run) for y in before for owners in spill.get(y, ()))

    return ok


def share_out(
    blocks: dict[str, list[tuple[str, int]]], wanted: dict[str, int], ok: Callable[[list[str]], bool]
) -> set[str]:
    """A title printed away from its block's cells (「第二十条第（五）项 第二十条第（六）项 … 64906 13163
    1383」, or a page's last cell after the next title): when consecutive blocks none of which holds
    its count together hold exactly theirs, the numbers are theirs in title order (if `ok`). The
    blocks so filled."""
    titled = [b for b in blocks if b in wanted]
    filled: set[str] = set()
    j = 0
    while j < len(titled):
        if len(blocks[titled[j]]) == wanted[titled[j]]:
            j += 1
            continue
        for end in range(j + 2, len(titled) + 1):
            run = titled[j:end]
            if len(blocks[run[-1]]) == wanted[run[-1]]:
                break  # a block that holds its count ends the run: nothing is shifted through it
            got = [t for b in run for t in blocks[b]]
            if len(got) == sum(wanted[b] for b in run):
                if ok(run):
                    for b in run:
                        blocks[b], got = got[: wanted[b]], got[wanted[b] :]
                    filled |= set(run)
                break
        j += 1
    return filled
