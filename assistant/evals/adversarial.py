"""Guard cases: scripted model outputs with planted defects → the findings the guard must raise.

The text of a case is the offline draft of its section (or a literal text), edited by the case:
replace a phrase, drop sentences, append text. Catch rate: expected findings raised / expected.
Clean controls (no expected finding) measure false alarms: every error finding on them counts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.core.facts import ReportFacts
from assistant.core.findings import Finding
from assistant.core.report import Report
from assistant.drafting.exemplars import MemoryExemplar, MemoryRetriever, gather
from assistant.drafting.grounding import Grounding, build_grounding
from assistant.drafting.guard import GuardResult, check_section
from assistant.drafting.offline import offline_section
from assistant.evals.case_types import Expected, GuardCase, TextRecipe
from assistant.evals.metrics import CaseFailure, PartResult, count, ratio

_PIECES = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?|\n")
GuardFn = Callable[[str, str, Grounding], GuardResult]


class RecipeError(Exception):
    """A case's edit does not apply to its text (the case is out of date)."""


def grounding_for(
    facts: ReportFacts, previous: Report | None, exemplars: Sequence[MemoryExemplar] = ()
) -> Grounding:
    """The drafting grounding, with exemplars gathered (masked, filtered) as drafting does."""
    g = build_grounding(facts, previous)
    if exemplars:
        g = g.with_exemplars(gather(MemoryRetriever(exemplars), g.facts)[0])
    return g


def apply_recipe(recipe: TextRecipe, section: str, g: Grounding) -> str:
    """The scripted output: the offline text (or the recipe's text) with the edits applied."""
    text = recipe.text or offline_section(section, g)
    for old, new in recipe.replace:
        if old not in text:
            raise RecipeError(f"要替换的“{old}”不在文本中")
        text = text.replace(old, new)
    for phrase in recipe.remove:
        if phrase not in text:
            raise RecipeError(f"要删除的“{phrase}”不在文本中")
        text = "".join(p for p in _PIECES.findall(text) if phrase not in p)
    return text + recipe.append


def caught(expected: Expected, findings: Sequence[Finding]) -> bool:
    """Whether a finding of the expected rule (about the expected text, if given) was raised."""
    for f in findings:
        if f.rule != expected.rule:
            continue
        if not expected.reported or any(
            expected.reported in str(x) for x in (f.reported, f.where, f.message)
        ):
            return True
    return False


@dataclass
class _Tally:
    hits: int = 0
    expected: int = 0
    alarms: int = 0
    controls: int = 0


def evaluate_guard(cases: tuple[GuardCase, ...], guard: GuardFn = check_section) -> PartResult:
    """Run `guard` on every scripted output; catch rate and false alarms."""
    part = PartResult("guard", cases=len(cases))
    start = time.perf_counter()
    tally = _Tally()
    for case in cases:
        part.failures += score_case(case, guard, tally)
    part.metrics = [
        ratio("guard_catch_rate", tally.hits, tally.expected),
        count("guard_false_alarms", tally.alarms, tally.controls, "段正常文本"),
    ]
    part.seconds = time.perf_counter() - start
    return part


def score_case(case: GuardCase, guard: GuardFn, tally: _Tally) -> list[CaseFailure]:
    g = grounding_for(case.facts, case.previous, case.exemplars)
    try:
        text = apply_recipe(case.recipe, case.section, g)
    except RecipeError as e:
        tally.expected += len(case.expect)
        return [CaseFailure(case.id, "guard_catch_rate", f"用例无法使用：{e}")]
    findings = guard(case.section, text, g).findings
    if case.control:
        errors = [f for f in findings if f.is_error]
        tally.controls += 1
        tally.alarms += len(errors)
        return [CaseFailure(case.id, "guard_false_alarms", f"[{f.rule}] {f.message}") for f in errors]
    out = []
    for e in case.expect:
        tally.expected += 1
        if caught(e, findings):
            tally.hits += 1
        else:
            out.append(CaseFailure(case.id, "guard_catch_rate", f"未检出 {e.label()}"))
    return out
