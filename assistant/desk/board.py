"""The review tab's logic as plain functions: a batch on the board, rows, detail, decisions.

No Gradio here: `assistant/app/review_tab.py` wires these into components; the tests call them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import pandas as pd

from assistant.audit import AuditResult
from assistant.core import spec
from assistant.core.findings import FAIL, show
from assistant.desk.chart import rule_name
from assistant.desk.dispositions import LABELS, DeskError, ReviewedReport, decide, review
from assistant.desk.opinion import where_of
from assistant.desk.store import DeskStore
from assistant.desk.workbook import status_of

COLUMNS = ["序号", "文件", "机关", "层级", "年度", "格式", "待处理错误", "须整改", "已排除", "提醒", "状态"]
FINDING_COLUMNS = ["编号", "类别", "位置", "问题", "处理意见", "理由", "审核人", "时间"]
STATUSES = ["全部", "待审核", "须整改", "通过", "通过（有提醒）", "无法读取"]
SORTS = ["原顺序", "待处理错误", "机关", "年度"]
DISPOSITIONS = ["确认（须整改）", "已说明", "误报"]
_NUMBER = re.compile(r"\d[\d,，.]*")


@dataclass
class Board:
    results: list[AuditResult] = field(default_factory=list)

    def reviewed(self, store: DeskStore, org: str) -> list[ReviewedReport]:
        return review(self.results, store.decisions(org))


def _row(i: int, rep: ReviewedReport) -> list:
    r, f = rep.result, rep.result.facts
    name = Path(r.source).name
    if f is None:
        return [i, name, "", "", "", "", 0, 0, 0, 0, "无法读取"]
    dismissed = sum(1 for x in rep.items if x.finding.is_error and x.dismissed)
    return [i, name, f.agency, f.level, f.year or "", f"{f.format}年格式", rep.count("open"),
            rep.count("confirmed"), dismissed, rep.warnings, status_of(rep)]  # fmt: skip


def table(
    reviewed: list[ReviewedReport], query: str = "", status: str = "全部", sort: str = "原顺序"
) -> pd.DataFrame:
    rows = [_row(i, rep) for i, rep in enumerate(reviewed, 1)]
    q = (query or "").strip()
    if q:
        rows = [r for r in rows if q in str(r[1]) or q in str(r[2])]
    if status and status != "全部":
        rows = [r for r in rows if r[10] == status]
    if sort == "待处理错误":
        rows.sort(key=lambda r: -r[6])
    elif sort == "机关":
        rows.sort(key=lambda r: str(r[2]))
    elif sort == "年度":
        rows.sort(key=lambda r: str(r[4]))
    return pd.DataFrame(rows, columns=COLUMNS)


def findings_frame(rep: ReviewedReport) -> pd.DataFrame:
    version = rep.result.facts.format if rep.result.facts else spec.FORMAT_2021
    rows = []
    for n, x in enumerate((x for x in rep.items if x.finding.status == FAIL), 1):
        d, g = x.decision, x.finding
        kind = ("错误" if g.severity == "error" else "提醒") + "·" + rule_name(g.rule)
        rows.append([n, kind, where_of(g, version), g.message, LABELS[d.disposition] if d else "待处理",
                     d.reason if d else "", d.reviewer if d else "", d.decided_at if d else ""])  # fmt: skip
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def detail_html(rep: ReviewedReport, clean=lambda s: s) -> str:
    """The cells with findings (value and problem at the cell) and the prose with numbers marked.

    `clean` is applied to messages before escaping (the app hides server folders with it).
    """
    r = rep.result
    if r.facts is None:
        return f"<p>无法读取：{escape(clean(r.error))}</p>"
    f = r.facts
    parts = [f"<h3>{escape(f.agency)} {f.year}年度（{escape(Path(r.source).name)}）</h3>"]
    parts += [f"<p>说明：{escape(clean(n))}</p>" for n in r.notes]
    cells = f.spec.by_key
    at_cells = [(x, cells[x.finding.cells[0]]) for x in rep.items
                if x.finding.status == FAIL and x.finding.cells and x.finding.cells[0] in cells]  # fmt: skip
    parts.append("<h4>表格中有问题的单元格</h4>")
    if at_cells:
        parts.append("<table><tr><th>表</th><th>单元格</th><th>填报值</th><th>问题</th><th>处理</th></tr>")
        for x, cell in at_cells:
            state = LABELS[x.decision.disposition] if x.decision else "待处理"
            parts.append(f"<tr><td>表{'一二三'[cell.table - 1]}</td><td>{escape(cell.label)}</td>"
                         f"<td>{escape(show(f.cells.get(cell.key)))}</td><td>{escape(x.finding.message)}</td>"
                         f"<td>{state}</td></tr>")  # fmt: skip
        parts.append("</table>")
    else:
        parts.append("<p>无</p>")
    parts.append(_prose(rep))
    return "\n".join(parts)


def _prose(rep: ReviewedReport) -> str:
    report = rep.result.report
    if report is None or not report.sections:
        return "<p>（数据文件，无正文）</p>"
    flagged = [x.finding.where.split("：", 1)[-1] for x in rep.items if x.finding.where]
    out = ["<h4>正文（数字加粗，有问题的句子标黄）</h4>"]
    for key, text in report.sections.items():
        label = spec.SECTION_BY_KEY[key].label if key in spec.SECTION_BY_KEY else key
        body = escape(text)
        for sentence in {s for s in flagged if s}:
            e = escape(sentence)
            body = body.replace(e, f"\x00{e}\x01")
        body = _NUMBER.sub(lambda m: f"<b>{m.group(0)}</b>", body)
        body = body.replace("\x00", "<mark>").replace("\x01", "</mark>").replace("\n", "<br>")
        out.append(f"<p><b>{escape(label)}</b><br>{body}</p>")
    return "\n".join(out)


def parse_numbers(raw: str, count: int) -> list[int]:
    """ "1,3-5" or "全部" → 1-based numbers; a bad token is a Chinese error."""
    raw = (raw or "").strip().replace("，", ",").replace("、", ",").replace("－", "-")
    if raw in ("全部", "所有", "all"):
        return list(range(1, count + 1))
    out: list[int] = []
    for tok in filter(None, (t.strip() for t in raw.split(","))):
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", tok)
        if not m:
            raise DeskError(f"无法识别的编号“{tok}”（例如：1,3-5 或 全部）")
        a, b = int(m.group(1)), int(m.group(2) or m.group(1))
        out += list(range(a, b + 1))
    bad = [n for n in out if not 1 <= n <= count]
    if bad or not out:
        raise DeskError(f"编号超出范围（本报告共 {count} 条）" if out else "请填写要处理的问题编号")
    return sorted(set(out))


def apply(rep: ReviewedReport, store: DeskStore, org: str, numbers: str, disposition: str,
          reason: str, who: str) -> str:  # fmt: skip
    """Decide the numbered findings of one report; returns the message for the user."""
    failing = [x for x in rep.items if x.finding.status == FAIL]
    picked = [failing[n - 1] for n in parse_numbers(numbers, len(failing))]
    label = disposition.split("（")[0]
    decisions = [decide(x, label, reason, who) for x in picked]
    store.save(org, decisions)
    return f"已将 {len(decisions)} 条标记为“{decisions[0].label}”（{who or '未署名'}）"
