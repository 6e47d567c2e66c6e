"""The consistency rules of the format, as data (like XBRL calculation arcs).

A rule is an equation over cell keys with `{c}` / `{r}` / `{doc}` placeholders expanded over the
table's columns, rows or documents. Terms may refer to this year's facts or the previous year's
(cross-year rules). The engine (`engine.py`) is generic: it evaluates the expanded equations.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from assistant.core import spec

CURRENT = "cur"
PREVIOUS = "prev"

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Term:
    key: str
    scope: str = CURRENT
    sign: int = 1


@dataclass(frozen=True)
class Equation:
    """`sum(lhs) == sum(rhs)` within tolerance; `subject` is the cell the message is about."""

    rule_id: str
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]
    subject: str
    fills: bool  # lhs is a single derived total that may be filled from rhs
    vars: tuple[tuple[str, str], ...] = ()  # placeholder values, for messages


@dataclass(frozen=True)
class Rule:
    id: str
    lhs: tuple[str, ...]  # term templates: "key" / "prev:key" / "-key"
    rhs: tuple[str, ...]
    for_each: str | None  # "c" (T2 columns), "r" (T2 rows), "doc" (T1 documents) or None
    versions: tuple[str, ...]
    severity: str
    status: str  # stated | implied_by_layout | soft_heuristic
    source: str
    message: str  # Chinese template: {label} {row} {col} {reported} {computed}
    tolerance: Decimal = Decimal(0)
    scope: str = "report"  # report | cross_year
    fills: bool = False

    def equations(self, version: str, rows: tuple[str, ...] = ()) -> list[Equation]:
        if self.for_each == "c":
            bindings = [{"c": c} for c in spec.T2_COLUMN_KEYS]
        elif self.for_each == "r":
            bindings = [{"r": r} for r in rows]
        elif self.for_each == "doc":
            bindings = [{"doc": d} for d in ("regulations", "normative_docs")]
        else:
            bindings = [{}]
        out = []
        for b in bindings:
            lhs = tuple(_term(t, b) for t in _expand(self.lhs, version))
            rhs = tuple(_term(t, b) for t in _expand(self.rhs, version))
            out.append(Equation(self.id, lhs, rhs, lhs[0].key, self.fills, tuple(sorted(b.items()))))
        return out


def _expand(templates: tuple[str, ...], version: str) -> list[str]:
    out: list[str] = []
    for t in templates:
        if t == "@result_leaves":
            out.extend(f"applications.{leaf}.{{c}}" for leaf in spec.t2_result_leaves(version))
        elif t == "@applicant_columns":
            out.extend(f"applications.{{r}}.{col}" for col in spec.T2_APPLICANT_COLUMNS)
        else:
            out.append(t)
    return out


def _term(template: str, binding: dict[str, str]) -> Term:
    sign, scope = 1, CURRENT
    if template.startswith("-"):
        sign, template = -1, template[1:]
    if template.startswith("prev:"):
        scope, template = PREVIOUS, template[5:]
    return Term(template.format(**binding), scope, sign)


_BOTH = (spec.FORMAT_2021, spec.FORMAT_2019)
_FMT = "国办公开办函〔2021〕30号"
_T3 = "表格布局隐含：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"


def _t3_rule(rule_id: str, group: str, label: str) -> Rule:
    parts = ("upheld", "corrected", "other", "pending")
    return Rule(
        id=rule_id,
        lhs=(f"{group}.total",),
        rhs=tuple(f"{group}.{p}" for p in parts),
        for_each=None,
        versions=_BOTH,
        severity=ERROR,
        status="implied_by_layout",
        source=f"{_FMT} 附件表四；{_T3}",
        message=label
        + " / 总计：填报 {reported}，按结果维持、结果纠正、其他结果、尚未审结合计应为 {computed}",
        fills=True,
    )


RULES: tuple[Rule, ...] = (
    Rule(
        id="T2_STATED_BALANCE",
        lhs=("applications.new_received.{c}", "applications.carried_over_from_prev.{c}"),
        rhs=("applications.results.total.{c}", "applications.carried_to_next.{c}"),
        for_each="c",
        versions=_BOTH,
        severity=ERROR,
        status="stated",
        source=f"{_FMT} 附件表三左上角：{spec.CORNER_NOTE}",
        message=(
            "{col}列：一、本年新收与二、上年结转之和为 {reported}，"
            "三、本年度办理结果（七）总计与四、结转下年度继续办理之和为 {computed}，两者应相等"
        ),
    ),
    Rule(
        id="T2_ROW_TOTAL",
        lhs=("applications.{r}.total",),
        rhs=("@applicant_columns",),
        for_each="r",
        versions=_BOTH,
        severity=ERROR,
        status="implied_by_layout",
        source=f"{_FMT} 附件表三：总计 = 自然人 + 法人或其他组织的五个分项",
        message="{row} / 总计：填报 {reported}，按自然人及法人或其他组织各分项合计应为 {computed}",
        fills=True,
    ),
    Rule(
        id="T2_RESULTS_TOTAL_2021",
        lhs=("applications.results.total.{c}",),
        rhs=("@result_leaves",),
        for_each="c",
        versions=(spec.FORMAT_2021,),
        severity=ERROR,
        status="implied_by_layout",
        source=f"{_FMT} 附件表三：（七）总计 = （一）至（六）各分项之和",
        message="三、本年度办理结果（七）总计 / {col}：填报 {reported}，按分项合计应为 {computed}",
        fills=True,
    ),
    Rule(
        id="T2_RESULTS_TOTAL_2019",
        lhs=("applications.results.total.{c}",),
        rhs=("@result_leaves",),
        for_each="c",
        versions=(spec.FORMAT_2019,),
        severity=ERROR,
        status="implied_by_layout",
        source="国办公开办函〔2019〕60号 附件表三：（七）总计 = （一）至（六）各项之和",
        message="三、本年度办理结果（七）总计 / {col}：填报 {reported}，按分项合计应为 {computed}",
        fills=True,
    ),
    _t3_rule("T3_REVIEW_TOTAL", "review", "行政复议"),
    _t3_rule("T3_LIT_DIRECT_TOTAL", "litigation_direct", "行政诉讼·未经复议直接起诉"),
    _t3_rule("T3_LIT_AFTER_REVIEW_TOTAL", "litigation_after_review", "行政诉讼·复议后起诉"),
    Rule(
        id="T2_CROSS_YEAR_CARRY",
        lhs=("applications.carried_over_from_prev.{c}",),
        rhs=("prev:applications.carried_to_next.{c}",),
        for_each="c",
        versions=_BOTH,
        severity=ERROR,
        status="soft_heuristic",
        source="按表意：本年“二、上年结转”应等于上年“四、结转下年度继续办理”（各地审核均按此核对）",
        message="二、上年结转政府信息公开申请数量 / {col}：填报 {reported}，上年报告“四、结转下年度继续办理”为 {computed}",
        scope="cross_year",
    ),
    Rule(
        id="T1_IN_FORCE_ROLLFORWARD",
        lhs=("active.art20_1.{doc}.in_force",),
        rhs=(
            "prev:active.art20_1.{doc}.in_force",
            "active.art20_1.{doc}.issued",
            "-active.art20_1.{doc}.repealed",
        ),
        for_each="doc",
        versions=(spec.FORMAT_2021,),
        severity=WARNING,
        status="soft_heuristic",
        source="非官方规则：现行有效件数 ≈ 上年现行有效件数 + 本年制发件数 − 本年废止件数（清理、修订、机构调整时可合理不符）",
        message="{row} / 现行有效件数：填报 {reported}，按上年现行有效件数加本年制发减本年废止应为 {computed}，请核实",
        scope="cross_year",
    ),
)

NONNEG = Rule(
    id="NONNEG",
    lhs=(),
    rhs=(),
    for_each=None,
    versions=_BOTH,
    severity=ERROR,
    status="implied",
    source="各单元格为件数或金额，不能为负数（2019年格式的“本年增/减”除外）",
    message="{label}：填报 {reported}，不能为负数",
)

FORMAT_2019_RULE = Rule(
    id="FORMAT_2019",
    lhs=(),
    rhs=(),
    for_each=None,
    versions=(spec.FORMAT_2019,),
    severity=ERROR,
    status="stated",
    source=f"{_FMT}：2021年度起的年报应使用修订后的格式",
    message="{year}年度报告使用了已废止的2019年试行表格格式，应改用国办公开办函〔2021〕30号的修订格式",
)

RULES_BY_ID = {r.id: r for r in RULES + (NONNEG, FORMAT_2019_RULE)}


def rules_for(version: str, scope: str = "report") -> tuple[Rule, ...]:
    return tuple(r for r in RULES if version in r.versions and r.scope == scope)
