"""Plain text and Markdown reports: decoding, tab/pipe/space tables, wrapped lines.

The layout of real text copies (see shared/seeds): tables as tab-separated rows whose columns drift,
header rows split over several lines, blank lines inside a table, labels broken by a line end.
Consecutive table lines form one grid (blank lines inside do not end it); a short text line between
two table lines is a broken label and joins the grid as a row of its own (the table parser glues
it to the next row's label); a line of tabs only, right after a table line, is a row of empty cells
(an empty 表三 exported as text). Other lines are prose: wrapped lines are joined into paragraphs.
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.reader.blocks import Block, Document, Grid, Para
from assistant.reader.decode import decode_counted, decode_text, lost_characters  # noqa: F401 (htmlfile imports it here)
from assistant.reader.glyphs import fold
from assistant.reader.labels import is_value_like
from assistant.reader.overprint import is_overprinted, normalized
from assistant.reader.pdfpage import strip_text_furniture
from assistant.reader.rewrap import rejoin_wrapped
from assistant.reader.unwrap import unwrap

_END_PUNCT = "。！？；：:;!?」”）)"
_STARTS_ITEM = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,2}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|\d{1,2}[.．、])"
)
_MD_SEPARATOR = re.compile(r"^\|?[\s:|-]*-[\s:|-]*\|?$")  # "| --- |"; "|  |  |" is a row of empty cells
_MD_MARKS = re.compile(r"\*\*|__|^#+\s*|^>\s*|^[-*+]\s+(?=\S)")
_WIDE_GAP = re.compile(r"(?:[ \u00a0]{2,}|\u3000+)")
_SECTION_HEADING = re.compile(r"^\s*[一二三四五六][、.．].*(情况|事项)\s*$")
_LABEL_THEN_VALUE = re.compile(
    r"^(?P<label>.*[\u4e00-\u9fff）)”\"])[ \u00a0](?P<value>[-0-9０-９.．,/／—]+)$"
)
_BOX = "─━│┃┌┐└┘├┤┬┴┼┏┓┗┛┣┫┳┻╋═║╔╗╚╝╠╣╦╩╬╒╕╘╛╞╡╤╧╪╓╖╙╜╟╢╥╨╫"
_BOX_EDGES = "│┃┌┐└┘├┤┏┓┗┛┣┫║╔╗╚╝╠╣╒╕╘╛╞╡╓╖╙╜╟╢"
_NO_BOX = str.maketrans("", "", _BOX)
_VERTICAL = re.compile(r"[│┃║]")
_TRAILING_NUMBERS = re.compile(r"^(?P<label>\S.*?)(?P<nums>(?:\s+[-0-9０-９.．,/／—]+){2,})\s*$")


def read_text(data: bytes, name: str, markdown: bool = False) -> Document:
    text, lost = decode_counted(data, name)
    text = fold(text)  # before inline headings are looked for (assemble folds the rest)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if is_overprinted(lines):  # Debian html2text: heading marks, cells written over each other
        lines = normalized(lines)
        lost = min(lost, sum(ln.count("\ufffd") for ln in lines))  # cut in table rows: labels put back
    lines = unwrap(rejoin_wrapped(lines))  # paragraphs re-wrapped by textwrap, lines cut at a width
    lines = [part for line in strip_text_furniture(lines) for part in _split_long(line)]
    markdown = markdown or _looks_like_markdown(lines)  # a Markdown report saved as .txt
    doc = Document(name, "md" if markdown else "txt", lines_to_blocks(lines, markdown))
    if lost:
        doc.findings.append(lost_characters(name, lost))
    return doc


_OFFICIAL_HEADINGS = re.compile("|".join(re.escape(sec.label) for sec in spec.SECTIONS))


def split_inline_headings(line: str) -> list[str]:
    """A crawled page's text runs on in one long line; the official section headings inside it are
    headings, on lines of their own (cause 7 of issue 12)."""
    if len(line) < 200:
        return [line]
    cuts = [m.span() for m in _OFFICIAL_HEADINGS.finditer(line)]
    if len(cuts) < 2:
        return [line]
    out, pos = [], 0
    for a, b in cuts:
        out += [line[pos:a], line[a:b]]
        pos = b
    return [p for p in [*out, line[pos:]] if p.strip()]


_SPACED_RUN = re.compile(r"(?:(?<=\s)\d+(?:\.\d+)?(?:\s+|$))+")
_SENTENCE_END = re.compile(r"(?<=[。；])\s+")


def _split_long(line: str) -> list[str]:
    parts = split_inline_headings(line)
    if len(line) < 200 or len(_SPACED_RUN.findall(line)) < 8:
        return parts
    return [row for part in parts for row in split_spaced_rows(part)]


def split_spaced_rows(text: str) -> list[str]:
    """A crawl collapsed to one line with its cells one space apart (「规章 0 0 0 行政规范性文件 0 0 0 …」):
    a table row ends after its run of numbers, a paragraph at a sentence end followed by a space.
    Rows and headers are written as a dump's spaced columns (two spaces apart); a table's header
    after a paragraph follows a blank line (a header over its table, not the paragraph's text)."""
    out: list[str] = []
    for piece in _SENTENCE_END.split(text):
        pos = 0
        for m in _SPACED_RUN.finditer(piece):
            head, row = _header_apart(piece[pos : m.end()].strip())
            if head:
                out += ["", head] if out and not _SPACED_RUN.search(out[-1]) else [head]
            out.append(row)
            pos = m.end()
        out.append(piece[pos:].strip())
    return [p for i, p in enumerate(out) if p or (i + 1 < len(out) and out[i + 1])]


_HEADS = tuple({c.col_label for c in spec.spec_for(spec.FORMAT_2021).cells} | {spec.CORNER_NOTE})
_HEAD_WORDS = re.compile(
    "|".join(rf"(?:^|(?<=\s)){re.escape(h)}(?=\s|$)" for h in sorted(_HEADS, key=len, reverse=True))
)
_TRAILING_RUN = re.compile(r"(?:^|\s)(\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)*)\s*$")


def _header_apart(row: str) -> tuple[str, str]:
    """(header, row) of 「第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数 规章 0 0 0」: the
    words up to the last column header standing alone, and the row label with its numbers, each as
    a dump's spaced columns; 表三's header over its numbers gives a row of numbers only."""
    m = _TRAILING_RUN.search(row)
    if m is None:
        return "", row
    words, numbers = row[: m.start()].strip(), "  ".join(m.group(1).split())
    cut = max((h.end() for h in _HEAD_WORDS.finditer(words)), default=0)
    head, label = words[:cut].strip(), words[cut:].strip()
    return "  ".join(head.split()), f"{label}  {numbers}" if label else numbers


def _looks_like_markdown(lines: list[str]) -> bool:
    """Pipe tables with their |---| separator lines, and no tab-separated rows."""
    separators = sum(
        1 for ln in lines if re.fullmatch(r"\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)+\|?\s*", ln)
    )
    return separators >= 2 and not any("\t" in ln for ln in lines)


def lines_to_blocks(lines: list[str], markdown: bool = False) -> list[Block]:
    """Paragraphs and grids from text lines (tab-separated, Markdown pipes or spaced columns)."""
    space_tables = not markdown and not any("\t" in ln for ln in lines)
    rows: list[_Row] = []
    bare = _bare_pipe_rows(lines) if markdown else set()
    for i, raw in enumerate(lines):
        line = raw.rstrip(" \u3000\r\u00a0")
        rows.append(_cells(line, markdown, space_tables, i in bare) or _prose_line(line, markdown))
    return _group(rows)


def _bare_pipe_rows(lines: list[str]) -> set[int]:
    """Rows of pipe tables written without outer pipes (html2text: 「信息内容| 本年处理决定数量」): a
    header line, a delimiter line under it, then every line up to a blank one. A header of one cell
    (「第二十条第（一）项」 over 「---」) counts when the next line has a pipe (else it is a setext heading);
    a line without a pipe inside the table is a row of one cell (a merged row's label)."""
    rows: set[int] = set()
    for i in range(1, len(lines) - 1):
        if not _MD_SEPARATOR.match(lines[i].strip()) or "-" not in lines[i] or not lines[i - 1].strip():
            continue
        if "|" not in lines[i - 1] and "|" not in lines[i + 1]:
            continue
        rows.update((i - 1, i))  # the delimiter line is the table's separator row
        j = i + 1
        while j < len(lines) and lines[j].strip():
            rows.add(j)
            j += 1
    return rows


class _Row:
    """One text line: table cells (`cells` set) or prose (`text`)."""

    __slots__ = ("cells", "exact", "text", "heading", "tabs")

    def __init__(self, cells=None, exact=False, text="", heading=False, tabs=0):
        self.cells: list[str] | None = cells
        self.exact = exact
        self.text = text
        self.heading = heading
        self.tabs = tabs  # tabs on an otherwise blank line


def _cells(line: str, markdown: bool, space_tables: bool, in_table: bool = False) -> _Row | None:
    stripped = line.strip()
    if not stripped:
        return None
    if stripped[0] in _BOX_EDGES:  # a ruled table drawn with box characters (w3m)
        return _box_row(stripped)
    if markdown and (stripped.startswith("|") or in_table):
        if _MD_SEPARATOR.match(stripped):
            return _Row([], exact=True)
        body = stripped[1:] if stripped.startswith("|") else stripped
        body = body[:-1] if body.endswith("|") else body
        return _Row([_md_cell(c) for c in body.split("|")], exact=True)
    if "\t" in line:
        return _Row([c.strip() for c in line.split("\t")])
    if space_tables and "。" not in stripped and len(stripped) <= 120:
        parts = _label_value(p for p in _WIDE_GAP.split(stripped) if p)
        if len(parts) >= 2 and any(is_value_like(p) for p in parts[1:]):
            return _Row(parts)
        m = _TRAILING_NUMBERS.match(stripped)
        if m and "，" not in stripped:
            return _Row([m.group("label").strip()] + m.group("nums").split())
    return None


def _box_row(line: str) -> _Row:
    """A line of a table drawn with box characters: its cells between the vertical rules (a
    rule's line is a separator: no cells); a cell's line cut by a rule of a nested header keeps its text."""
    if not line.translate(_NO_BOX).strip():
        return _Row([], exact=True)
    cells = [c.translate(_NO_BOX).strip() for c in _VERTICAL.split(line.strip())]
    return _Row(cells[1:-1] if len(cells) > 2 else cells, exact=True)


def _label_value(parts) -> list[str]:
    """Spaced columns where the label column is as wide as its label: one space only before the first
    value (w3m/lynx dumps: 「行政规范性文件 1            4            13」); the value is a cell of its own."""
    parts = list(parts)
    m = _LABEL_THEN_VALUE.match(parts[0]) if len(parts) >= 2 else None  # spaced columns only
    return [m.group("label"), m.group("value"), *parts[1:]] if m else parts


def _md_cell(cell: str) -> str:
    return re.sub(r"<br\s*/?>", "", cell.strip().replace("**", ""))


def _prose_line(line: str, markdown: bool) -> _Row:
    text = line.strip()
    heading = False
    if markdown:
        heading = text.startswith("#")
        text = _MD_MARKS.sub("", text).strip()
    return _Row(text=text, heading=heading, tabs=0 if text else line.count("\t"))


def _group(rows: list[_Row]) -> list[Block]:
    """Runs of table rows become grids; short prose lines inside a run join it as label rows."""
    blocks: list[Block] = []
    grid: list[list[str]] = []
    exact = [False]
    para: list = []  # [text, start line]
    for i, row in enumerate(rows):
        if row.cells is not None:
            _flush_para(para, blocks)
            if row.cells:
                grid.append(row.cells)
                exact[0] = row.exact
            continue
        text = row.text
        if not text:
            _flush_para(para, blocks)
            if grid and row.tabs and rows[i - 1].cells:  # a row of empty cells, e.g. an empty 表三
                grid.append([""] * (row.tabs + 1))
            if grid and not _next_is_table(rows, i):
                _flush_grid(grid, exact[0], blocks)
            continue
        m = _LABEL_THEN_VALUE.match(text) if grid else None
        if m:  # the table's last row, its label column as wide as the label: 「行政事业性收费 0」
            grid.append([m.group("label"), m.group("value")])
            continue
        if grid and _is_broken_label(text, rows, i):
            grid.append([text])
            continue
        if _is_table_head(rows, i):
            _flush_para(para, blocks)
            grid.append([c for c in _WIDE_GAP.split(text) if c])
            continue
        _flush_grid(grid, exact[0], blocks)
        if row.heading:
            _flush_para(para, blocks)
            blocks.append(Para(text, heading=True))
        elif para and _continues(para[0], text):
            para[0] += text
        else:
            _flush_para(para, blocks)
            para += [text, i]
    _flush_grid(grid, exact[0], blocks)
    _flush_para(para, blocks)
    return blocks


def _next_is_table(rows: list[_Row], i: int) -> bool:
    """A blank line inside a table: the next line with content is a table row."""
    for row in rows[i + 1 : i + 3]:
        if row.cells is not None:
            return True
        if row.text:
            return False
    return False


def _is_broken_label(text: str, rows: list[_Row], i: int) -> bool:
    if len(text) > 60 or "。" in text or _SECTION_HEADING.match(text):
        return False
    return _next_row_is_table(rows, i, -1) and _next_row_is_table(rows, i, 1)


_TABLE_TITLE = re.compile(r"^\s*[#*|\s]*(?:附)?表\s*[一二三123](?![\d〇一二三四五六七八九十])")
_HEAD_LINES = 8  # a table's header over at most this many lines


def _head_line(row: _Row) -> bool:
    text = row.text
    return row.cells is None and bool(text) and len(text) <= 120 and "。" not in text and not _one_row(row)


def _one_row(row: _Row) -> bool:
    """「行政事业性收费 0」: a label and its one value, one space apart."""
    return row.cells is None and _LABEL_THEN_VALUE.match(row.text) is not None


def _is_table_head(rows: list[_Row], i: int) -> bool:
    """A header printed over lines of its own right above a table's first row, after a blank line
    (w3m/lynx dumps: 「第二十条第（一）项」, 「信息内容    本年制发件数 本年废止件数」): the table's rows,
    not section text."""
    if not _head_line(rows[i]) or _SECTION_HEADING.match(rows[i].text) or rows[i].heading:
        return False
    if _TABLE_TITLE.match(rows[i].text):  # 「表一 主动公开政府信息情况」 titles the table: it stays text
        return False
    j = i - 1
    while j >= 0 and i - j <= _HEAD_LINES and _head_line(rows[j]):
        j -= 1
    k = i + 1
    while k < len(rows) and k - j <= _HEAD_LINES and _head_line(rows[k]):
        k += 1
    blank_before = j < 0 or (rows[j].cells is None and not rows[j].text)
    if not blank_before or k >= len(rows) or k - j - 1 > _HEAD_LINES:
        return False
    spaced = any(_WIDE_GAP.search(r.text) for r in rows[j + 1 : k])  # columns: not a title over a line
    return bool(rows[k].cells) or (_one_row(rows[k]) and spaced)


def _next_row_is_table(rows: list[_Row], i: int, step: int) -> bool:
    """Past a run of short label lines (no blank line), is there a table row?"""
    j = i + step
    while 0 <= j < len(rows) and rows[j].cells is None and not (step > 0 and _one_row(rows[j])):
        text = rows[j].text
        if not text or len(text) > 60 or "。" in text or _SECTION_HEADING.match(text):
            return False
        j += step
    return 0 <= j < len(rows)


_NUMBERS_ONLY = re.compile(r"^[\d０-９.．,，/／ ]+$")


def _continues(prev: str, text: str) -> bool:
    """A wrapped prose line goes on the paragraph; a line of numbers only never does (plain
    pdftotext prints each table cell on its own line: joined, 0 and 1 would read 01)."""
    if _NUMBERS_ONLY.match(text):
        return False
    return len(prev) >= 25 and prev[-1] not in _END_PUNCT and not _STARTS_ITEM.match(text)


def _flush_para(para: list, blocks: list[Block]) -> None:
    """`para` is [text, start line] while a paragraph is open."""
    if para:
        blocks.append(Para(para[0], line=para[1]))
        para.clear()


def _flush_grid(grid: list[list[str]], exact: bool, blocks: list[Block]) -> None:
    if grid:
        blocks.append(Grid(tuple(tuple(r) for r in grid), exact=exact))
        grid.clear()
