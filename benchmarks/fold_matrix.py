"""Matrix of folded / re-wrapped text dumps of our corpus web pages (issue 12, "crawled text").

source text × fold × line ends, each read by the auditor and scored against the corpus source:
cells read right / printed, wrong, false errors, agency+year right.

`.venv/bin/python benchmarks/fold_matrix.py [--pages N] [--only SUBSTRING]`

Sources: html.parser text (with and without blank lines), the one-line crawl (`' '.join(text.split())`),
the committed w3m / lynx / Debian html2text dumps of tests/fixtures/reader_real (w3m and lynx need not be
installed), Debian `/usr/bin/html2text` when present. Folds: GNU `fold -w 76` (bytes of UTF-8),
`fold -s -w 76`, GBK `fold -b -w 80`, GBK `fold -w 80`, GBK `fold -s -w 80`, Python `textwrap.wrap(text, 76)`
of the whole text and `textwrap.fill(p, 76)` per paragraph. Line ends LF and CRLF.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.audit import InputError, audit_one, load_input  # noqa: E402
from assistant.facts_io import load_facts  # noqa: E402
from tests.fixtures.reader_real import dumps  # noqa: E402

FIX = dumps.HERE


def _parser_text(page: Path, blank: bool) -> bytes:
    parser = dumps._Text()
    parser.feed(page.read_text(encoding="utf-8"))
    lines = [line.strip() for line in "".join(parser.parts).replace(" ", "\n").splitlines()]
    if not blank:
        lines = [line for line in lines if line]
    return "\n".join(lines).encode("utf-8")


def sources(page: str) -> dict[str, bytes]:
    short = dumps._SHORT[page]
    path = dumps.REPORTS / page
    out = {
        "parser_blank": _parser_text(path, True),
        "parser": _parser_text(path, False),
        "oneline": dumps._one_line(path),
    }
    for tool in ("w3m", "lynx", "debhtml2text_utf8"):
        committed = FIX / f"dump_{tool}_{short}.txt"
        if committed.exists():
            out[tool] = committed.read_bytes()
    return out


def _run(args: list[str], data: bytes) -> bytes:
    return subprocess.run(args, input=data, check=True, capture_output=True, timeout=60).stdout


def _gbk(data: bytes) -> bytes:
    return data.decode("utf-8", errors="replace").encode("gbk", errors="replace")


def _wrap_all(data: bytes) -> bytes:
    return "\n".join(textwrap.wrap(data.decode("utf-8", errors="replace"), 76)).encode("utf-8")


def _fill_paragraphs(data: bytes) -> bytes:
    text = data.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return "\n\n".join(textwrap.fill(p, 76) for p in text.split("\n\n") if p.strip()).encode("utf-8")


FOLDS = {
    "none": lambda d: d,
    "fold76": lambda d: _run(["fold", "-w", "76"], d),
    "fold_s76": lambda d: _run(["fold", "-s", "-w", "76"], d),
    "gbk_fold_b80": lambda d: _run(["fold", "-b", "-w", "80"], _gbk(d)),
    "gbk_fold80": lambda d: _run(["fold", "-w", "80"], _gbk(d)),
    "gbk_fold_s80": lambda d: _run(["fold", "-s", "-w", "80"], _gbk(d)),
    "crlf_fold76": lambda d: _run(["fold", "-w", "76"], d.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")),
    "crlf_fold_s76": lambda d: _run(
        ["fold", "-s", "-w", "76"], d.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
    ),
    "textwrap76": _wrap_all,
    "fill76_par": _fill_paragraphs,
}


def score(data: bytes, truth_path) -> tuple[int, int, int, int, bool, str]:
    facts = load_facts(truth_path).facts if isinstance(truth_path, Path) else truth_path
    truth = facts.cells
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dump.txt"
        path.write_bytes(data)
        try:
            loaded = load_input(path)
        except InputError as e:
            return 0, len(truth), 0, 0, False, str(e)[:40]
        result = audit_one(loaded)
    read = loaded.report.cells if loaded.report else {}
    right = sum(1 for k, v in truth.items() if k in read and str(read[k]) == str(v))
    wrong = sum(1 for k, v in truth.items() if k in read and str(read[k]) != str(v))
    false = sum(1 for f in result.findings if f.severity == "error")
    ok = loaded.facts.agency == facts.agency and loaded.facts.year == facts.year
    return right, len(truth), wrong, false, ok, ""


def web_pages() -> list[tuple[str, object, dict[str, bytes]]]:
    """The seeded CMS pages of webdumps.py (site banner, bordered tables; thousands; mostly zeros):
    html.parser sources only (w3m and lynx need not be installed)."""
    from tests.fixtures.reader_real import cms, office

    seeded = (
        (cms.make_truth("青禾市生态环境局", 2023, 91), "青禾市人民政府门户网站", 760),
        (cms.big_numbers("蓝湾市住房和城乡建设局", 2022, 92), "蓝湾市人民政府门户网站", 900),
        (cms.mostly_zeros("松岭镇人民政府", 2024, 93), "松岭镇人民政府网", 760),
    )
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (t, site, width) in enumerate(seeded):
            page = Path(tmp) / f"web{i}.html"
            page.write_text(office.cms_page_html(t, site, "政府信息公开年报", width=width), encoding="utf-8")
            srcs = {"parser_blank": _parser_text(page, True), "parser": _parser_text(page, False)}
            srcs["oneline"] = dumps._one_line(page)
            out.append((f"web_{t.agency[:6]}_{t.year}", t, srcs))
    return out


def _rows(args) -> list[tuple[str, object, dict[str, bytes]]]:
    if args.web:
        return web_pages()
    return [
        (dumps._SHORT[page], dumps.SOURCES / (Path(page).stem + ".yaml"), sources(page))
        for page in dumps.PAGES[: args.pages]
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=len(dumps.PAGES))
    ap.add_argument("--only", default="")
    ap.add_argument("--web", action="store_true", help="the seeded CMS pages of webdumps.py instead")
    args = ap.parse_args()
    for short, truth, srcs in _rows(args):
        for src, data in srcs.items():
            for fold, fn in FOLDS.items():
                for end in ("LF", "CRLF"):
                    label = f"{short:<24} {src:<18} {fold:<13} {end:<4}"
                    if args.only not in label:
                        continue
                    out = fn(data)
                    if end == "CRLF" and not fold.startswith("crlf"):
                        out = out.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
                    right, printed, wrong, false, ok, refused = score(out, truth)
                    flag = "" if (right == printed and not wrong and not false and ok) else "  <-"
                    print(
                        f"{label} cells {right:>3}/{printed} wrong {wrong} false {false} "
                        f"agency/year {'ok' if ok else 'WRONG'} {refused}{flag}",
                        flush=True,
                    )


if __name__ == "__main__":
    main()
