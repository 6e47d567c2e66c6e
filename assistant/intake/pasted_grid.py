"""A 表一 / 表二 grid pasted into the chat from Excel (issue 11). Pure.

Excel copies a range as lines of tab-separated cells; some chat boxes turn the tabs into runs of
spaces. Each line's first text is a row label (「（一）予以公开」, 「本年新收」, 「（四）1.本机关不掌握」, 「规章」),
matched exactly to the official labels and the exact synonyms of `lexicon` (never by guessing); its
cells go to the columns of the header line above (「自然人	商业企业	…	总计」, 「本年制发件数	…」) or, with no
header, to the official column order of the row's table. Heading lines (「三、本年度办理结果」,
「（三）不予公开」, 「第二十条第（一）项」) only set the group of the rows below them.

A blank cell of a tab-separated row is 0, except in 表二's 总计 column (left to the row's sum); this
is said in a note. What cannot be placed is said back by name, never dropped: a label that matches
no row, a row with more or fewer cells than its columns, a 「/」 cell, a cell under a header word that
is no column. A printed 总计 that disagrees with its row is said back by `consistency.resolve`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from assistant.core import spec
from assistant.core.numbers import to_halfwidth
from assistant.intake.consistency import GroupStatement, Statement
from assistant.intake.lexicon import ROW_BY_KEY, applicant_labels, normalise_label, outcome_labels

_A = "applications."
T2, T1DOC, SINGLE = "t2", "t1doc", "single"
_LEGAL_GROUP = "legal_persons"
_SPACES = re.compile(r"[ \u3000]{2,}")
_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:件|个|项|万元)?$")
_SLASH = re.compile(r"^[/／\\\-—－–]+$")
_BLOCK = re.compile(r"第二十条第[（(][一二三四五六七八九十]+[）)]项")
_T1_COLUMNS = (
    (re.compile(r"制发|制定|新制"), T1DOC, "issued"),
    (re.compile(r"废止"), T1DOC, "repealed"),
    (re.compile(r"有效"), T1DOC, "in_force"),
    (re.compile(r"处理决定|决定数"), SINGLE, "decisions"),
    (re.compile(r"收费金额"), SINGLE, "amount_wan_yuan"),
)
_TITLES = {"信息内容", "项目", "栏目", "类别", "类型", "申请人情况", "情形", "办理结果"}
_T1_ROWS = {
    "规章": ("active.art20_1.regulations", T1DOC),
    "行政规范性文件": ("active.art20_1.normative_docs", T1DOC),
    "规范性文件": ("active.art20_1.normative_docs", T1DOC),
    "行政许可": ("active.art20_5.admin_license", SINGLE),
    "行政处罚": ("active.art20_6.admin_penalty", SINGLE),
    "行政强制": ("active.art20_6.admin_coercion", SINGLE),
    "行政事业性收费": ("active.art20_8.admin_fees", SINGLE),
}
_SINGLE_COL = {"active.art20_8.admin_fees": "amount_wan_yuan"}
_T2_SHORT = {  # exact short names of the head and tail rows
    "新收": "new_received",
    "本年新收": "new_received",
    "新收申请": "new_received",
    "上年结转": "carried_over_from_prev",
    "结转下年": "carried_to_next",
    "结转下年度": "carried_to_next",
    "总计": "results.total",
    "合计": "results.total",
    "办理结果总计": "results.total",
    "本年度办理结果总计": "results.total",
}
_RESULTS_HEADING = "本年度办理结果"
_GROUPS = {
    "不予公开": "group:withheld",
    "无法提供": "group:unable",
    "不予处理": "group:not_processed",
    "其他处理": "group:other",
}
OFFICIAL_ORDER = {
    T2: spec.T2_COLUMN_KEYS,
    T1DOC: ("issued", "repealed", "in_force"),
}
_KIND_NAME = {T2: "表二", T1DOC: "表一", SINGLE: "表一"}


@dataclass(frozen=True)
class Grid:
    """What a pasted grid gives: statements and group counts for `consistency.resolve`, what is said
    back, and the message without the grid's lines (read as chat text)."""

    statements: tuple[Statement, ...]
    groups: tuple[GroupStatement, ...]
    questions: tuple[str, ...]
    notes: tuple[str, ...]
    rest: str


