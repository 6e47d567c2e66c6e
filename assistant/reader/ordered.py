"""Tables of text extracted from PDFs: values placed by the official row order and the arithmetic.

pdftotext, with or without -layout, and Markdown converters separate labels from numbers: a label
wraps over lines around a label-less row of numbers, a row is cut short, or (plain pdftotext) every
label comes first and the numbers follow as a stream. When the labels do not place a table, its
numbers are taken in reading order from the section that holds it and laid onto the official
cells: 表一 block by block (第二十条第（X）项 titles survive extraction), 表二 as rows of seven
(each row's total is the sum of its six columns, and the column identities hold), 表三 as fifteen.
A placement is used only when exactly one fits; otherwise the table stays as the labels read it
and what is missing is the reader's gap. Only text documents (txt, md) are placed this way.
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.reader import t1columns, t2pages, t2solve, textorder
from assistant.reader import vocabulary as V
from assistant.reader.blocks import Block, Grid
from assistant.reader.labels import LabelMatch, squash
from assistant.reader.tables import Observed, Read, T1Row, T2Row

_BLOCK_TITLE = re.compile(r"第二十条第?[（(]?([一二三四五六七八九十]+)[)）]?项")
# a title wrapped in its cell, its 「项」 on the next line (「第二十条第（一）」 / 「项」: mutool, pdfplumber)
_CUT_TITLE = re.compile(r"^第二十条第?[（(]?([一二三四五六七八九十]+)[)）]?$")
_BLOCKS = {"一": "art20_1", "五": "art20_5", "六": "art20_6", "八": "art20_8", "九": "art20_9"}
_PROSE = re.compile(r"[。，；！？]")
_PAGE = re.compile(r"^\s*(?:[-—–－]+\s*\d+\s*[-—–－]+|第\s*\d+\s*页.*|\d+\s*/\s*\d+|[-—–－]\s*\d+)\s*$")
_NUMBER = re.compile(
    r"(?<![\d.．第])(\d+(?:\.\d+)?|/|／)(?![\d.．、]|\s*[件页项条号年月日个人次份天家篇期余多%％])"
)
_TAIL = re.compile(r"(?:[\s|\u3000]+(?:\d+(?:\.\d+)?|/)){2,}[\s|\u3000]*$")
_URL = re.compile(r"(?:file|https?)://\S*")
_ONE_TAIL = re.compile(r"(?<=[^\d\s.．])[ \u3000]+(?:\d+|/)[ \u3000]*$")  # a wrapped label's line, one cell
_NEGATIVE = re.compile(r"^\s*[-−－]\d+\s*$")  # a signed 表一 cell (2019 form) alone on its line
_MINUS = str.maketrans("−－", "--")
_LABEL_MAX = 60  # characters of a wrapped 表二 label's line
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
_ROW_MAX = 300  # characters of a table row's line (longer lines are prose; the tail search is bounded)
MAX_TOKENS = 2000  # a section with more numbers than this is not a table (the search is bounded)


def lines_of(blocks: list[Block]) -> list[tuple[str, int]]:
    """The section's lines in reading order with their source line (-1 if unknown): paragraphs,
    and grid rows joined by spaces."""
    out: list[tuple[str, int]] = []
    for b in blocks:
        if isinstance(b, Grid):
            out += [(" ".join(c for c in row if c), -1) for row in b.rows]
        else:
            out.append((b.text, b.line))
    return out


def tokens(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """(printed value, source line) of the numbers outside prose, page numbers and list numbering."""
    out: list[tuple[str, int]] = []
    for line, i in lines:
        text = _URL.sub(" ", line.translate(_FULLWIDTH))  # a browser's footer: the page's address
        if _PAGE.match(text) or _BLOCK_TITLE.search(squash(text)):
            continue
        if _PROSE.search(text):  # prose, or a wrapped label with the row's numbers after it
            tail = _TAIL.search(text[-_ROW_MAX:]) if len(text) <= 4 * _ROW_MAX else None
            if tail is None and len(text) <= _LABEL_MAX and "。" not in text:
                tail = _ONE_TAIL.search(text)  # 「（二）部分公开（区分处理的，只计这一情形， 0」
            if tail is None:
                continue
            text = tail.group(0)
        text = re.sub(
            r"(?<!\d)\d{1,2}\s*[.．、]\s*(?=\D)", " ", text
        )  # 1.属于国家秘密: numbering, not a value
        for m in _NUMBER.finditer(text):
            if m.group(1) in "/／" and not _alone(text, m):
                continue
            out.append((m.group(1).replace("／", "/"), i))
    return out


def _alone(text: str, m: re.Match) -> bool:
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return before in " |\t\u3000" and after in " |\t\u3000"


def _num(raw: str) -> float:
    return 0.0 if raw == "/" else float(raw)


def place_tables(obs: Observed, flow: dict[str, list[Block]], version: str) -> None:
    """Fill what the labels did not read, where one placement by order fits (mutates `obs`).
    表二's rows tell the form: when its numbers fit only the other version's rows (23 in 2019,
    25 in 2021), that version's order is used for every table."""
    regions = titled_regions(flow)
    toks = tokens(lines_of(regions.get(2) or flow.get("s3_applications", [])))
    other = spec.FORMAT_2019 if version == spec.FORMAT_2021 else spec.FORMAT_2021
    t2_lines = lines_of(regions.get(2) or flow.get("s3_applications", []))
    if not obs.t2 and not t2pages.prints_rows_of(t2_lines, version) and read_t2(toks, version) is None:
        version = other if read_t2(toks, other) is not None else version
    t1_lines = lines_of(regions.get(1) or flow.get("s2_active", []))
    by_column = t1columns.column_major(t1_lines, version)
    if by_column is not None:  # numbers under their column headers: a row-wise reading is wrong
        obs.t1 = [r for r in obs.t1 if not r.values]
    t1 = _place_t1(t1_lines, version) if by_column is None else by_column
    if t1 and _t1_incomplete(obs, version):
        full = {(r.block, r.item) for r in obs.t1 if r.values and all(read.raw for _, read in r.values)}
        placed = {(r.block, r.item): r for r in t1 if (r.block, r.item) not in full}
        kept = [placed.pop((r.block, r.item), r) for r in obs.t1]
        obs.t1 = kept + list(placed.values())
        if not _t1_incomplete(obs, version):
            obs.problems = [p for p in obs.problems if p[0] != 1]
        obs.seen.add(1)
    t2, full, headers, placed = _whole_t2(obs, toks, t2_lines, version)
    if t2 and not full and headers:  # identities fail, column headers among the numbers: rows unsettled
        t2 = {}
        obs.t2 = obs.t2 or t2pages.settled_rows(placed[0], toks, headers, version)
        obs.partial.update({2} if obs.t2 else set())
    if not t2 and not obs.t2:  # no reading of the whole table: the rows each page names, if sure
        obs.t2 = t2pages.page_rows(t2_lines, version)
        obs.seen.update({2} if obs.t2 else set())
        obs.partial.update({2} if obs.t2 else set())
    t2solve.put_back(obs, t2_lines, version)
    if t2 and _t2_differs(obs, t2) and (full or _agrees(obs.t2, t2)):
        obs.t2 = {**obs.t2, **t2} if _agrees(obs.t2, t2) else t2  # the arithmetic decides
        obs.collapsed = []
        obs.problems = [p for p in obs.problems if p[0] != 2]
        obs.seen.add(2)
    t3 = place_t3(tokens(lines_of(regions.get(3) or flow.get("s4_review_litig", []))))
    if t3 is not None and (obs.t3 is None or any(r is None or not r.raw for r in obs.t3)):
        obs.t3 = t3
        obs.problems = [p for p in obs.problems if p[0] != 3]
        obs.seen.add(3)


