"""Plausibility questions from the data: what an experienced reviewer would ask the staff.

Pure. These are questions, not findings: nothing here is wrong by rule (the engine reports rule
failures), but each is something the report's text usually has to explain.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.core import spec
from assistant.core.engine import fill
from assistant.core.facts import ReportFacts
from assistant.core.numbers import KIND_COUNT, extract_numbers, format_number
from assistant.intake.narrative import split_sentences

_A = "applications."
LARGE_CHANGE_RATIO = Decimal("0.5")  # more than 50 % …
LARGE_CHANGE_MIN = 5  # … and at least 5 件

_YEAR_ON_YEAR: tuple[tuple[tuple[str, ...], str, str], ...] = (
    ((f"{_A}new_received.total",), "新收政府信息公开申请", "件"),
    (("review.total",), "政府信息公开行政复议", "件"),
    (("litigation_direct.total", "litigation_after_review.total"), "政府信息公开行政诉讼", "件"),
    (("active.art20_1.normative_docs.issued",), "制发行政规范性文件", "件"),
    (("active.art20_5.admin_license.decisions",), "行政许可决定", "个"),
    (("active.art20_6.admin_penalty.decisions",), "行政处罚决定", "个"),
    (("active.art20_6.admin_coercion.decisions",), "行政强制决定", "个"),
)
_DOCS = (("regulations", "规章"), ("normative_docs", "行政规范性文件"))


def plausibility_questions(facts: ReportFacts, previous: ReportFacts | None = None) -> list[str]:
    """Chinese questions about corrections, large year-on-year changes, carry-overs and stocks that do
    not roll forward, and narrative that contradicts the tables. `previous` is last year's facts."""
    cur = fill(facts)[0]
    out = _corrections(cur) + _other_outcomes(cur) + _narrative_vs_tables(cur)
    if previous is not None:
        prev = fill(previous)[0]
        out += _year_on_year(cur, prev) + _carry_over(cur, prev) + _in_force(cur, prev)
    return out


def _n(facts: ReportFacts, key: str) -> int | Decimal | None:
    return facts.number(key) if key in facts.spec.by_key else None


def _corrections(cur: ReportFacts) -> list[str]:
    out = []
    for group, path in spec.T3_GROUPS:
        n = _n(cur, f"{group}.corrected")
        if n:
            name = "·".join(path)
            out.append(
                f"{name}中有{format_number(n)}件结果纠正。请说明被纠正的是什么事项、纠正的原因，以及采取了哪些"
                "整改措施（这些内容通常写入“五、存在的主要问题及改进情况”）。"
            )
    return out


def _other_outcomes(cur: ReportFacts) -> list[str]:
    n = _n(cur, f"{_A}results.other.other.total")
    if not n:
        return []
    return [
        f"办理结果“（六）其他处理 3.其他”有{format_number(n)}件，请说明具体是什么情形（例如申请人主动撤回申请）。"
    ]


def _narrative_vs_tables(cur: ReportFacts) -> list[str]:
    received = (_n(cur, f"{_A}new_received.total") or 0) + (_n(cur, f"{_A}carried_over_from_prev.total") or 0)
    if received or _n(cur, f"{_A}new_received.total") is None:
        return []
    for key, text in cur.narrative.items():
        for sentence in split_sentences(text or ""):
            if "申请" in sentence and any(
                m.kind == KIND_COUNT and m.value > 0 for m in extract_numbers(sentence)
            ):
                label = spec.NARRATIVE_LABELS.get(key, key)
                return [
                    f"表格中本年新收和上年结转的申请都是0件，但“{label}”中写道“{sentence}”。"
                    "请核实申请数字或修改这段文字。"
                ]
    return []


def _year_on_year(cur: ReportFacts, prev: ReportFacts) -> list[str]:
    out = []
    for keys, name, unit in _YEAR_ON_YEAR:
        now = _sum(cur, keys)
        before = _sum(prev, keys)
        if now is None or before is None or abs(now - before) < LARGE_CHANGE_MIN:
            continue
        if before and abs(now - before) <= before * LARGE_CHANGE_RATIO:
            continue
        if before == 0:
            change = f"上年为0{unit}，本年为{format_number(now)}{unit}"
        else:
            pct = (Decimal(now - before) / Decimal(before) * 100).quantize(Decimal(1))
            word = "增长" if now > before else "下降"
            change = f"本年{format_number(now)}{unit}，较上年{format_number(before)}{unit}{word}{abs(pct)}%"
        out.append(
            f"{name}{change}，变化较大。请简要说明原因（例如机构职能调整、专项工作等），以便写入报告。"
        )
    return out


def _sum(facts: ReportFacts, keys: tuple[str, ...]) -> int | Decimal | None:
    values = [_n(facts, k) for k in keys]
    if any(v is None for v in values):
        return None
    return sum(values)  # type: ignore[arg-type]


def _carry_over(cur: ReportFacts, prev: ReportFacts) -> list[str]:
    if prev.year != cur.year - 1:
        return []
    diffs = []
    for col, path in spec.T2_COLUMNS:
        now = _n(cur, f"{_A}carried_over_from_prev.{col}")
        before = _n(prev, f"{_A}carried_to_next.{col}")
        if now is not None and before is not None and now != before:
            diffs.append(f"{path[-1]}：本年填{format_number(now)}件，上年报告为{format_number(before)}件")
    if not diffs:
        return []
    return [
        "“二、上年结转政府信息公开申请数量”应与上年报告“四、结转下年度继续办理”一致，目前不一致（"
        + "；".join(diffs)
        + "）。请核实；如确有差异（例如申请人撤回），请说明原因。"
    ]


def _in_force(cur: ReportFacts, prev: ReportFacts) -> list[str]:
    out = []
    for doc, name in _DOCS:
        base = f"active.art20_1.{doc}"
        now, issued, repealed = (_n(cur, f"{base}.{c}") for c in ("in_force", "issued", "repealed"))
        before = _n(prev, f"{base}.in_force")
        if None in (now, issued, repealed, before):
            continue
        expected = before + issued - repealed  # type: ignore[operator]
        if now != expected:
            out.append(
                f"{name}现行有效件数为{format_number(now)}件，按上年{format_number(before)}件加本年制发"
                f"{format_number(issued)}件、减本年废止{format_number(repealed)}件应为{format_number(expected)}件。"
                "请核实；如有清理、修订或机构调整等原因，请说明。"
            )
    return out