@dataclass
class _Walk:
    version: str
    tabbed: bool
    headers: dict[str, list[str | None]] = field(default_factory=dict)  # columns by field position
    header_lines: list[str] = field(default_factory=list)
    after_header: bool = False  # the line before was a header line (a second one merges into it)
    group: str | None = None  # the result group heading the rows below (不予公开 …)
    statements: list[Statement] = field(default_factory=list)
    groups: list[GroupStatement] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    blanks: int = 0
    rows: int = 0
    short_rows: int = 0  # rows of fewer than 3 cells (a spaced 「新收 12」 is chat, not a grid)
    kinds: set[str] = field(default_factory=set)


_BLANKS_ARE_ZERO = re.compile(
    r"(?:表里|表格里|表中|表上)?(?:空着的?|空白的?|空格|空的|没填的)(?:单元格|格子|地方)?(?:就|都|也|一律)?"
    r"(?:是|算|按|当|填|记)?(?:作|成)?(?:0|零)(?:件)?(?:的意思)?[。！!]?"
)


def read_grid(message: str, version: str = spec.FORMAT_2021) -> Grid | None:
    """The grid in `message` (None when the message holds none). 「空着的就是0」 after a grid
    restates how its blanks were read: said back, nothing proposed."""
    if _BLANKS_ARE_ZERO.fullmatch((message or "").strip()):
        said = f"“{message.strip()}”：好的，粘贴的表格中空白的单元格都按0计"
        return Grid((), (), (), (said,), "")
    lines = (message or "").split("\n")
    tabbed = sum("\t" in ln for ln in lines) >= 2
    walk = _Walk(version, tabbed)
    used = [_line(walk, ln) for ln in lines]
    if not walk.rows or (not tabbed and not _spaced_grid(walk)):
        return None
    rest = "\n".join(ln for ln, u in zip(lines, used, strict=True) if not u)
    return Grid(tuple(walk.statements), tuple(walk.groups), tuple(walk.questions), _notes(walk), rest)


def _spaced_grid(walk: _Walk) -> bool:
    """Without tabs, only 表二 rows of three cells or more, or under their own header, are a grid
    (「新收 12」 on a line is chat; 表一 lines under a header are `doc_columns`' work)."""
    return walk.kinds == {T2} and (bool(walk.headers.get(T2)) or (walk.rows >= 2 and not walk.short_rows))


def _fields(line: str, tabbed: bool) -> list[str]:
    if tabbed:
        return [f.strip() for f in line.rstrip("\r").split("\t")]
    return [f for f in re.split(r"\s+", line.strip()) if f]


def _kind_of_cell(text: str) -> str:
    t = to_halfwidth(text).strip()
    if not t:
        return "blank"
    if _NUMBER.match(t):
        return "number"
    return "slash" if _SLASH.match(t) else "text"


def _line(walk: _Walk, line: str) -> bool:
    """Read one line; True when it belongs to the grid (and is left out of the chat text)."""
    header, walk.after_header = walk.after_header, False
    if walk.tabbed and "\t" not in line and not _heading_only(line):
        return False
    fields = _fields(line, walk.tabbed)
    kinds = [_kind_of_cell(f) for f in fields]
    if not any(k == "text" for k in kinds):
        return False
    if all(k in ("text", "blank") for k in kinds):
        return _header_or_heading(walk, line, fields, header)
    segments = _segments(fields, kinds)
    if not walk.tabbed and not all(_row_of(walk, s[0])[0] for s in segments):
        return False  # spaced prose with numbers: the chat reader's
    for label, start, cells in segments:
        if cells or _row_of(walk, label)[0]:
            _place(walk, line.strip(), label, start, cells)
        else:  # 「予以公开	8	含2件网上申请」: a remark beside the cells
            walk.questions.append(f"“{line.strip()}”中的“{label}”不是数字，没有填入表格。")
    return True


def _heading_only(line: str) -> bool:
    text = line.strip()
    return bool(text) and (_BLOCK.fullmatch(text) is not None or _group_heading(text) is not None)


def _segments(fields: list[str], kinds: list[str]) -> list[tuple[str, int, list[str]]]:
    """(label, position of its first cell, cells): 「行政处罚	5	行政强制	0」 is two rows; leading
    blank fields (a header's corner, an indented label) are skipped."""
    out: list[tuple[str, int, list[str]]] = []
    for i, (f, k) in enumerate(zip(fields, kinds, strict=True)):
        if k == "text":
            if out and not out[-1][2]:
                out[-1] = (out[-1][0] + f, i + 1, [])  # 「第二十条第（五）项	行政许可」: one label
            else:
                out.append((f, i + 1, []))
        elif out:
            out[-1][2].append(f)
    return out


