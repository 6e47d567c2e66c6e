"""Measure the auditor's reading on a directory of documents with truth (`NAME.ext` + `NAME.truth.yaml`).

`.venv/bin/python scripts/measure_heldout_documents.py evals/heldout/documents [--only GLOB]`
prints one line per document — agency and year, cells printed / read right / read wrong / unread (cells the truth
expects to be a reader's gap are counted apart), planted errors found / missed, error findings beyond
the planted ones (false errors), warnings about what the reader could not read (`source: reader`) —
and a total line. Documents whose name starts with `_` (the script's own self-test) are measured only
when `--only` names them.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.audit import InputError, audit_one, guarded_load  # noqa: E402
from assistant.core import spec  # noqa: E402
from assistant.core.facts import Marker  # noqa: E402

NOT_PRINTED = "~not_printed"
DOC_SUFFIXES = (".pdf", ".docx", ".html", ".htm", ".txt", ".md")


@dataclass
class Row:
    name: str
    printed: int = 0
    right: int = 0
    wrong: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    gap_expected: int = 0  # cells the truth says a careful reader cannot read
    gap_read_right: int = 0
    found: int = 0
    missed: list[str] = field(default_factory=list)
    false_errors: list[str] = field(default_factory=list)
    reader_warnings: int = 0
    agency_year_ok: bool = False  # the agency and year read are the truth's
    failed: str = ""


def truth_value(key: str, raw):
    if raw == NOT_PRINTED:
        return NOT_PRINTED
    if raw in ("", "/"):
        return Marker(raw)
    cell = spec.spec_for(spec.FORMAT_2021).by_key.get(key)
    if cell is not None and cell.type == spec.DECIMAL:
        return Decimal(str(raw))
    return int(raw)


def same(read, truth) -> bool:
    if isinstance(read, Marker) or isinstance(truth, Marker):
        return isinstance(read, Marker) and isinstance(truth, Marker) and str(read) == str(truth)
    return read == truth


def _planted_match(finding, planted: list[dict]) -> int | None:
    """Index of the planted entry this finding is (same rule or an accepted alternative, shared cells)."""
    for i, p in enumerate(planted):
        rules = {p["rule"], *p.get("also_accept", [])}
        if finding.rule in rules and (
            not finding.cells or not p.get("cells") or set(finding.cells) & set(p["cells"])
        ):
            return i
    return None


def _score_cells(row: Row, truth: dict, read: dict, gaps: set[str]) -> None:
    for key, raw in truth["cells"].items():
        want = truth_value(key, raw)
        if want == NOT_PRINTED:
            continue
        got = read.get(key)
        if key in gaps:
            row.gap_expected += 1
            row.gap_read_right += got is not None and same(got, want)
            if got is not None and not same(got, want):
                row.wrong.append(key)
            continue
        row.printed += 1
        if got is None:
            row.unread.append(key)
        elif same(got, want):
            row.right += 1
        else:
            row.wrong.append(key)


def _score_findings(row: Row, truth: dict, findings) -> None:
    planted = truth.get("planted") or []
    hit = [False] * len(planted)
    for f in findings:
        i = _planted_match(f, planted)
        if i is not None:
            hit[i] = True
        elif f.severity == "error" and getattr(f, "status", "fail") == "fail":  # what the product calls an error
            row.false_errors.append(f.rule)
        if f.severity != "error" and getattr(f, "source", "report") == "reader":
            row.reader_warnings += 1
    row.found = sum(hit)
    row.missed = [p["rule"] for p, h in zip(planted, hit, strict=True) if not h]


def measure(doc: Path, truth_path: Path) -> Row:
    truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
    gaps = {k for g in truth.get("expect_reader_gap") or [] for k in g.get("cells", [])}
    row = Row(doc.name)
    try:
        loaded = guarded_load(doc)
        result = audit_one(loaded)
    except InputError as e:
        row.failed = str(e)
        _score_cells(row, truth, {}, gaps)
        row.missed = [p["rule"] for p in truth.get("planted") or []]
        return row
    row.agency_year_ok = loaded.facts.agency == truth["agency"] and loaded.facts.year == truth["year"]
    read = dict(loaded.report.cells) if loaded.report is not None else dict(loaded.facts.cells)
    _score_cells(row, truth, read, gaps)
    _score_findings(row, truth, result.findings)
    return row


def documents(folder: Path, only: str | None) -> list[tuple[Path, Path]]:
    out = []
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() not in DOC_SUFFIXES or p.name.endswith(".truth.yaml"):
            continue
        if only is not None and not fnmatch.fnmatch(p.name, only):
            continue
        if only is None and p.name.startswith("_"):
            continue
        truth = p.with_name(p.name.rsplit(".", 1)[0] + ".truth.yaml")
        if truth.exists():
            out.append((p, truth))
    return out


def line(r: Row) -> str:
    text = (
        f"{r.name:<40} cells {r.right}/{r.printed} (wrong {len(r.wrong)}, unread {len(r.unread)}; "
        f"gap cells {r.gap_read_right}/{r.gap_expected} read)  planted {r.found}/{r.found + len(r.missed)}"
        f" missed {r.missed}  false errors {len(r.false_errors)} {sorted(set(r.false_errors))[:5]}"
        f"  reader warnings {r.reader_warnings}  agency/year {'ok' if r.agency_year_ok else 'WRONG'}"
    )
    return text + (f"  FAILED: {r.failed}" if r.failed else "")


def total(rows: list[Row]) -> str:
    s = lambda f: sum(f(r) for r in rows)  # noqa: E731
    return (
        f"TOTAL {len(rows)} documents: cells {s(lambda r: r.right)}/{s(lambda r: r.printed)} "
        f"(wrong {s(lambda r: len(r.wrong))}, unread {s(lambda r: len(r.unread))}; gap cells "
        f"{s(lambda r: r.gap_read_right)}/{s(lambda r: r.gap_expected)} read)  planted "
        f"{s(lambda r: r.found)}/{s(lambda r: r.found + len(r.missed))}  false errors "
        f"{s(lambda r: len(r.false_errors))}  reader warnings {s(lambda r: r.reader_warnings)}  "
        f"agency/year wrong {sum(1 for r in rows if not r.agency_year_ok)}  "
        f"unusable {sum(1 for r in rows if r.failed)}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--only", help="measure only documents whose file name matches this glob")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the wrong and unread cell keys")
    args = ap.parse_args(argv)
    rows = []
    for doc, truth in documents(args.dir, args.only):
        r = measure(doc, truth)
        rows.append(r)
        print(line(r), flush=True)
        if args.verbose:
            print(f"    wrong: {r.wrong}\n    unread: {r.unread}\n    false errors: {r.false_errors}")
    print(total(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
