"""Plain-text (.txt) and Markdown (.md) renderings.

Both write every table as its full grid: one line per grid row, one field per grid column, the text
of a merged cell at its top-left position and "" in the positions it covers. In .txt fields are
tab-separated (the layout of the published reports crawled as text, see the seed report); in .md a
pipe table (its first grid row is the Markdown header row). Every row has the same number of fields,
so a value's column is its position: this is what makes the files read back unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from assistant.core.findings import Finding
from assistant.core.report import Report
from assistant.export.document import APPENDIX_HEADING, appendix_lines, parts, title_of
from assistant.export.layout import Grid


def render_text(report: Report, findings: Sequence[Finding] = ()) -> str:
    """The report as UTF-8 text: title, headings, blank-line separated paragraphs, tab tables."""
    blocks = [title_of(report)]
    for part in parts(report):
        blocks.append(part.heading)
        blocks += [_one_line(p) for p in part.paragraphs]  # a tab would read as a table row
        if part.grid is not None:
            blocks.append(text_table(part.grid))
    lines = appendix_lines(findings)
    if lines:
        blocks += [APPENDIX_HEADING, *lines]
    return "\n\n".join(blocks) + "\n"


def text_table(grid: Grid) -> str:
    return "\n".join("\t".join(_one_line(t) for t in row) for row in grid.matrix())


def render_markdown(report: Report, findings: Sequence[Finding] = ()) -> str:
    """The report as Markdown: # title, ## section headings, paragraphs, pipe tables."""
    blocks = [f"# {_one_line(title_of(report))}"]
    for part in parts(report):
        blocks.append(f"## {part.heading}")
        blocks += part.paragraphs
        if part.grid is not None:
            blocks.append(markdown_table(part.grid))
    lines = appendix_lines(findings)
    if lines:
        blocks += [f"## {APPENDIX_HEADING}", *lines]
    return "\n\n".join(blocks) + "\n"


def markdown_table(grid: Grid) -> str:
    rows = grid.matrix()
    out = [_md_row(rows[0]), "|" + "|".join(" --- " for _ in rows[0]) + "|"]
    out += [_md_row(r) for r in rows[1:]]
    return "\n".join(out)


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(_one_line(c).replace("|", "\\|") for c in cells) + " |"


def _one_line(text: str) -> str:
    return " ".join(text.split("\n")).replace("\t", " ")
