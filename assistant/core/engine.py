"""The table engine: fill missing derived totals, then check every rule and collect every finding.

Pure and generic: rules come from `rules.py`, labels from `spec.py`. A given number is never
overwritten: a disagreement is reported as reported vs computed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from assistant.core import rules as R
from assistant.core import spec
from assistant.core.agency import same_agency
from assistant.core.facts import BLANK, Marker, ReportFacts, Value
from assistant.core.findings import ERROR, FAIL, NOT_ASSESSABLE, WARNING, Finding, show
from assistant.core.zeros import implied, number


@dataclass(frozen=True)
class CheckResult:
    facts: ReportFacts  # with derived totals filled
    findings: tuple[Finding, ...]
    derived: frozenset[str] = field(default_factory=frozenset)  # keys the engine filled

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)

    @property
    def ok(self) -> bool:
        return not self.errors


def _rows(version: str) -> tuple[str, ...]:
    return tuple(r for r, _ in spec.t2_rows(version))


@cache
def equations(version: str, scope: str = "report") -> tuple[R.Equation, ...]:
    """The rules of a format expanded over rows and columns (cached: they never change)."""
    out: list[R.Equation] = []
    for rule in R.rules_for(version, scope):
        out.extend(rule.equations(version, _rows(version)))
    return tuple(out)


def fill(facts: ReportFacts, zeros: bool = False) -> tuple[ReportFacts, frozenset[str]]:
    """Fill derived totals that are absent and whose addends are all known. Never overwrites.

    `zeros` (the report being written, never an audit of a published one): also fill the cells that
    the identities force to 0 (`zeros.implied`), so that 自然人9 + 企业2 + 律所1 = 总计12 leaves the
    other types 0 and every total they complete can be derived."""
    cells: dict[str, Value] = dict(facts.cells)
    derived: set[str] = set()
    eqs = [e for e in equations(facts.format) if e.fills]
    changed = True
    while changed:
        changed = False
        for eq in eqs:
            target = eq.lhs[0].key
            if target in cells:
                continue
            values = [_num(cells, t.key) for t in eq.rhs]
            if any(v is None for v in values):
                continue
            cells[target] = sum(t.sign * v for t, v in zip(eq.rhs, values, strict=True))  # type: ignore[misc]
            derived.add(target)
            changed = True
        if zeros and not changed:
            forced = implied(cells, equations(facts.format), frozenset(facts.cells))
            cells.update(forced)
            derived.update(forced)
            changed = bool(forced)
    return facts.with_cells(cells), frozenset(derived)


def _num(cells: dict[str, Value], key: str) -> int | Decimal | None:
    return number(cells.get(key))


Subtotals = Mapping[tuple[str, ...], int | Decimal]


def check(
    facts: ReportFacts,
    previous: ReportFacts | None = None,
    subtotals: Subtotals | None = None,
    blank_as_gap: bool = False,
    zeros: bool = False,
) -> CheckResult:
    """Fill, then evaluate every rule of the facts' format; cross-year rules when `previous` is given.

    `subtotals`: printed subtotals of sub-items that were not printed (a collapsed row); a rule
    whose only missing terms are such sub-items is checked with the subtotal in their place.
    `blank_as_gap` (audits of published reports): one blank cell that breaks an identity is a
    completeness warning 「空白，按其他数推算应为 N」, not an arithmetic error. `zeros`: see `fill`.
    """
    filled, derived = fill(facts, zeros)
    findings: list[Finding] = []
    findings += _format_findings(filled)
    findings += _blank_findings(filled)
    findings += _nonneg_findings(filled)
    for eq in equations(filled.format):
        f = _evaluate(eq, filled, None, derived, subtotals or {}, blank_as_gap)
        if f:
            findings.append(f)
    if previous is not None:
        findings += _cross_year(filled, fill(previous)[0])
    return CheckResult(filled, tuple(findings), derived)


def _cross_year(cur: ReportFacts, prev: ReportFacts) -> list[Finding]:
    out: list[Finding] = []
    if not same_agency(cur.agency, prev.agency):
        return [
            Finding(
                "PREVIOUS_AGENCY_MISMATCH",
                WARNING,
                FAIL,
                f"所选上年报告是“{prev.agency}”的，本报告是“{cur.agency}”，不是同一机关，未做跨年度核对；"
                "如机构更名，请在数据文件中使用同一名称",
            )
        ]
    if prev.year and cur.year and prev.year >= cur.year:
        return [
            Finding(
                "PREVIOUS_YEAR_MISMATCH",
                WARNING,
                FAIL,
                f"所选“上年报告”是{prev.year}年度，不早于本报告（{cur.year}年度），未做跨年度核对",
                reported=prev.year,
                computed=cur.year - 1,
            )
        ]
    if prev.year != cur.year - 1:
        out.append(
            Finding(
                "PREVIOUS_YEAR_MISMATCH",
                WARNING,
                FAIL,
                f"对比的上年报告是{prev.year}年度，本报告是{cur.year}年度，跨年度核对按相邻年度进行，请确认所选上年报告",
                reported=prev.year,
                computed=cur.year - 1,
            )
        )
    prev_keys = set(prev.spec.by_key)
    for eq in equations(cur.format, "cross_year"):
        if any(t.key not in prev_keys for t in eq.lhs + eq.rhs if t.scope == R.PREVIOUS):
            continue  # the previous report's form has no such cell (2019 vs 2021 Table 1)
        f = _evaluate(eq, cur, prev)
        if f:
            out.append(f)
    return out


def _evaluate(
    eq: R.Equation,
    cur: ReportFacts,
    prev: ReportFacts | None,
    derived: frozenset[str] = frozenset(),
    subtotals: Subtotals | None = None,
    blank_as_gap: bool = False,
) -> Finding | None:
    rule = R.RULES_BY_ID[eq.rule_id]
    stand_in = _stand_ins(eq, cur, subtotals or {})

    def value(t: R.Term) -> int | Decimal | None:
        if t.scope == R.CURRENT and t.key in stand_in:
            return stand_in[t.key]
        src = prev if t.scope == R.PREVIOUS else cur
        return src.number(t.key) if src is not None else None

    terms = eq.lhs + eq.rhs
    missing = [t for t in terms if value(t) is None]
    keys = tuple(dict.fromkeys(t.key if t.scope == R.CURRENT else f"prev:{t.key}" for t in terms))
    table = cur.spec.cell(eq.subject).table
    if missing:
        names = "、".join(_label(cur, prev, t) for t in missing[:3])
        more = f"等{len(missing)}项" if len(missing) > 3 else ""
        return Finding(
            rule.id,
            rule.severity,
            NOT_ASSESSABLE,
            f"无法核验（{_context(cur, eq)}）：缺少 {names}{more}",
            keys,
            table=table,
        )
    lhs = sum(t.sign * value(t) for t in eq.lhs)  # type: ignore[operator]
    rhs = sum(t.sign * value(t) for t in eq.rhs)  # type: ignore[operator]
    if abs(lhs - rhs) <= rule.tolerance:
        return None
    blank = _blank_gap(eq, cur, lhs - rhs) if blank_as_gap else None
    if blank is not None:
        cell, should = blank
        message = f"{cell.label}：空白，按其他数推算应为 {show(should)}（{_context(cur, eq)}），请补填"
        return Finding(rule.id, WARNING, FAIL, message, keys, BLANK, should, table=table)
    return Finding(
        rule.id, rule.severity, FAIL, _message(rule, cur, eq, lhs, rhs, derived), keys, lhs, rhs, table=table
    )


def _blank_gap(
    eq: R.Equation, cur: ReportFacts, diff: int | Decimal
) -> tuple[spec.Cell, int | Decimal] | None:
    """The one blank cell whose value would make the equation hold, and that value (never negative).

    A blank cell is a completeness gap, not an arithmetic error: when exactly one term of a broken
    identity is blank and a non-negative number in its place makes it hold, say what it should be.
    """
    blanks = [
        (t, side)
        for side, terms in ((1, eq.lhs), (-1, eq.rhs))
        for t in terms
        if t.scope == R.CURRENT and cur.cells.get(t.key) == BLANK and isinstance(cur.cells.get(t.key), Marker)
    ]
    if len({t.key for t, _ in blanks}) != 1:
        return None
    t, side = blanks[0]
    should = -diff * side * t.sign  # signs are ±1
    cell = cur.spec.by_key.get(t.key)
    if cell is None or (should < 0 and not cell.signed):
        return None
    return cell, should


def _stand_ins(eq: R.Equation, cur: ReportFacts, subtotals: Subtotals) -> dict[str, int | Decimal]:
    """Values standing in for absent sub-items: a group's printed subtotal on its first key, 0 on
    the others, when every key of the group is an absent term of the same side and sign."""
    if not subtotals:
        return {}
    signs = {
        t.key: (side, t.sign) for side, ts in ((1, eq.lhs), (-1, eq.rhs)) for t in ts if t.scope == R.CURRENT
    }
    out: dict[str, int | Decimal] = {}
    for group, printed in subtotals.items():
        if not all(k in signs and k not in cur.cells for k in group):
            continue
        if len({signs[k] for k in group}) == 1:
            out.update({k: (printed if i == 0 else 0) for i, k in enumerate(group)})
    return out


def _label(cur: ReportFacts, prev: ReportFacts | None, t: R.Term) -> str:
    src = prev if (t.scope == R.PREVIOUS and prev is not None) else cur
    cell = src.spec.by_key.get(t.key)
    label = cell.label if cell else t.key
    return f"上年“{label}”" if t.scope == R.PREVIOUS else f"“{label}”"


def _context(cur: ReportFacts, eq: R.Equation) -> str:
    cell = cur.spec.cell(eq.subject)
    return cell.label


def _message(rule: R.Rule, cur: ReportFacts, eq: R.Equation, reported, computed, derived=frozenset()) -> str:
    cell = cur.spec.cell(eq.subject)
    given = cur.cells.get(eq.subject)
    if eq.subject in derived:  # nobody printed this number: say where it comes from
        stated = f"由其他单元格推算为 {show(reported)}"
    elif isinstance(given, Marker) and given == BLANK:
        stated = "空白（按 0 计）"
    else:
        stated = f"填报 {show(reported)}"
    return rule.message.replace("填报 {reported}", stated).format(
        label=cell.label,
        row=cell.row_label,
        col=cell.col_label,
        reported=show(reported),
        computed=show(computed),
        year=cur.year,
    )


def _format_findings(facts: ReportFacts) -> list[Finding]:
    if facts.format == spec.FORMAT_2019 and facts.year >= 2021:
        rule = R.FORMAT_2019_RULE
        return [Finding(rule.id, rule.severity, FAIL, rule.message.format(year=facts.year))]
    return []


def _blank_findings(facts: ReportFacts) -> list[Finding]:
    out = []
    for key, v in facts.cells.items():
        if v is BLANK or (isinstance(v, Marker) and v == BLANK):
            cell = facts.spec.by_key.get(key)
            if cell is None:
                continue
            out.append(
                Finding(
                    "BLANK_CELL",
                    WARNING,
                    FAIL,
                    f"{cell.label}：单元格空白，核算时按 0 计算，建议填写 0",
                    (key,),
                    table=cell.table,
                )
            )
    return out


def _nonneg_findings(facts: ReportFacts) -> list[Finding]:
    out = []
    rule = R.NONNEG
    for cell in facts.spec.cells:
        v = facts.number(cell.key)
        if v is None or cell.signed or v >= 0:
            continue
        out.append(
            Finding(
                rule.id,
                ERROR,
                FAIL,
                rule.message.format(label=cell.label, reported=show(v)),
                (cell.key,),
                v,
                table=cell.table,
            )
        )
    return out


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "not_assessable": 0}
    for f in findings:
        if f.status == NOT_ASSESSABLE:
            counts["not_assessable"] += 1
        elif f.severity == ERROR:
            counts["error"] += 1
        else:
            counts["warning"] += 1
    return counts
