"""Folds made by a script, not by GNU fold (issue 12, "crawled text"; held-out D's h05/h06 class).

`fold_matrix.py` folds with GNU `fold` and `textwrap`; this one folds as a few lines of Python do:
cut every N characters (per line, or over the whole text with its line ends dropped or kept as
characters), every N terminal columns (a CJK character 2), every N bytes of UTF-8 or GBK over the
whole file (its line ends inside the pieces) or per line, written as raw bytes or decoded piece by
piece with errors="replace"/"ignore" first. Sources: html.parser text of the corpus pages (one text
node a line, with / without blank lines; cells one a line; cells tab-joined per row), BeautifulSoup-
like `get_text("\\n")` / `get_text(" ")`, chromium → pdftotext plain / -layout, the committed w3m /
lynx / Debian html2text dumps. Line ends LF / CRLF / CR; a BOM, a 「来源：…」 line or a URL line on top.

`.venv/bin/python benchmarks/fold_matrix2.py [--pages N] [--only SUBSTRING] [--web] [--bad]`
(`--bad`: print only the rows not clean).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fold_matrix import score  # noqa: E402

from tests.fixtures.reader_real import dumps  # noqa: E402

FIX = dumps.HERE
_BLOCKS = {"p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "table", "title", "section"}
_CELLS = {"td", "th"}


class _Cells(HTMLParser):
    """Text per block: each cell on a line of its own (`tabs`: a row's cells tab-joined)."""

    def __init__(self, tabs: bool) -> None:
        super().__init__()
        self.tabs = tabs
        self.lines: list[str] = []
        self.cur: list[str] = []
        self.row: list[str] | None = None
        self.skip = 0

    def _flush(self) -> None:
        text = " ".join("".join(self.cur).split())
        self.cur = []
        if self.row is not None and text:
            self.row.append(text)
        elif text:
            self.lines.append(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.skip += tag in ("style", "script")
        if tag in _BLOCKS or tag in _CELLS:
            self._flush()
        if tag == "tr" and self.tabs:
            self.row = []

    def handle_endtag(self, tag) -> None:
        self.skip -= tag in ("style", "script")
        if tag in _BLOCKS or tag in _CELLS:
            self._flush()
        if tag == "tr" and self.row is not None:
            if self.row:
                self.lines.append("\t".join(self.row))
            self.row = None

    def handle_data(self, data) -> None:
        if not self.skip:
            self.cur.append(data)


class _Nodes(HTMLParser):
    """Every text node as it stands (BeautifulSoup's strings, script and style left out)."""

    def __init__(self) -> None:
        super().__init__()
        self.nodes: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.skip += tag in ("style", "script")

    def handle_endtag(self, tag) -> None:
        self.skip -= tag in ("style", "script")

    def handle_data(self, data) -> None:
        if not self.skip:
            self.nodes.append(data)


def _cells_text(html: str, tabs: bool) -> str:
    parser = _Cells(tabs)
    parser.feed(html)
    parser._flush()
    return "\n".join(parser.lines)


def _get_text(html: str, sep: str, strip: bool = False) -> str:
    parser = _Nodes()
    parser.feed(html)
    nodes = [n.strip() for n in parser.nodes] if strip else parser.nodes
    return sep.join(n for n in nodes if n or not strip)


def _parser_text(html: str, blank: bool) -> str:
    parser = dumps._Text()
    parser.feed(html)
    lines = [line.strip() for line in "".join(parser.parts).replace("\u00a0", "\n").splitlines()]
    return "\n".join(line for line in lines if line or blank)


_PDF_CACHE = Path(tempfile.gettempdir()) / "fold_matrix2_pdf"


def _pdf_text(page: Path, layout: bool) -> str | None:
    _PDF_CACHE.mkdir(exist_ok=True)
    pdf = _PDF_CACHE / (page.stem + ".pdf")
    if not pdf.exists():
        try:
            copy = _PDF_CACHE / page.name
            copy.write_bytes(page.read_bytes())
            args = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={pdf}"]
            subprocess.run([*args, copy.as_uri()], check=True, capture_output=True, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return None
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, timeout=60).stdout.decode("utf-8")


def html_sources(page: Path, pdf: bool = True) -> dict[str, str]:
    html = page.read_text(encoding="utf-8")
    out = {
        "parser_blank": _parser_text(html, True),
        "parser": _parser_text(html, False),
        "td_lines": _cells_text(html, False),
        "tr_tabs": _cells_text(html, True),
        "soup_nl": _get_text(html, "\n"),
        "soup_nl_strip": _get_text(html, "\n", strip=True),
        "soup_sp": _get_text(html, " "),
    }
    if pdf:
        for name, layout in (("pdftotext", False), ("pdftotext_layout", True)):
            text = _pdf_text(page, layout)
            if text is not None:
                out[name] = text
    return out


def sources(page: str) -> dict[str, str]:
    short = dumps._SHORT[page]
    out = html_sources(dumps.REPORTS / page)
    for tool in ("w3m", "lynx", "debhtml2text_utf8"):
        committed = FIX / f"dump_{tool}_{short}.txt"
        if committed.exists():
            out[tool] = committed.read_bytes().decode("utf-8", errors="replace")
    return out


def _char_cut(line: str, n: int) -> list[str]:
    return [line[i : i + n] for i in range(0, len(line), n)] or [""]


def _per_line(cut, keep_empty: bool):
    def fold(text: str, end: str) -> bytes:
        pieces = [p for line in text.splitlines() if line or keep_empty for p in cut(line, 76)]
        return end.join(pieces).encode("utf-8")

    return fold


def _chars_flat(text: str, end: str) -> bytes:
    return end.join(_char_cut("".join(text.splitlines()), 76)).encode("utf-8")


def _chars_stream(text: str, end: str) -> bytes:
    body = text.replace("\r\n", "\n").replace("\n", end)
    return end.join(_char_cut(body, 76)).encode("utf-8")


def _byte_pieces(data: bytes, n: int) -> list[bytes]:
    return [data[i : i + n] for i in range(0, len(data), n)]


def _bytes_fold(codec: str, n: int, errors: str | None, per_line: bool, out: str = ""):
    def fold(text: str, end: str) -> bytes:
        body = text.replace("\r\n", "\n")
        if per_line:
            pieces = [p for line in body.split("\n") for p in (_byte_pieces(line.encode(codec), n) or [b""])]
        else:
            pieces = _byte_pieces(body.replace("\n", end).encode(codec), n)
        if errors is None:
            return end.encode().join(pieces)
        text = end.join(p.decode(codec, errors=errors) for p in pieces)
        return text.encode(out or codec, errors="replace")

    return fold


def _gbk_text(text: str) -> str:
    return text.encode("gbk", errors="replace").decode("gbk")


FOLDS = {
    "none": lambda t, e: t.replace("\r\n", "\n").replace("\n", e).encode("utf-8"),
    "chars76": _per_line(_char_cut, True),
    "chars76_noblank": _per_line(_char_cut, False),
    "chars76_flat": _chars_flat,
    "chars76_stream": _chars_stream,
    "cols76": _per_line(dumps.columns_cut, True),
    "u8b76_raw": _bytes_fold("utf-8", 76, None, False),
    "u8b76_replace": _bytes_fold("utf-8", 76, "replace", False),
    "u8b76_ignore": _bytes_fold("utf-8", 76, "ignore", False),
    "u8b76_line_replace": _bytes_fold("utf-8", 76, "replace", True),
    "gbk80_raw": _bytes_fold("gbk", 80, None, False),
    "gbk80_line_raw": _bytes_fold("gbk", 80, None, True),
    "gbk80_ignore": _bytes_fold("gbk", 80, "ignore", False),
    "gbk80_replace": _bytes_fold("gbk", 80, "replace", False),
    "gbk80_ignore_u8": _bytes_fold("gbk", 80, "ignore", False, "utf-8"),
    "gbk80_replace_u8": _bytes_fold("gbk", 80, "replace", False, "utf-8"),
    "gbk80_line_replace": _bytes_fold("gbk", 80, "replace", True),
}
ENDS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}
HEADS = {
    "": "",
    "bom": "\ufeff",
    "src": "来源：政府信息公开专栏　发布时间：2024-01-20\n",
    "url": "https://www.example.gov.cn/zwgk/ndbg/content_123456.html\n",
}


def _made(text: str, fold: str, end: str, head: str) -> bytes:
    text = HEADS[head] + text
    if fold.startswith("gbk"):
        text = _gbk_text(text.lstrip("\ufeff"))
    return FOLDS[fold](text, ENDS[end])


def _rows(args) -> list[tuple[str, object, dict[str, str]]]:
    if args.web:
        return web_pages()
    return [
        (dumps._SHORT[page], dumps.SOURCES / (Path(page).stem + ".yaml"), sources(page))
        for page in dumps.PAGES[: args.pages]
    ]


def web_pages() -> list[tuple[str, object, dict[str, str]]]:
    """The seeded CMS pages of webdumps.py, html.parser-like sources only (their pages made here)."""
    from tests.fixtures.reader_real import cms, office

    seeded = (
        (cms.make_truth("青禾市生态环境局", 2023, 91), "青禾市人民政府门户网站", 760),
        (cms.big_numbers("蓝湾市住房和城乡建设局", 2022, 92), "蓝湾市人民政府门户网站", 900),
        (cms.mostly_zeros("松岭镇人民政府", 2024, 93), "松岭镇人民政府网", 760),
        (cms.make_truth("柳塘镇人民政府", 2023, 97), "柳塘镇人民政府网", 760),
    )
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, (t, site, width) in enumerate(seeded):
            page = Path(tmp) / f"web{i}.html"
            page.write_text(office.cms_page_html(t, site, "政府信息公开年报", width=width), encoding="utf-8")
            out.append((f"web_{t.agency[:6]}_{t.year}", t, html_sources(page, pdf=False)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=len(dumps.PAGES))
    ap.add_argument("--only", default="")
    ap.add_argument("--web", action="store_true", help="the seeded CMS pages of webdumps.py instead")
    ap.add_argument("--bad", action="store_true", help="print only the rows not clean")
    ap.add_argument("--heads", default="", help="comma list of top lines to add: bom,src,url")
    args = ap.parse_args()
    heads = ["", *[h for h in args.heads.split(",") if h]]
    bad = total = 0
    for short, truth, srcs in _rows(args):
        for src, text in srcs.items():
            for fold in FOLDS:
                for end in ENDS:
                    for head in heads:
                        label = f"{short:<24} {src:<17} {fold:<18} {end:<4} {head:<3}"
                        if args.only not in label:
                            continue
                        right, printed, wrong, false, ok, refused = score(_made(text, fold, end, head), truth)
                        clean = right == printed and not wrong and not false and ok
                        total += 1
                        bad += not clean
                        if clean and args.bad:
                            continue
                        print(
                            f"{label} cells {right:>3}/{printed} wrong {wrong} false {false} "
                            f"agency/year {'ok' if ok else 'WRONG'} {refused}{'' if clean else '  <-'}",
                            flush=True,
                        )
    print(f"{bad} of {total} rows not clean")


if __name__ == "__main__":
    main()
