"""审核意见: the letter that goes back to the body, one per report, as a Word file in 公文 layout.

To whom (主送), which report, each confirmed problem in plain words with the official table, row
and column, what to correct, and a deadline (a blank to fill in when none is given). Only findings
marked 确认（须整改） are listed; dismissed and undecided ones are not sent to the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from assistant.core import spec
from assistant.core.findings import Finding, show
from assistant.desk.dispositions import CONFIRMED, ReviewedReport
from assistant.export.word_style import (
    BODY_FONT,
    BODY_SIZE,
    HEADING_FONT,
    TITLE_FONT,
    TITLE_SIZE,
    fixed_spacing,
    setup_document,
    style_run,
)  # fmt: skip

NUMERALS = "一二三四五六七八九十"
TABLE_NAMES = {1: "表一（主动公开政府信息情况）", 2: "表二（收到和处理政府信息公开申请情况）",
               3: "表三（政府信息公开行政复议、行政诉讼情况）"}  # fmt: skip


@dataclass(frozen=True)
class Letter:
    reviewer_org: str = "县人民政府办公室（政务公开办）"
    deadline: str = ""  # e.g. "2024年4月15日"; empty: a blank to fill in
    date: str = ""  # the letter's date; empty: a blank


def report_title(rep: ReviewedReport) -> str:
    r = rep.result
    title = r.report.title if r.report is not None and r.report.title else ""
    if title:
        return title
    f = r.facts
    return f"{f.agency}{f.year}年政府信息公开工作年度报告" if f else r.source


def where_of(f: Finding, version: str = spec.FORMAT_2021) -> str:
    """The official place: table, row and column of the finding's first cell, or its section."""
    cells = spec.spec_for(version).by_key
    cell = cells.get(f.cells[0]) if f.cells else None
    if cell is not None:
        return f"{TABLE_NAMES.get(cell.table, '')}“{cell.label}”"
    return f.where.split("：", 1)[0] if f.where else "报告全文"


def what_to_correct(f: Finding) -> str:
    if f.rule.startswith("TEXT_"):
        return "请核实正文与统计表中的数字，使两者一致；如统计表有误，应一并修改统计表。"
    if f.rule.startswith("FORMAT_2019"):
        return "请改用国办公开办函〔2021〕30号规定的年度报告格式（新版统计表）重新编制。"
    if f.rule.startswith("LABEL"):
        return "请按国家规定的格式恢复统计表的行列名称，不得自行增删或改写。"
    if f.rule.startswith("SECTION"):
        return "请按国家规定的格式补齐年度报告的各部分内容。"
    if f.reported is not None and f.computed is not None:
        return (f"请逐项核实相关数据：现填报 {show(f.reported)}，按勾稽关系应为 {show(f.computed)}；"
                "修改后确保合计与分项、本年与上年数据衔接一致。")  # fmt: skip
    return "请核实并按规定格式修改。"


def confirmed(rep: ReviewedReport) -> list:
    return [x for x in rep.items if x.state == CONFIRMED]


def write_opinion(rep: ReviewedReport, out: Path, letter: Letter = Letter()) -> Path:
    doc = Document()
    setup_document(doc)
    f = rep.result.facts
    version = f.format if f else spec.FORMAT_2021
    title = report_title(rep)
    _para(doc, f"关于《{title}》的审核意见", TITLE_FONT, TITLE_SIZE, center=True, indent=False)
    _para(doc, "", BODY_FONT, BODY_SIZE)
    _para(doc, f"{f.agency if f else '报送单位'}：", BODY_FONT, BODY_SIZE, indent=False)
    items = confirmed(rep)
    if not items:
        _para(doc, f"经审核，你单位《{title}》未发现须整改的问题。", BODY_FONT, BODY_SIZE)
    else:
        _para(
            doc,
            f"经审核，你单位《{title}》存在以下{len(items)}个须整改的问题，请逐项整改：",
            BODY_FONT,
            BODY_SIZE,
        )
    for i, item in enumerate(items):
        num = NUMERALS[i] if i < len(NUMERALS) else str(i + 1)
        x = item.finding
        _para(
            doc, f"{num}、{where_of(x, version)}", HEADING_FONT, BODY_SIZE
        ).paragraph_format.keep_with_next = True
        _para(doc, f"问题：{x.message}", BODY_FONT, BODY_SIZE)
        _para(doc, f"整改要求：{what_to_correct(x)}", BODY_FONT, BODY_SIZE)
        if item.decision and item.decision.reason:
            _para(doc, f"审核说明：{item.decision.reason}", BODY_FONT, BODY_SIZE)
    deadline = letter.deadline or "____年__月__日"
    _para(
        doc,
        f"请于{deadline}前完成整改，将修改后的年度报告重新报送并在政府网站更新发布。",
        BODY_FONT,
        BODY_SIZE,
    )
    _para(doc, "", BODY_FONT, BODY_SIZE).paragraph_format.keep_with_next = True
    _para(doc, letter.reviewer_org, BODY_FONT, BODY_SIZE, right=True).paragraph_format.keep_with_next = True
    _para(doc, letter.date or "____年__月__日", BODY_FONT, BODY_SIZE, right=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(out))
    return out


def _para(
    doc, text: str, font: str, size: Pt, center: bool = False, right: bool = False, indent: bool = True
):
    p = doc.add_paragraph()
    fixed_spacing(p, indent=None if center or right or not indent else Pt(32))
    if not indent or center or right:
        p.paragraph_format.first_line_indent = Pt(0)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.line_spacing = Pt(36)
    elif right:
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.right_indent = Pt(64)
    if text:
        style_run(p.add_run(text), font, size)
    return p
