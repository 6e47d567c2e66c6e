"""Fixes from a new-user review of the chat intake: narrative read as 「没有」, corrections, 「都予以公开」,
repeated questions, wording, and short outcome forms in ledgers."""

from __future__ import annotations

import pytest

from assistant.intake import read_ledger

A = "applications."


# ---------------------------------------------------------------- 6. ledger short outcome forms


@pytest.mark.parametrize(
    ("outcome", "row"),
    [
        ("不掌握", "results.unable.not_held"),
        ("需另行制作", "results.unable.needs_creation"),
        ("另行制作", "results.unable.needs_creation"),
        ("重复", "results.not_processed.duplicate"),
        ("信访", "results.not_processed.petition_complaint"),
        ("出版物", "results.not_processed.publication"),
        ("逾期不补正", "results.other.no_correction_overdue"),
        ("逾期未缴费", "results.other.fee_unpaid_overdue"),
    ],
)
def test_ledger_accepts_short_outcome_forms(outcome: str, row: str) -> None:
    text = f"收到日期,申请人类型,办理结果,办结日期\n2024-03-01,自然人,{outcome},2024-03-20\n"
    result = read_ledger(text.encode("utf-8"), "台账.csv", 2024)
    assert result.ok, result.message()
    assert result.cells[f"{A}{row}.natural_person"] == 1


@pytest.mark.parametrize("outcome", ["不予公开", "其他"])
def test_ledger_still_refuses_ambiguous_outcomes(outcome: str) -> None:
    text = f"收到日期,申请人类型,办理结果,办结日期\n2024-03-01,自然人,{outcome},2024-03-20\n"
    assert not read_ledger(text.encode("utf-8"), "台账.csv", 2024).ok
