"""Intake cases: chat messages → the cells the extractor proposes, scored per stated cell.

Accuracy = correct cells / (correct + wrong or extra + missed), over all messages: a wrong value
counts once as extra and once as missed. Cells the extractor infers (zeros implied by a total,
「均为自然人」) are not scored, as in `tests/test_intake_accuracy.py`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from decimal import Decimal

from assistant.core.numbers import format_number
from assistant.evals.case_types import IntakeCase
from assistant.evals.metrics import CaseFailure, PartResult, ratio
from assistant.intake import Extraction, ExtractionContext, extract_message

Extractor = Callable[[str, ExtractionContext], Extraction]


def rule_extractor(message: str, context: ExtractionContext) -> Extraction:
    return extract_message(message, context)


def model_extractor(model: object) -> Extractor:
    """The extractor with a chat model (LLM structured output, validated against the message)."""
    return lambda message, context: extract_message(message, context, model)


def evaluate_intake(cases: tuple[IntakeCase, ...], extractor: Extractor = rule_extractor) -> PartResult:
    part = PartResult("intake", cases=len(cases))
    start = time.perf_counter()
    tp = wrong = exact = 0
    for case in cases:
        got = stated_cells(extractor(case.message, ExtractionContext(topic=case.topic)))
        hits = {k for k, v in got.items() if k in case.expected and case.expected[k] == v}
        tp += len(hits)
        wrong += (len(got) - len(hits)) + (len(case.expected) - len(hits))
        exact += got == dict(case.expected)
        if got != dict(case.expected):
            part.failures.append(CaseFailure(case.id, "intake_accuracy", _miss(case, got)))
    part.metrics = [ratio("intake_accuracy", tp, tp + wrong)]
    part.notes.append(f"逐条完全正确 {exact}/{len(cases)}")
    part.seconds = time.perf_counter() - start
    return part


def stated_cells(extraction: Extraction) -> dict[str, int | Decimal]:
    return {p.key: p.value for p in extraction.proposals if not p.inferred}


def _miss(case: IntakeCase, got: dict[str, int | Decimal]) -> str:
    show = lambda cells: "、".join(f"{k}={format_number(v)}" for k, v in sorted(cells.items())) or "无"  # noqa: E731
    return f"“{case.message[:40]}”识别为 {show(got)}，应为 {show(dict(case.expected))}"