def _whole_t2(obs: Observed, toks: list[tuple[str, int]], lines: list[tuple[str, int]], version: str):
    """表二 read whole from its numbers: (rows, whether settled, the applicant headers' lines among the
    numbers, the reading before any reorder). The numbers as printed may hold one row printed after its
    column headers in their order (`t2solve.reordered`, said back); a settled reading that disagrees
    with that one is none (a column moved in every row holds every identity too)."""
    headers = t2pages.headers_among_numbers(lines)
    placed = read_t2(toks, version, headers)
    t2, full = placed if placed else ({}, False)
    printed = t2 if t2 and not full else (place_t2(toks, version) or ({}, False))[0]
    fixed = t2solve.reordered(printed, toks, lines, version, headers) if printed else {}
    if fixed and full and not _agrees(t2, fixed):
        return {}, False, headers, placed
    if fixed and not full:
        obs.recovered += t2solve.reorder_said(printed, fixed)
        return fixed, True, [], placed
    return t2, full, headers, placed


_TABLE_TITLE = re.compile(r"^\s*[#*|\s]*(?:附)?表\s*([一二三123])(?![\d〇一二三四五六七八九十])")


def titled_regions(flow: dict[str, list[Block]]) -> dict[int, list[Block]]:
    """Tables titled 表一/表二/表三 (or 附表…), wherever they stand (an appendix after 六): the
    blocks from each title to the next."""
    out: dict[int, list[Block]] = {}
    current: int | None = None
    for blocks in flow.values():
        for b in blocks:
            text = b.text if not isinstance(b, Grid) else ""
            m = _TABLE_TITLE.match(text) if text and len(text) <= 40 else None
            if m:
                current = "一二三".find(m.group(1)) + 1 or int(m.group(1))
                out[current] = []
            elif current is not None:
                out[current].append(b)
    return out


