"""The years comparison as a web page (html) and as a Word file (docx)."""

from __future__ import annotations

from html import escape
from pathlib import Path

from docx import Document

from assistant.core.findings import show
from assistant.desk.years import YearPair, YearsReport
from assistant.export.word_style import setup_document


def _title(yr: YearsReport) -> str:
    return f"{yr.agency}政府信息公开工作年度报告跨年度比对（{yr.years[0]}—{yr.years[-1]}年）"


def _rows(p: YearPair) -> dict[str, list[list[str]]]:
    return {
        "deltas": [
            [
                d.label,
                show(d.before),
                show(d.after),
                f"{'+' if d.change > 0 else ''}{show(int(d.change)) if d.change == int(d.change) else d.change}",
            ]
            for d in p.deltas
        ],  # fmt: skip
        "repetition": [[label, f"{rate:.0%}", str(n)] for label, rate, n in p.repetition],
        "problems": [[item, answer or "（今年报告未提及）"] for item, answer in p.problems],
    }


HEADERS = {
    "deltas": ("表格数据变化（按变化幅度排序）", ["项目", "上年", "本年", "变化"]),
    "repetition": ("各部分与上年文字雷同率", ["部分", "雷同率", "字数"]),
    "problems": ("上年报告所列问题及本年报告的相应表述", ["上年问题", "本年表述"]),
}


def render_html(yr: YearsReport) -> str:
    out = ["<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
           f"<title>{escape(_title(yr))}</title><style>body{{font-family:sans-serif;max-width:60em;margin:auto}}"
           "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:4px 8px}"
           "th{background:#eef}</style></head><body>", f"<h1>{escape(_title(yr))}</h1>"]  # fmt: skip
    for p in yr.pairs:
        out.append(f"<h2>{p.before}年 → {p.after}年</h2>")
        for key, rows in _rows(p).items():
            caption, head = HEADERS[key]
            out.append(f"<h3>{escape(caption)}</h3>")
            if not rows:
                out.append("<p>无</p>")
                continue
            out.append("<table><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
            out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows]
            out.append("</table>")
        out.append(f"<h3>规范性文件存量衔接</h3><p>{escape(p.rollforward)}</p>")
    out.append("</body></html>")
    return "\n".join(out)


def write_docx(yr: YearsReport, out: Path) -> Path:
    doc = Document()
    setup_document(doc)
    doc.add_paragraph(_title(yr), style="Title")
    for p in yr.pairs:
        doc.add_heading(f"{p.before}年 → {p.after}年", level=1)
        for key, rows in _rows(p).items():
            caption, head = HEADERS[key]
            doc.add_paragraph(caption)
            if not rows:
                doc.add_paragraph("无")
                continue
            table = doc.add_table(rows=1, cols=len(head))
            table.style = "Table Grid"
            for cell, h in zip(table.rows[0].cells, head, strict=True):
                cell.text = h
            for row in rows:
                for cell, v in zip(table.add_row().cells, row, strict=True):
                    cell.text = v
        doc.add_paragraph(f"规范性文件存量衔接：{p.rollforward}")
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out
