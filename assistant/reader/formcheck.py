"""Order and placement are part of the form (issue 15 item 13).

The six sections come in the order the national form gives; 表一, 表二 and 表三 stand in the
sections two, three and four; a row of 表二 is printed once. A document that has none of the
report's structure (a budget report, a work summary) is not a 政府信息公开工作年度报告 at all: one
clear refusal instead of a finding for every missing part.
"""

from __future__ import annotations

from assistant.core import spec
from assistant.core.findings import ERROR, FAIL, WARNING, Finding
from assistant.reader.sections import Layout
from assistant.reader.tables import Observed, table_signal

_TABLE_SECTION = {1: "s2_active", 2: "s3_applications", 3: "s4_review_litig"}
_ORDER = [s.key for s in spec.SECTIONS]
_TABLE_NAMES = {1: "表一", 2: "表二", 3: "表三"}


def not_a_report(layout: Layout, obs: Observed, title: str, text: str) -> bool:
    """No table of the form read, at most two of the six headings, and nowhere the words
    「政府信息公开」: some other kind of document."""
    read = bool(obs.t1 or obs.t2 or (obs.t3 and any(obs.t3)))
    return not read and len(layout.headings) <= 2 and "政府信息公开" not in title + text


def form_findings(layout: Layout, obs: Observed) -> list[Finding]:
    return section_order(layout) + table_placement(layout) + repeated_rows(obs)


def section_order(layout: Layout) -> list[Finding]:
    """The headings found, in the order printed, against the form's order."""
    printed = [k for k in layout.headings if k in _ORDER]
    ranks = [_ORDER.index(k) for k in printed]
    if ranks == sorted(ranks):
        return []
    shown = "、".join(spec.SECTION_BY_KEY[k].number for k in printed)
    return [
        Finding(
            "SECTION_ORDER", ERROR, FAIL,
            f"六个部分的顺序与格式规定不一致：文中依次为第{shown}部分，应按第一至第六部分依次排列",
            reported=shown,
        )
    ]  # fmt: skip


def table_placement(layout: Layout) -> list[Finding]:
    """A table printed under another table's section (表二 and 表三 swapped, …)."""
    out: list[Finding] = []
    said: set[tuple[int, str]] = set()
    for grid, section in zip(layout.grids, layout.grid_sections, strict=False):
        kind = next((k for k in map(table_signal, grid.rows) if k), None)
        home = _TABLE_SECTION.get(kind or 0)
        if not kind or not home or section not in _TABLE_SECTION.values() or section == home:
            continue
        if (kind, section) in said:
            continue
        said.add((kind, section))
        here, there = spec.SECTION_BY_KEY[section], spec.SECTION_BY_KEY[home]
        out.append(
            Finding(
                "TABLE_PLACEMENT", ERROR, FAIL,
                f"{_TABLE_NAMES[kind]}印在第{here.number}部分“{here.label}”中，按格式应在第{there.number}部分“{there.label}”中",
                table=kind,
            )
        )  # fmt: skip
    return out


def repeated_rows(obs: Observed) -> list[Finding]:
    """Rows of 表二 printed more than once (the first copy is the one read)."""
    seen = getattr(obs, "repeated", [])
    if not seen:
        return []
    labels = list(dict.fromkeys(label for _, label, _ in seen))
    shown = "、".join(f"“{x[:20]}”" for x in labels[:5]) + (f"等{len(labels)}行" if len(labels) > 5 else "")
    return [
        Finding(
            "TABLE_ROW_REPEATED", WARNING, FAIL,
            f"表二中{shown}重复出现（{seen[0][2]}），按第一次出现的数值读取，请核对并删除重复的行",
            table=2,
        )
    ]  # fmt: skip
