"""The official tables of a held-out document as grids of spans (row, col, rowspan, colspan, text).

Written for the held-out set independently of the reader's own fixtures: the labels come from the
official form (`assistant.core.spec`), the values from the truth being rendered. A `labels` mapping
lets a document print a non-official label in place of an official one (a planted slip).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.core import spec

Span = tuple[int, int, int, int, str]


@dataclass(frozen=True)
class Grid:
    n_rows: int
    n_cols: int
    spans: tuple[Span, ...]
    header_rows: int = 0  # rows a renderer may repeat after a page break

    def rows(self) -> list[list[Span]]:
        out: list[list[Span]] = [[] for _ in range(self.n_rows)]
        for s in self.spans:
            out[s[0]].append(s)
        for r in out:
            r.sort(key=lambda s: s[1])
        return out


Shown = Callable[[str], str]

_T1_BLOCKS = (
    (
        "art20_1",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (("regulations", "规章"), ("normative_docs", "行政规范性文件")),
    ),
    ("art20_5", ("本年处理决定数量",), (("admin_license", "行政许可"),)),
    ("art20_6", ("本年处理决定数量",), (("admin_penalty", "行政处罚"), ("admin_coercion", "行政强制"))),
    ("art20_8", ("本年收费金额（单位：万元）",), (("admin_fees", "行政事业性收费"),)),
)
_T1_COL_KEYS = {"本年制发件数": "issued", "本年废止件数": "repealed", "现行有效件数": "in_force"}


def _t1_key(block: str, row: str, col: str) -> str:
    if block == "art20_8":
        return f"active.{block}.{row}.amount_wan_yuan"
    return f"active.{block}.{row}.{_T1_COL_KEYS.get(col, 'decisions')}"


def t1_grid(shown: Shown, labels: dict[str, str] | None = None) -> Grid:
    labels = labels or {}
    spans: list[Span] = []
    r = 0
    for block, cols, rows in _T1_BLOCKS:
        spans.append((r, 0, 1, 4, spec.T1_BLOCK_TITLES[block]))
        spans.append((r + 1, 0, 1, 1, spec.FIRST_COLUMN_HEADER))
        wide = 4 - len(cols)  # a single value column spans the three value columns
        for i, col in enumerate(cols):
            spans.append((r + 1, 1 + i, 1, wide if len(cols) == 1 else 1, col))
        r += 2
        for row, label in rows:
            spans.append((r, 0, 1, 1, labels.get(label, label)))
            for i, col in enumerate(cols):
                spans.append((r, 1 + i, 1, wide if len(cols) == 1 else 1, shown(_t1_key(block, row, col))))
            r += 1
    return Grid(r, 4, tuple(spans))


def t2_grid(shown: Shown, version: str = spec.FORMAT_2021) -> Grid:
    spans: list[Span] = [
        (0, 0, 3, 3, spec.CORNER_NOTE),
        (0, 3, 1, 7, spec.APPLICANT_GROUP),
        (1, 3, 2, 1, "自然人"),
        (1, 4, 1, 5, spec.LEGAL_PERSON_GROUP),
        (1, 9, 2, 1, "总计"),
    ]
    spans += [(2, 4 + i, 1, 1, path[-1]) for i, (_, path) in enumerate(spec.T2_COLUMNS[1:6])]
    rows = spec.t2_rows(version)
    started: set[tuple[str, ...]] = set()
    for i, (row, path) in enumerate(rows):
        r = 3 + i
        spans += [
            (r, 3 + j, 1, 1, shown(f"applications.{row}.{c}")) for j, c in enumerate(spec.T2_COLUMN_KEYS)
        ]
        for depth in range(len(path) - 1):
            prefix = path[: depth + 1]
            if prefix not in started:
                started.add(prefix)
                height = sum(1 for _, p in rows if p[: depth + 1] == prefix)
                spans.append((r, depth, height, 1, path[depth]))
        last = len(path) - 1
        spans.append((r, last, 1, 3 - last, path[-1]))
    return Grid(3 + len(rows), 10, tuple(spans), header_rows=3)


def t3_grid(shown: Shown) -> Grid:
    outcomes = [label for _, label in spec.T3_OUTCOMES]
    spans: list[Span] = [(0, 0, 1, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼")]
    spans += [(1, i, 2, 1, x) for i, x in enumerate(outcomes)]
    spans += [(1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")]
    spans += [(2, 5 + i, 1, 1, x) for i, x in enumerate(outcomes * 2)]
    keys = [f"{g}.{o}" for g, _ in spec.T3_GROUPS for o, _ in spec.T3_OUTCOMES]
    spans += [(3, i, 1, 1, shown(k)) for i, k in enumerate(keys)]
    return Grid(4, 15, tuple(spans), header_rows=3)


T3_GROUP_TITLES = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼（未经复议直接起诉）"),
    ("litigation_after_review", "行政诉讼（复议后起诉）"),
)


def t3_three_grids(shown: Shown) -> list[Grid]:
    """表三 as three 5-column tables, one per group, each titled in its first row."""
    out = []
    for group, title in T3_GROUP_TITLES:
        spans: list[Span] = [(0, 0, 1, 5, title)]
        spans += [(1, i, 1, 1, label) for i, (_, label) in enumerate(spec.T3_OUTCOMES)]
        spans += [(2, i, 1, 1, shown(f"{group}.{o}")) for i, (o, _) in enumerate(spec.T3_OUTCOMES)]
        out.append(Grid(3, 5, tuple(spans)))
    return out


def row_texts(grid: Grid) -> list[list[str]]:
    """Each row's cell texts left to right, a merged cell's text only where it starts."""
    return [[s[4] for s in row] for row in grid.rows()]
