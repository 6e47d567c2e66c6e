"""Outsider-built .docx reports → LibreOffice PDF → pdftotext (issue 12, held-out D's path).

Builds each corpus facts file as a plain python-docx report the way someone else's short script
would (`doc.add_heading` / `doc.add_paragraph`, `doc.add_table` with every label in its own cell),
in several layouts, converts them with `soffice --headless --convert-to pdf` (cached under
/tmp/r14docx_pdf) and reads `pdftotext` (plain, or `--layout`). Per variant: cells read right /
printed, WRONG, false errors (error findings with source report whose code the faithful facts do
not raise).

`.venv/bin/python benchmarks/docx_outsider.py [--layout] [--only SUBSTRING] [--keep DIR]`
"""

from __future__ import annotations

import argparse
import hashlib
import io
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.audit import InputError, audit_one, load_input  # noqa: E402
from assistant.core import spec  # noqa: E402
from assistant.core.facts import BLANK  # noqa: E402
from assistant.facts_io import load_facts  # noqa: E402

SOURCES = ROOT / "corpus" / "sources"
CACHE = Path("/tmp/r14docx_pdf")


@dataclass(frozen=True)
class Layout:
    """How the outsider's script lays the report out."""

    t1_split: bool = False  # 表一 as one small table per block (else one 4-col table)
    t2_label_cols: int = 2  # 表二's row labels in 2 columns, or 1 (the full label)
    t2_legal_repeat: bool = True  # 「法人或其他组织」 in each of its 5 cells (else blank)
    t3_rows: int = 3  # 表三's header rows: 3 (行政诉讼 row) or 2
    merge: bool = False  # header and row-label blocks merged with cell.merge
    a4: bool = False
    landscape: bool = False
    pt: float | None = None  # table font size
    style: str = "Table Grid"
    captions: bool = False  # a caption paragraph above each table
    zero_blank: bool = False  # zero values left blank
    headings: bool = True  # section titles as add_heading (else add_paragraph)


def value_text(v, lay: Layout) -> str:
    if lay.zero_blank and v == 0 and not isinstance(v, type(BLANK)):
        return ""
    return str(v)


def truth_cells(facts) -> dict[str, object]:
    return {c.key: facts.cells.get(c.key, 0) for c in spec.spec_for(facts.format).cells}


def _fill(table, grid: list[list[str]], lay: Layout) -> None:
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.text = text
            if lay.pt:
                from docx.shared import Pt

                for run in cell.paragraphs[0].runs:
                    run.font.size = Pt(lay.pt)


def _merge_runs(table, grid: list[list[str]], rows: range, cols: range, across: bool) -> None:
    """Merge runs of equal non-empty labels in `rows` × `cols` (along rows if `across`, else down)."""
    lines = [[(r, c) for c in cols] for r in rows] if across else [[(r, c) for r in rows] for c in cols]
    for line in lines:
        i = 0
        while i < len(line):
            j = i
            r0, c0 = line[i]
            while j + 1 < len(line) and grid[line[j + 1][0]][line[j + 1][1]] == grid[r0][c0] != "":
                j += 1
            if j > i:
                r1, c1 = line[j]
                text = grid[r0][c0]
                merged = table.cell(r0, c0).merge(table.cell(r1, c1))
                merged.text = text
            i = j + 1


def _table(doc, grid: list[list[str]], lay: Layout, merges=()) -> None:
    table = doc.add_table(rows=len(grid), cols=len(grid[0]))
    if lay.style:
        table.style = doc.styles[lay.style]
    _fill(table, grid, lay)
    if lay.merge:
        for rows, cols, across in merges:
            _merge_runs(table, grid, rows, cols, across)


def t1_blocks(facts, lay: Layout) -> list[list[list[str]]]:
    """表一's blocks: a title row, a header row (信息内容 + the block's columns), the item rows."""
    blocks: dict[str, dict[str, dict[str, str]]] = {}
    for c in spec.spec_for(facts.format).table_cells(1):
        title, row = c.row_path
        blocks.setdefault(title, {}).setdefault(row, {})[c.col_path[0]] = value_text(
            facts.cells.get(c.key, 0), lay
        )
    out = []
    for title, rows in blocks.items():
        cols = list(next(iter(rows.values())))
        grid = [[title] + [title if lay.merge else ""] * len(cols), [spec.FIRST_COLUMN_HEADER] + cols]
        grid += [[row] + [vals[c] for c in cols] for row, vals in rows.items()]
        out.append(grid)
    return out


