"""Prose against tables, the report year in the prose, and text copied from last year.

`text_findings(report, filled_facts, previous_report)` is called by the audit for documents:
- TEXT_TABLE_MISMATCH (error): a number the prose clearly states for a table quantity differs from
  the table (binding rules in `prose.py`; counts about another scope are skipped, not reported);
  also a wrong report year in the prose (the report's title, its statistical period, or a section
  一/六 paragraph that opens with an earlier year, e.g. 2022年，我局… in a 2023 report).
- TEXT_INCONSISTENT (warning): the prose states different amounts of 信息处理费 (which has no cell),
  e.g. 收取信息处理费200元 in one place and 未收取信息处理费 in another.
- TEXT_COPIED (warning): more than half of a section, or of the whole text, repeats last year's
  report (method in `copyrate.py`).
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.findings import ERROR, FAIL, WARNING, Finding
from assistant.core.numbers import format_number
from assistant.core.quantities import QUANTITIES
from assistant.core.report import Report
from assistant.reader.copyrate import copy_rates
from assistant.reader.prose import Quantity, Statement, fee_statements, statements, table_value
from assistant.reader.textquality import quality_findings

COPY_THRESHOLD = 0.5
MIN_COPY_CHARS = 60
# The lead-ins of 二、三、四 introduce fixed tables and are formulaic by nature: repeating them is not
# the copying assessors penalise (they still count in the overall rate).
FORMULA_SECTIONS = frozenset({"s2_active", "s3_applications", "s4_review_litig"})
_TOLERANCE = {True: 0.01, False: 0}  # 万元 amounts are rounded in prose
_TITLE_YEAR = re.compile(r"(20\d{2})\s*年度?政府信息公开工作年度报告")
_PERIOD_YEAR = re.compile(r"统计(?:期限|时限|时间|区间|周期)[^。]{0,12}?(20\d{2})\s*年\s*1\s*月\s*1\s*日")
_OPENING_YEAR = re.compile(r"^(20\d{2})\s*年度?(?:[，,以上]|我|本)")


def text_findings(report: Report, filled: ReportFacts, previous: Report | None = None) -> list[Finding]:
    out = mismatch_findings(report, filled)
    out += quality_findings(report, filled)
    out += fee_findings(report)
    out += year_findings(report)
    if previous is not None:
        out += copy_findings(report, previous)
    return out


def mismatch_findings(report: Report, filled: ReportFacts) -> list[Finding]:
    out: list[Finding] = []
    seen: set[tuple[str, str]] = set()
    for sec in spec.SECTIONS:
        for st in statements(report.section(sec.key), report.year):
            if (st.quantity.name, st.text) in seen:
                continue
            seen.add((st.quantity.name, st.text))
            bound = _binding(st)
            if not bound:
                continue  # a part of a scope, not the quantity itself
            values = [table_value(filled, q) for q in bound]
            if None in values:
                continue
            table = sum(values)  # type: ignore[arg-type]
            if abs(table - st.stated) > _TOLERANCE[st.quantity.amount]:
                out.append(_mismatch(sec, st, table, filled, bound))
    return out


_PART_OF = re.compile(r"(?:申请|案件|事项|件)中")  # 办结的申请中同意公开答复7件: a part, not the whole
_JOINED = re.compile(r"(?:以及|及|和|与|、|加)")  # right after a quantity's words: another follows


def _binding(st: Statement) -> list[Quantity]:
    """The quantities the number is stated for: the one its words end with, and those joined to it
    (予以公开及部分公开30件 = 予以公开 + 部分公开); none for a part of a scope (办结的申请中同意
    公开答复7件 is a part of 办结, not 办结)."""
    words = st.text
    if not st.quantity.outcome and _PART_OF.search(words):
        return []
    named = [st.quantity]
    for q in QUANTITIES:
        if q is st.quantity or q.amount != st.quantity.amount:
            continue
        if any(q.phrase.search(words[:i]) and _JOINED.match(words, i) for i in range(1, len(words))):
            named.insert(len(named) - 1, q)
    return named


def _mismatch(sec: spec.Section, st: Statement, table, filled: ReportFacts, bound: list[Quantity]) -> Finding:
    keys = [k for q in bound for k in q.keys]
    cells = [filled.spec.cell(k) for k in keys]
    names = "、".join(f"“{c.label}”" for c in cells[:3]) + (f"等{len(cells)}项之和" if len(cells) > 1 else "")
    name = "与".join(q.name for q in bound)
    unit = "万元" if st.quantity.amount else "件"
    return Finding(
        "TEXT_TABLE_MISMATCH",
        ERROR,
        FAIL,
        f"正文写“{st.text}”（{name} {format_number(st.stated)}{unit}），"
        f"但表格{names}为 {format_number(table)}{unit}",
        tuple(keys),
        st.stated,
        table,
        table=cells[0].table,
        where=f"{sec.label}：{st.sentence[:80]}",
    )


def fee_findings(report: Report) -> list[Finding]:
    said = [st for sec in spec.SECTIONS for st in fee_statements(report.section(sec.key))]
    amounts = sorted({v for v, _ in said})
    if len(amounts) < 2:
        return []
    words = "；".join(dict.fromkeys(f"“{w}”" for _, w in said))
    return [
        Finding(
            "TEXT_INCONSISTENT",
            WARNING,
            FAIL,
            f"正文对信息处理费的说法前后不一致：{words}，请核实实际收取金额",
            reported=[format_number(a) for a in amounts],
        )
    ]


def year_findings(report: Report) -> list[Finding]:
    year = report.year
    if not year:
        return []
    out: list[Finding] = []
    for sec in spec.SECTIONS:
        for para in report.section(sec.key).split("\n"):
            for pattern, any_year in ((_TITLE_YEAR, True), (_PERIOD_YEAR, True), (_OPENING_YEAR, False)):
                if pattern is _OPENING_YEAR and sec.key not in ("s1_overview", "s6_other"):
                    continue
                m = pattern.search(para.strip())
                if m and (int(m.group(1)) != year if any_year else int(m.group(1)) < year):
                    out.append(_year_finding(sec, para.strip(), int(m.group(1)), year))
                    break
    return out


def _year_finding(sec: spec.Section, para: str, stated: int, year: int) -> Finding:
    return Finding(
        "TEXT_TABLE_MISMATCH",
        ERROR,
        FAIL,
        f"正文写的是{stated}年，但本报告是{year}年度报告，疑似沿用往年文字未更新年份",
        reported=stated,
        computed=year,
        where=f"{sec.label}：{para[:80]}",
    )


def copy_findings(report: Report, previous: Report) -> list[Finding]:
    rates = copy_rates(dict(report.sections), dict(previous.sections))
    out: list[Finding] = []
    for key, (rate, chars) in rates.items():
        if rate <= COPY_THRESHOLD or chars < MIN_COPY_CHARS or key in FORMULA_SECTIONS:
            continue
        label = "全文" if key == "overall" else spec.SECTION_BY_KEY[key].label
        out.append(
            Finding(
                "TEXT_COPIED",
                WARNING,
                FAIL,
                f"{label}与上年报告（{previous.year or '上年'}年度）雷同率 {rate:.0%}，超过 50%，"
                "请结合本年度实际重新撰写",
                reported=round(rate * 100, 1),
                computed=COPY_THRESHOLD * 100,
            )
        )
    return out