def _t1_incomplete(obs: Observed, version: str) -> bool:
    wanted = {tuple(c.key.split(".")[1:3]) for c in spec.spec_for(version).table_cells(1)}
    full = {(r.block, r.item) for r in obs.t1 if r.values and all(read.raw for _, read in r.values)}
    return not wanted <= full


def _place_t1(lines: list[tuple[str, int]], version: str) -> list[T1Row]:
    """表一 block by block: the numbers under each 第二十条第（X）项 title, in the block's cell order;
    a loose line 「行政许可 64」 outside the blocks is its row when the label names one."""
    cells = spec.spec_for(version).table_cells(1)
    signed = any(c.signed for c in cells)
    blocks: dict[str, list[tuple[str, int]]] = {}
    current = None
    rows: list[T1Row] = []
    heads = t1columns.column_heads(cells)
    spill: dict[str, list[frozenset[str]]] = {}  # another block's column header among a block's lines
    for line, i in lines:
        m = _BLOCK_TITLE.search(squash(line)) or _CUT_TITLE.match(squash(line))
        if m:
            current = _BLOCKS.get(m.group(1))
            blocks.setdefault(current or "", [])
            continue
        if current and (earlier := t1columns.earlier_head(heads, squash(line), current, list(blocks))):
            spill.setdefault(current, []).append(earlier)  # an earlier block's header: its numbers run on
        loose = _loose_row(line, i, cells)
        if loose is not None:
            rows.append(loose)
        elif current and signed and _NEGATIVE.match(line):
            blocks[current].append((line.strip().translate(_MINUS), i))  # 本年增/减 -3, not a page number
        elif current:
            blocks[current] += tokens([(line, i)])
    done = {(r.block, r.item) for r in rows}
    wanted = {
        block: [c for c in cells if c.key.split(".")[1] == block and tuple(c.key.split(".")[1:3]) not in done]
        for block in dict.fromkeys(c.key.split(".")[1] for c in cells)
    }
    ok = t1columns.settled(list(blocks), spill)
    shared = t1columns.share_out(blocks, {b: len(c) for b, c in wanted.items()}, ok)
    for block, bcells in wanted.items():
        got = blocks.get(block)
        items = list(dict.fromkeys(c.key.split(".")[2] for c in bcells))
        if not bcells or got is None or len(got) != len(bcells) or not (block in shared or ok([block])):
            continue
        if (got := t1columns.row_major(got, len(items), len(bcells) // len(items))) is None:
            continue  # printed column by column in no order the lines settle: the reader's gap
        for item in items:
            icells = [(c, got[j]) for j, c in enumerate(bcells) if c.key.split(".")[2] == item]
            values = [(None, Read(raw, _where(1, i, c.col_label))) for c, (raw, i) in icells]
            label = icells[0][0].row_path[-1]
            rows.append(T1Row(block, item, label, values, _where(1, icells[0][1][1], label)))
    return rows


def _loose_row(line: str, i: int, cells) -> T1Row | None:
    """「行政许可 64」: an official 表一 row label followed by exactly its row's numbers."""
    m = re.match(r"^[\s|]*([^\d|]+?)[\s|]+((?:[\d.]+[\s|]*)+)$", line.translate(_FULLWIDTH))
    if m is None:
        return None
    hit = V.t1_rows().match(m.group(1).strip())
    if hit is None:
        return None
    block, item = hit.target
    icells = [c for c in cells if c.key.split(".")[1:3] == [block, item]]
    toks = tokens([(m.group(2), i)])
    if not icells or len(toks) != len(icells):
        return None
    values = [(None, Read(raw, _where(1, i, c.col_label))) for c, (raw, _) in zip(icells, toks, strict=True)]
    return T1Row(block, item, icells[0].row_path[-1], values, _where(1, i, icells[0].row_path[-1]))


def read_t2(
    toks: list[tuple[str, int]], version: str, among: list[int] = ()
) -> tuple[dict[str, T2Row], bool] | None:
    """表二 from the numbers in reading order, or column by column (`unstack`): plain pdftotext
    prints a ruled table's cells one a line, row after row, and close rows column after column, and
    seven rows of seven look alike either way; a row's cells may come out of order, or a page's rows
    in column bands (`textorder`). The arithmetic decides: a reading where every identity holds is
    used, and when two readings hold but differ, none is. With column headers among the numbers (`among`,
    a Word table's cells), a band reading must keep each row printed clear of them that adds up."""
    found = [p for p in (place_t2(o, version) for o in (textorder.unstack(toks), toks)) if p is not None]
    rotated = textorder.rotate_rows(toks)
    guessed = [place_t2(rotated, version)] if rotated else []  # a reordering counts only if all holds
    full = [p for p in found + guessed if p is not None and p[1]]
    if not full:
        rows = spec.t2_rows(version)
        bands = textorder.column_bands(toks, len(rows), lambda o: _t2_fits(o, rows))
        bands = [o for o in bands if not among or textorder.keeps_settled(o, toks, among)]
        full = [p for p in (place_t2(o, version) for o in bands) if p is not None and p[1]]
    if any(not _agrees(full[0][0], p[0]) for p in full[1:]):
        return None
    return (full or found or [None])[0]


def place_t2(toks: list[tuple[str, int]], version: str) -> tuple[dict[str, T2Row], bool] | None:
    """表二 as rows of seven in the official order, and whether the order is settled (every identity
    holds, or one cell alone breaks its row and its column). An exact count is the table in its
    order when each row adds up (a failing column identity is then the report's) or one cell is off
    (the report's slip); with other numbers around, the one offset where every row and identity holds."""
    rows = spec.t2_rows(version)
    n, width = len(rows), len(spec.T2_COLUMN_KEYS)
    if len(toks) > MAX_TOKENS or len(toks) < n * width:
        return None
    if len(toks) == n * width:
        start, full = 0, _t2_fits(toks, rows) or _one_cell_off(toks, rows)
        if not full and not _rows_add_up(toks):
            return None
    else:
        fits = [o for o in range(len(toks) - n * width + 1) if _t2_fits(toks[o : o + n * width], rows)]
        if len(fits) != 1:
            return None
        start, full = fits[0], True
    out: dict[str, T2Row] = {}
    for r, (key, path) in enumerate(rows):
        chunk = toks[start + r * width : start + (r + 1) * width]
        reads = [Read(raw, _where(2, i, f"第{r + 1}行")) for raw, i in chunk]
        match = LabelMatch(key, path[-1], True)
        out[key] = T2Row(key, match, path[-1], reads, _where(2, chunk[0][1], path[-1]))
    return out, full


def _rows_add_up(toks: list[tuple[str, int]]) -> bool:
    if any(raw == "/" for raw, _ in toks):
        return False
    v = [_num(raw) for raw, _ in toks]
    return all(abs(sum(v[r : r + 6]) - v[r + 6]) < 1e-9 for r in range(0, len(v), 7))


def _t2_fits(toks: list[tuple[str, int]], rows) -> bool:
    return _failing(toks, rows) == (set(), set())


def _failing(toks: list[tuple[str, int]], rows) -> tuple[set[int], set[int]]:
    """The rows that do not add up and the columns whose identities (results add up to 总计;
    一 + 二 = 三 + 四) do not hold; every row and column when a cell is 「/」."""
    if any(raw == "/" for raw, _ in toks):
        return set(range(len(rows))), set(range(7))
    v = [_num(raw) for raw, _ in toks]
    bad_rows = {r for r in range(len(rows)) if abs(sum(v[r * 7 : r * 7 + 6]) - v[r * 7 + 6]) > 1e-9}
    table = {key: v[r * 7 : r * 7 + 7] for r, (key, _) in enumerate(rows)}
    leaves = [k for k, _ in rows if k.startswith("results.") and k != "results.total"]
    bad_cols = set()
    for c in range(7):
        results = sum(table[k][c] for k in leaves)
        new, prev = table["new_received"][c], table["carried_over_from_prev"][c]
        if (
            abs(results - table["results.total"][c]) > 1e-9
            or abs(new + prev - table["results.total"][c] - table["carried_to_next"][c]) > 1e-9
        ):
            bad_cols.add(c)
    return bad_rows, bad_cols


def _one_cell_off(toks: list[tuple[str, int]], rows) -> bool:
    """Exactly one row and one column fail: one printed cell is off, the report's own slip (a
    misplaced reading breaks a row and several columns, or several rows)."""
    bad_rows, bad_cols = _failing(toks, rows)
    return len(bad_rows) == 1 and len(bad_cols) == 1


def place_t3(toks: list[tuple[str, int]]) -> list[Read | None] | None:
    """表三 as fifteen numbers; with more numbers around, the one run of fifteen whose three group
    totals (and the two litigation groups' totals) add up. Fewer than fifteen, at least ten, whose
    first two groups add up: the table's right edge was cut off (a browser prints a table wider than
    the page clipped), so the numbers are its first columns and the rest are left unread."""
    if len(toks) > MAX_TOKENS or len(toks) < 10:
        return None
    if len(toks) < 15:
        if not _t3_fits(toks[:10], groups=(0, 5)):
            return None
        toks = toks[:10] + [t for t in toks[10:] if t[1] == toks[9][1]]  # a clipped row is one line
        reads = [Read(raw, _where(3, i, f"第{j + 1}列")) for j, (raw, i) in enumerate(toks)]
        return reads + [None] * (15 - len(toks))
    fits = [o for o in range(len(toks) - 14) if _t3_fits(toks[o : o + 15])]
    if len(fits) != 1 and not (len(toks) == 15 and fits):
        return None  # the group totals decide: extraction may print a column out of its place
    start = fits[0]
    return [Read(raw, _where(3, i, f"第{j + 1}列")) for j, (raw, i) in enumerate(toks[start : start + 15])]


def _t3_fits(toks: list[tuple[str, int]], groups: tuple[int, ...] = (0, 5, 10)) -> bool:
    v = [_num(raw) for raw, _ in toks]
    return all(abs(sum(v[g : g + 4]) - v[g + 4]) < 1e-9 for g in groups)


def _agrees(read: dict[str, T2Row], placed: dict[str, T2Row]) -> bool:
    same = (
        [r.raw for r in row.values] == [r.raw for r in placed[k].values]
        for k, row in read.items()
        if k in placed
    )
    return all(same)


def _t2_differs(obs: Observed, placed: dict[str, T2Row]) -> bool:
    return not _agrees(obs.t2, placed) or not set(placed) <= set(obs.t2)


def _where(table: int, line: int, what: str) -> str:
    at = f"文本第{line + 1}行" if line >= 0 else "文本"
    return f"表{table}{at}“{what}”（按官方行序定位）"
