"""Cells the table identities force to 0 in a report being written (never in an audit).

Every cell of the three tables is a non-negative count, so in an identity `sum(lhs) = sum(rhs)`
whose known terms already balance, every absent term standing on one side is 0: 总计12 = 自然人9 +
企业2 + 律所1 leaves the other three types 0; 新收0 + 上年结转0 = (七)总计 + 结转下年度 leaves both 0.

Result rows are the exception: a column's (七)总计 that the rows named so far make up does not force
the rows the clerk never mentioned (they are still asked about and stay blank until answered); it
forces only the other cells of the rows already named with a number (律所的1件部分公开, 企业的2件予以公开
→ 律所的予以公开 0; 结转下年度 is a row like these), and every row only when the column has no application. The same holds for the chain 新收 + 上年结转 = the
result rows + 结转下年度 (the balance with (七)总计 written out), which is how a clerk accounts for a
type's applications one outcome at a time.

When nothing more is forced, a column's (七)总计 is taken from its balance if it is the balance's only
absent cell (`_solved`): it is a total, like every derived one, and its rows are not touched.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import cache

from assistant.core import rules as R
from assistant.core.facts import Marker, Value

_RESULTS = frozenset({"T2_RESULTS_TOTAL_2021", "T2_RESULTS_TOTAL_2019"})
_CHAIN = "T2_COLUMN_CHAIN"
_RESULT_ROWS = ("applications.results.", "applications.carried_to_next.")

Terms = tuple[tuple[str, int], ...]  # (cell key, coefficient) of sum(coef * value) = 0


@cache
def _identities(eqs: tuple[R.Equation, ...]) -> tuple[tuple[str, Terms], ...]:
    """The report's equations as terms, and the chain of each column (its balance with (七)总计 written out)."""
    out: list[tuple[str, Terms]] = []
    results: dict[tuple, R.Equation] = {}
    balances: list[R.Equation] = []
    for eq in eqs:
        terms = tuple((t.key, t.sign) for t in eq.lhs) + tuple((t.key, -t.sign) for t in eq.rhs)
        out.append((eq.rule_id, terms))
        if eq.rule_id in _RESULTS:
            results[eq.vars] = eq
        elif eq.rule_id == "T2_STATED_BALANCE":
            balances.append(eq)
    for bal in balances:
        res = results.get(bal.vars)
        if res is None:
            continue
        leaves = tuple((t.key, -t.sign) for t in res.rhs)
        rest = tuple((t.key, -t.sign) for t in bal.rhs if t.key != res.lhs[0].key)
        out.append((_CHAIN, tuple((t.key, t.sign) for t in bal.lhs) + leaves + rest))
    return tuple(out)


def implied(
    cells: Mapping[str, Value], eqs: tuple[R.Equation, ...], stored: frozenset[str]
) -> dict[str, Value]:
    """The absent cells the identities force to 0, given `cells` (stored and derived so far) and the
    report's equations `eqs`; `stored`: the keys the user gave (which result rows are named). When
    none is forced, the cells one identity solves (`_solved`)."""
    named = {k.rpartition(".")[0] for k in stored if k.startswith(_RESULT_ROWS) and number(cells.get(k))}
    out: dict[str, Value] = {}
    for rule_id, terms in _identities(eqs):
        absent = [(k, c) for k, c in terms if k not in cells and k not in out]
        if not absent or len({c for _, c in absent}) > 1:
            continue
        known = [(number(cells.get(k)), c) for k, c in terms if k in cells]
        if any(v is None for v, _ in known) or sum(c * v for v, c in known) != 0:  # type: ignore[misc]
            continue
        if rule_id in _RESULTS or rule_id == _CHAIN:
            total_zero = all(number(cells.get(k)) == 0 for k, c in terms if k in cells and c != absent[0][1])
            if not total_zero:
                absent = [(k, c) for k, c in absent if k.rpartition(".")[0] in named]
        out.update((k, 0) for k, _ in absent)
    return out or _solved(cells, eqs)


def _solved(cells: Mapping[str, Value], eqs: tuple[R.Equation, ...]) -> dict[str, Value]:
    """The one absent term of an identity where `_solvable` allows it: (七)总计 of a column from its
    balance, 新收 + 上年结转 − 结转下年度 (自然人 9 + 0 − 1 = 8); never negative."""
    out: dict[str, Value] = {}
    for rule_id, terms in _identities(eqs):
        absent = [k for k, _ in terms if k not in cells]
        if len(absent) != 1 or not _solvable(rule_id, absent[0]):
            continue
        known = [(number(cells.get(k)), c) for k, c in terms if k in cells]
        if any(v is None for v, _ in known):
            continue
        value = sum(c * v for v, c in known)  # type: ignore[misc]
        if value >= 0:
            out[absent[0]] = value
    return out


def _solvable(rule_id: str, key: str) -> bool:
    """(七)总计 from a column's balance; one applicant type of a result row from the row's 总计 when
    every other type is known (信访举报 4件 with 企业、律所… all 0 → 自然人 4)."""
    if rule_id == "T2_STATED_BALANCE":
        return key.startswith(_RESULT_ROWS[0])
    return rule_id == "T2_ROW_TOTAL" and key.startswith(_RESULT_ROWS[0]) and not key.endswith(".total")


def number(v: Value | None) -> int | Decimal | None:
    """A cell's value as a number for the identities (a marker such as 「—」 counts 0)."""
    if v is None:
        return None
    return 0 if isinstance(v, Marker) else v  # type: ignore[return-value]
