"""Other reading orders of a table's numbers in plain `pdftotext` output (issue: CMS pages printed
by chromium).

pdftotext without -layout orders text blocks by its own reckoning. In a bordered HTML table printed
by chromium each cell is a block, and a row's numbers may come out of their printed order:
- a row whose label wraps prints its first cells on the label's line and the rest on lines of their
  own, and the lines may come before the label's (`rotate_rows`);
- when the numbers are wide, the rows on a page come out in column bands: the first columns of
  every row, then the other columns of every row (`column_bands`).
These only propose orders; the caller keeps one only when the table's arithmetic holds in it, and
none when two orders that both hold disagree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

Token = tuple[str, int]  # printed value, source line
WIDTH = 7
MAX_PATHS = 64  # band decompositions tried (mostly-zero tables fit many: then none is chosen)


def _value(raw: str) -> float:
    return 0.0 if raw == "/" else float(raw)


def adds_up(row: list[Token]) -> bool:
    """A 表二 row: its six applicant columns add up to its total."""
    if len(row) != WIDTH or any(raw == "/" for raw, _ in row):
        return False
    v = [_value(raw) for raw, _ in row]
    return abs(sum(v[:-1]) - v[-1]) < 1e-9


def _rotations(chunk: list[Token]) -> Iterator[list[Token]]:
    """The row's numbers begun at each change of source line (a line's numbers stay together)."""
    for b in range(1, len(chunk)):
        if chunk[b][1] != chunk[b - 1][1] or chunk[b][1] < 0:
            yield chunk[b:] + chunk[:b]


def settle(left: list[Token], right: list[Token] = ()) -> list[Token] | None:
    """A row printed as one part (or two column groups): the row if it adds up, else the one
    reading where a part is begun at another change of line (its label's line, or its total,
    printed before its first cells) and the row adds up, else None."""
    left, right = list(left), list(right)
    if adds_up(left + right):
        return left + right
    tries = [rot + right for rot in _rotations(left)] + [left + rot for rot in _rotations(right)]
    fits = {tuple(raw for raw, _ in row): row for row in tries if adds_up(row)}
    return next(iter(fits.values())) if len(fits) == 1 else None


def rotate_rows(toks: list[Token]) -> list[Token] | None:
    """Rows of seven in order, each settled (`settle`); None when nothing changed."""
    out: list[Token] = []
    for r in range(0, len(toks), WIDTH):
        chunk = toks[r : r + WIDTH]
        out += (settle(chunk) if len(chunk) == WIDTH else None) or chunk
    return out if out != toks else None


def _band(toks: list[Token], start: int, k: int, split: int) -> list[Token] | None:
    """k rows printed as their first `split` columns row by row, then the rest row by row; each row
    settled, or None."""
    left = toks[start : start + k * split]
    right = toks[start + k * split : start + k * WIDTH]
    out: list[Token] = []
    for r in range(k):
        row = settle(
            left[r * split : (r + 1) * split], right[r * (WIDTH - split) : (r + 1) * (WIDTH - split)]
        )
        if row is None:
            return None
        out += row
    return out


def column_bands(toks: list[Token], n_rows: int, fits: Callable[[list[Token]], bool]) -> list[list[Token]]:
    """Every distinct reading of exactly `n_rows` rows as consecutive bands (of one row or more,
    each split in two column groups, or not split) in which each row adds up and `fits` holds for
    the whole; an empty list when there are too many to try. When several such readings disagree,
    those that split every band at one column (a page layout the same on every page: chromium
    prints the 总计 column of each page's rows after their other cells) are kept if they agree."""
    if len(toks) != n_rows * WIDTH:
        return []
    mixed = _split_readings(toks, n_rows, None)
    if mixed is None:
        return []
    fitting = [p for p in mixed if fits(p)]
    if len(fitting) <= 1:
        return fitting
    uniform: dict[tuple[str, ...], list[Token]] = {}
    for split in range(1, WIDTH):
        readings = _split_readings(toks, n_rows, split) or []
        uniform.update((tuple(raw for raw, _ in p), p) for p in readings if fits(p))
    return list(uniform.values()) if len(uniform) == 1 else fitting


def _split_readings(toks: list[Token], n_rows: int, split: int | None) -> list[list[Token]] | None:
    """The distinct readings (by printed values) with bands split at `split` (None: any column,
    band by band); None when there are too many."""
    splits = range(1, WIDTH) if split is None else (split,)
    options: dict[int, list[tuple[int, list[Token]]]] = {}
    for r in range(n_rows):
        options[r] = []
        for k in range(1, n_rows - r + 1):
            for cut in splits if k > 1 else (WIDTH,):  # one row alone: the row in order (settled)
                band = _band(toks, r * WIDTH, k, cut)
                if band is not None:
                    options[r].append((r + k, band))
    # from the last row back: two decompositions that read the same values (zeros fit many) are one
    reach: dict[int, dict[tuple[str, ...], list[Token]]] = {n_rows: {(): []}}
    for r in range(n_rows - 1, -1, -1):
        found: dict[tuple[str, ...], list[Token]] = {}
        for nxt, band in options[r]:
            head = tuple(raw for raw, _ in band)
            for tail, rest in reach[nxt].items():
                found.setdefault(head + tail, band + rest)
                if len(found) > MAX_PATHS:
                    return None
        reach[r] = found
    return list(reach[0].values())


def stacks_of(toks: list[tuple[str, int]]) -> list[list[tuple[str, int]]]:
    """(number, line) tokens grouped into stacks: numbers on consecutive lines are one stack."""
    stacks: list[list[tuple[str, int]]] = []
    for tok in toks:
        if stacks and tok[1] >= 0 and stacks[-1][-1][1] == tok[1] - 1:
            stacks[-1].append(tok)
        else:
            stacks.append([tok])
    return stacks


def unstack(toks: list[tuple[str, int]], width: int = 7) -> list[tuple[str, int]]:
    """Plain pdftotext prints rows that stand close together column by column: numbers on
    consecutive lines form a stack; `width` equal stacks in a row are that many rows, transposed."""
    stacks = stacks_of(toks)
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(stacks):
        k = len(stacks[i])
        columns, used = _columns(stacks, i, k, width) if k > 1 else ([], 0)
        if columns:
            out += [columns[j][r] for r in range(k) for j in range(width)]
            i += used
        else:
            out += stacks[i]
            i += 1
    return out


def _columns(stacks: list[list], i: int, k: int, width: int) -> tuple[list[list], int]:
    """`width` columns of `k` numbers from the stacks at i (adjacent columns may run together)."""
    columns: list[list] = []
    j = i
    while j < len(stacks) and len(columns) < width and len(stacks[j]) % k == 0:
        columns += [stacks[j][c : c + k] for c in range(0, len(stacks[j]), k)]
        j += 1
    return (columns, j - i) if len(columns) == width else ([], 0)


def keeps_settled(reading: list[Token], toks: list[Token], among: list[int]) -> bool:
    """Whether `reading` keeps as printed every row of seven that adds up as printed with none of the
    header lines `among` inside it (a reordering guesses only where the printed order is unsettled)."""
    for r in range(0, len(toks), WIDTH):
        chunk = toks[r : r + WIDTH]
        lines = [i for _, i in chunk]
        if min(lines) < 0 or any(min(lines) < h < max(lines) for h in among) or not adds_up(chunk):
            continue
        if [raw for raw, _ in reading[r : r + WIDTH]] != [raw for raw, _ in chunk]:
            return False
    return True