def _header_or_heading(walk: _Walk, line: str, fields: list[str], merge: bool) -> bool:
    words = [_header_word(f) if f else ("", "") for f in fields]
    known = [w for w in words if w[0] in (T2, T1DOC, SINGLE)]
    if known and (len(known) >= 2 or any(w[0] in (T1DOC, SINGLE) for w in known)):
        _header(walk, line, words, merge)
        return True
    label = "".join(fields)
    group = _group_heading(label)
    titles = all(w[0] == "" for w in words)  # 「申请人情况」「法人或其他组织」 over the columns
    if group is not None or _BLOCK.fullmatch(label) or titles:
        if group is not None:
            walk.group = group or None
        walk.headings.append(line.strip())
        walk.after_header = titles and group is None
        return True
    return False


def _header_word(text: str) -> tuple[str, str]:
    """(table kind, column) of a header cell; ("", "") for a title or group word, ("?", text) unknown."""
    norm = normalise_label(text)
    if norm in ("总计", "合计"):
        return T2, "total"
    if norm in ("法人或其他组织", "法人和其他组织"):
        return "", _LEGAL_GROUP
    col = applicant_labels().get(norm)
    if col:
        return T2, col
    for pattern, kind, key in _T1_COLUMNS:
        if pattern.search(norm):
            return kind, key
    return ("", "") if norm in _TITLES else ("?", text)


def _header(walk: _Walk, line: str, words: list[tuple[str, str]], merge: bool) -> None:
    """Columns by field position, position 0 being the labels (a header whose first field is a
    column lost its leading tab when the message was trimmed). A second header line merges."""
    if words[0][0] in (T2, T1DOC, SINGLE):
        words = [("", ""), *words]
    kind = next(w[0] for w in words if w[0] in (T2, T1DOC, SINGLE))
    cols: list[str | None] = [(w[1] if w[0] == kind else None) if w[0] != "?" else "?" + w[1] for w in words]
    before = walk.headers.get(kind) if merge and walk.tabbed else None
    if before:  # 「	自然人	法人或其他组织	…	总计」 over 「		商业企业	科研机构	…」
        cols = [c or (before[i] if i < len(before) else None) for i, c in enumerate(cols)]
        cols += before[len(cols) :]
    while cols and cols[-1] is None:
        cols.pop()
    walk.headers[kind] = cols
    walk.header_lines.append(line.strip())
    walk.after_header = True


def _group_heading(label: str) -> str | None:
    """「三、本年度办理结果」 → "" (the results, no group); 「（三）不予公开」 → its group; else None."""
    norm = normalise_label(label)
    if norm == _RESULTS_HEADING:
        return ""
    norm = norm.removeprefix(_RESULTS_HEADING)
    return norm if norm in _GROUPS else None


@cache
def _t2_labels(version: str) -> dict[str, str]:
    """Normalised label → 表二 row (the official labels, their group-prefixed form, exact synonyms)."""
    out = {normalise_label(path[-1]): row for row, path in spec.t2_rows(version)}
    for row, path in spec.t2_rows(version):
        out[normalise_label("".join(path[1:])) or "?"] = row
    out.update(outcome_labels(version))
    out.update(_T2_SHORT)
    out.pop("其他", None)  # bare 其他 is 其他处理·其他 only under its group
    return out


def _row_of(walk: _Walk, label: str) -> tuple[str | None, str]:
    """(row key, table kind) of a row label; (None, "") when it matches no row."""
    text = _BLOCK.sub("", label).strip()
    norm = normalise_label(text).removeprefix(_RESULTS_HEADING)
    if norm in _T1_ROWS and walk.version == spec.FORMAT_2021:
        return _T1_ROWS[norm]
    labels = _t2_labels(walk.version)
    group = walk.group
    for candidate in ([group + norm] if group else []) + [norm]:
        if candidate in labels:
            return _A + labels[candidate], T2
    if norm in _GROUPS and not (walk.version == spec.FORMAT_2019 and norm == "其他处理"):
        return _GROUPS[norm], T2
    prefixed = {row for lab, row in labels.items() if len(norm) >= 4 and lab.startswith(norm)}
    if len(prefixed) == 1:  # 「部分公开」「本机关不掌握」: an official label cut short
        return _A + prefixed.pop(), T2
    return None, ""


