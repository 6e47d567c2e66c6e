"""Reports turned into text by other people's tools (issue 12): the reader on conversions not measured before.

The outsider python-docx reports of `benchmarks/docx_outsider.py` (every corpus facts file in 20 layouts; truth
the facts as printed) go through each tool below; their LibreOffice PDFs are docx_outsider's (cached under
/tmp/r14docx_pdf). `corpus:` rows are the corpus's own .docx reports through the docx tools (truth their facts
file). Every conversion is cached under /tmp/r20txt/<tool>/. Per tool: cells read right / printed, WRONG
(read as another value), false errors (error findings against the report whose rule the faithful facts do not
raise), unusable (nothing read). Wrong cells and false errors are the failures that matter most.

Tools: soffice_txt (`soffice --convert-to txt`), soffice_utf8 (`txt:Text (encoded):UTF8`), pdftotext_raw,
pdftotext_layout, plumber / plumber_layout (pdfplumber `extract_text()`, `layout=True`), mutool
(`mutool draw -F txt`), pandoc_plain / pandoc_gfm / pandoc_md (docx → plain, gfm, markdown; .md files),
pydocx_dump (python-docx paragraphs, then each table's rows with cells joined by tabs: a clerk's own script).
w3m / lynx / html2text dumps of web pages are measured in `tests/fixtures/reader_real/dumps.py` (not here).

`.venv/bin/python benchmarks/text_outsider.py [--tools a,b] [--only SUBSTRING] [--all] [--rows]`

Figures (2026-12-08, r20txt; default run: each layout over two facts files = 40 variants + the 3 corpus .docx,
8600 cells; innertext: the 4 corpus web pages, 800 cells). Base c256fd7 → after:
  plumber (pdfplumber extract_text)   7679 → 7808/8600, wrong 39 → 0, false errors 11 → 0
  mutool draw -F txt                  7588 → 7783/8600, wrong 0, false 0, unusable 4 → 3
  soffice_txt, soffice_utf8           7803/8600, wrong 0, false 0 (unchanged)
  pdftotext_raw, pdftotext_layout, plumber_layout, pandoc_plain, pandoc_md   7808/8600, 0, 0 (unchanged)
  pandoc_gfm, pydocx_dump             8600/8600 (unchanged)
  innertext (corpus pages)            800/800 (unchanged); soffice_html_innertext 7803/8600 (unchanged)
`--all --tools plumber --only pt9` (30 variants): 5135 → 6000/6000, wrong 204 → 0, false 68 → 0; `--all --tools
plumber --only zero_blank`: 132/6000 wrong 32 → 128/6000 wrong 28, false 10 (blank 表二 rows: open).
What is left is the zero_blank layouts (zero cells printed blank: 0-6 of 200 read, never wrong) in every tool
that prints one cell a line or loses empty cells; only tab- or pipe-separated outputs (pydocx_dump, pandoc_gfm)
keep them.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from docx_outsider import _errors, convert, score, variants  # noqa: E402

from assistant.audit import audit_one, load_input  # noqa: E402
from assistant.facts_io import load_facts  # noqa: E402
from tests.fixtures.reader_real.outsiderdocx import Layout, docx_bytes, printed_facts  # noqa: E402

CACHE = Path("/tmp/r20txt")
REPORTS = ROOT / "corpus" / "reports"
SOURCES = ROOT / "corpus" / "sources"


def _run(cmd: list[str], data: bytes, suffix: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / f"r{suffix}"
        src.write_bytes(data)
        return subprocess.run([*cmd, str(src)], check=True, capture_output=True, timeout=300).stdout


def _pdftotext(flag: str) -> Callable[[bytes], bytes]:
    def run(pdf: bytes) -> bytes:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "r.pdf"
            src.write_bytes(pdf)
            cmd = ["pdftotext", "-enc", "UTF-8", flag, str(src), "-"]
            return subprocess.run(cmd, check=True, capture_output=True).stdout.replace(b"\f", b"\n")

    return run


def _plumber(layout: bool) -> Callable[[bytes], bytes]:
    def run(pdf: bytes) -> bytes:
        import io

        import pdfplumber

        with pdfplumber.open(io.BytesIO(pdf)) as doc:
            pages = [p.extract_text(layout=layout) or "" for p in doc.pages]
        return "\n".join(pages).encode()

    return run


def _mutool(pdf: bytes) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "r.pdf", Path(tmp) / "r.txt"
        src.write_bytes(pdf)
        subprocess.run(
            ["mutool", "draw", "-q", "-F", "txt", "-o", str(out), str(src)], check=True, capture_output=True
        )
        return out.read_bytes()


def _pandoc(to: str) -> Callable[[bytes], bytes]:
    return lambda docx: _run(["pandoc", "-f", "docx", "-t", to, "--wrap=none"], docx, ".docx")


def pydocx_dump(docx: bytes) -> bytes:
    """A clerk's own script: every paragraph, then every table row by row, cells joined by tabs."""
    import io

    import docx as pydocx

    doc = pydocx.Document(io.BytesIO(docx))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        lines.extend("\t".join(c.text for c in row.cells) for row in table.rows)
        lines.append("")
    return ("\n".join(lines) + "\n").encode()


