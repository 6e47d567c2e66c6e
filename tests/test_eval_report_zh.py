"""`assistant eval`'s printed output is Chinese only; `--json` keeps the English keys."""

from __future__ import annotations

import re

from assistant.evals import load_baseline, render_misses, render_table, render_verdict, to_json, violations
from assistant.evals.metrics import CaseFailure, MetricValue, PartResult, count, ratio
from assistant.evals.runner import SuiteResult

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def _result() -> SuiteResult:
    drafts = PartResult(
        "drafts", [count("prose_lint", 2, 15, "篇"), ratio("topic_coverage", 9, 10)], cases=15
    )
    drafts.failures.append(CaseFailure("县林业局-口语", "prose_lint", "“这块”未改为书面语"))
    talk = PartResult("conversations", [MetricValue("conversations_exact", None)], cases=3)
    return SuiteResult("offline", [drafts, talk], seconds=3.2, cases=18, files=18)


def test_the_printed_table_verdict_and_misses_have_no_english():
    result, thresholds = _result(), load_baseline()
    found = violations(result.values, thresholds)
    assert {v.key for v in found} >= {"prose_lint", "conversations_exact"}  # a below-baseline run
    text = "\n".join([render_table(result, thresholds), render_misses(result), render_verdict(found)])
    assert "未达到基线" in text and "正文文字问题数" in text and "未测得" in text
    assert LATIN_WORD.findall(text) == [], text


def test_a_passing_run_says_so_in_chinese():
    assert render_verdict([]) == "全部指标达到基线。"
    assert render_misses(SuiteResult("offline")) == "所有用例均符合预期。"


def test_the_json_keeps_the_english_keys():
    result, thresholds = _result(), load_baseline()
    data = to_json(result, thresholds)
    assert data["metrics"]["prose_lint"]["en"] == "prose lint findings in final drafts"
    assert {v["metric"] for v in data["violations"]} >= {"prose_lint", "conversations_exact"}
    assert data["failures"][0]["metric"] == "prose_lint"
