"""Make held-out set B: annual reports laid out as other tools publish them, each with a truth file.

`.venv/bin/python scripts/make_heldout_b_documents.py [OUT_DIR]` (default `evals/heldout_b/documents`) writes
CMS-style HTML, chromium `--print-to-pdf` PDFs (A4, and landscape pages), LibreOffice HTML→docx/pdf, a docx whose
tables repeat their header rows, `pdftotext` / `pdftotext -layout` text and crawled / tab-separated text, with
`NAME.truth.yaml` (the format of `scripts/measure_heldout_documents.py`). Numbers and prose come from
`corpus/sources/*.yaml`; the only arithmetic/text/label breaks are the planted ones listed in each truth file.
Needs `soffice`, `/usr/bin/chromium` and `pdftotext`. Deterministic except the PDF producers' metadata.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import heldout_b_layout as L  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"


@dataclass
class Doc:
    name: str  # file stem
    source: str  # corpus/sources stem
    style: L.Style
    how: str
    outputs: list  # of "html", "pdf", "layout", "raw", "docx", "lopdf", "lines", "tabs"
    t3: str = "one"  # "one" 15-column table or "three" 5-column tables
    page: str = "a4"  # "a4", "landscape" (tables 二/三 on landscape pages), "large" (big type)
    cells: dict = field(default_factory=dict)  # cell -> value printed instead of the corpus value
    prose: list = field(default_factory=list)  # (old, new) replacements in the sections
    planted: list = field(default_factory=list)
    gaps: dict = field(default_factory=dict)  # output kind -> expect_reader_gap list
    breaks: list = field(default_factory=list)  # the identities the plant breaks (checked)
    thead: int = 0  # header rows of 表二 marked <thead> (repeated by chromium and Word on a new page)


def load(source: str) -> tuple[dict, dict]:
    facts = yaml.safe_load((ROOT / "corpus/sources" / f"{source}.yaml").read_text(encoding="utf-8"))
    values = {k: 0 for k in L.all_keys()}
    values[L.FEE] = Decimal(0)
    for k, v in facts["cells"].items():
        values[k] = Decimal(str(v)) if k == L.FEE else int(v)
    given = set(facts["cells"])
    for key, parts in identities():
        if key not in given:  # the corpus leaves totals to be summed
            values[key] = sum(values[p] for p in parts)
    assert not broken(values), (source, broken(values))
    return facts, values


def identities() -> list[tuple[str, list[str]]]:
    """(total cell, addends) for every sum of the form, in an order where addends come first."""
    app = "applications."
    cols = [c for c, _ in L.T2_COLS]
    rows = ["new_received", "carried_over_from_prev"] + [k for _, rs in L.T2_GROUPS for k, _ in rs]
    rows.append("carried_to_next")
    leaves = [k for _, rs in L.T2_GROUPS for k, _ in rs if k != "results.total"]
    out = [(f"{app}results.total.{c}", [f"{app}{r}.{c}" for r in leaves]) for c in cols[:-1]]
    out += [(f"{app}{r}.total", [f"{app}{r}.{c}" for c in cols[:-1]]) for r in rows]
    out += [(f"{p}.total", [f"{p}.{o}" for o, _ in L.T3_OUTCOMES[:-1]]) for p, _ in L.T3_PARTS]
    out.append((f"{app}results.total.total", [f"{app}{r}.total" for r in leaves]))  # after the row totals
    return out


def broken(v: dict) -> list[str]:
    """Every identity the values break: sums, and 一+二 = 三（七）+四 per column."""
    bad = [key for key, parts in identities() if v[key] != sum(v[p] for p in parts)]
    bad += [f"{c}:balance" for c, _ in L.T2_COLS
            if v[f"applications.new_received.{c}"] + v[f"applications.carried_over_from_prev.{c}"]
            != v[f"applications.results.total.{c}"] + v[f"applications.carried_to_next.{c}"]]
    return bad


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").split("\n") if p.strip()]


def sections(doc: Doc, facts: dict) -> list[list[str]]:
    out = [paragraphs(facts["sections"].get(k, "")) for k in L.SECTION_KEYS]
    for old, new in doc.prose:
        hits = sum(p.count(old) for s in out for p in s)
        assert hits == 1, f"{doc.name}: {old!r} occurs {hits} times"
        out = [[p.replace(old, new) for p in s] for s in out]
    return out


def tables(doc: Doc, v: dict) -> dict[int, list]:
    """Section index -> list of tables (each a list of rows)."""
    t2 = L.table2_head() + L.table2_body(v, doc.style)
    t3 = [L.table3_one(v, doc.style)] if doc.t3 == "one" else L.table3_three(v, doc.style)
    return {1: [L.table1(v, doc.style)], 2: [t2], 3: t3}


def page_html(doc: Doc, facts: dict, v: dict, thead: int = 0) -> str:
    secs, tabs = sections(doc, facts), tables(doc, v)
    body_fs = "18pt" if doc.page == "large" else "12pt"
    cell_fs = "14pt" if doc.page == "large" else "10.5pt"
    pstyle = f"text-indent:2em;line-height:1.8;margin:0;font-size:{body_fs};font-family:仿宋,FangSong,serif"
    out = []
    for i, (head, paras) in enumerate(zip(L.HEADINGS, secs, strict=True)):
        if doc.page == "landscape" and i in (2, 4):  # sections 三 and 四 on landscape pages
            out.append('<div class="wide">' if i == 2 else "</div>")
        out.append(f'<p style="{pstyle};font-family:黑体,SimHei,sans-serif"><strong>{head}</strong></p>')
        out += [f'<p style="{pstyle}">{html.escape(p)}</p>' for p in paras]
        for t in tabs.get(i, []):
            heads = thead if i == 2 else 0
            out.append(f"<div>{L.table_html(t, thead=heads, fs=cell_fs)}</div><p>&nbsp;</p>")
    site = facts["agency"][:3] + "人民政府"  # the county/city portal hosts every body's report
    css = ("@page{size:A4;margin:18mm 15mm}@page wide{size:A4 landscape;margin:15mm}"
           ".wide{page:wide}" if doc.page == "landscape" else "@page{size:A4;margin:20mm}")
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{html.escape(facts["title"])}_{site}</title>
<style>{css} body{{font-family:宋体,SimSun,serif;color:#222}} .nav span{{margin-right:1em}}</style></head>
<body><div class="top" style="background:#b41e1e;color:#fff;padding:8px;font-size:20pt">{site}门户网站</div>
<div class="nav" style="font-size:10pt"><span>首页</span><span>政务公开</span><span>政务服务</span><span>互动交流</span></div>
<div class="crumb" style="font-size:9pt;color:#666">当前位置：首页 &gt; 政府信息公开 &gt; 政府信息公开年报</div>
<div class="article" style="width:96%;margin:0 auto">
<h1 style="text-align:center;font-size:20pt;font-family:方正小标宋简体,SimHei,serif">{html.escape(facts["title"])}</h1>
<div style="text-align:center;font-size:9pt;color:#888">发布时间：{facts["year"] + 1}-01-25　来源：{html.escape(facts["agency"])}　字号：【大 中 小】</div>
{"".join(out)}
</div><div class="foot" style="font-size:9pt;color:#666;border-top:1px solid #ccc;margin-top:2em">
主办：{site}办公室　技术支持：{site[:3]}大数据中心　网站标识码：3611000037</div></body></html>
"""