def soffice_txt(docs: dict[str, bytes], filt: str, tool: str, ext: str = ".txt") -> dict[str, bytes]:
    """docx → text by LibreOffice's own filter (docx_outsider's converter, cached per tool)."""
    return convert(docs, filt, CACHE / tool, ext)


def _key(name: str, data: bytes) -> str:
    import io
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            data = z.read("word/document.xml")  # python-docx stamps the save time in docProps
    except zipfile.BadZipFile:
        pass
    return hashlib.sha1(name.encode() + data).hexdigest()[:16]


# tool → (input kind, converter of one file, suffix of the text file the clerk saves)
ONE: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "pdftotext_raw": ("pdf", _pdftotext("-raw"), ".txt"),
    "pdftotext_layout": ("pdf", _pdftotext("-layout"), ".txt"),
    "plumber": ("pdf", _plumber(False), ".txt"),
    "plumber_layout": ("pdf", _plumber(True), ".txt"),
    "mutool": ("pdf", _mutool, ".txt"),
    "pandoc_plain": ("docx", _pandoc("plain"), ".txt"),
    "pandoc_gfm": ("docx", _pandoc("gfm"), ".md"),
    "pandoc_md": ("docx", _pandoc("markdown"), ".md"),
    "pydocx_dump": ("docx", pydocx_dump, ".txt"),
}
BATCH = {"soffice_txt": "txt", "soffice_utf8": "txt:Text (encoded):UTF8"}
TOOLS = [*BATCH, *ONE, "innertext", "soffice_html_innertext"]


def soffice_html(docs: dict[str, bytes]) -> dict[str, bytes]:
    """docx → LibreOffice's HTML (Word's 另存为网页), cached; one soffice run for the misses."""
    return soffice_txt(docs, "html", "soffice_html", ".html")


def innertext(pages: dict[str, bytes]) -> dict[str, bytes]:
    """What a browser's select-all + copy gives: `document.body.innerText` in chromium (cached)."""
    out = CACHE / "innertext"
    out.mkdir(parents=True, exist_ok=True)
    keys = {name: _key(name, data) for name, data in pages.items()}
    missing = [name for name, k in keys.items() if not (out / f"{k}.txt").exists()]
    if missing:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
            browser = p.chromium.launch(
                executable_path="/usr/bin/chromium", headless=True, args=["--no-sandbox"]
            )
            page = browser.new_page()
            for name in missing:
                src = Path(tmp) / f"{keys[name]}.html"
                src.write_bytes(pages[name])
                page.goto(src.as_uri())
                (out / f"{keys[name]}.txt").write_text(
                    page.evaluate("document.body.innerText"), encoding="utf-8"
                )
            browser.close()
    return {name: (out / f"{k}.txt").read_bytes() for name, k in keys.items()}


