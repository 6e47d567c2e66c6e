"""CI's gate: the offline eval suite meets the committed baseline (evals/baseline.json).

`make test` runs this; a metric below its threshold fails the build, named in the message. The
suite is deterministic offline (offline drafter, rule-based intake, hash embedder, scripted model).
"""

from __future__ import annotations

import json

from assistant.evals import (
    DEFAULT_BASELINE,
    METRICS,
    components_for,
    load_baseline,
    load_suite,
    offline_settings,
    render_table,
    run_suite,
    violations,
)
from assistant.evals.metrics import HIGH


def test_offline_suite_meets_the_baseline():
    settings = offline_settings()
    suite = load_suite()
    result = run_suite(suite, components_for("offline", settings), settings)
    thresholds = load_baseline()
    print("\n" + render_table(result, thresholds))
    found = violations(result.values, thresholds)
    assert not found, "\n".join(v.message() for v in found)
    assert all(v.value is not None for v in result.values.values())  # every metric was measured


def test_the_suite_has_enough_cases_of_every_kind():
    suite = load_suite()
    assert suite.count() >= 30 and suite.files >= 30
    assert all(
        len(getattr(suite, kind)) >= 5 for kind in ("drafts", "guard", "injection", "intake", "retrieval")
    )
    assert any(c.control for c in suite.guard) and any(not c.control for c in suite.guard)
    assert any(not c.reaches_prompt for c in suite.injection)


def test_baseline_covers_every_metric_for_both_backends():
    doc = json.loads(DEFAULT_BASELINE.read_text(encoding="utf-8"))
    for backend in ("offline", "openai"):
        thresholds = load_baseline(DEFAULT_BASELINE, backend)
        assert set(thresholds) == {m.key for m in METRICS}
        for m in METRICS:
            bound = "min" if m.better == HIGH else "max"
            assert bound in doc[backend]["thresholds"][m.key]
