"""Make the held-out set of real-layout reports with truth: `evals/heldout/documents/`.

`.venv/bin/python scripts/make_heldout_documents.py [OUT_DIR]` (needs LibreOffice, chromium, pdftotext).
Each document is made from one of our corpus reports (`corpus/sources/*.yaml`: cells and prose) by a
tool other than reportlab: python-docx + LibreOffice, a CMS page + chromium, pdftotext, a Markdown
extraction, a crawler's tag-stripped text. Next to each `NAME.ext` goes `NAME.truth.yaml`: all 200
cells as printed, agency, year, `planted:` (errors put in on purpose, with their cells) and
`expect_reader_gap:` (cells a careful reader honestly cannot read). Deterministic apart from the
PDF producers' own metadata. The only product code used: the facts-file loader and the table engine
(to fill totals and to verify that the truth adds up except where an error is planted).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

from heldout_docx import DocxStyle, docx_to_pdf, write_docx  # noqa: E402
from heldout_grid import row_texts, t1_grid, t2_grid, t3_grid, t3_three_grids  # noqa: E402
from heldout_html import Site, crawled_text, html_to_pdf, page_html  # noqa: E402
from heldout_sources import NOT_PRINTED, SEED, Source, planted_source  # noqa: E402
from heldout_text import crawled_gaps, markdown_of, pdftotext  # noqa: E402

from assistant.core import spec  # noqa: E402
from assistant.core.facts import Marker  # noqa: E402

# ---------------------------------------------------------------- blocks of a document


def blocks(src: Source, t3_three: bool) -> list:
    shown = lambda k: str(src.cells[k])  # noqa: E731
    tables = {
        "s2_active": (1, [t1_grid(shown, src.labels)]),
        "s3_applications": (2, [t2_grid(shown)]),
        "s4_review_litig": (3, t3_three_grids(shown) if t3_three else [t3_grid(shown)]),
    }
    out: list = []
    for sec in spec.SECTIONS:
        out.append(("heading", sec.label))
        for p in src.sections.get(sec.key, "").split("\n"):
            if p.strip():
                out.append(("para", p.strip()))
        if sec.key in tables:
            out.append(("table", *tables[sec.key]))
    return out


def title(src: Source) -> str:
    if src.printed_title:
        return src.printed_title
    return f"{src.agency}{src.year}年政府信息公开工作年度报告"


# ---------------------------------------------------------------- truth


def _cell_yaml(v):
    if isinstance(v, Marker):
        return str(v)
    if isinstance(v, Decimal):
        return str(v)
    return v


CRAWL_WHY = (
    "crawled text lost the cell boundaries; the official layout and every same-year table rule still "
    "admit several splits (the prose may state some of these numbers)"
)
RAW_WHY = (
    "pdftotext without -layout printed this table's labels apart from its values (values column by "
    "column), so a careful reader cannot tell which value belongs to which row and column"
)


def table_cells(tables: tuple[int, ...]) -> list[str]:
    return [c.key for t in tables for c in spec.spec_for(spec.FORMAT_2021).table_cells(t)]


def write_truth(out: Path, name: str, src: Source, made, not_printed=(), gaps=()) -> None:
    """`made`: how the document was made, or {file name: how} when NAME.docx and NAME.pdf (or NAME.html
    and NAME.pdf) share one truth; `gaps`: (cells, why) pairs a careful reader cannot read."""
    cells = {k: (NOT_PRINTED if k in not_printed else _cell_yaml(src.cells[k])) for k in sorted(src.cells)}
    doc = {
        "documents": list(made) if isinstance(made, dict) else [name],
        "made_by": made,
        "from_corpus": str(SEED.relative_to(ROOT))
        if src.name == "seed"
        else f"corpus/sources/{src.name}.yaml",
        "agency": src.agency,
        "year": src.year,
        "format": spec.FORMAT_2021,
        "planted": src.planted,
        "expect_reader_gap": [{"cells": list(cells_), "why": why} for cells_, why in gaps if cells_],
        "cells": cells,
    }
    stem = name.rsplit(".", 1)[0]
    (out / f"{stem}.truth.yaml").write_text(
        yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8"
    )


# ---------------------------------------------------------------- the set


@dataclass(frozen=True)
class WordDoc:
    stem: str
    source: str
    style: DocxStyle
    how: str
    plant: str = ""
    texts: tuple[str, ...] = ()  # derived text forms of its PDF: "raw", "layout", "md"
    raw_gaps: tuple[int, ...] = ()  # tables whose values the raw pdftotext prints apart from their labels


@dataclass(frozen=True)
class WebDoc:
    stem: str
    source: str
    site: Site
    how: str
    t3_three: bool = False
    plant: str = ""
    keep_page: bool = True  # commit the .html and its .pdf (else only the derived texts)
    texts: tuple[str, ...] = ()
    raw_gaps: tuple[int, ...] = ()
    crawled: bool = False
    encoding: str = "utf-8"  # of the crawled text (a Windows crawler: gb18030 with CRLF)


_QW = Site("青梧县人民政府", "青梧县人民政府办公室")
_LL = Site("临澜市人民政府", "临澜市人民政府办公室", nested=2)

WORD = (
    WordDoc(
        "word_slash_blank_2022",
        "linlan_yanhuqu_liuanjiedao_2022",
        DocxStyle(font_pt=9.0),
        "python-docx: a township's habits: 规章 row printed /, 表三's zeros left blank; ruled, merged headers",
        plant="marks",
    ),
    WordDoc(
        "seed_word_numbers_2023",
        "seed:2023",
        DocxStyle(label_cm=2.4, t3_three=True, font_pt=8.5),
        "python-docx: the real seed report's prose with our numbers; narrow label columns, 表三 as three 5-column tables",
    ),
    WordDoc(
        "word_merged_ruled_2022",
        "linlan_shengtaihuanjingju_2022",
        DocxStyle(),
        "python-docx: merged header cells, ruled, 表三 as one 15-column table",
        plant="row_total",
    ),
    WordDoc(
        "word_narrow_unruled_2023",
        "linlan_yanhuqu_liuanjiedao_2023",
        DocxStyle(borders=False, label_cm=2.2, font_pt=8.0, valign_centre=True),
        "python-docx: no borders, narrow label columns so labels wrap, values centred beside them",
        texts=("raw", "md"),
        raw_gaps=(2, 3),
    ),
    WordDoc(
        "word_landscape_t3three_2024",
        "qingwu_hezhuzhen_2024",
        DocxStyle(landscape_tables=True, t3_three=True),
        "python-docx: 表二 and 表三 on landscape pages, 表三 as three 5-column tables",
        plant="stale_label",
    ),
    WordDoc(
        "word_split_repeat_2022",
        "qingwu_ziranziyuanju_2022",
        DocxStyle(font_pt=10.5, body_pt=14.0, repeat_header=True, label_cm=3.6),
        "python-docx: large type so 表二 runs over pages (a row split by the break), header row repeated",
        texts=("layout",),
    ),
    WordDoc(
        "word_unruled_landscape_2023",
        "qingwu_xianzhengfuban_2023",
        DocxStyle(borders=False, landscape_tables=True, t3_three=True, font_pt=8.5, valign_centre=True),
        "python-docx: no borders, landscape pages, values centred beside wrapped labels, 表三 as three 5-column tables",
        texts=("md",),
    ),
)
WEB = (
    WebDoc(
        "web_wordpaste_2022",
        "qingwu_xianzhengfuban_2022",
        replace(_QW, word_paste=True, published="2023-01-18 16:05"),
        "CMS page with the report pasted from Word: MsoNormal paragraphs, spans, &nbsp; in empty cells, <o:p>",
    ),
    WebDoc(
        "seed_cms_zero_2023",
        "seed",
        Site("延津县人民政府", "延津县人民政府办公室", nested=2),
        "CMS page: the real seed report as published (every cell 0), 表三 as one 15-column table",
    ),
    WebDoc(
        "seed_crawl_numbers_2023",
        "seed:2024",
        Site("延津县人民政府", "延津县人民政府办公室"),
        "CMS page crawled (the seed's prose, our numbers): tags stripped, cells of a row run together",
        crawled=True,
        keep_page=False,
    ),
    WebDoc(
        "web_cms_2024",
        "linlan_shengtaihuanjingju_2024",
        _LL,
        "CMS page: site header, breadcrumb, 标题： wrapper, footer naming another body, rowspan/colspan, tables in nested divs",
        plant="prose",
    ),
    WebDoc(
        "web_nested_t3three_2022",
        "qingwu_hezhuzhen_2022",
        replace(_QW, nested=3),
        "CMS page: tables three divs deep, 表三 as three 5-column tables",
        t3_three=True,
        texts=("raw", "md"),
        raw_gaps=(1, 2, 3),
    ),
    WebDoc(
        "web_print_2024",
        "qingwu_xianzhengfuban_2024",
        _QW,
        "CMS page",
        plant="t3_total",
        keep_page=False,
        texts=("layout",),
    ),
    WebDoc(
        "crawl_2024",
        "linlan_yanhuqu_liuanjiedao_2024",
        _LL,
        "CMS page crawled: tags stripped, cells of a row run together",
        crawled=True,
        keep_page=False,
    ),
    WebDoc(
        "crawl_prose_2024",
        "qingwu_ziranziyuanju_2024",
        _QW,
        "CMS page crawled: tags stripped, cells of a row run together",
        crawled=True,
        keep_page=False,
        plant="prose",
    ),
    WebDoc(
        "crawl_gbk_2023",
        "qingwu_hezhuzhen_2023",
        replace(_QW, nested=2),
        "CMS page crawled by a Windows tool: tags stripped, cells of a row run together; GB18030, CRLF",
        crawled=True,
        keep_page=False,
        encoding="gb18030",
    ),
    WebDoc(
        "crawl_2023",
        "linlan_shengtaihuanjingju_2023",
        replace(_LL, nested=1),
        "CMS page crawled: tags stripped, cells of a row run together",
        crawled=True,
        keep_page=False,
    ),
)


def _texts(out: Path, pdf: Path, d, src: Source, how: str) -> list[str]:
    stem, kinds = d.stem, d.texts
    made = []
    for kind in kinds:
        text = pdftotext(pdf, layout=kind == "layout")
        if kind == "md":
            name, body, what = (
                f"{stem}_md.md",
                markdown_of(pdftotext(pdf, layout=True)),
                "our PDF-to-Markdown imitation (from pdftotext -layout)",
            )
        else:
            name, body = f"{stem}_{kind}.txt", text
            what = "pdftotext -layout" if kind == "layout" else "pdftotext (no -layout)"
        (out / name).write_text(body, encoding="utf-8")
        gaps = [(table_cells(d.raw_gaps), RAW_WHY)] if kind == "raw" else []
        write_truth(out, name, src, f"{how}; text by {what}", gaps=gaps)
        made.append(name)
    return made


def make_word(out: Path, d: WordDoc) -> list[str]:
    src = planted_source(d.source, d.plant)
    docx, pdf = out / f"{d.stem}.docx", out / f"{d.stem}.pdf"
    write_docx(docx, title(src), blocks(src, d.style.t3_three), d.style)
    docx_to_pdf(docx, pdf)
    write_truth(out, docx.name, src, {docx.name: d.how, pdf.name: d.how + "; LibreOffice to PDF"})
    return [docx.name, pdf.name] + _texts(out, pdf, d, src, d.how + "; LibreOffice to PDF")


def make_web(out: Path, d: WebDoc) -> list[str]:
    src = planted_source(d.source, d.plant)
    page = page_html(d.site, title(src), blocks(src, d.t3_three))
    if d.crawled:
        name = f"{d.stem}.txt"
        newline = "\r\n" if d.encoding != "utf-8" else "\n"
        (out / name).write_bytes(crawled_text(page).replace("\n", newline).encode(d.encoding))
        write_truth(out, name, src, d.how, gaps=[(crawled_gaps(src.cells), CRAWL_WHY)])
        return [name]
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        pdf = (out if d.keep_page else Path(tmp)) / f"{d.stem}.pdf"
        html_to_pdf(page, pdf)
        if d.keep_page:
            (out / f"{d.stem}.html").write_text(page, encoding="utf-8")
            write_truth(
                out, pdf.name, src, {f"{d.stem}.html": d.how, pdf.name: d.how + "; chromium --print-to-pdf"}
            )
            made += [f"{d.stem}.html", pdf.name]
        made += _texts(out, pdf, d, src, d.how + "; chromium --print-to-pdf")
    return made


def make_selftest(out: Path) -> str:
    """The measuring script's own tiny test document (not part of the set): plain text, tab-separated
    table rows, one planted contradiction between the text and 表二."""
    src = planted_source("qingwu_ziranziyuanju_2023", "prose")
    lines = [title(src), ""]
    for b in blocks(src, t3_three=False):
        if b[0] == "table":
            lines += ["\t".join(cells) for g in b[2] for cells in row_texts(g)] + [""]
        else:
            lines.append(b[1])
    name = "_selftest.txt"
    (out / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    write_truth(out, name, src, "measure script self-test: plain text, tab-separated rows")
    return name


def main(argv: list[str]) -> None:
    out = Path(argv[0]) if argv else ROOT / "evals" / "heldout" / "documents"
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for d in WORD:
        made += make_word(out, d)
    for w in WEB:
        made += make_web(out, w)
    made.append(make_selftest(out))
    for name in made:
        print(name)
    print(f"{len(made)} documents in {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
