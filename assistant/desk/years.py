"""Years: one body over two or more years, as a comparison report (html and docx).

Per pair of consecutive years: the table deltas, largest first; the repetition rate of each
section against the year before; last year's problems (五) and what this year's text says about
each; and the stock roll-forward of 规范性文件 (last year's 现行有效 + 本年制发 − 本年废止).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.audit import AuditResult
from assistant.core import spec
from assistant.core.findings import show
from assistant.desk.dispositions import DeskError
from assistant.desk.fingerprint import normal_agency
from assistant.desk.yeartext import answers_to_problems, sections_of

TOP_DELTAS = 20
NORMATIVE = "active.art20_1.normative_docs"


@dataclass(frozen=True)
class Delta:
    label: str
    before: object
    after: object
    change: float


@dataclass(frozen=True)
class YearPair:
    before: int
    after: int
    deltas: tuple[Delta, ...]
    repetition: tuple[tuple[str, float, int], ...]  # section label, rate, characters
    problems: tuple[tuple[str, str], ...]  # last year's problem, this year's sentence ("" = not addressed)
    rollforward: str


@dataclass(frozen=True)
class YearsReport:
    agency: str
    years: tuple[int, ...]
    pairs: tuple[YearPair, ...]


def build(results: list[AuditResult]) -> YearsReport:
    usable = sorted((r for r in results if r.facts is not None and r.facts.year), key=lambda r: r.facts.year)  # type: ignore[union-attr]
    if len(usable) < 2:
        raise DeskError("跨年度比对至少需要同一机关两个年度的报告")
    bodies = {normal_agency(r.facts.agency) for r in usable}  # type: ignore[union-attr]
    if len(bodies) > 1:
        raise DeskError(
            f"跨年度比对只能针对同一机关，收到了 {len(bodies)} 个机关：{'、'.join(sorted(bodies))}"
        )
    years = [r.facts.year for r in usable]  # type: ignore[union-attr]
    if len(set(years)) != len(years):
        raise DeskError("同一年度有多份报告，请只保留一份")
    pairs = tuple(_pair(a, b) for a, b in zip(usable, usable[1:], strict=False))
    return YearsReport(usable[-1].facts.agency, tuple(years), pairs)  # type: ignore[union-attr]


def _pair(a: AuditResult, b: AuditResult) -> YearPair:
    fa, fb = a.facts, b.facts
    assert fa is not None and fb is not None
    deltas = []
    for cell in fb.spec.cells:
        va, vb = fa.number(cell.key), fb.number(cell.key)
        if va is None or vb is None or va == vb:
            continue
        deltas.append(Delta(f"表{'一二三'[cell.table - 1]} {cell.label}", va, vb, float(vb - va)))
    deltas.sort(key=lambda d: -abs(d.change))
    from assistant.reader.copyrate import copy_rates

    sa, sb = sections_of(a), sections_of(b)
    rates = copy_rates(sb, sa) if sa and sb else {}
    rep = tuple((spec.SECTION_BY_KEY[k].label if k in spec.SECTION_BY_KEY else "全文", r, n)
                for k, (r, n) in rates.items())  # fmt: skip
    problems = tuple(answers_to_problems(sa.get("s5_problems", ""), sb.get("s5_problems", "")))
    return YearPair(fa.year, fb.year, tuple(deltas[:TOP_DELTAS]), rep, problems, _rollforward(fa, fb))


def _rollforward(fa, fb) -> str:
    prev = fa.number(f"{NORMATIVE}.in_force")
    issued, repealed, now = (fb.number(f"{NORMATIVE}.{k}") for k in ("issued", "repealed", "in_force"))
    if None in (prev, issued, repealed, now):
        return "规范性文件数据不全，无法推算"
    expect = prev + issued - repealed
    verdict = "一致" if expect == now else f"不一致，相差 {show(now - expect)}"
    return (f"上年现行有效 {show(prev)} + 本年制发 {show(issued)} − 本年废止 {show(repealed)} = {show(expect)}；"
            f"本年填报现行有效 {show(now)}，{verdict}")  # fmt: skip
