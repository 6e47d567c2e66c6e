"""Applicant columns of Table 2 rows that arithmetic alone determines. Pure helper of `extract`.

1. One applicant type: when every application handled this year (新收 + 上年结转, both known) comes
   from one type, every result row and 结转下年度 given only as a 总计 is that type's (the other types
   have no application, so they are 0 there). Said back: 「申请均来自自然人，办理结果记入自然人栏」.
2. One open type in a row: when the other types of a row are known or have no application left
   (their results already use up their applications), the row's total minus the known parts is the
   last type's.
3. 办理结果总计 by the identity 新收 + 上年结转 = 办理结果 + 结转下年度, per column, once the other three
   are known (never against results already said that exceed it).
4. Nothing came in: when 新收 + 上年结转 of a column is 0 and 结转下年度 is not known, 办理结果总计 and
   结转下年度 can only be 0 there. (Results that use up a positive inflow force the same, but those two
   cells are left to the year-end question: its answer is the clerk's cross-check of the results.)
Rows already given by the message or known before are never changed; only empty cells are proposed.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.consistency import Statement, _added
from assistant.intake.lexicon import COLUMN_NAMES
from assistant.intake.model import ARITHMETIC

_A = "applications."
_NEW, _PREV, _NEXT = _A + "new_received", _A + "carried_over_from_prev", _A + "carried_to_next"
_RESULTS = _A + "results.total"
_TYPES = spec.T2_APPLICANT_COLUMNS


def attribute(statements: list[Statement], known: Mapping[str, Value], version: str) -> list[Statement]:
    """Statements for the empty cells that the year's applications determine exactly."""
    if not any(s.key.startswith(_A) for s in statements):
        return []
    seen = _Seen(known, statements)
    out = _single_type(seen, version) or _one_open_type(seen, version)
    seen.add(out)
    total = _results_total(seen, version)
    seen.add(total)
    bounds = _by_bounds(seen, version)
    seen.add(bounds)
    return out + total + bounds + _column_rest(seen, version)


class _Seen:
    """Integer cells known before (confirmed or pending) and given by this message (these win)."""

    def __init__(self, known: Mapping[str, Value], statements: list[Statement]) -> None:
        self.values: dict[str, int] = {k: v for k, v in known.items() if type(v) is int}
        self.said = {s.key for s in statements}
        self.sources: dict[str, str] = {}
        self.first = next(s.source for s in statements if s.key.startswith(_A))
        self.add(statements)

    def add(self, statements: list[Statement]) -> None:
        by_key: dict[str, list[Statement]] = {}
        for s in statements:
            by_key.setdefault(s.key, []).append(s)
        for key, items in by_key.items():
            explicit = [s for s in items if not s.inferred] or items
            one = _added(explicit) or (explicit[0] if len({s.value for s in explicit}) == 1 else None)
            if one is None or type(one.value) is not int:  # numbers that disagree: resolve asks
                self.values.pop(key, None)
                continue
            self.values[key] = one.value
            self.sources.setdefault(key.rsplit(".", 1)[0], one.source)

    def get(self, key: str) -> int | None:
        return self.values.get(key)

    def source(self, row: str) -> str:
        return self.sources.get(row, self.first)


def _rows(version: str) -> list[str]:
    return [_A + r for r in spec.t2_result_leaves(version)] + [_NEXT]


def _inflow(seen: _Seen, col: str) -> int | None:
    values = [seen.get(f"{r}.{col}") for r in (_NEW, _PREV)]
    return None if None in values else sum(values)  # type: ignore[arg-type]


SINGLE_TYPE = "申请均来自"  # the note of cells put in the one applicant type there is (code's arithmetic)


def _single_type(seen: _Seen, version: str) -> list[Statement]:
    total = _inflow(seen, "total")
    if not total:
        return []
    sole = [c for c in _TYPES if _inflow(seen, c) == total]
    if len(sole) != 1:
        return []
    col, name = sole[0], COLUMN_NAMES.get(sole[0], sole[0])
    note = f"{SINGLE_TYPE}{name}，办理结果记入{name}栏"
    out: list[Statement] = []
    for row in [*_rows(version), _RESULTS]:
        value = seen.get(f"{row}.total")
        parts = [f"{row}.{c}" for c in _TYPES]
        said = f"{row}.total" in seen.said and not seen.said.intersection(parts)  # a total said (again)
        if value is None or not (said or not any(k in seen.values for k in parts)):
            continue
        src = seen.source(row)
        for c, k in zip(_TYPES, parts, strict=True):
            want = value if c == col else 0
            if seen.get(k) != want:
                why = note if c == col else f"今年没有{COLUMN_NAMES.get(c, c)}的申请"
                out.append(Statement(k, want, src, True, why))
    return out