def t1_table(doc, facts, lay: Layout) -> None:
    blocks = t1_blocks(facts, lay)
    if lay.t1_split:
        for grid in blocks:
            _table(doc, grid, lay, [(range(0, 1), range(len(grid[0])), True)])
        return
    width = max(len(g[0]) for g in blocks)
    grid = [
        row + [row[-1] if r == 0 and lay.merge else ""] * (width - len(row))
        for g in blocks
        for r, row in enumerate(g)
    ]
    title_rows = [i for i, row in enumerate(grid) if row[0] in spec.T1_BLOCK_TITLES.values()]
    _table(doc, grid, lay, [(range(r, r + 1), range(width), True) for r in title_rows])


def t2_grid(facts, lay: Layout) -> tuple[list[list[str]], int]:
    lc = lay.t2_label_cols
    legal = spec.LEGAL_PERSON_GROUP if lay.t2_legal_repeat else ""
    heads = [p[-1] for _, p in spec.T2_COLUMNS]
    corner = [""] * lc
    grid = [
        corner + [spec.APPLICANT_GROUP] * 7,
        corner + ["自然人"] + [legal] * 5 + ["总计"],
        corner + [""] + heads[1:6] + [""],
    ]
    if lay.merge:
        grid[1][lc], grid[2][lc] = "自然人", "自然人"
        grid[1][lc + 6], grid[2][lc + 6] = "总计", "总计"
    for row, path in spec.t2_rows(facts.format):
        if lc == 2:
            labels = [
                path[0],
                spec._join_labels(path[1:]) if len(path) > 1 else (path[0] if lay.merge else ""),
            ]
        else:
            labels = [spec._join_labels(path)]
        vals = [value_text(facts.cells.get(f"applications.{row}.{c}", 0), lay) for c in spec.T2_COLUMN_KEYS]
        grid.append(labels + vals)
    return grid, lc


def t2_table(doc, facts, lay: Layout) -> None:
    grid, lc = t2_grid(facts, lay)
    n = len(grid)
    merges = [
        (range(0, 1), range(lc, lc + 7), True),
        (range(1, 2), range(lc + 1, lc + 6), True),
        (range(0, 3), range(0, lc), False),
        (range(1, 3), range(lc, lc + 1), False),
        (range(1, 3), range(lc + 6, lc + 7), False),
        (range(3, n), range(0, 1), False),
    ]
    if lc == 2:
        merges.append((range(3, n), range(0, 2), True))
    _table(doc, grid, lay, merges)


def t3_table(doc, facts, lay: Layout) -> None:
    cols = [(g, path, o, lab) for g, path in spec.T3_GROUPS for o, lab in spec.T3_OUTCOMES]
    if lay.t3_rows == 3:
        head = [[p[0] for _, p, _, _ in cols], [p[-1] for _, p, _, _ in cols]]
        head[1][:5] = ["行政复议"] * 5 if lay.merge else [""] * 5
    else:
        head = [["".join(p) if len(p) > 1 else p[0] for _, p, _, _ in cols]]
    head.append([lab for _, _, _, lab in cols])
    vals = [value_text(facts.cells.get(f"{g}.{o}", 0), lay) for g, _, o, _ in cols]
    grid = head + [vals]
    merges = [(range(r, r + 1), range(15), True) for r in range(len(head) - 1)]
    merges.append((range(0, 2), range(0, 5), False))
    _table(doc, grid, lay, merges if lay.t3_rows == 3 else merges[:-1])


