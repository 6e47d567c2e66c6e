"""The eval suite (DESIGN.md §1.9, issue 8): measured draft quality, intake accuracy, guard strength.

Cases are data files under `evals/cases/` (`cases.py`); the runner (`runner.py`) drafts, guards,
extracts and retrieves with the product's own functions and measures the results; `metrics.py`
holds the metric definitions and the committed baseline (`evals/baseline.json`) they must meet;
`report.py` prints the table and writes dated reports of live runs. `assistant eval` is the shell.
"""

from assistant.evals.cases import DEFAULT_CASES, EvalCaseError, load_suite
from assistant.evals.metrics import (
    DEFAULT_BASELINE,
    METRICS,
    BaselineError,
    MetricValue,
    Threshold,
    Violation,
    load_baseline,
    violations,
)
from assistant.evals.report import render_misses, render_table, render_verdict, to_json, write_dated_report
from assistant.evals.runner import PARTS, Components, SuiteResult, components_for, offline_settings, run_suite

__all__ = [
    "DEFAULT_BASELINE",
    "DEFAULT_CASES",
    "METRICS",
    "PARTS",
    "BaselineError",
    "Components",
    "EvalCaseError",
    "MetricValue",
    "SuiteResult",
    "Threshold",
    "Violation",
    "components_for",
    "load_baseline",
    "load_suite",
    "offline_settings",
    "render_misses",
    "render_table",
    "render_verdict",
    "run_suite",
    "to_json",
    "violations",
    "write_dated_report",
]
