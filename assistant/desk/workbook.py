"""The batch as an xlsx workbook (openpyxl): 汇总, 问题清单, 处理意见 — a real spreadsheet."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from assistant.core.findings import FAIL, json_value
from assistant.desk.dispositions import CONFIRMED, EXPLAINED, FALSE_POSITIVE, LABELS, ReviewedReport
from assistant.desk.opinion import where_of

SUMMARY = (
    "文件",
    "机关",
    "层级",
    "年度",
    "格式",
    "待处理错误",
    "确认须整改",
    "已说明",
    "误报",
    "提醒",
    "状态",
    "说明",
)
FINDINGS = (
    "文件",
    "机关",
    "年度",
    "类别",
    "位置",
    "问题",
    "填报值",
    "应为",
    "处理意见",
    "理由",
    "审核人",
    "时间",
    "指纹",
)
DECISIONS = ("机关", "年度", "处理意见", "理由", "审核人", "时间", "问题", "指纹")
_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")


def status_of(rep: ReviewedReport) -> str:
    if rep.result.error:
        return "无法读取"
    if rep.open_errors and rep.count("open"):
        return "待审核"
    if rep.count(CONFIRMED):
        return "须整改"
    return "通过" if not rep.warnings else "通过（有提醒）"


def write_workbook(reviewed: list[ReviewedReport], out: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "汇总"
    _sheet(ws, SUMMARY, [_summary_row(r) for r in reviewed])
    _sheet(wb.create_sheet("问题清单"), FINDINGS, [row for r in reviewed for row in _finding_rows(r)])
    decided = [x.decision for r in reviewed for x in r.items if x.decision is not None]
    rows = [
        (d.agency, d.year, d.label, d.reason, d.reviewer, d.decided_at, d.message, d.fingerprint)
        for d in decided
    ]
    _sheet(wb.create_sheet("处理意见"), DECISIONS, rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def _summary_row(r: ReviewedReport) -> tuple:
    res, f = r.result, r.result.facts
    name = Path(res.source).name
    if f is None:
        return (name, "", "", "", "", "", "", "", "", "", "无法读取", res.error)
    return (name, f.agency, f.level, f.year or "", f"{f.format}年格式", r.count("open"), r.count(CONFIRMED),
            r.count(EXPLAINED), r.count(FALSE_POSITIVE), r.warnings, status_of(r), "；".join(res.notes))  # fmt: skip


def _finding_rows(r: ReviewedReport) -> list[tuple]:
    res, f = r.result, r.result.facts
    rows = []
    for x in r.items:
        if x.finding.status != FAIL:
            continue
        g, d = x.finding, x.decision
        kind = "错误" if g.severity == "error" else "提醒"
        rows.append((Path(res.source).name, f.agency if f else "", f.year if f else "", kind,
                     where_of(g, f.format if f else "2021"), g.message, _cell(g.reported), _cell(g.computed),
                     LABELS[d.disposition] if d else "待处理", d.reason if d else "", d.reviewer if d else "",
                     d.decided_at if d else "", x.fingerprint))  # fmt: skip
    return rows


def _cell(v):
    v = json_value(v)
    return v if isinstance(v, int | float) or v is None else str(v)


def _sheet(ws, header: tuple[str, ...], rows: list[tuple]) -> None:
    ws.append(header)
    for c in ws[1]:
        c.font, c.fill = _HEAD, _FILL
    for row in rows:
        ws.append(list(row))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(1, len(rows) + 1)}"
    for i, name in enumerate(header, 1):
        width = 60 if name in ("问题", "说明") else 28 if name in ("位置", "机关", "文件") else 12
        ws.column_dimensions[get_column_letter(i)].width = width
        if width == 60:
            for cell in ws[get_column_letter(i)][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
