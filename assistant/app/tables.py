"""Handlers of the tables tab: grids with findings at their cells, re-checked on every edit."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from assistant.app import grids
from assistant.core.engine import CheckResult, summarize
from assistant.core.findings import NOT_ASSESSABLE, Finding
from assistant.workspace import Workspace

FINDING_COLUMNS = ["级别", "规则", "位置与说明"]
SEVERITY_ZH = {"error": "错误", "warning": "提醒"}


@dataclass(frozen=True)
class TablesView:
    frames: list[Any]  # one Styler per grid
    findings: pd.DataFrame
    summary: str


def view(ws: Workspace, report_id: int) -> TablesView:
    result = ws.check(report_id)
    return render(result)


def render(result: CheckResult) -> TablesView:
    frames = []
    for g in grids.grid_specs(result.facts.format):
        frame = grids.to_frame(g, result.facts.cells)
        marks = grids.findings_at_cells(list(result.findings), g)
        frames.append(grids.styled(frame, marks, grids.derived_positions(g, result.derived)))
    return TablesView(frames, findings_frame(result.findings), summary_line(result))


def findings_frame(findings: tuple[Finding, ...] | list[Finding]) -> pd.DataFrame:
    rows = []
    for f in findings:
        if f.status == NOT_ASSESSABLE:
            continue
        rows.append([SEVERITY_ZH.get(f.severity, f.severity), f.rule, f.message])
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def summary_line(result: CheckResult) -> str:
    c = summarize(result.findings)
    filled = len(result.facts.cells)
    total = len(result.facts.spec.cells)
    parts = [f"已填 {filled}/{total} 个单元格（其中 {len(result.derived)} 个合计由程序计算，灰色显示）"]
    parts.append(f"{c['error']} 个错误，{c['warning']} 个提醒")
    if c["not_assessable"]:
        parts.append(f"{c['not_assessable']} 处因数据未填暂无法核验")
    return "；".join(parts)


def edit(ws: Workspace, report_id: int, grid_index: int, frame: Any) -> tuple[TablesView, list[str]]:
    """Apply one grid's edit: refused values are listed (nothing else is lost), then re-check."""
    before = ws.check(report_id)
    g = grids.grid_specs(before.facts.format)[grid_index]
    result = grids.from_frame(g, frame, before.facts.format, before.facts.cells, before.derived)
    grid_keys = {k for row in g.keys for k in row if k}
    user_given = set(ws.row(report_id).state.get("cells", {})) & grid_keys
    cleared = user_given - set(result.given) - result.refused  # emptied by the user: no longer given
    ws.set_cells(report_id, result.given, replace_keys=cleared)
    return view(ws, report_id), result.errors