def docx_bytes(facts, lay: Layout, sections: dict[str, str]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm

    doc = Document()
    sec = doc.sections[0]
    if lay.a4:
        sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    if lay.landscape:
        sec.orientation = WD_ORIENT.LANDSCAPE
        sec.page_width, sec.page_height = sec.page_height, sec.page_width
    doc.add_heading(f"{facts.agency}{facts.year}年政府信息公开工作年度报告", 0)
    tables = {"s2_active": t1_table, "s3_applications": t2_table, "s4_review_litig": t3_table}
    for s in spec.SECTIONS:
        doc.add_heading(s.label, 1) if lay.headings else doc.add_paragraph(s.label)
        for para in (sections.get(s.key, "") or "").split("\n"):
            if para.strip():
                doc.add_paragraph(para.strip())
        if s.key in tables:
            if lay.captions:
                doc.add_paragraph(f"表{'一二三'[list(tables).index(s.key)]}：{s.title}")
            tables[s.key](doc, facts, lay)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


LAYOUTS: dict[str, Layout] = {
    "plain": Layout(),
    "nostyle": Layout(style=""),
    "a4": Layout(a4=True),
    "a4_merge": Layout(a4=True, merge=True),
    "merge": Layout(merge=True),
    "onecol": Layout(t2_label_cols=1),
    "onecol_a4": Layout(t2_label_cols=1, a4=True),
    "legal_blank": Layout(t2_legal_repeat=False),
    "t1split": Layout(t1_split=True),
    "t1split_merge": Layout(t1_split=True, merge=True, a4=True),
    "t3two": Layout(t3_rows=2),
    "landscape": Layout(landscape=True),
    "landscape_merge": Layout(landscape=True, merge=True),
    "pt9": Layout(pt=9),
    "pt12": Layout(pt=12, a4=True),
    "captions": Layout(captions=True),
    "zero_blank": Layout(zero_blank=True),
    "zero_blank_merge": Layout(zero_blank=True, merge=True, a4=True),
    "paragraphs": Layout(headings=False, captions=True),
    "onecol_merge_pt9": Layout(t2_label_cols=1, merge=True, pt=9),
}


def convert(docs: dict[str, bytes]) -> dict[str, bytes]:
    """docx bytes → PDF bytes, cached by content hash; one soffice run for all the misses."""
    CACHE.mkdir(exist_ok=True)
    keys = {name: hashlib.sha1(data).hexdigest()[:16] for name, data in docs.items()}
    missing = [name for name, k in keys.items() if not (CACHE / f"{k}.pdf").exists()]
    if missing:
        with tempfile.TemporaryDirectory() as tmp:
            srcs = []
            for name in missing:
                src = Path(tmp) / f"{keys[name]}.docx"
                src.write_bytes(docs[name])
                srcs.append(str(src))
            cmd = ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(CACHE), *srcs]
            subprocess.run(cmd, check=True, capture_output=True, timeout=1800)
    return {name: (CACHE / f"{k}.pdf").read_bytes() for name, k in keys.items()}


def pdftotext(pdf: bytes, layout: bool) -> bytes:
    flags = ["-layout"] if layout else []
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "r.pdf"
        src.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", *flags, str(src), "-"], check=True, capture_output=True
        )
    return out.stdout.replace(b"\f", b"\n")


def _errors(result) -> set[str]:
    return {
        f.rule
        for f in result.findings
        if f.severity == "error" and f.status == "fail" and f.source == "report"
    }


def score(text: bytes, facts, truth_codes: set[str], lay: Layout) -> tuple[int, int, int, int]:
    truth = truth_cells(facts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.txt"
        path.write_bytes(text)
        try:
            loaded = load_input(path)
        except InputError:
            return 0, len(truth), 0, 0
        result = audit_one(loaded)
    read = loaded.report.cells if loaded.report else {}

    def right(k, v) -> bool:
        got = read[k]
        return str(got) == str(v) or (lay.zero_blank and v == 0 and got == BLANK)

    ok = sum(1 for k, v in truth.items() if k in read and right(k, v))
    wrong = sum(1 for k, v in truth.items() if k in read and not right(k, v))
    false = sum(
        1
        for f in result.findings
        if f.severity == "error" and f.status == "fail" and f.source == "report" and f.rule not in truth_codes
    )
    return ok, len(truth), wrong, false


def variants(only: str) -> list[tuple[str, Path, Layout]]:
    """Each layout over two facts files (round robin over the corpus)."""
    files = sorted(SOURCES.glob("*.yaml"))
    out = []
    for i, (name, lay) in enumerate(LAYOUTS.items()):
        for j in (2 * i, 2 * i + 1):
            f = files[j % len(files)]
            label = f"{name}:{f.stem}"
            if only in label:
                out.append((label, f, lay))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layout", action="store_true", help="pdftotext -layout instead of plain")
    ap.add_argument("--only", default="")
    ap.add_argument("--keep", default="", help="write each variant's text to this folder")
    args = ap.parse_args()
    rows = variants(args.only)
    loaded = {label: load_facts(f) for label, f, _ in rows}
    facts = {label: x.facts for label, x in loaded.items()}
    pdfs = convert({label: docx_bytes(facts[label], lay, loaded[label].sections) for label, _, lay in rows})
    totals = [0, 0, 0, 0]
    for label, f, lay in rows:
        text = pdftotext(pdfs[label], args.layout)
        if args.keep:
            Path(args.keep).mkdir(exist_ok=True)
            (Path(args.keep) / f"{label.replace(':', '__')}.txt").write_bytes(text)
        codes = _errors(audit_one(load_input(f)))
        got = score(text, facts[label], codes, lay)
        totals = [a + b for a, b in zip(totals, got, strict=True)]
        flag = "  <-" if got[2] or got[3] else ""
        print(f"{label:<52} cells {got[0]:>3}/{got[1]} wrong {got[2]} false {got[3]}{flag}", flush=True)
    print(f"TOTAL cells {totals[0]}/{totals[1]} wrong {totals[2]} false {totals[3]}")


if __name__ == "__main__":
    main()
