"""表二's rows left unread, put back by its identities where the printed numbers confirm them
(issue 12: an outsider's Word table without merged header cells, saved as PDF by LibreOffice and
read by plain `pdftotext`).

There each applicant column's stacked header cell comes out with that column's number of the first
row after it, column after column in no printed order, so the first row (一、本年新收) cannot be read
in order, while the rows after it are read page by page (`t2pages`). The form's identities fix the
row all the same: per column 一 + 二 = 三（七）总计 + 四, and 三（七）总计 is the sum of （一）…（六）. A
row is put back only when one identity names it as its only unread row, every value comes out a
whole number ≥ 0, and the table's numbers left over after the rows read are exactly the values
worked out, no more and no fewer: the printed cells are all there, and they are the only placement
that satisfies the identities.
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.core import spec
from assistant.core.findings import Finding
from assistant.reader.labels import LabelMatch, squash
from assistant.reader.runin import said_recovered
from assistant.reader.tables import Observed, Read, T2Row

_VALUE = re.compile(r"^\s*(\d+)\s*$")
WIDTH = len(spec.T2_COLUMN_KEYS)
_HEADERS = [squash(path[-1]) for _, path in spec.T2_COLUMNS[1:6]]  # 商业企业 … 法律服务机构


def _equations(version: str) -> list[list[tuple[str, int]]]:
    """The identities as signed rows summing to 0 in every column."""
    keys = [k for k, _ in spec.t2_rows(version)]
    leaves = [k for k in keys if k.startswith("results.") and k != "results.total"]
    results = [("results.total", -1)] + [(k, 1) for k in leaves]
    balance = [
        ("new_received", 1),
        ("carried_over_from_prev", 1),
        ("results.total", -1),
        ("carried_to_next", -1),
    ]
    return [results, balance]


def _solve(values: dict[str, list[int]], version: str) -> dict[str, list[int]]:
    """The unread rows each identity names as its only one, worked out column by column."""
    found: dict[str, list[int]] = {}
    changed = True
    while changed:
        changed = False
        for eq in _equations(version):
            unknown = [(k, s) for k, s in eq if k not in values and k not in found]
            if len(unknown) != 1:
                continue
            key, sign = unknown[0]
            known = {**values, **found}
            row = [-sign * sum(s * known[k][c] for k, s in eq if k != key) for c in range(WIDTH)]
            if min(row) < 0 or sum(row[:-1]) != row[-1]:
                return {}
            found[key] = row
            changed = True
    return found


def put_back(obs: Observed, lines: list[tuple[str, int]], version: str) -> None:
    """A 表二 read in part page by page (`obs.partial`): the rows `completed` puts back join it, in
    the official order; read whole, it is no longer partial (mutates `obs`)."""
    if 2 not in obs.partial or not (solved := completed(obs.t2, lines, version)):
        return
    rows = spec.t2_rows(version)
    obs.recovered += [
        said(row, "按表二行列恒等式推算补回", None) for k, row in solved.items() if k not in obs.t2
    ]
    obs.t2 = {k: obs.t2.get(k) or solved[k] for k, _ in rows if k in obs.t2 or k in solved}
    if len(obs.t2) == len(rows):
        obs.partial.discard(2)


def completed(t2: dict[str, T2Row], lines: list[tuple[str, int]], version: str) -> dict[str, T2Row]:
    """The rows `t2` lacks that the identities work out and the table's left-over numbers (the lines
    of one number each) are exactly; {} otherwise."""
    rows = spec.t2_rows(version)
    if not t2 or len(t2) == len(rows):
        return {}
    try:
        values = {k: [int(r.raw) for r in row.values] for k, row in t2.items()}
    except ValueError:
        return {}
    if any(len(v) != WIDTH for v in values.values()):
        return {}
    found = _solve(values, version)
    if not found:
        return {}
    printed = [(m.group(1), i) for line, i in lines if (m := _VALUE.match(line))]
    left = Counter(raw for raw, _ in printed) - Counter(r.raw for row in t2.values() for r in row.values)
    if left != Counter(str(v) for row in found.values() for v in row):
        return {}
    at = {raw: [i for r, i in printed if r == raw] for raw in left}
    names = dict(rows)
    return {key: _row(key, names[key], row, at) for key, row in found.items()}


def _row(key: str, path: tuple[str, ...], row: list[int], at: dict[str, list[int]]) -> T2Row:
    reads = [Read(str(v), _where(at[str(v)][0], path[-1])) for v in row]
    return T2Row(key, LabelMatch(key, path[-1], True), path[-1], reads, _where(at[str(row[0])][0], path[-1]))


def said(row: T2Row, how: str, printed: str | None) -> Finding:
    """The RECOVERED warning for a 表二 row the reader placed by the identities, not by its label."""
    shown = "、".join(r.raw for r in row.values)
    message = f"表二“{row.label}”一行在文本中未能按顺序读出，{how}：{shown}，已按此读取，请核对原文"
    return said_recovered(
        2, message, (f"applications.{row.key}.{c}" for c in spec.T2_COLUMN_KEYS), printed, shown
    )


def reorder_said(before: dict[str, T2Row], after: dict[str, T2Row]) -> list[Finding]:
    """What `reordered` did, said back: each row whose numbers it put in another order."""
    out = []
    for key, row in after.items():
        printed = [r.raw for r in before[key].values]
        if [r.raw for r in row.values] != printed:
            out.append(said(row, "其数字按表二行列恒等式调整了列的顺序", "、".join(printed)))
    return out


def _where(line: int, what: str) -> str:
    at = f"文本第{line + 1}行" if line >= 0 else "文本"
    return f"表2{at}“{what}”（按行列恒等式定位）"


def reordered(
    t2: dict[str, T2Row],
    toks: list[tuple[str, int]],
    lines: list[tuple[str, int]],
    version: str,
    among: list[int] = (),
) -> dict[str, T2Row]:
    """An exact-count reading in printed order whose rows add up but whose columns do not: when the
    one row printed right after applicant column headers (「科研机」/「构」/「其他」, the cells of an
    unmerged header, each column's number after its own header) is, worked out by the identities, the
    same numbers in another order and then every identity holds, that order is the table's; {} else.
    Header cells printed among the numbers (`among`, their source lines) must all stand inside that
    row's numbers: each column's first number after its own header, the other rows clear of them."""
    rows = spec.t2_rows(version)
    if len(toks) != WIDTH * len(rows) or set(t2) != {k for k, _ in rows}:
        return {}
    out: list[dict[str, T2Row]] = []
    for r, (key, _) in enumerate(rows):
        if not _after_headers(toks, lines, r) or not _inside(toks, r, among):
            continue
        rest = {k: v for k, v in t2.items() if k != key}
        solved = completed(rest, [(raw, i) for raw, i in toks], version)
        printed = [x.raw for x in t2[key].values]
        if key in solved and [x.raw for x in solved[key].values] != printed:
            out.append({k: rest.get(k) or solved[k] for k, _ in rows})
    return out[0] if len(out) == 1 and (not among or _holds(out[0], version)) else {}


def _inside(toks: list[tuple[str, int]], r: int, among: list[int]) -> bool:
    """Whether every header line in `among` stands before row r's last number and after the number
    before the row (none inside another row's numbers)."""
    before = toks[r * WIDTH - 1][1] if r else -1
    last = toks[(r + 1) * WIDTH - 1][1]
    return all(before < h < last for h in among)


def _holds(t2: dict[str, T2Row], version: str) -> bool:
    """Every identity of the table holds, each row adding up to its total."""
    values = {k: [int(x.raw) for x in row.values] for k, row in t2.items()}
    if any(sum(v[:-1]) != v[-1] for v in values.values()):
        return False
    return all(
        all(sum(s * values[k][c] for k, s in eq) == 0 for c in range(WIDTH)) for eq in _equations(version)
    )


def _after_headers(toks: list[tuple[str, int]], lines: list[tuple[str, int]], r: int) -> bool:
    """Whether applicant column headers stand between row r's first number and the number before it."""
    first = toks[r * WIDTH][1]
    before = toks[r * WIDTH - 1][1] if r else -1
    words = "".join(squash(line) for line, i in lines if before < i < first)
    return first >= 0 and any(h in words for h in _HEADERS)
