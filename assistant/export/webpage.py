"""A standalone HTML page for publishing the report on a government website.

One file, no external assets (no scripts, fonts, images or stylesheets): page typography sits in a
<style> block, and the table borders are also set on each cell's `style` attribute so that the
tables keep their grid when a CMS keeps only the <body>. Tables are semantic: <thead> for the
repeated header rows, <th scope> for headers and row labels, rowspan/colspan as the format lays out.
Every text is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from assistant.core.findings import Finding
from assistant.core.report import Report
from assistant.export.document import APPENDIX_HEADING, appendix_lines, flagged_cells, parts, title_of
from assistant.export.layout import HEAD, LABEL, NOTE, TITLE, VALUE, Grid, Span

PAGE_CSS = """
body { margin: 0; background: #f5f5f5; color: #222; }
article { max-width: 60em; margin: 0 auto; padding: 2em 3em; background: #fff;
  font: 16px/1.9 "FangSong", "仿宋_GB2312", "仿宋", "STFangsong", "Noto Serif CJK SC", serif; }
h1 { font: 26px/1.5 "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "宋体", "Noto Serif CJK SC", serif;
  text-align: center; margin: 1em 0; }
h2 { font: 18px/1.8 "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; margin: 1.2em 0 .4em; }
p { text-indent: 2em; margin: .3em 0; text-align: justify; }
.table-wrap { overflow-x: auto; margin: .8em 0 1.2em; }
table { border-collapse: collapse; table-layout: fixed; width: 100%; min-width: 44em;
  font-size: 14px; line-height: 1.5; }
th { font-weight: normal; }
.appendix { border: 1px dashed #c00; padding: .5em 1em; margin-top: 2em; }
.appendix p { text-indent: 0; }
@media print { body { background: #fff; } article { padding: 0; }
  @page { size: A4; margin: 37mm 26mm 35mm 28mm; } }
""".strip()

_CELL_STYLE = "border:1px solid #000;padding:4px 6px;vertical-align:middle;"
_FLAG_STYLE = "background:#ffe8a3;"


def render_html(report: Report, findings: Sequence[Finding] = ()) -> str:
    """The report as a complete HTML5 page (UTF-8)."""
    title = escape(title_of(report))
    flagged = flagged_cells(findings)
    body = [f"<h1>{title}</h1>"]
    for part in parts(report):
        body.append(f'<section id="{part.key}">')
        body.append(f"<h2>{escape(part.heading)}</h2>")
        body += [f"<p>{escape(p)}</p>" for p in part.paragraphs]
        if part.grid is not None:
            body.append(html_table(part.grid, flagged))
        body.append("</section>")
    lines = appendix_lines(findings)
    if lines:
        body.append(f'<aside class="appendix"><h2>{escape(APPENDIX_HEADING)}</h2>')
        body += [f"<p>{escape(line)}</p>" for line in lines]
        body.append("</aside>")
    return _page(title, "\n".join(body))


def _page(title: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>\n{PAGE_CSS}\n</style>\n</head>\n<body>\n<article>\n"
        f"{body}\n</article>\n</body>\n</html>\n"
    )


def html_table(grid: Grid, flagged: frozenset[str] = frozenset()) -> str:
    """One table: header rows in <thead>, the rest in <tbody>."""
    rows = grid.rows()
    total = sum(grid.widths_mm)
    cols = "".join(f'<col style="width:{w / total:.2%}">' for w in grid.widths_mm)
    out = ['<div class="table-wrap">', f'<table data-table="{grid.table}">', f"<colgroup>{cols}</colgroup>"]
    if grid.head_rows:
        out.append("<thead>")
        out += [_tr(grid, r, flagged) for r in rows[: grid.head_rows]]
        out.append("</thead>")
    out.append("<tbody>")
    out += [_tr(grid, r, flagged) for r in rows[grid.head_rows :]]
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


def _tr(grid: Grid, spans: list[Span], flagged: frozenset[str]) -> str:
    return "<tr>" + "".join(_cell(s, _align(grid, s), s.key in flagged) for s in spans) + "</tr>"


def _align(grid: Grid, s: Span) -> str:
    return "left" if s.kind == NOTE or grid.is_leaf_label(s) else "center"


def _cell(s: Span, align: str, flag: bool) -> str:
    tag = "td" if s.kind == VALUE else "th"
    attrs = []
    if s.kind == HEAD or s.kind == TITLE:
        attrs.append(f'scope="{"colgroup" if s.colspan > 1 else "col"}"')
    elif s.kind == LABEL:
        attrs.append(f'scope="{"rowgroup" if s.rowspan > 1 else "row"}"')
    if s.rowspan > 1:
        attrs.append(f'rowspan="{s.rowspan}"')
    if s.colspan > 1:
        attrs.append(f'colspan="{s.colspan}"')
    if s.key:
        attrs.append(f'data-key="{escape(s.key)}"')
    style = _CELL_STYLE + f"text-align:{align};" + (_FLAG_STYLE if flag else "")
    attrs.append(f'style="{style}"')
    return f"<{tag} {' '.join(attrs)}>{escape(s.text)}</{tag}>"
