"""Balance in the chat: which table rules the data saved so far already breaks, and one question.

Pure. Two sources of failures: the engine's own findings (`engine.check`, every addend known), and
partial sums the engine cannot assess yet but that already fail — parts known so far that add up to
more than their total (自然人20件 + 企业4件 against 总计23件 with the other types not given yet).
Messages use the official row and column labels; the question names the numbers to check.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from assistant.core import engine, spec
from assistant.core.facts import ReportFacts, Value
from assistant.core.findings import ERROR, FAIL
from assistant.core.numbers import format_number

MAX_SHOWN = 3


@dataclass(frozen=True)
class Imbalance:
    rule: str
    cells: tuple[str, ...]
    message: str  # Chinese, official labels
    question: str  # the one question that resolves it


def imbalances(
    facts: ReportFacts, previous: ReportFacts | None = None, accepted: Iterable[str] = ()
) -> list[Imbalance]:
    """Every error-level rule failing now: complete equations first, then partial sums. `accepted`:
    rules whose difference the user has already been shown and confirmed (not asked again)."""
    filled, _ = engine.fill(facts, zeros=True)
    result = engine.check(facts, previous, zeros=True)
    out = [
        Imbalance(f.rule, tuple(f.cells), f.message, _question(f.cells, filled.format, f.computed))
        for f in result.findings
        if f.status == FAIL and f.severity == ERROR and f.rule not in set(accepted)
    ]
    seen = {c for i in out for c in i.cells[:1]}
    for eq in engine.equations(filled.format):
        if eq.lhs[0].key in seen:
            continue
        partial = _partial(eq, dict(filled.cells), filled.format)
        if partial is not None:
            out.append(partial)
            seen.add(eq.lhs[0].key)
    return out


def _num(cells: dict[str, Value], key: str) -> int | Decimal | None:
    v = cells.get(key)
    return v if isinstance(v, int | Decimal) and not isinstance(v, bool) else None


def _partial(eq, cells: dict[str, Value], version: str) -> Imbalance | None:
    """Known parts already above their total (all terms non-negative counts)."""
    if len(eq.lhs) != 1 or any(t.sign != 1 or t.scope != "cur" for t in eq.rhs):
        return None
    total = _num(cells, eq.lhs[0].key)
    known = [(t.key, _num(cells, t.key)) for t in eq.rhs]
    given = [(k, v) for k, v in known if v is not None and v != 0]
    if total is None or len(given) == len(known) or not given:
        return None
    s = sum(v for _, v in given)
    if s <= total:
        return None
    fspec = spec.spec_for(version)
    parts = " + ".join(f"{_short(fspec, k)}{format_number(v)}" for k, v in given)
    message = (
        f"{fspec.cell(eq.lhs[0].key).label}：填报 {format_number(total)}，"
        f"但已有的分项{parts} = {format_number(s)}，已超过总数，两者不一致"
    )
    row = fspec.cell(eq.lhs[0].key).row_label
    fits = [(k, v) for k, v in given if v >= s - total]  # a part that could be the one too high
    other = f"或“{_short(fspec, fits[-1][0])}是{format_number(fits[-1][1] - (s - total))}件”" if fits else ""
    question = (
        f"请核对“{row}”：总数应是{format_number(s)}件，还是某个分项不对？直接告诉我正确的数，"
        f"例如“总计是{format_number(s)}件”{other}。"
    )
    return Imbalance(eq.rule_id, (eq.lhs[0].key, *(k for k, _ in given)), message, question)


def _short(fspec: spec.FormatSpec, key: str) -> str:
    cell = fspec.cell(key)
    return cell.col_label if cell.col_label and cell.col_label != "总计" else cell.row_label


def _question(cells, version: str, computed=None) -> str:
    fspec = spec.spec_for(version)
    named = [fspec.cell(k).label for k in list(cells)[:3] if k in fspec.by_key]
    if not named:
        return "请核对表格中的这几个数字。"
    example = f"例如“总计是{computed}件”" if computed not in (None, "") else "例如“总计是24件”"
    return (
        f"请核对“{named[0]}”" + (f"与“{'”“'.join(named[1:])}”" if len(named) > 1 else "")
        + f"：哪个数字不对？直接告诉我正确的数，{example}，或说明哪个分项有误。"
    )  # fmt: skip


def balance_lines(
    facts: ReportFacts, previous: ReportFacts | None = None, accepted: Iterable[str] = ()
) -> list[str]:
    """Chat lines: the failing rules (at most three, then a count) and one question; [] if none."""
    found = imbalances(facts, previous, accepted)
    if not found:
        return []
    lines = [f"表格中有{len(found)}处数字不一致："]
    lines += [f"- {i.message}" for i in found[:MAX_SHOWN]]
    if len(found) > MAX_SHOWN:
        lines.append(f"- 另有{len(found) - MAX_SHOWN}处，可在“统计表”页查看")
    lines.append(found[0].question)
    return lines


CROSS_YEAR = "T2_CROSS_YEAR_CARRY"


def accepted_rules(
    accepted: Iterable[str], prefilled: Iterable[str], before: dict, changed: dict
) -> list[str]:
    """A prefilled 上年结转 replaced by the clerk (shown old → new with its source, then confirmed):
    the difference from last year's report is the clerk's decision, not asked again in the chat."""
    prefill = set(prefilled)
    replaced = any(k in prefill and before.get(k) != v for k, v in changed.items())
    return sorted({*accepted, *([CROSS_YEAR] if replaced else [])})
