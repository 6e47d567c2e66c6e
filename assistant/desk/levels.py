"""Levels: a parent body's application and review tables against the sum of its children's.

Where a locality reports the parent as the total of its departments and towns, every cell of
table 2 (applications) and table 3 (review and litigation) of the parent should equal the sum of
the children. This is a local convention, not a national rule, so the findings are warnings of
their own class (`LEVEL_SUM`); children expected but without a report are listed (`LEVEL_MISSING`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.findings import FAIL, WARNING, Finding, show
from assistant.desk.fingerprint import normal_agency

LEVEL_SUM = "LEVEL_SUM"
LEVEL_MISSING = "LEVEL_MISSING"
TABLES = (2, 3)


@dataclass(frozen=True)
class LevelCheck:
    parent: str
    year: int
    children: tuple[str, ...]
    findings: tuple[Finding, ...]
    compared: int  # cells compared


def child_sums(children: Iterable[ReportFacts], keys: Iterable[str]) -> dict[str, int | float]:
    out: dict[str, int | float] = {}
    kids = list(children)
    for k in keys:
        values = [c.number(k) for c in kids]
        if any(v is not None for v in values):
            out[k] = sum(v for v in values if v is not None)
    return out


def check_levels(
    parent: ReportFacts, children: list[ReportFacts], expected: Iterable[str] = ()
) -> LevelCheck:
    cells = [c for c in parent.spec.cells if c.table in TABLES]
    sums = child_sums(children, [c.key for c in cells])
    findings: list[Finding] = []
    compared = 0
    for cell in cells:
        p, s = parent.number(cell.key), sums.get(cell.key)
        if p is None or s is None:
            continue
        compared += 1
        if p != s:
            diff = p - s
            msg = (f"表{'二' if cell.table == 2 else '三'}“{cell.label}”：本级填报 {show(p)}，"
                   f"所属{len(children)}个单位合计 {show(s)}，相差 {'+' if diff > 0 else ''}{show(diff)}")  # fmt: skip
            findings.append(Finding(LEVEL_SUM, WARNING, FAIL, msg, (cell.key,), p, s, cell.table))
    findings.sort(key=lambda f: -abs(f.reported - f.computed))
    have = {normal_agency(c.agency) for c in children}
    for name in expected:
        if normal_agency(name) and normal_agency(name) not in have:
            findings.append(
                Finding(LEVEL_MISSING, WARNING, FAIL, f"下级单位“{name}”没有{parent.year}年度报告")
            )
    return LevelCheck(
        parent.agency, parent.year, tuple(c.agency for c in children), tuple(findings), compared
    )


def render(lc: LevelCheck) -> str:
    lines = [
        f"== {lc.parent} {lc.year}年度：本级与 {len(lc.children)} 个下级单位合计比对（比对 {lc.compared} 格）=="
    ]
    diffs = [f for f in lc.findings if f.rule == LEVEL_SUM]
    missing = [f for f in lc.findings if f.rule == LEVEL_MISSING]
    lines += [f"  ! 提醒 {f.message}" for f in diffs] or ["  ✓ 申请表、复议诉讼表与下级合计一致"]
    lines += [f"  ! 提醒 {f.message}" for f in missing]
    lines.append(
        f"结论：{len(diffs)} 格不一致，{len(missing)} 个下级单位未报送（本项为地方口径，不属全国统一规则）"
    )
    return "\n".join(lines)


def spec_cells(version: str = spec.FORMAT_2021) -> list[str]:
    return [c.key for c in spec.spec_for(version).cells if c.table in TABLES]