def _left(seen: _Seen, col: str, version: str) -> int | None:
    """Applications of `col` without a known result (结转下年度 counted when known); None if unknown."""
    inflow = _inflow(seen, col)
    if inflow is None:
        return None
    done = sum(v for r in _rows(version) if (v := seen.get(f"{r}.{col}")) is not None)
    return inflow - done


def _one_open_type(seen: _Seen, version: str) -> list[Statement]:
    out: list[Statement] = []
    for row in _rows(version):
        total = seen.get(f"{row}.total")
        if total is None:
            continue
        unknown = [c for c in _TYPES if f"{row}.{c}" not in seen.values]
        open_ = [c for c in unknown if _left(seen, c, version) != 0]
        if len(unknown) < 1 or len(open_) != 1:
            continue
        rest = total - sum(seen.get(f"{row}.{c}") or 0 for c in _TYPES)
        left = _left(seen, open_[0], version)
        if rest < 0 or (left is not None and rest > left):
            continue
        src, name = seen.source(row), COLUMN_NAMES.get(open_[0], open_[0])
        out.append(Statement(f"{row}.{open_[0]}", rest, src, True, f"其余{rest}件只能是{name}的申请"))
        out += [
            Statement(f"{row}.{c}", 0, src, True, "这类申请人的申请都已有办理结果")
            for c in unknown
            if c != open_[0]
        ]
    return out


def _results_total(seen: _Seen, version: str) -> list[Statement]:
    out: list[Statement] = []
    leaves = [_A + r for r in spec.t2_result_leaves(version)]
    for col, _ in spec.T2_COLUMNS:
        key = f"{_RESULTS}.{col}"
        inflow, nxt = _inflow(seen, col), seen.get(f"{_NEXT}.{col}")
        if key in seen.values or inflow is None or nxt is None or inflow < nxt:
            continue
        done = sum(v for r in leaves if (v := seen.get(f"{r}.{col}")) is not None)
        value = inflow - nxt
        if done > value:
            continue
        note = f"新收{seen.get(f'{_NEW}.{col}')}＋上年结转{seen.get(f'{_PREV}.{col}')}－结转下年度{nxt}"
        out.append(Statement(key, value, seen.source(_NEXT), True, note))
    return out


def _column_rest(seen: _Seen, version: str) -> list[Statement]:
    """Results said so far that make up all of 办理结果总计 (the rows not said are 0): a type's
    办理结果总计 less its known results belongs to the one said row where the type is still open."""
    leaves = [_A + r for r in spec.t2_result_leaves(version)]
    said = {r: v for r in leaves if (v := seen.get(f"{r}.total"))}
    if not said or seen.get(f"{_RESULTS}.total") != sum(said.values()):
        return []
    out: list[Statement] = []
    for col in _TYPES:
        col_total = seen.get(f"{_RESULTS}.{col}")
        open_rows = [r for r in said if f"{r}.{col}" not in seen.values and not _row_closed(seen, r)]
        if col_total is None or len(open_rows) != 1:
            continue
        row = open_rows[0]
        rest = col_total - sum(v for r in leaves if (v := seen.get(f"{r}.{col}")) is not None)
        if 0 <= rest <= said[row]:
            name = COLUMN_NAMES.get(col, col)
            why = f"{name}办结{col_total}件，其余办理结果已知，余下{rest}件属于这一项"
            out.append(Statement(f"{row}.{col}", rest, seen.source(row), True, why))
    return out


def _row_closed(seen: _Seen, row: str) -> bool:
    """The types known in a row already add up to its total: the others are 0 there."""
    return seen.get(f"{row}.total") == sum(seen.get(f"{row}.{c}") or 0 for c in _TYPES)


def _by_bounds(seen: _Seen, version: str) -> list[Statement]:
    """No application this year nor carried over in a column: no result and nothing left for next year."""
    out: list[Statement] = []
    why = f"{ARITHMETIC}新收和上年结转均为0，没有可办理的申请"
    for col, _ in spec.T2_COLUMNS:
        nxt, res = f"{_NEXT}.{col}", f"{_RESULTS}.{col}"
        if _inflow(seen, col) != 0 or nxt in seen.values or res in seen.values:
            continue
        src = seen.source(_PREV if f"{_PREV}.{col}" in seen.said else _NEW)
        out += [Statement(res, 0, src, True, why), Statement(nxt, 0, src, True, why)]
    return out
