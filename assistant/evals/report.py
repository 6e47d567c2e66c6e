"""The suite's results for people (a Chinese table) and for machines (JSON with English keys, dated reports)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.evals.cases import REPO
from assistant.evals.metrics import METRIC_BY_KEY, Threshold, Violation, format_value, violations
from assistant.evals.runner import SuiteResult

DEFAULT_REPORTS = REPO / "evals" / "reports"
PART_NAMES = {
    "drafts": "起草",
    "guard": "核查",
    "injection": "注入",
    "intake": "识别",
    "retrieval": "检索",
    "conversations": "对话",
}
BACKEND_NAMES = {"offline": "离线", "openai": "模型接口"}
MAX_MISSES_SHOWN = 25


def metric_name(key: str) -> str:
    m = METRIC_BY_KEY.get(key)
    return m.zh if m else key


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, n: int) -> str:
    return text + " " * max(0, n - width(text))


def render_table(result: SuiteResult, thresholds: Mapping[str, Threshold]) -> str:
    """The metrics table: one metric a line (Chinese only; `--json` keeps the English keys), with the baseline."""
    model = f"，模型：{result.model}" if result.model else ""
    lines = [
        f"评测结果 — 后端：{BACKEND_NAMES.get(result.backend, result.backend)}{model}；"
        f"用例 {result.cases} 个（文件 {result.files} 个）",
        pad("指标", 44) + pad("数值", 12) + pad("基线", 16) + pad("结果", 14) + "依据",
    ]
    lines.append("─" * 100)
    for key, v in result.values.items():
        m, t = METRIC_BY_KEY[key], thresholds.get(key)
        verdict = "—" if t is None else ("✓ 通过" if t.met(v.value) else "✗ 未达标")
        lines.append(
            pad(m.zh, 44) + pad(format_value(key, v.value), 12) + pad(t.show() if t else "（无）", 16)
            + pad(verdict, 14) + v.detail
        )  # fmt: skip
    lines.append("─" * 100)
    lines.append(timing_line(result))
    return "\n".join(lines)


def timing_line(result: SuiteResult) -> str:
    parts = " · ".join(f"{PART_NAMES.get(p.name, p.name)} {p.seconds:.1f} 秒" for p in result.parts)
    return f"用时：{result.seconds:.1f} 秒（{parts}）"


def render_misses(result: SuiteResult, limit: int = MAX_MISSES_SHOWN) -> str:
    misses = result.failures
    if not misses:
        return "所有用例均符合预期。"
    lines = [f"未符合预期的用例（{len(misses)} 条）："]
    for f in misses[:limit]:
        lines.append(f"  · 〔{metric_name(f.metric)}〕{f.case}：{f.detail}")
    if len(misses) > limit:
        lines.append(f"  ……另有 {len(misses) - limit} 条，见 --json")
    return "\n".join(lines)


def render_verdict(found: list[Violation]) -> str:
    if not found:
        return "全部指标达到基线。"
    return "\n".join(["未达到基线："] + [f"  ✗ {v.message()}" for v in found])


def to_json(result: SuiteResult, thresholds: Mapping[str, Threshold], baseline: str = "") -> dict[str, Any]:
    found = violations(result.values, thresholds)
    failed = {v.key for v in found}
    metrics = {}
    for key, v in result.values.items():
        m, t = METRIC_BY_KEY[key], thresholds.get(key)
        metrics[key] = {
            "zh": m.zh, "en": m.en, "value": v.value, "n": v.n, "detail": v.detail, "better": m.better,
            "threshold": t.limit if t else None, "ok": key not in failed,
        }  # fmt: skip
    return {
        "backend": result.backend,
        "model": result.model,
        "cases": result.cases,
        "files": result.files,
        "seconds": round(result.seconds, 3),
        "timings": {p.name: round(p.seconds, 3) for p in result.parts},
        "baseline": baseline,
        "metrics": metrics,
        "violations": [{"metric": v.key, "message": v.message()} for v in found],
        "failures": [f.to_json() for f in result.failures],
        "notes": result.notes,
    }


def write_dated_report(
    result: SuiteResult,
    thresholds: Mapping[str, Threshold],
    folder: str | Path = DEFAULT_REPORTS,
    now: datetime | None = None,
) -> Path:
    """evals/reports/<date>-<backend>[-<model>].md and .json; returns the .md path."""
    now = now or datetime.now()
    name = "-".join(x for x in (now.strftime("%Y-%m-%d"), result.backend, _slug(result.model)) if x)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    data = to_json(result, thresholds) | {"date": now.isoformat(timespec="seconds")}
    (out / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    found = violations(result.values, thresholds)
    body = [
        f"# 评测报告 {now:%Y-%m-%d %H:%M}",
        "",
        "```",
        render_table(result, thresholds),
        "```",
        "",
        render_verdict(found),
        "",
        render_misses(result, limit=10_000),
        "",
        *[f"- {n}" for n in result.notes],
    ]
    path = out / f"{name}.md"
    path.write_text("\n".join(body) + "\n", encoding="utf-8")
    return path


def _slug(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]+", "_", text).strip("_")[:40]
