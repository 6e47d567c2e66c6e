"""The three tables as editable grids laid out like the official ones, and back.

Grids show every cell with derived totals filled. The app applies one edited cell at a time
(`cell_key`), so a total the program computed stays computed when its parts change; a total the user
typed is kept (and checked, never overwritten) until they ask for it to be computed again.
Reading a whole grid back (`from_frame`) matches rows and columns by their labels, so a grid whose
shape was changed in the browser (a column deleted, rows sorted) is refused, never shifted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from assistant.core import engine, spec
from assistant.core.facts import BLANK, Marker, Value, parse_cell_value
from assistant.core.findings import Finding
from assistant.core.numbers import format_number

ROW_HEADER = "项目"


@dataclass(frozen=True)
class GridSpec:
    """One grid: row labels, column labels and the cell key at each position (None: no cell)."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    keys: tuple[tuple[str | None, ...], ...]


def grid_specs(version: str = spec.FORMAT_2021) -> tuple[GridSpec, ...]:
    fs = spec.spec_for(version)
    t1 = fs.table_cells(1)
    grids: list[GridSpec] = []
    first = [c for c in t1 if c.row_path[0] == spec.T1_BLOCK_TITLES["art20_1"]]
    cols = tuple(dict.fromkeys(c.col_label for c in first))
    rows = tuple(dict.fromkeys(c.row_path[1] for c in first))
    keys = tuple(tuple(_key_at(first, r, col) for col in cols) for r in rows)
    grids.append(GridSpec("表一 第二十条第（一）项", cols, rows, keys))
    rest = [c for c in t1 if c.row_path[0] != spec.T1_BLOCK_TITLES["art20_1"]]
    cols = tuple(dict.fromkeys(c.col_label for c in rest))
    rows = tuple(dict.fromkeys(f"{c.row_path[0]} {c.row_path[1]}" for c in rest))
    keys = tuple(tuple(_key_at_full(rest, r, col) for col in cols) for r in rows)
    grids.append(
        GridSpec(
            "表一 第二十条第（五）（六）（八）项" + ("（九）项" if version == "2019" else ""),
            cols,
            rows,
            keys,
        )
    )
    t2_cols = tuple(p[-1] for _, p in spec.T2_COLUMNS)
    t2_rows = spec.t2_rows(version)
    grids.append(
        GridSpec(
            "表二 收到和处理政府信息公开申请情况",
            t2_cols,
            tuple(_t2_row_label(path) for _, path in t2_rows),
            tuple(tuple(f"applications.{r}.{c}" for c in spec.T2_COLUMN_KEYS) for r, _ in t2_rows),
        )
    )
    t3_cols = tuple(label for _, label in spec.T3_OUTCOMES)
    grids.append(
        GridSpec(
            "表三 行政复议、行政诉讼情况",
            t3_cols,
            tuple("·".join(path) for _, path in spec.T3_GROUPS),
            tuple(tuple(f"{g}.{o}" for o, _ in spec.T3_OUTCOMES) for g, _ in spec.T3_GROUPS),
        )
    )
    return tuple(grids)


def cell_key(g: GridSpec, row: int, col: int) -> str | None:
    """The cell key at a grid position (`col` counts the label column as 0); None off the cells."""
    if not (0 <= row < len(g.keys)) or not (1 <= col <= len(g.columns)):
        return None
    return g.keys[row][col - 1]


def total_keys(version: str = spec.FORMAT_2021) -> frozenset[str]:
    """Cells the program can compute from their parts (the totals)."""
    return frozenset(eq.lhs[0].key for eq in engine.equations(version) if eq.fills)


def _key_at(cells: list[spec.Cell], row: str, col: str) -> str | None:
    return next((c.key for c in cells if c.row_path[1] == row and c.col_label == col), None)


def _key_at_full(cells: list[spec.Cell], row: str, col: str) -> str | None:
    return next(
        (c.key for c in cells if f"{c.row_path[0]} {c.row_path[1]}" == row and c.col_label == col), None
    )


def _t2_row_label(path: tuple[str, ...]) -> str:
    if path[0] == spec.RESULTS and len(path) > 1:
        return " ".join(path[1:])
    return path[0]


def to_frame(g: GridSpec, cells: Mapping[str, Value]) -> pd.DataFrame:
    data = []
    for label, keys in zip(g.rows, g.keys, strict=True):
        data.append([label] + [_show(cells.get(k)) if k else "—" for k in keys])
    return pd.DataFrame(data, columns=[ROW_HEADER, *g.columns])


def show_value(v: Value | None) -> str:
    """A cell value as the grid shows it ("" for none or blank)."""
    return _show(v)


def _show(v: Value | None) -> str:
    if v is None or v is BLANK or (isinstance(v, Marker) and v == ""):
        return ""
    if isinstance(v, Marker):
        return str(v)
    return format_number(v)


@dataclass(frozen=True)
class GridEdit:
    given: dict[str, Value]  # what the user gave (derived values shown and untouched are not included)
    errors: list[str]  # refused values, Chinese, naming the cell
    refused: frozenset[str] = frozenset()  # their keys: the stored value stays as it was


