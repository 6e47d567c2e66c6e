"""`assistant eval [--backend offline|openai] [--json] [--cases DIR] [--baseline FILE]`.

Runs the eval suite (evals/cases) and prints its metrics against the committed baseline
(evals/baseline.json). Offline (the default) needs no key and no network; it is what CI runs.
`--backend openai` runs the same suite against the configured endpoint and writes a dated report
to evals/reports/; without OPENAI_API_KEY it is skipped with a message. Exit code: 0 every metric
meets the baseline (or the live run was skipped), 1 a metric is below it (named), 2 unusable cases
or baseline.
"""

from __future__ import annotations

import argparse
import json
import sys

from assistant.config import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "eval",
        help="运行评测：起草质量、核查能力、注入防护、数据识别和范文检索的指标",
        description="运行评测用例并与基线比较。退出码：0 全部指标达到基线（或在线评测因无密钥跳过），"
        "1 有指标未达到基线，2 用例或基线文件无法使用。",
    )
    p.add_argument(
        "--backend", choices=("offline", "openai"), default="offline",
        help="offline：离线起草与规则识别（默认，CI 使用）；openai：调用已配置的模型，并写出带日期的评测报告",
    )  # fmt: skip
    p.add_argument("--json", action="store_true", help="输出 JSON（指标、基线、未符合预期的用例）")
    p.add_argument("--cases", metavar="DIR", help="评测用例目录（默认 evals/cases）")
    p.add_argument("--baseline", metavar="FILE", help="基线文件（默认 evals/baseline.json）")
    p.add_argument("--reports", metavar="DIR", help="在线评测报告的保存目录（默认 evals/reports）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.evals import (
        DEFAULT_BASELINE,
        DEFAULT_CASES,
        PARTS,
        BaselineError,
        EvalCaseError,
        components_for,
        load_baseline,
        load_suite,
        offline_settings,
        run_suite,
    )

    settings = load_settings()
    if args.backend == "openai" and not settings.has_llm:
        sys.stderr.write(
            "未设置模型接口密钥（OPENAI_API_KEY）：已跳过在线评测（离线评测请运行 assistant eval）\n"
        )
        return 0
    baseline = args.baseline or str(DEFAULT_BASELINE)
    try:
        suite = load_suite(args.cases or DEFAULT_CASES)
        thresholds = load_baseline(baseline, args.backend)
    except (EvalCaseError, BaselineError) as e:
        sys.stderr.write(f"评测无法运行：{e}\n")
        return 2
    if args.backend == "offline":
        settings = offline_settings(settings)
    if not args.json:
        print(f"正在运行评测（{suite.count()} 个用例，{args.backend}）……", file=sys.stderr, flush=True)
    parts = PARTS
    if args.cases:  # a folder of some kinds only: run those, hold only their metrics
        parts = tuple(p for p in PARTS if getattr(suite, p, ()))
    result = run_suite(suite, components_for(args.backend, settings), settings, parts)
    if args.cases:
        thresholds = {k: t for k, t in thresholds.items() if k in result.values}
    return _output(args, result, thresholds, baseline)


def _output(args: argparse.Namespace, result, thresholds, baseline: str) -> int:
    from assistant.evals import (
        render_misses,
        render_table,
        render_verdict,
        to_json,
        violations,
        write_dated_report,
    )

    found = violations(result.values, thresholds)
    written = None
    if args.backend == "openai":
        written = write_dated_report(result, thresholds, *([args.reports] if args.reports else []))
    if args.json:
        data = to_json(result, thresholds, baseline) | {"report": str(written) if written else None}
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_table(result, thresholds))
        print()
        print(render_misses(result))
        for note in result.notes:
            print(f"· {note}")
        print()
        print(render_verdict(found))
        if written:
            print(f"评测报告已写入：{written}")
    return 1 if found else 0
