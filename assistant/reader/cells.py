"""From table observations to cell values: the format version, the cells, conformance findings.

The version is decided by the labels printed in 表一 (本年制发件数… → 2021; 本年新制作数量,
上一年项目数量, 第二十条第（九）项 … → 2019), then by 表二's （六）其他处理 (three sub-items → 2021),
then by the report year. Values are parsed by `core.facts.parse_cell_value`, so blank, 0 and "/"
stay distinct (BLANK / 0 / SLASH).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assistant.core import spec
from assistant.core.facts import Value, parse_cell_value
from assistant.core.findings import ERROR, FAIL, READER, WARNING, Finding
from assistant.reader import vocabulary as V
from assistant.reader.labels import norm
from assistant.reader.tables import Deviation, Observed, Read, T1Row

TABLE_NAMES = {1: "表一", 2: "表二", 3: "表三"}
_OTHER_2021 = (
    "results.other.no_correction_overdue",
    "results.other.fee_unpaid_overdue",
    "results.other.other",
)


@dataclass
class Cells:
    values: dict[str, Value] = field(default_factory=dict)
    provenance: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    deviations: list[Deviation] = field(default_factory=list)


def version_signals(obs: Observed) -> tuple[int, int, list[str]]:
    """(2021 score, 2019 score, the 2019 labels seen) from the printed labels."""
    s2021, s2019, old = 0, 0, []
    versions = V.t1_version_of_column()
    for row in obs.t1:
        if row.block == "art20_9":
            s2019 += 1
            old.append("第二十条第（九）项")
        for head, _ in row.values:
            m = V.t1_columns().match(head) if head else None
            used = versions.get(norm(m.official), frozenset()) if m else frozenset()
            if used == {spec.FORMAT_2021}:
                s2021 += 1
            elif used == {spec.FORMAT_2019}:
                s2019 += 1
                old.append(m.official)  # type: ignore[union-attr]
    if any(k in obs.t2 for k in _OTHER_2021):
        s2021 += 1
    elif "results.other_2019" in obs.t2 and not s2021:
        s2019 += 1
    return s2021, s2019, list(dict.fromkeys(old))


def decide_version(obs: Observed, year: int | None) -> str:
    s2021, s2019, _ = version_signals(obs)
    if s2019 > s2021:
        return spec.FORMAT_2019
    if s2021 > s2019:
        return spec.FORMAT_2021
    return spec.version_for_year(year) if year else spec.FORMAT_2021


def build_cells(obs: Observed, version: str) -> Cells:
    out = Cells(deviations=list(obs.deviations))
    fspec = spec.spec_for(version)
    for row in obs.t1:
        _t1_row(out, fspec, row)
    for row_key, _ in spec.t2_rows(version):
        t2 = obs.t2.get(row_key)
        if t2 is None:
            continue
        keys = [f"applications.{row_key}.{c}" for c in spec.T2_COLUMN_KEYS]
        for key, read in zip(keys, t2.values, strict=True):
            _set(out, fspec, key, read)
        if not t2.match.exact:
            out.deviations.append(Deviation(2, t2.label, t2.match.official, t2.where, tuple(keys)))
    if obs.t3 is not None:
        for cell, read in zip(fspec.table_cells(3), obs.t3, strict=True):
            if read is not None:  # None: a group of 表三 printed as its own table was not found
                _set(out, fspec, cell.key, read)
    return out


def _t1_row(out: Cells, fspec: spec.FormatSpec, row: T1Row) -> None:
    cells = [c for c in fspec.table_cells(1) if V.t1_parts(c.key)[:2] == (row.block, row.item)]
    if not cells:
        return  # a row of the other version (e.g. 政府集中采购 in a 2021 report)
    official_row = cells[0].row_path[-1]
    printed = norm(row.label)
    cut = len(printed) >= 4 and norm(official_row).startswith(printed)  # 行政规范性文 / 件: a wrap
    if printed != norm(official_row) and not cut:
        out.deviations.append(Deviation(1, row.label, official_row, row.where, tuple(c.key for c in cells)))
    for i, (head, read) in enumerate(row.values):
        cell = _t1_cell(cells, head, i)
        if cell is None:
            continue
        if head and norm(head) != norm(cell.col_label):
            at = row.head_where.get(head, read.where)
            out.deviations.append(Deviation(1, head, cell.col_label, at, (cell.key,)))
        _set(out, fspec, cell.key, read)


def _t1_cell(cells: list[spec.Cell], head: str | None, i: int) -> spec.Cell | None:
    if head:
        m = V.t1_columns().match(head)
        for c in cells:
            if m and norm(c.col_label) == norm(m.official):
                return c
    return cells[i] if i < len(cells) else None


def _set(out: Cells, fspec: spec.FormatSpec, key: str, read: Read) -> None:
    if key in out.values:
        return
    cell = fspec.cell(key)
    value, _note, err = parse_cell_value(key, read.raw, cell)
    if err is not None:
        out.findings.append(
            Finding(
                "INVALID_VALUE",
                ERROR,
                FAIL,
                f"{TABLE_NAMES[cell.table]}（{read.where}）{err.message}",
                (key,),
                err.raw,
                table=cell.table,
            )
        )
        return
    out.values[key] = value  # type: ignore[assignment]
    out.provenance[key] = read.where


def structure_findings(obs: Observed, version: str, cells: Cells) -> list[Finding]:
    """Missing tables and rows, 2021 rows collapsed into one, rows that could not be read."""
    found: list[Finding] = []
    fspec = spec.spec_for(version)
    for table in (1, 2, 3):
        tcells = fspec.table_cells(table)
        if not any(c.key in cells.values for c in tcells) and not _has_invalid(cells, tcells):
            found.append(_missing_table(table))
            continue
        found += _missing_rows(obs, version, table, tcells, cells)
    for table, severity, message in obs.problems:
        found.append(
            Finding("ROW_UNREADABLE", severity, FAIL, f"{TABLE_NAMES[table]}：{message}", table=table)
        )
    return found


def _has_invalid(cells: Cells, tcells: tuple[spec.Cell, ...]) -> bool:
    keys = {c.key for c in tcells}
    return any(set(f.cells) & keys for f in cells.findings)


def _missing_table(table: int) -> Finding:
    title = spec.TABLE_TITLES[table]
    return Finding(
        "TABLE_MISSING",
        ERROR,
        FAIL,
        f"{TABLE_NAMES[table]}（{title}）缺失或无法识别：年报格式要求以表格报告该部分",
        table=table,
    )


def _missing_rows(obs: Observed, version: str, table: int, tcells, cells: Cells) -> list[Finding]:
    rows: dict[str, list[spec.Cell]] = {}
    for c in tcells:
        if c.key not in cells.values and not any(c.key in f.cells for f in cells.findings):
            rows.setdefault(c.row_label if table != 3 else c.label, []).append(c)
    out: list[Finding] = []
    collapsed = _collapsed(obs, version, table)
    unplaced: list[tuple[str, tuple[str, ...]]] = []
    for label, missing in rows.items():
        keys = tuple(c.key for c in missing)
        group = next((g for g, _ in collapsed if any(g in c.row_path for c in missing)), None)
        if group is not None:
            continue
        if table in obs.partial:
            unplaced.append((label, keys))
            continue
        out.append(
            Finding(
                "ROW_MISSING",
                ERROR,
                FAIL,
                f"{TABLE_NAMES[table]}缺少“{label}”（{len(keys)} 个单元格），应按官方格式列出",
                keys,
                table=table,
            )
        )
    for group, reads in collapsed:
        out.append(_collapsed_finding(version, group, reads))
    return out + ([_unplaced_rows(table, unplaced)] if unplaced else [])


def _unplaced_rows(table: int, rows: list[tuple[str, tuple[str, ...]]]) -> Finding:
    """The rows of a table read only in part by its printed order: one reader's gap for them all."""
    keys = tuple(k for _, ks in rows for k in ks)
    names = "、".join(f"“{label}”" for label, _ in rows[:3]) + ("等" if len(rows) > 3 else "")
    return Finding(
        "ROW_MISSING",
        WARNING,
        FAIL,
        f"本工具未能读取{TABLE_NAMES[table]}{names}{len(rows)}行的数值（{len(keys)} 个单元格）：文本中"
        "这些行的数字次序无法确定，未读取，请人工核对，这不是报告的错误",
        keys,
        table=table,
        source=READER,
    )


