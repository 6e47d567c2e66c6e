"""Sample reports for the export tests (helpers only; no tests here)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from assistant.core import spec
from assistant.core.facts import BLANK, SLASH
from assistant.core.report import Report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FACTS = ROOT / "examples" / "sample_report.yaml"
BAD_FACTS = ROOT / "examples" / "bad.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"

SECTIONS_TEXT = {
    "s1_overview": (
        "2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》，各项工作有序开展。\n"
        "（一）主动公开。全年主动公开信息120条，其中“重点领域”信息35条。\n"
        "（二）依申请公开。全年新收申请8件，均按期答复。\n"
        "（三）政府信息管理。严格执行保密审查，清理过时信息A&B类<2>批。\n"
        "（四）政府信息公开平台建设。门户网站栏目（含专栏|子栏目）运行平稳。\n"
        "（五）监督保障。开展培训2次。"
    ),
    "s2_active": "本年度主动公开情况如下。",
    "s3_applications": "本年度收到和处理申请情况如下：",
    "s4_review_litig": "本年度被申请行政复议和提起行政诉讼情况如下。",
    "s5_problems": "一是信息发布不够及时；二是答复文书需更规范。\n改进措施：建立提醒机制，加强培训。",
    "s6_other": "本年度未收取信息处理费。",
}


def full_report(version: str = spec.FORMAT_2021) -> Report:
    """Every cell of `version` with a distinct value (not consistent: writers must not care)."""
    cells = {}
    for i, cell in enumerate(spec.spec_for(version).cells):
        if cell.type == spec.DECIMAL:
            cells[cell.key] = Decimal(f"{i}.25")
        elif cell.signed:
            cells[cell.key] = -(i % 9) - 1
        else:
            cells[cell.key] = (i * 37) % 1009
    year = 2023 if version == spec.FORMAT_2021 else 2020
    return Report(
        source="test",
        title="",
        agency="某市某区测试局",
        year=year,
        format=version,
        sections=dict(SECTIONS_TEXT),
        cells=cells,
    )


def marker_report() -> Report:
    """BLANK and SLASH markers next to numbers; sections 二–四 without lead-in text."""
    base = full_report()
    cells = dict(base.cells)
    cells["active.art20_1.regulations.issued"] = SLASH
    cells["active.art20_8.admin_fees.amount_wan_yuan"] = Decimal("0.5")
    cells["review.other"] = BLANK
    cells["applications.results.withheld.state_secret.research_institution"] = BLANK
    cells["applications.new_received.other_org"] = SLASH
    sections = {k: v for k, v in SECTIONS_TEXT.items() if k not in ("s2_active", "s3_applications")}
    return Report(
        "test", "某区测试局2023年度政府信息公开工作年度报告", "某区测试局", 2023, "2021", sections, cells
    )


def sample_report() -> Report:
    """examples/sample_report.yaml, checked and with its derived totals filled."""
    from assistant.export.service import prepare

    return prepare(SAMPLE_FACTS).report


def normalised_sections(report: Report) -> dict[str, str]:
    """Section texts as a reader gives them back: paragraphs joined by one newline, empties dropped."""
    out = {}
    for key, text in report.sections.items():
        paras = [p.strip() for p in text.split("\n") if p.strip()]
        if paras:
            out[key] = "\n".join(paras)
    return out