def _place(walk: _Walk, line: str, label: str, start: int, cells: list[str]) -> None:
    key, kind = _row_of(walk, label)
    if key is None:
        if any(_kind_of_cell(c) != "blank" for c in cells):
            walk.questions.append(
                f"“{line}”：“{label}”不是表格中的行，这一行的数字没有填入，请说明它属于哪一行。"
            )
        return
    walk.rows += 1
    walk.short_rows += len(cells) < 3
    walk.kinds.add(kind)
    if not key.startswith(("applications.results.", "group:")):
        walk.group = None
    cols = _columns(walk, kind, key, start)
    if len(cells) < len(cols) or any(_kind_of_cell(c) != "blank" for c in cells[len(cols) :]):
        n = len([c for c in cols if c])
        walk.questions.append(
            f"“{line}”：“{label}”一行有{len(cells)}格，{_KIND_NAME[kind]}这里有{n}栏，"
            "对不上，这一行没有填入。请补齐空格（没有的填0）后重新粘贴这一行。"
        )
        return
    placed = list(zip(cols, cells, strict=False))
    if key.startswith("group:"):
        _group_row(walk, line, key, placed)
        return
    for col, cell in placed:
        _cell(walk, line, label, key, kind, col, cell)


def _columns(walk: _Walk, kind: str, key: str, start: int) -> list[str | None]:
    """The columns of a row's cells: a tab-separated row by position under its header (`start`
    is the position of its first cell); a spaced row, or one without header, in order."""
    header = walk.headers.get(kind)
    if kind == SINGLE:
        return [_SINGLE_COL.get(key, "decisions")]
    if header and walk.tabbed:
        return list(header[start:])
    if header:
        return [c for c in header if c]
    return list(OFFICIAL_ORDER[kind])


def _cell(walk: _Walk, line: str, name: str, key: str, kind: str, col: str | None, cell: str) -> None:
    what = _kind_of_cell(cell)
    if col is None or col.startswith("?"):
        if what != "blank":
            head = f"“{col[1:]}”一栏" if col else "表头以外"
            walk.questions.append(f"“{line}”：“{name}”{head}的“{cell}”不是表格的栏目，没有填入。")
        return
    if what == "blank":
        if kind == T2 and col == "total":
            return  # 总计 left to the sum of its row
        walk.blanks += 1
        walk.statements.append(Statement(f"{key}.{col}", 0, line, True, "表中空白按0计"))
        return
    if what == "slash":
        walk.questions.append(f"“{line}”：“{name}”填的是“{cell}”，没有填入；如果是0，请直接告诉我。")
        return
    value = _value(cell, col)
    if value is None:
        walk.questions.append(f"“{line}”：“{name}”的“{cell}”不是整数件数，没有填入。")
        return
    walk.statements.append(Statement(f"{key}.{col}", value, line))


def _value(cell: str, col: str) -> int | Decimal | None:
    m = _NUMBER.match(to_halfwidth(cell).strip())
    if not m:
        return None
    whole = m.group(1).replace(",", "")
    if col == "amount_wan_yuan":
        return Decimal(whole + (m.group(2) or ""))
    return None if m.group(2) and Decimal(m.group(2)) else int(whole)


def _group_row(walk: _Walk, line: str, key: str, cells: list[tuple[str | None, str]]) -> None:
    """A group's own row (「（三）不予公开	0	…」): a count checks its items; 0 makes them all 0."""
    walk.group = ROW_BY_KEY[key].name
    for col, cell in cells:
        value = _value(cell, col or "") if _kind_of_cell(cell) == "number" else None
        if col is None or col.startswith("?") or value is None:
            continue
        if value:
            walk.groups.append(GroupStatement(key, col, int(value), line))
            continue
        for leaf in ROW_BY_KEY[key].leaves:
            walk.statements.append(Statement(f"{leaf}.{col}", 0, line, True, f"“{walk.group}”为0"))


def _notes(walk: _Walk) -> tuple[str, ...]:
    kinds = "、".join(sorted({_KIND_NAME[k] for k in walk.kinds}))
    if walk.header_lines:
        heads = "”“".join(walk.header_lines)
        out = [f"按表头“{heads}”的栏目读取了粘贴的{kinds}（{walk.rows}行）"]
    else:
        out = [f"粘贴的{kinds}没有表头，按官方表格的栏目顺序读取了{walk.rows}行"]
    if walk.headings:
        out.append("标题行“" + "”“".join(walk.headings) + "”只用来确定下面各行属于哪一类")
    if walk.blanks:
        out.append(f"表中{walk.blanks}个空白单元格按0填入（总计栏空白的按各栏相加），如不是0请指出")
    return tuple(out)
