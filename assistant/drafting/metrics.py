"""Metrics computed by code from the filled tables: group sums, shares, 纠错率, year-on-year changes.

The prose may state these numbers (the guard binds them); the LLM is given them and never computes
anything itself. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.numbers import KIND_AMOUNT, KIND_COUNT, KIND_PERCENT, format_number

Number = int | Decimal


@dataclass(frozen=True)
class Quantity:
    """A named quantity of the tables: a cell or a sum of cells."""

    key: str
    label: str
    unit: str  # 件 / 个 / 万元
    getter: Callable[[ReportFacts], Number | None]

    @property
    def kind(self) -> str:
        return KIND_AMOUNT if self.unit == "万元" else KIND_COUNT

    def of(self, facts: ReportFacts | None) -> Number | None:
        return None if facts is None else self.getter(facts)


@dataclass(frozen=True)
class Metric:
    key: str
    label: str  # Chinese
    value: Decimal
    unit: str  # 件 / 个 / 万元 / %
    base: str = ""  # the quantity it is about
    sign: int | None = None  # for changes: -1, 0, +1
    previous: bool = False  # last year's value of `base`

    @property
    def kind(self) -> str:
        if self.unit == "%":
            return KIND_PERCENT
        return KIND_AMOUNT if self.unit == "万元" else KIND_COUNT

    @property
    def is_change(self) -> bool:
        return self.sign is not None

    def show(self) -> str:
        """As written in prose: 7件, 15.6%, 1.5万元 (changes without sign)."""
        value = abs(self.value) if self.is_change else self.value
        return show_value(value, self.unit)


def show_value(value: Number, unit: str) -> str:
    if unit == "%":
        return f"{format_number(round_half_up(Decimal(value), 1))}%"
    return f"{format_number(value)}{unit}"


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _cell(key: str) -> Callable[[ReportFacts], Number | None]:
    return lambda f: f.number(key) if key in f.spec.by_key else None


def _sum(*keys: str) -> Callable[[ReportFacts], Number | None]:
    def get(f: ReportFacts) -> Number | None:
        values = [f.number(k) for k in keys if k in f.spec.by_key]
        known = [v for v in values if v is not None]
        return sum(known) if known else None  # type: ignore[return-value]

    return get


def _leaves(group: str) -> Callable[[ReportFacts], Number | None]:
    def get(f: ReportFacts) -> Number | None:
        keys = [
            f"applications.{leaf}.total"
            for leaf in spec.t2_result_leaves(f.format)
            if leaf.startswith(f"results.{group}") or (group == "other" and leaf == "results.other_2019")
        ]
        return _sum(*keys)(f)

    return get


_ORG_COLUMNS = tuple(f"applications.new_received.{c}" for c in spec.T2_APPLICANT_COLUMNS[1:])
_A1 = "active.art20_1"
QUANTITIES: tuple[Quantity, ...] = (
    Quantity("applications.new_received.total", "本年新收政府信息公开申请", "件", _cell("applications.new_received.total")),
    Quantity("applications.carried_over_from_prev.total", "上年结转政府信息公开申请", "件", _cell("applications.carried_over_from_prev.total")),
    Quantity("q.applications.in_hand", "本年新收与上年结转申请合计", "件", _sum("applications.new_received.total", "applications.carried_over_from_prev.total")),
    Quantity("applications.results.total.total", "本年度办理结果总计（办结）", "件", _cell("applications.results.total.total")),
    Quantity("applications.results.granted.total", "予以公开", "件", _cell("applications.results.granted.total")),
    Quantity("applications.results.partially_granted.total", "部分公开", "件", _cell("applications.results.partially_granted.total")),
    Quantity("q.applications.withheld", "不予公开（各项合计）", "件", _leaves("withheld")),
    Quantity("q.applications.unable", "无法提供（各项合计）", "件", _leaves("unable")),
    Quantity("q.applications.not_processed", "不予处理（各项合计）", "件", _leaves("not_processed")),
    Quantity("q.applications.other", "其他处理（各项合计）", "件", _leaves("other")),
    Quantity("applications.carried_to_next.total", "结转下年度继续办理", "件", _cell("applications.carried_to_next.total")),
    Quantity("applications.new_received.natural_person", "自然人提出的新收申请", "件", _cell("applications.new_received.natural_person")),
    Quantity("q.applications.new_by_orgs", "法人或其他组织提出的新收申请", "件", _sum(*_ORG_COLUMNS)),
    Quantity("active.art20_1.regulations.issued", "本年制发规章", "件", _cell(f"{_A1}.regulations.issued")),
    Quantity("active.art20_1.normative_docs.issued", "本年制发行政规范性文件", "件", _cell(f"{_A1}.normative_docs.issued")),
    Quantity("active.art20_1.normative_docs.repealed", "本年废止行政规范性文件", "件", _cell(f"{_A1}.normative_docs.repealed")),
    Quantity("active.art20_1.normative_docs.in_force", "现行有效行政规范性文件", "件", _cell(f"{_A1}.normative_docs.in_force")),
    Quantity("q.active.docs_issued", "本年制发规章和行政规范性文件合计", "件", _sum(f"{_A1}.regulations.issued", f"{_A1}.normative_docs.issued")),
    Quantity("active.art20_5.admin_license.decisions", "行政许可处理决定", "个", _cell("active.art20_5.admin_license.decisions")),
    Quantity("active.art20_6.admin_penalty.decisions", "行政处罚处理决定", "个", _cell("active.art20_6.admin_penalty.decisions")),
    Quantity("active.art20_6.admin_coercion.decisions", "行政强制处理决定", "个", _cell("active.art20_6.admin_coercion.decisions")),
    Quantity("q.active.decisions", "行政许可、行政处罚、行政强制处理决定合计", "个", _sum("active.art20_5.admin_license.decisions", "active.art20_6.admin_penalty.decisions", "active.art20_6.admin_coercion.decisions")),
    Quantity("active.art20_8.admin_fees.amount_wan_yuan", "行政事业性收费金额", "万元", _cell("active.art20_8.admin_fees.amount_wan_yuan")),
    Quantity("review.total", "行政复议", "件", _cell("review.total")),
    Quantity("q.review.concluded", "行政复议已审结", "件", _sum("review.upheld", "review.corrected", "review.other")),
    Quantity("q.litigation.total", "行政诉讼（直接起诉与复议后起诉合计）", "件", _sum("litigation_direct.total", "litigation_after_review.total")),
    Quantity("q.litigation.concluded", "行政诉讼已审结", "件", _sum(*(f"litigation_{g}.{o}" for g in ("direct", "after_review") for o in ("upheld", "corrected", "other")))),
    Quantity("q.litigation.upheld", "行政诉讼结果维持", "件", _sum("litigation_direct.upheld", "litigation_after_review.upheld")),
    Quantity("q.litigation.other", "行政诉讼其他结果", "件", _sum("litigation_direct.other", "litigation_after_review.other")),
    Quantity("q.litigation.corrected", "行政诉讼结果纠正", "件", _sum("litigation_direct.corrected", "litigation_after_review.corrected")),
    Quantity("q.litigation.pending", "行政诉讼尚未审结", "件", _sum("litigation_direct.pending", "litigation_after_review.pending")),
)  # fmt: skip
QUANTITY_BY_KEY = {q.key: q for q in QUANTITIES}

# (key, label, numerator quantity/cell, denominator quantity/cell)
SHARES: tuple[tuple[str, str, str, str], ...] = (
    ("share.granted", "予以公开占办结总数的比例", "applications.results.granted.total", "applications.results.total.total"),
    ("share.partially_granted", "部分公开占办结总数的比例", "applications.results.partially_granted.total", "applications.results.total.total"),
    ("share.natural_person", "自然人申请占新收申请的比例", "applications.new_received.natural_person", "applications.new_received.total"),
    ("share.orgs", "法人或其他组织申请占新收申请的比例", "q.applications.new_by_orgs", "applications.new_received.total"),
    ("rate.closed", "办结率（办结数占新收与上年结转之和的比例）", "applications.results.total.total", "q.applications.in_hand"),
    ("rate.review_corrected", "行政复议纠错率（结果纠正占已审结的比例）", "review.corrected", "q.review.concluded"),
    ("rate.litigation_corrected", "行政诉讼纠错率（结果纠正占已审结的比例）", "q.litigation.corrected", "q.litigation.concluded"),
)  # fmt: skip
YOY_KEYS: tuple[str, ...] = (
    "applications.new_received.total",
    "applications.results.total.total",
    "applications.results.granted.total",
    "applications.carried_to_next.total",
    "active.art20_1.normative_docs.issued",
    "q.active.docs_issued",
    "active.art20_5.admin_license.decisions",
    "active.art20_6.admin_penalty.decisions",
    "active.art20_6.admin_coercion.decisions",
    "q.active.decisions",
    "active.art20_8.admin_fees.amount_wan_yuan",
    "review.total",
    "q.litigation.total",
)


def quantity(key: str, facts: ReportFacts | None) -> Number | None:
    q = QUANTITY_BY_KEY.get(key)
    if q is not None:
        return q.of(facts)
    return _cell(key)(facts) if facts is not None else None


def compute_metrics(facts: ReportFacts, previous: ReportFacts | None = None) -> dict[str, Metric]:
    """Every metric of `facts` (filled), and the year-on-year ones when `previous` is given."""
    out: dict[str, Metric] = {}
    for q in QUANTITIES:
        v = q.of(facts)
        if q.key.startswith("q.") and v is not None:
            out[q.key] = Metric(q.key, q.label, Decimal(v), q.unit, base=q.key)
    for key, label, num, den in SHARES:
        n, d = quantity(num, facts), quantity(den, facts)
        if n is not None and d:
            out[key] = Metric(key, label, Decimal(n) * 100 / Decimal(d), "%", base=num)
    if previous is not None:
        for key in YOY_KEYS:
            out.update(_yoy(key, facts, previous))
    return out


def _yoy(key: str, facts: ReportFacts, previous: ReportFacts) -> dict[str, Metric]:
    q = QUANTITY_BY_KEY[key]
    cur, prev = q.of(facts), q.of(previous)
    if cur is None or prev is None:
        return {}
    change = Decimal(cur) - Decimal(prev)
    sign = (change > 0) - (change < 0)
    out = {
        f"prev.{key}": Metric(f"prev.{key}", f"上年{q.label}", Decimal(prev), q.unit, key, previous=True),
        f"yoy.{key}.change": Metric(f"yoy.{key}.change", f"{q.label}较上年增减", change, q.unit, key, sign),
    }
    if prev:
        pct = change * 100 / Decimal(prev)
        out[f"yoy.{key}.pct"] = Metric(f"yoy.{key}.pct", f"{q.label}较上年增减幅度", pct, "%", key, sign)
    return out


def trend_of(metrics: dict[str, Metric], key: str) -> int | None:
    """Sign of the year-on-year change of quantity `key`, if known."""
    m = metrics.get(f"yoy.{key}.change")
    return m.sign if m is not None else None
