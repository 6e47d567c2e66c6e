"""Applicant types whose every application already has its result: the other result rows are 0.

「个人的7件都公开了，公司的2件公开1件、部分公开1件，律师事务所那件没公开」: the 7 applications of
自然人 (新收 7, 上年结转 0) are all 予以公开, so 自然人 is 0 in every other result row the message
speaks of (and those rows' 总计 follows from their parts). Only when both 新收 and 上年结转 of the type
are known, the known results of the type (with its 结转下年度, when known) add up to them exactly, and only for the rows the message
gives numbers in — never a row nothing was said about. Pure helper of `extract`.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.consistency import Statement
from assistant.intake.lexicon import COLUMN_NAMES

_A = "applications."
_IN = (_A + "new_received", _A + "carried_over_from_prev")
_OUT = _A + "carried_to_next"


def exhausted_types(statements: list[Statement], known: Mapping[str, Value], version: str) -> list[Statement]:
    """0 for a type in the message's result rows when the type's results already use up its applications."""
    seen = {**known, **{s.key: s.value for s in statements}}
    leaves = [_A + r for r in spec.t2_result_leaves(version)]
    rows = [r for r in leaves if any(s.key.startswith(r + ".") and s.value for s in statements)]
    if not rows:
        return []
    out: list[Statement] = []
    for col in spec.T2_APPLICANT_COLUMNS:
        inflow = [seen.get(f"{r}.{col}") for r in _IN]
        if not all(isinstance(v, int) for v in inflow) or not sum(inflow):  # type: ignore[arg-type]
            continue
        done = sum(v for r in leaves if isinstance(v := seen.get(f"{r}.{col}"), int))
        left = seen.get(f"{_OUT}.{col}")  # 结转下年度 of the type, when known, is no result
        if done + (left if isinstance(left, int) else 0) != sum(inflow):  # type: ignore[arg-type]
            continue
        name = COLUMN_NAMES.get(col, col)
        why = (
            f"{name}的{done}件申请都已有办理结果" if not left else f"{name}的申请已全部有办理结果或结转下年度"
        )
        for row in rows:
            key = f"{row}.{col}"
            if key not in seen:
                src = next(s.source for s in statements if s.key.startswith(row + "."))
                out.append(Statement(key, 0, src, True, why))
    return out