def _collapsed(obs: Observed, version: str, table: int) -> list[tuple[str, list[Read]]]:
    if table != 2:
        return []
    out = [(group, reads) for group, reads, _ in obs.collapsed]
    if version == spec.FORMAT_2021 and "results.other_2019" in obs.t2:
        if not any(k in obs.t2 for k in _OTHER_2021):
            out.append((spec.OTHER, obs.t2["results.other_2019"].values))
    return out


def collapsed_subtotals(obs: Observed, version: str) -> dict[tuple[str, ...], int | Decimal]:
    """The printed subtotals of collapsed 表二 groups, per column: the sub-items' keys → value."""
    out: dict[tuple[str, ...], int | Decimal] = {}
    for group, reads in _collapsed(obs, version, 2):
        leaves = [k for k, p in spec.t2_rows(version) if len(p) > 2 and p[1] == group]
        if not leaves or len(reads) != len(spec.T2_COLUMN_KEYS):
            continue
        for col, read in zip(spec.T2_COLUMN_KEYS, reads, strict=True):
            keys = tuple(f"applications.{k}.{col}" for k in leaves)
            value, _note, err = parse_cell_value(keys[0], read.raw, spec.spec_for(version).cell(keys[0]))
            if err is None and isinstance(value, int | Decimal) and not isinstance(value, bool):
                out[keys] = value
    return out


def _collapsed_finding(version: str, group: str, reads: list[Read]) -> Finding:
    subs = [path[-1] for _, path in spec.t2_rows(version) if len(path) > 2 and path[1] == group]
    printed = "、".join(r.raw or "空" for r in reads) if reads else ""
    return Finding(
        "ROW_COLLAPSED",
        ERROR,
        FAIL,
        f"表二“{group}”只填了一行（{printed}），{version}年格式要求分列 {len(subs)} 个分项："
        + "；".join(subs),
        tuple(f"applications.{k}.total" for k, p in spec.t2_rows(version) if len(p) > 2 and p[1] == group),
        reported=printed or None,
        table=2,
    )


def deviation_findings(deviations: list[Deviation]) -> list[Finding]:
    out, seen = [], set()
    for d in deviations:
        if (d.raw, d.official) in seen:
            continue
        seen.add((d.raw, d.official))
        out.append(
            Finding(
                "LABEL_DEVIATION",
                WARNING,
                FAIL,
                f"{TABLE_NAMES[d.table]}：“{d.raw}”与官方表述不一致，应为“{d.official}”",
                d.cells,
                d.raw,
                d.official,
                table=d.table,
                where=d.where,
            )
        )
    return out