def texts(tool: str, src: dict[str, dict[str, bytes]]) -> dict[str, bytes]:
    if tool in BATCH:
        return soffice_txt(src["docx"], BATCH[tool], tool)
    if tool == "innertext":  # the corpus's own web pages
        return innertext(src["html"])
    if tool == "soffice_html_innertext":  # Word saved as a web page, opened and copied
        return innertext(soffice_html(src["docx"]))
    kind, fn, _ = ONE[tool]
    out = CACHE / tool
    out.mkdir(parents=True, exist_ok=True)
    got = {}
    for name, data in src[kind].items():
        path = out / f"{_key(name, data)}.txt"
        if not path.exists():
            path.write_bytes(fn(data))
        got[name] = path.read_bytes()
    return got


def corpus_rows(only: str, suffix: str) -> list[tuple[str, Path, Path]]:
    rows = []
    for rep in sorted(REPORTS.glob(f"*{suffix}")):
        label = f"corpus{suffix.replace('.docx', '')}:{rep.stem}"
        if only in label:
            rows.append((label, SOURCES / f"{rep.stem}.yaml", rep))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--only", default="")
    ap.add_argument("--all", action="store_true", help="every layout over every facts file (300 variants)")
    ap.add_argument("--rows", action="store_true", help="print every variant, not only failing ones")
    ap.add_argument("--keep", default="", help="write each text to this folder")
    args = ap.parse_args()
    rows = variants(args.only, args.all)
    loaded = {label: load_facts(f) for label, f, _ in rows}
    facts = {label: printed_facts(x.facts) for label, x in loaded.items()}
    lays = {label: lay for label, _, lay in rows}
    src: dict[str, dict[str, bytes]] = {"docx": {}, "html": {}}
    src["docx"] = {label: docx_bytes(facts[label], lay, loaded[label].sections) for label, _, lay in rows}
    codes = {label: _errors(audit_one(load_input(f))) for label, f, _ in rows}
    for kind in ("docx", "html"):
        for label, source, rep in corpus_rows(args.only, "." + kind):
            facts[label] = printed_facts(load_facts(source).facts)
            lays[label] = Layout()
            src[kind][label] = rep.read_bytes()
            codes[label] = _errors(audit_one(load_input(source)))
    tools = args.tools.split(",")
    src["pdf"] = convert(src["docx"]) if any(t in ONE and ONE[t][0] == "pdf" for t in tools) else {}
    for tool in tools:
        _measure(tool, texts(tool, src), facts, lays, codes, args)


def _measure(tool, got_texts, facts, lays, codes, args) -> None:
    suffix = ONE[tool][2] if tool in ONE else ".txt"
    totals = [0, 0, 0, 0, 0]
    for label, text in got_texts.items():
        if args.keep:
            Path(args.keep).mkdir(exist_ok=True)
            (Path(args.keep) / f"{tool}__{label.replace(':', '__')}{suffix}").write_bytes(text)
        got = score(text, facts[label], codes[label], lays[label], suffix)
        unusable = int(got[0] == 0)
        totals = [a + b for a, b in zip(totals, [*got, unusable], strict=True)]
        if args.rows or got[2] or got[3] or got[0] < got[1]:
            flag = "  <-" if got[2] or got[3] else ""
            print(f"  {tool:<16} {label:<52} cells {got[0]:>3}/{got[1]} wrong {got[2]} false {got[3]}{flag}")
    print(
        f"{tool:<18} cells {totals[0]}/{totals[1]} wrong {totals[2]} false {totals[3]} unusable {totals[4]}",
        flush=True,
    )


if __name__ == "__main__":
    main()
