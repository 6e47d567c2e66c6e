"""From a parsed `Document` to a `Report`: sections, meta, tables, conformance findings."""

from __future__ import annotations

from assistant.core import rules, spec
from assistant.core.agency import infer_level
from assistant.core.findings import ERROR, FAIL, WARNING, Finding
from assistant.core.report import Report
from assistant.reader import formcheck
from assistant.reader.blame import blame, document_text
from assistant.reader.blocks import Document
from assistant.reader.cells import (
    build_cells,
    collapsed_subtotals,
    decide_version,
    deviation_findings,
    structure_findings,
    version_signals,
)
from assistant.reader.errors import ReaderError
from assistant.reader.glyphs import fold_document
from assistant.reader.issuer import read_meta
from assistant.reader.meta import find_title, find_year
from assistant.reader.oldform import applies, is_pre2019, old_form_finding
from assistant.reader.ordered import place_tables
from assistant.reader.runin import recover
from assistant.reader.sections import STRAY, Layout, is_empty_body, split_sections
from assistant.reader.tables import Observed, read_tables

_SECTION_TABLE = {"s2_active": 1, "s3_applications": 2, "s4_review_litig": 3}


def assemble(doc: Document) -> Report:
    fold_document(doc)  # look-alike radicals (PDF fonts) never stand between a label and its row
    layout = split_sections(doc.blocks)
    obs = read_tables(layout.grids, layout.grid_sections)
    has_tables = bool(obs.t1 or obs.t2 or obs.t3)
    if not layout.headings and not has_tables and not _titled_old_report(layout):
        raise ReaderError(
            doc.name,
            "未识别出年报结构（没有“一、总体情况”等章节标题，也没有统计表），可能不是政府信息公开工作年度报告",
        )
    title = find_title(layout.preamble, doc.title_hint)
    texts = layout.preamble + [p for key in layout.sections for p in layout.sections[key]]
    if formcheck.not_a_report(layout, obs, title, document_text(doc)):
        raise ReaderError(
            doc.name, "不是政府信息公开工作年度报告（没有年报的章节和统计表，也未提及政府信息公开）"
        )
    year, agency, said = read_meta(title, texts, layout.preamble, layout.sections)
    version = decide_version(obs, year)
    recovered: list[Finding] = []
    if doc.kind in ("txt", "md"):  # text extracted from a PDF: labels and numbers apart (issue 12)
        place_tables(obs, layout.flow, version)
        recovered = obs.recovered + recover(obs, {k: layout.text(k) for k in layout.sections}, version)
        version = decide_version(obs, year)
    cells = build_cells(obs, version)
    findings = list(doc.findings) + said + recovered
    findings += _format_findings(obs, version, year)
    findings += deviation_findings(cells.deviations)
    findings += cells.findings
    findings += structure_findings(obs, version, cells)
    findings += section_findings(layout, obs)
    findings += formcheck.form_findings(layout, obs)
    findings = _drop_covered(findings, recovered)
    old_form = is_pre2019(year, "\n".join(texts), has_tables)
    if old_form:
        findings = [f for f in findings if applies(f)] + [old_form_finding(year)]
    if layout.appendix:
        findings.append(
            Finding(
                "APPENDIX_LEFT",
                WARNING,
                FAIL,
                "文末仍有“附：核对意见”附录（导出草稿时供审核用），正式发布前应处理其中的问题并删除附录",
            )
        )
    return Report(
        source=doc.name,
        title=title,
        agency=agency,
        year=year,
        format=version,
        sections={k: layout.text(k) for k in layout.sections},
        cells=cells.values,
        provenance=cells.provenance,
        findings=tuple(blame(findings, document_text(doc), spec.spec_for(version))),
        level=infer_level(agency),
        subtotals=collapsed_subtotals(obs, version),
    )


def _drop_covered(findings: list[Finding], recovered: list[Finding]) -> list[Finding]:
    """A row the run-in recovery already named as unreadable is not reported missing again."""
    said = {c for f in recovered if f.rule == "ROW_UNREADABLE" for c in f.cells}
    return [f for f in findings if not (f.rule == "ROW_MISSING" and f.cells and set(f.cells) <= said)]


def _titled_old_report(layout: Layout) -> bool:
    """An annual report of the old form whose headings were not recognised: its title says so."""
    title = find_title(layout.preamble, "")
    year = find_year(title, layout.preamble[:3])
    return "政府信息公开" in title and "年度报告" in title and is_pre2019(year, "", False)


def _format_findings(obs: Observed, version: str, year: int | None) -> list[Finding]:
    """FORMAT_2019 for the superseded form in a 2021+ report (the audit keeps it once)."""
    if version != spec.FORMAT_2019 or not year or year < 2021:
        return []
    _, _, old = version_signals(obs)
    rule = rules.FORMAT_2019_RULE
    seen = "、".join(f"“{x}”" for x in old[:3]) or "（六）其他处理未分项"
    return [
        Finding(
            rule.id,
            rule.severity,
            FAIL,
            rule.message.format(year=year) + f"（检测到 {seen} 等2019年格式标签）",
            table=1 if old else 2,
        )
    ]


def section_findings(layout: Layout, obs: Observed) -> list[Finding]:
    out: list[Finding] = []
    for sec in spec.SECTIONS:
        h = layout.headings.get(sec.key)
        if h is None:
            has_table = _SECTION_TABLE.get(sec.key) in obs.seen
            what = "（对应统计表存在，但缺少章节标题）" if has_table else ""
            out.append(
                Finding(
                    "SECTION_MISSING",
                    WARNING if has_table else ERROR,
                    FAIL,
                    f"缺少第{sec.number}部分“{sec.label}”{what}，年报应包含格式规定的六个部分",
                )
            )
        elif STRAY.match(h.text):
            stray = STRAY.match(h.text).group(0).strip()  # type: ignore[union-attr]
            out.append(
                Finding(
                    "TEXT_QUALITY",
                    WARNING,
                    FAIL,
                    f"章节标题“{h.text[:30]}”前有多余字符“{stray}”，应删除",
                    reported=stray,
                )
            )
        if h is not None and h.number and h.number != sec.number:
            out.append(
                Finding(
                    "SECTION_MISSING",
                    WARNING,
                    FAIL,
                    f"章节编号错误：“{h.text[:30]}”应为第{sec.number}部分，标题应为“{sec.label}”",
                    reported=h.number,
                    computed=sec.number,
                )
            )
    problems = layout.headings.get("s5_problems")
    if problems is not None and is_empty_body(layout.text("s5_problems")):
        out.append(
            Finding(
                "SECTION_EMPTY",
                ERROR,
                FAIL,
                "第五部分“五、存在的主要问题及改进情况”没有实际内容（空白或仅写“无”），应如实报告存在的问题和改进措施",
            )
        )
    return out
