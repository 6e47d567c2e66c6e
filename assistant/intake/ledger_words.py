"""Ledger labels in everyday words, read with the chat's phrase lexicon (pure helper of `ledger_table`).

A ledger's 办理结果 is often written the way a clerk speaks: 「不予公开（涉及第三方隐私）」,
「无此信息（非本机关掌握）」, 「告知向其他部门申请」. When the official labels and their synonyms do not
know a text, the chat's row patterns (`lexicon.ROWS`) are tried: the text is read as a result row only
if exactly one result row of the report's format is named and any group named (不予公开, 无法提供 …)
contains it. The same for 申请人类型 with the chat's applicant patterns: exactly one type. Every label
read this way is listed back to the clerk (ledger `mapped`), never taken silently.
"""

from __future__ import annotations

from assistant.core import spec
from assistant.intake.lexicon import COLUMNS, LEGAL_PERSONS, T2
from assistant.intake.phrases import row_matches

_A = "applications."


def outcome_row(text: str, version: str) -> str | None:
    """The result row key (``results.…``) an everyday outcome text names, or None."""
    rows = dict(spec.t2_rows(version))
    leaves: set[str] = set()
    groups = []
    for _, row in row_matches(text):
        key = row.key.removeprefix(_A)
        if row.key.startswith("group:"):
            groups.append({k.removeprefix(_A) for k in row.leaves})
        elif key.startswith("results.") and key != "results.total" and key in rows:
            leaves.add(key)
        elif row.kind == T2 or row.key.startswith(_A):
            return None  # 「结转」「收到」…: not an outcome
    if groups:  # 「不予公开……第三方不同意公开」: the 公开 of 「不同意公开」 is not 予以公开
        leaves = {leaf for leaf in leaves if all(leaf in g for g in groups)}
    return leaves.pop() if len(leaves) == 1 else None


def applicant_column(text: str) -> str | None:
    """The applicant column an everyday type names (「个体工商户」「村委会」), or None (none, or several)."""
    found = {col for col, p in COLUMNS[T2] if col != "total" and p.search(text)}
    return found.pop() if len(found) == 1 and LEGAL_PERSONS not in found else None  # 法人或其他组织: which?
