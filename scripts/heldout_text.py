"""Text forms of the held-out PDFs: pdftotext (raw and -layout), a Markdown extraction imitating what
PDF-to-Markdown tools emit, and the analysis of crawled rows whose cell boundaries were lost (which
cells a careful reader cannot split back)."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

from assistant.core import spec


def pdftotext(pdf: Path, layout: bool) -> str:
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, timeout=120).stdout.decode("utf-8")


_HEADING = re.compile(r"^\s*[一二三四五六]、\S")


def markdown_of(layout_text: str) -> str:
    """A PDF-to-Markdown tool's output made from `pdftotext -layout` text: section headings as `##`,
    lines of two or more column runs as pipe rows (a `|---|` rule after a block's first row), a label
    fragment left alone on its line, a line of bare numbers as a label-less row, form feeds dropped."""
    out: list[str] = []
    in_table = False
    for raw in layout_text.replace("\f", "\n").split("\n"):
        line = raw.rstrip()
        runs = [part for part in re.split(r"\s{2,}", line.strip()) if part]
        if not runs:
            if in_table:
                out.append("")
            in_table = False
            continue
        if _HEADING.match(line) and len(runs) == 1:
            out += ["", f"## {runs[0]}", ""]
            in_table = False
        elif len(runs) >= 2:
            out.append("| " + " | ".join(runs) + " |")
            if not in_table:
                out.append("|" + "---|" * len(runs))
            in_table = True
        else:
            out.append(runs[0])
    text = "\n".join(out)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# ---------------------------------------------------------------- crawled rows: which splits fit


def splits(digits: str, n: int) -> list[tuple[int, ...]]:
    """Every way to cut a digit run into n numbers as printed (no leading zeros except 0 itself)."""
    if n == 1:
        return [(int(digits),)] if digits and (digits == "0" or digits[0] != "0") else []
    out = []
    for i in range(1, len(digits) - n + 2):
        head = digits[:i]
        if len(head) > 1 and head[0] == "0":
            break
        out += [(int(head),) + rest for rest in splits(digits[i:], n - 1)]
    return out


def _t2_candidates(cells: dict, row: str) -> list[tuple[int, ...]]:
    digits = "".join(str(cells[f"applications.{row}.{c}"]) for c in spec.T2_COLUMN_KEYS)
    return [s for s in splits(digits, 7) if sum(s[:6]) == s[6]]


def _t2_consistent(rows: list[str], choice: dict[str, tuple[int, ...]]) -> bool:
    leaves = spec.t2_result_leaves(spec.FORMAT_2021)
    for j in range(7):
        v = {r: choice[r][j] for r in rows}
        if sum(v[x] for x in leaves) != v["results.total"]:
            return False
        if v["new_received"] + v["carried_over_from_prev"] != v["results.total"] + v["carried_to_next"]:
            return False
    return True


def crawled_gaps(cells: dict) -> list[str]:
    """Cells of 表一/表二/表三 that a crawled dump leaves ambiguous even with every same-year rule:
    表二 rows (row totals and the column identities, jointly), 表三 (each group's total), 表一 rows
    with more than one value (no same-year rule binds them)."""
    rows = [r for r, _ in spec.t2_rows(spec.FORMAT_2021)]
    cands = {r: _t2_candidates(cells, r) for r in rows}
    amb = [r for r in rows if len(cands[r]) > 1]
    fixed = {r: cands[r][0] for r in rows if len(cands[r]) == 1}
    seen: dict[str, set] = {r: set() for r in amb}
    n_combos = 1
    for r in amb:
        n_combos *= len(cands[r])
    gaps: list[str] = []
    if n_combos > 200_000:
        gaps += [f"applications.{r}.{c}" for r in amb for c in spec.T2_COLUMN_KEYS]
    else:
        for combo in itertools.product(*(cands[r] for r in amb)):
            choice = fixed | dict(zip(amb, combo, strict=True))
            if _t2_consistent(rows, choice):
                for r, s in zip(amb, combo, strict=True):
                    seen[r].add(s)
        for r in amb:
            for j, c in enumerate(spec.T2_COLUMN_KEYS):
                if len({s[j] for s in seen[r]}) != 1:
                    gaps.append(f"applications.{r}.{c}")
    gaps += _t3_gaps(cells) + _t1_gaps(cells)
    return gaps


def _t3_gaps(cells: dict) -> list[str]:
    keys = [f"{g}.{o}" for g, _ in spec.T3_GROUPS for o, _ in spec.T3_OUTCOMES]
    digits = "".join(str(cells[k]) for k in keys)
    fits = [s for s in splits(digits, 15) if all(sum(s[i : i + 4]) == s[i + 4] for i in (0, 5, 10))]
    return [k for j, k in enumerate(keys) if len({s[j] for s in fits}) != 1]


def _t1_gaps(cells: dict) -> list[str]:
    out = []
    for row in ("regulations", "normative_docs"):
        keys = [f"active.art20_1.{row}.{c}" for c in ("issued", "repealed", "in_force")]
        fits = splits("".join(str(cells[k]) for k in keys), 3)
        out += [k for j, k in enumerate(keys) if len({s[j] for s in fits}) != 1]
    return out
