"""Held-out documents as government CMS pages (site header, breadcrumb, 「标题：…」 wrapper, a footer naming
the site's host body, rowspan/colspan headers, tables inside nested divs), printed to PDF with chromium;
and the crawled text of such a page (tags stripped, cells run together)."""

from __future__ import annotations

import html
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from heldout_grid import Grid


@dataclass(frozen=True)
class Site:
    name: str  # the portal's name, e.g. 青梧县人民政府
    host: str  # the body the footer names (not the report's agency)
    nested: int = 1  # how many wrapper divs around each table
    word_paste: bool = False  # content pasted from Word: MsoNormal paragraphs, spans, &nbsp;, <o:p>
    published: str = "2024-01-26 09:30"


def _td(span, header: bool, word_paste: bool) -> str:
    _, _, rs, cs, text = span
    attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
    if word_paste:
        lang = ' lang="EN-US"' if text[:1].isdigit() else ""
        inner = (
            '<p class="MsoNormal" align="center" style="text-align:center">'
            f'<span{lang} style="font-size:10.5pt;font-family:宋体">{html.escape(text) or "&nbsp;"}<o:p></o:p></span></p>'
        )
        return (
            f'<td width="{48 * cs}" valign="center"{attrs} style="border:solid windowtext 1.0pt">{inner}</td>'
        )
    style = ' style="text-align:center"' if text[:1].isdigit() else ""
    inner = f"<p>{html.escape(text)}</p>" if header else html.escape(text)
    return f"<td{attrs}{style}>{inner}</td>"


def table_html(grid: Grid, nested: int, word_paste: bool = False) -> str:
    rows = []
    for i, row in enumerate(grid.rows()):
        cells = "".join(_td(s, i < grid.header_rows, word_paste) for s in row)
        rows.append(f"<tr>{cells}</tr>")
    t = (
        '<table border="1" cellspacing="0" cellpadding="2" style="border-collapse:collapse;width:100%;'
        'font-size:12px"><tbody>' + "\n".join(rows) + "</tbody></table>"
    )
    for _ in range(nested):
        t = f'<div class="tb-wrap"><div style="overflow-x:auto">{t}</div></div>'
    return t


_CSS = """@page{size:A4;margin:12mm}
body{font-family:'Noto Serif CJK SC',serif;margin:0;color:#222}
.top{background:#b71c1c;color:#fff;padding:10px 24px;font-size:20px}
.nav a{margin-right:14px;color:#fff}.crumb{font-size:13px;color:#666;padding:8px 24px}
.main{width:900px;margin:0 auto}.art-title{font-size:22px;text-align:center;font-weight:bold}
.info{font-size:12px;color:#888;text-align:center;border-bottom:1px solid #ddd;padding-bottom:6px}
.content p{text-indent:2em;line-height:1.8;font-size:15px}.foot{background:#eee;font-size:12px;
text-align:center;padding:12px;margin-top:30px;color:#555}"""


def _p(inner: str, word_paste: bool) -> str:
    if not word_paste:
        return f"<p>{inner}</p>"
    return (
        '<p class="MsoNormal" style="text-indent:32.0pt;line-height:28.0pt">'
        f'<span style="font-size:16.0pt;font-family:仿宋_GB2312">{inner}<o:p></o:p></span></p>'
    )


def page_html(site: Site, title: str, blocks: list) -> str:
    """`blocks`: ("heading", text) | ("para", text) | ("table", table_no, [Grid, ...])."""
    body = []
    for block in blocks:
        if block[0] == "heading":
            body.append(_p(f"<strong>{html.escape(block[1])}</strong>", site.word_paste))
        elif block[0] == "para":
            body.append(_p(html.escape(block[1]), site.word_paste))
        else:
            body += [table_html(g, site.nested, site.word_paste) for g in block[2]]
    nav = "".join(f'<a href="#">{x}</a>' for x in ("首页", "走进本县", "政务公开", "政务服务", "互动交流"))
    return f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{html.escape(title)}_{site.name}</title><style>{_CSS}</style></head>
<body><div class="top">{site.name}门户网站<div class="nav">{nav}</div></div>
<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告</div>
<div class="main"><div class="art">
<div class="art-title">标题：{html.escape(title)}</div>
<div class="info">发布时间：{site.published}　来源：{site.name}　浏览次数：1024　【字体：大 中 小】【打印】</div>
<div class="content">
{chr(10).join(body)}
</div></div></div>
<div class="foot">主办单位：{site.host}　承办：{site.host}信息中心<br>网站标识码：3607000001　ICP备案号：赣ICP备05001234号</div>
</body></html>
"""


def html_to_pdf(page: str, pdf: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "page.html"
        src.write_text(page, encoding="utf-8")
        subprocess.run(
            [
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={tmp}/ud",
                "--no-pdf-header-footer",
                f"--print-to-pdf={pdf}",
                src.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )


def crawled_text(page: str) -> str:
    """What a crawler keeps of the page: block ends become newlines, every tag is dropped, so the cells
    of a table row run together with nothing between them."""
    text = re.sub(r"(?is)<(script|style|title)[^>]*>.*?</\1>", "", page)
    text = re.sub(r"(?i)</(p|div|tr|h\d)>|<br\s*/?>", "\n", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = html.unescape(text)
    lines = [re.sub(r"[ \t\u3000]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln) + "\n"