def from_frame(
    g: GridSpec,
    frame: pd.DataFrame | list[list[Any]] | dict,
    version: str,
    shown: Mapping[str, Value],
    derived: set[str] | frozenset[str],
) -> GridEdit:
    """Read a grid back. `shown`/`derived`: the values displayed and which of them were computed."""
    rows, shape_error = aligned_rows(g, frame)
    if shape_error:
        keys = frozenset(k for row in g.keys for k in row if k)
        return GridEdit({}, [shape_error], keys)
    given: dict[str, Value] = {}
    errors: list[str] = []
    refused: set[str] = set()
    for r, keys in enumerate(g.keys):
        row = rows[r]
        for c, key in enumerate(keys):
            if key is None:
                continue
            text = cell_text(row[c + 1] if c + 1 < len(row) else "")
            if key in derived and text == _show(shown.get(key)):
                continue  # the computed total, untouched
            if text == "":
                continue  # an emptied cell is "not given" (a total is then computed again)
            value, err = parse(key, text, version)
            if err:
                errors.append(err)
                refused.add(key)
                continue
            given[key] = value
    return GridEdit(given, errors, frozenset(refused))


def cell_text(raw: Any) -> str:
    return "" if raw is None or (isinstance(raw, float) and raw != raw) else str(raw).strip()


def parse(key: str, text: str, version: str) -> tuple[Value | None, str]:
    """A typed value of one cell, or a Chinese message naming the cell."""
    value, _note, err = parse_cell_value(key, text, spec.spec_for(version).cell(key))
    return (None, err.message) if err else (value, "")  # type: ignore[return-value]


SHAPE_CHANGED = "{name}的行列与官方表式不一致（可能被删除、增加或排序），本次修改未采用，已恢复原表"


def aligned_rows(g: GridSpec, frame: Any) -> tuple[list[list[Any]], str]:
    """The grid's rows in official order, matched by row label and column header; or a refusal."""
    rows = _rows(frame)
    headers = _headers(frame)
    expected = [ROW_HEADER, *g.columns]
    if headers is not None and [str(h) for h in headers] != expected:
        return [], SHAPE_CHANGED.format(name=g.name)
    if any(len(row) != len(expected) for row in rows) or len(rows) != len(g.rows):
        return [], SHAPE_CHANGED.format(name=g.name)
    by_label = {str(row[0]).strip(): row for row in rows}
    if len(by_label) != len(rows) or set(by_label) != set(g.rows):
        return [], SHAPE_CHANGED.format(name=g.name)
    return [by_label[label] for label in g.rows], ""


def _headers(frame: Any) -> list[Any] | None:
    if isinstance(frame, pd.DataFrame):
        return list(frame.columns)
    if isinstance(frame, dict):
        return frame.get("headers")
    return None


def _rows(frame: Any) -> list[list[Any]]:
    if isinstance(frame, pd.DataFrame):
        return frame.values.tolist()
    if isinstance(frame, dict):
        return list(frame.get("data", []))
    return list(frame or [])


def findings_at_cells(findings: list[Finding], g: GridSpec) -> dict[tuple[int, int], str]:
    """Grid positions (row, column incl. the label column) of failing findings → severity."""
    pos = {k: (r, c + 1) for r, keys in enumerate(g.keys) for c, k in enumerate(keys) if k}
    out: dict[tuple[int, int], str] = {}
    for f in findings:
        if f.status != "fail":
            continue
        for k in f.cells[:1]:  # the subject cell of the finding
            if k in pos and out.get(pos[k]) != "error":
                out[pos[k]] = f.severity
    return out


COMPUTED_CSS = "color: #555; background-color: #f3f4f6"
TYPED_CSS = "font-weight: 600; color: #1d4ed8; background-color: #dbeafe"


def styled(
    frame: pd.DataFrame,
    marks: dict[tuple[int, int], str],
    derived_pos: set[tuple[int, int]],
    typed_pos: set[tuple[int, int]] = frozenset(),  # type: ignore[assignment]
) -> Any:
    """A Styler colouring cells with findings (red: error, amber: warning), computed totals (grey)
    and totals the user typed (blue, bold)."""

    def colour(df: pd.DataFrame) -> pd.DataFrame:
        css = pd.DataFrame("", index=df.index, columns=df.columns)
        for r, c in derived_pos:
            css.iat[r, c] = COMPUTED_CSS
        for r, c in typed_pos:
            css.iat[r, c] = TYPED_CSS
        for (r, c), sev in marks.items():
            bg = "background-color: #fecaca" if sev == "error" else "background-color: #fde68a"
            css.iat[r, c] = bg + ("; font-weight: 600; color: #1d4ed8" if (r, c) in typed_pos else "")
        return css

    return frame.style.apply(colour, axis=None)


def derived_positions(g: GridSpec, derived: set[str] | frozenset[str]) -> set[tuple[int, int]]:
    return {(r, c + 1) for r, keys in enumerate(g.keys) for c, k in enumerate(keys) if k in derived}


def cell_label(g: GridSpec, key: str) -> str:
    """Where a cell is, in the grid's own words: 「表二 …：（七）总计 / 商业企业」."""
    for r, keys in enumerate(g.keys):
        for c, k in enumerate(keys):
            if k == key:
                return f"{g.name.split()[0]}：{g.rows[r]} / {g.columns[c]}"
    return key
