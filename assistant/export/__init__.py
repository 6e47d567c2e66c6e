"""Export of a report to Word (.docx), a web page (.html), Markdown (.md) and text (.txt).

`write_report(report, path)` picks the format from the suffix; `build_docx`, `render_html`,
`render_markdown` and `render_text` give the document itself. All formats lay the three tables out
as the national format does (`layout.py`, derived from `assistant.core.spec`), and all of them read
back unchanged with `assistant.reader.read_report` (same cells, same section texts).

Bad input — the decision: **export anyway, with the findings in an appendix**; refuse only input
that cannot be used at all.

- A `Report` is always rendered as given: no number is corrected, filled in or dropped by a writer.
  Cells absent from the report print empty, BLANK prints empty, SLASH prints "/".
- `export_file` (the service behind `assistant export`) refuses an unusable input (a facts file
  that cannot be parsed, a document the reader cannot read) with a Chinese message naming the file.
- A facts file whose values are refused or whose numbers fail the checks still exports: refused
  values stay empty, the derived totals are filled by the engine where possible, the cells named by
  errors are highlighted (docx, html), and every failed finding is listed after section 六 under
  "附：核对意见（定稿发布前请逐条处理并删除本附录）". The exit code is 1.

Why: the exported file is what the 经办人 hands to the 审核人, often before the numbers are final.
Refusing would block the review of exactly the reports that need it and push people to copy numbers
into Word by hand, where nothing checks them. The appendix keeps the problems attached to the file
wherever it travels (mail, OA systems) and says plainly that it must go before publication; a re-run
of `assistant check` on the edited file finds whatever is left. Pipelines that publish directly use
`strict=True` (`assistant export --strict`), which refuses a report with errors instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from assistant.core.findings import Finding
from assistant.core.report import Report
from assistant.export.document import title_of
from assistant.export.plain import render_markdown, render_text
from assistant.export.webpage import render_html
from assistant.export.word import build_docx, docx_bytes

FORMATS = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".txt": "txt"}

__all__ = [
    "FORMATS",
    "ExportError",
    "build_docx",
    "docx_bytes",
    "render_bytes",
    "render_html",
    "render_markdown",
    "render_text",
    "title_of",
    "write_report",
]


class ExportError(Exception):
    """The export cannot be done; the message is Chinese and names the file."""


def format_for(path: str | Path) -> str:
    """ "docx", "html", "md" or "txt" from the file suffix; ExportError for anything else."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = "、".join(sorted(set(FORMATS)))
        raise ExportError(f"{path}：不支持导出为“{suffix or '无扩展名'}”，可用的扩展名：{known}")
    return FORMATS[suffix]


def render_bytes(report: Report, fmt: str, findings: Sequence[Finding] = ()) -> bytes:
    """The exported file's content in format `fmt` ("docx", "html", "md", "txt")."""
    if fmt == "docx":
        return docx_bytes(report, findings)
    renderers = {"html": render_html, "md": render_markdown, "txt": render_text}
    return renderers[fmt](report, findings).encode("utf-8")


def write_report(report: Report, path: str | Path, findings: Sequence[Finding] = ()) -> Path:
    """Write `report` to `path` in the format of its suffix (.docx, .html/.htm, .md, .txt).

    `findings`, when given, are listed in an appendix after section 六 (failed ones only) and the
    cells named by errors are highlighted; see the module docstring for why.
    """
    p = Path(path)
    data = render_bytes(report, format_for(p), findings)
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    except OSError as e:
        raise ExportError(f"{p}：无法写入（{e.strerror or e}）") from None
    return p
