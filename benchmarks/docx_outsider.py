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
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.audit import InputError, audit_one, load_input  # noqa: E402
from assistant.core.facts import BLANK  # noqa: E402
from assistant.facts_io import load_facts  # noqa: E402
from tests.fixtures.reader_real.outsiderdocx import (  # noqa: E402
    LAYOUTS,
    Layout,
    docx_bytes,
    printed_facts,
    truth_cells,
)  # noqa: E402

SOURCES = ROOT / "corpus" / "sources"
CACHE = Path("/tmp/r14docx_pdf")


def _body(docx: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return z.read("word/document.xml")


def convert(
    docs: dict[str, bytes], filt: str = "pdf", out: Path = CACHE, ext: str = ".pdf"
) -> dict[str, bytes]:
    """docx bytes → what LibreOffice's filter `filt` writes (PDF by default), cached by content hash in `out`;
    one soffice run for all the misses."""
    out.mkdir(parents=True, exist_ok=True)
    # python-docx stamps the save time in docProps: key by variant name and the document body
    keys = {name: hashlib.sha1(name.encode() + _body(data)).hexdigest()[:16] for name, data in docs.items()}
    missing = [name for name, k in keys.items() if not (out / f"{k}{ext}").exists()]
    if missing:
        with tempfile.TemporaryDirectory() as tmp:
            srcs = []
            for name in missing:
                src = Path(tmp) / f"{keys[name]}.docx"
                src.write_bytes(docs[name])
                srcs.append(str(src))
            cmd = ["soffice", "--headless", "--convert-to", filt, "--outdir", str(out), *srcs]
            subprocess.run(cmd, check=True, capture_output=True, timeout=1800)
            for src in srcs:  # a batch run may skip a file: once more alone
                if not (out / Path(src).with_suffix(ext).name).exists():
                    subprocess.run([*cmd[: -len(srcs)], src], check=True, capture_output=True, timeout=300)
    return {name: (out / f"{k}{ext}").read_bytes() for name, k in keys.items()}


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


def score(
    text: bytes, facts, truth_codes: set[str], lay: Layout, suffix: str = ".txt"
) -> tuple[int, int, int, int]:
    truth = truth_cells(facts)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"report{suffix}"
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


def variants(only: str, every: bool = False) -> list[tuple[str, Path, Layout]]:
    """Each layout over two facts files (round robin over the corpus), or over all of them."""
    files = sorted(SOURCES.glob("*.yaml"))
    out = []
    for i, (name, lay) in enumerate(LAYOUTS.items()):
        for j in range(len(files)) if every else (2 * i, 2 * i + 1):
            f = files[j % len(files)]
            label = f"{name}:{f.stem}"
            if only in label:
                out.append((label, f, lay))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--layout", action="store_true", help="pdftotext -layout instead of plain")
    ap.add_argument("--only", default="")
    ap.add_argument("--all", action="store_true", help="every layout over every facts file (300 variants)")
    ap.add_argument("--keep", default="", help="write each variant's text to this folder")
    args = ap.parse_args()
    rows = variants(args.only, args.all)
    loaded = {label: load_facts(f) for label, f, _ in rows}
    facts = {label: printed_facts(x.facts) for label, x in loaded.items()}
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