def text_page(doc: Doc, facts: dict, v: dict, tab: bool) -> str:
    site = facts["agency"][:3] + "人民政府"
    out = [f"{site}门户网站", "首页", "政务公开", "政务服务", "互动交流",
           "当前位置：首页 > 政府信息公开 > 政府信息公开年报", facts["title"],
           f"发布时间：{facts['year'] + 1}-01-25 来源：{facts['agency']} 字号：【大 中 小】"]
    tabs = tables(doc, v)
    for i, (head, paras) in enumerate(zip(L.HEADINGS, sections(doc, facts), strict=True)):
        out += [head, *paras]
        for t in tabs.get(i, []):
            out += L.tabbed(t) if tab else L.lines_of(t)
    out += [f"主办：{site}办公室 技术支持：{site[:3]}大数据中心", "网站标识码：3611000037"]
    return "\n".join(out) + "\n"


def run(cmd: list[str], timeout: int = 180) -> None:
    subprocess.run(cmd, check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def chromium_pdf(src: Path, dst: Path) -> None:
    run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={dst}", src.resolve().as_uri()])


def soffice(src: Path, target: str, outdir: Path, profile: Path, html_in: bool) -> Path:
    cmd = ["soffice", f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless"]
    if html_in:
        cmd.append("--infilter=HTML (StarWriter)")
    run(cmd + ["--convert-to", target, "--outdir", str(outdir), str(src)])
    return outdir / f"{src.stem}.{target.split(':')[0]}"


def repeat_header_rows(docx: Path, rows: int) -> None:
    """Mark the first `rows` rows of 表二 as header rows Word repeats at the top of each page."""
    with zipfile.ZipFile(docx) as z:
        items = {n: z.read(n) for n in z.namelist()}
    xml = items["word/document.xml"].decode("utf-8")

    def fix_table(m: re.Match) -> str:
        tbl = m.group(0)
        trs = list(re.finditer(r"<w:tr(?: [^>]*)?>", tbl))
        if len(trs) <= 20:  # only 表二 (28 rows)
            return tbl
        for tr in reversed(trs[:rows]):
            rest = tbl[tr.end():]
            if rest.startswith("<w:trPr>"):
                if "<w:tblHeader" not in rest.split("</w:trPr>", 1)[0]:
                    tbl = tbl[:tr.end()] + "<w:trPr><w:tblHeader/>" + rest[len("<w:trPr>"):]
            else:
                tbl = tbl[:tr.end()] + "<w:trPr><w:tblHeader/></w:trPr>" + rest
        return tbl

    xml = re.sub(r"<w:tbl>.*?</w:tbl>", fix_table, xml, flags=re.S)
    items["word/document.xml"] = xml.encode("utf-8")
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in items.items():
            z.writestr(n, data)


def truth(doc: Doc, facts: dict, v: dict, kind: str, how: str) -> dict:
    cells = {k: L.truth_of(L.printed(k, v[k], doc.style)) for k in L.all_keys()}
    for k, lab in doc.style.labels.items():
        assert lab, k
    return {"agency": facts["agency"], "year": facts["year"], "format": "2021", "made_by": how,
            "from_corpus": f"corpus/sources/{doc.source}.yaml", "cells": cells,
            "planted": doc.planted, "expect_reader_gap": doc.gaps.get(kind, [])}


def write_truth(out: Path, stem: str, data: dict) -> None:
    (out / f"{stem}.truth.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200), encoding="utf-8")


def make(doc: Doc, out: Path, work: Path) -> list[tuple[str, str]]:
    facts, v = load(doc.source)
    v.update(doc.cells)
    assert sorted(broken(v)) == sorted(doc.breaks), (doc.name, broken(v))
    made = []
    src = work / f"{doc.name}.html"
    src.write_text(page_html(doc, facts, v, thead=doc.thead), encoding="utf-8")
    pdf = None

    def emit(path: Path, kind: str, how: str) -> None:
        stem = path.name.rsplit(".", 1)[0]
        data = truth(doc, facts, v, kind, how)
        if any(n.rsplit(".", 1)[0] == stem for n, _ in made):  # an .html/.docx and its PDF share one truth
            data["made_by"] = f"{path.suffix[1:]}: {how}; " + next(h for n, h in made if n.startswith(stem + "."))
        write_truth(out, stem, data)
        made.append((path.name, how))

    if "html" in doc.outputs:
        shutil.copy(src, out / src.name)
        emit(out / src.name, "html", doc.how)
    if {"pdf", "layout", "raw"} & set(doc.outputs):
        pdf = out / f"{doc.name}.pdf"
        chromium_pdf(src, pdf)
        emit(pdf, "pdf", f"{doc.how}; chromium --headless --print-to-pdf")
    for kind, flag in (("layout", ["-layout"]), ("raw", [])):
        if kind in doc.outputs:
            txt = out / f"{doc.name}_{kind}.txt"
            run(["pdftotext", *flag, "-enc", "UTF-8", str(pdf), str(txt)])
            emit(txt, kind, f"{doc.how}; chromium --print-to-pdf; pdftotext {' '.join(flag) or '(no -layout)'}")
    if "docx" in doc.outputs:
        docx = soffice(src, "docx:MS Word 2007 XML", work, work / "lo", html_in=True)
        if doc.page == "large":
            repeat_header_rows(docx, 3)
        shutil.copy(docx, out / docx.name)
        emit(out / docx.name, "docx", f"{doc.how}; LibreOffice HTML to docx")
        if "lopdf" in doc.outputs:
            lo_pdf = soffice(out / docx.name, "pdf:writer_pdf_Export", work, work / "lo", html_in=False)
            shutil.copy(lo_pdf, out / lo_pdf.name)
            emit(out / lo_pdf.name, "lopdf", f"{doc.how}; LibreOffice HTML to docx, docx to PDF")
    if "lohtmlpdf" in doc.outputs:
        lo_pdf = soffice(src, "pdf:writer_pdf_Export", work, work / "lo", html_in=True)
        shutil.copy(lo_pdf, out / lo_pdf.name)
        emit(out / lo_pdf.name, "lopdf", f"{doc.how}; LibreOffice HTML to PDF")
    for kind, tab in (("lines", False), ("tabs", True)):
        if kind in doc.outputs:
            txt = out / f"{doc.name}.txt"
            txt.write_text(text_page(doc, facts, v, tab), encoding="utf-8")
            emit(txt, kind, doc.how)
    return made


def main(argv: list[str]) -> int:
    from heldout_b_docs import DOCS, readme

    out = Path(argv[0]) if argv else ROOT / "evals/heldout_b/documents"
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory(prefix="heldout_b_") as tmp:
        for doc in DOCS:
            for name, how in make(doc, out, Path(tmp)):
                rows.append((name, doc, how))
                print(name, flush=True)
    (out / "README.md").write_text(readme(rows), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
