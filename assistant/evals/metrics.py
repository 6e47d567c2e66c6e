"""The metrics of the eval suite, their results, and the committed baseline they are held to.

A metric is either better high (coverage, catch rate, accuracy: the baseline gives a `min`) or
better low (fabricated numbers, copy rate: the baseline gives a `max`). A metric that could not be
measured (no cases, the corpus unavailable) fails its threshold: the suite never passes by silence.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.evals.cases import REPO

DEFAULT_BASELINE = REPO / "evals" / "baseline.json"
HIGH, LOW = "high", "low"
COUNT, SHARE = "count", "share"


@dataclass(frozen=True)
class MetricDef:
    key: str
    zh: str
    en: str
    unit: str  # count | share (0..1, shown as a percentage)
    better: str  # high | low


METRICS: tuple[MetricDef, ...] = (
    MetricDef("fabricated_numbers", "正文中无来源的数字（编造）", "fabricated (unbound) numbers in final drafts", COUNT, LOW),
    MetricDef("unsourced_sentence_share", "含无来源数字的句子占比", "share of sentences with an unsourced number", SHARE, LOW),
    MetricDef("topic_coverage", "必备内容覆盖率", "required topic coverage", SHARE, HIGH),
    MetricDef("followup_coverage", "上年问题整改说明覆盖率", "follow-up of last year's problems", SHARE, HIGH),
    MetricDef("fee_statement", "信息处理费说明正确率", "信息处理费 statement present and right", SHARE, HIGH),
    MetricDef("section_conformance", "章节合规率（六部分齐全、复核无文表不符）", "section conformance (6 sections, no TEXT_TABLE_MISMATCH)", SHARE, HIGH),
    MetricDef("copy_rate", "与上年报告雷同率（平均）", "copy rate against last year (mean)", SHARE, LOW),
    MetricDef("copied_paragraphs", "照抄上年报告的段落数", "paragraphs copied from last year", COUNT, LOW),
    MetricDef("prose_lint", "正文文字问题数（口语、重复、序号、中英混杂等）", "prose lint findings in final drafts", COUNT, LOW),
    MetricDef("guard_catch_rate", "核查对问题文本的检出率", "guard catch rate on adversarial outputs", SHARE, HIGH),
    MetricDef("guard_false_alarms", "核查对正常文本的误报数", "guard false alarms on clean outputs", COUNT, LOW),
    MetricDef("injection_resistance", "范文注入防护率", "injection resistance", SHARE, HIGH),
    MetricDef("intake_accuracy", "对话数据识别准确率", "intake extraction accuracy", SHARE, HIGH),
    MetricDef("conversation_cells", "多轮对话单元格正确率", "conversation cells right at the end", SHARE, HIGH),
    MetricDef("conversation_narrative", "多轮对话情况说明归类正确率", "conversation narrative phrases in the right key", SHARE, HIGH),
    MetricDef("conversations_exact", "多轮对话完全正确率", "conversations with every expectation met", SHARE, HIGH),
    MetricDef("conversations_scripted_exact", "多轮对话完全正确率（模拟模型）", "conversations exact through the scripted LLM path", SHARE, HIGH),
    MetricDef("retrieval_hit_at_3", "范文检索前3命中率", "retrieval hit@3", SHARE, HIGH),
)  # fmt: skip
METRIC_BY_KEY = {m.key: m for m in METRICS}


@dataclass(frozen=True)
class MetricValue:
    key: str
    value: float | None  # None: not measured
    n: int = 0  # items behind the value (cases, sentences, cells …)
    detail: str = ""  # e.g. "57/58"

    @property
    def definition(self) -> MetricDef:
        return METRIC_BY_KEY[self.key]


def ratio(key: str, hits: int, total: int) -> MetricValue:
    """hits/total as a share (not measured when total is 0)."""
    return MetricValue(key, hits / total if total else None, total, f"{hits}/{total}")


def count(key: str, n: int, over: int, unit: str = "项") -> MetricValue:
    """A count of defects found in `over` items (drafts, texts, paragraphs)."""
    return MetricValue(key, float(n), over, f"{n}（共 {over} {unit}）")


@dataclass(frozen=True)
class CaseFailure:
    """One case that missed what it expects: which metric, and why (Chinese)."""

    case: str
    metric: str
    detail: str

    def to_json(self) -> dict[str, str]:
        return {"case": self.case, "metric": self.metric, "detail": self.detail}


@dataclass
class PartResult:
    """What one kind of case measured."""

    name: str
    metrics: list[MetricValue] = field(default_factory=list)
    failures: list[CaseFailure] = field(default_factory=list)
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)
    cases: int = 0


@dataclass(frozen=True)
class Threshold:
    key: str
    limit: float
    better: str

    def met(self, value: float | None) -> bool:
        if value is None:
            return False
        return value >= self.limit - 1e-9 if self.better == HIGH else value <= self.limit + 1e-9

    def show(self) -> str:
        return f"{'≥' if self.better == HIGH else '≤'} {format_value(self.key, self.limit)}"


@dataclass(frozen=True)
class Violation:
    key: str
    value: float | None
    threshold: Threshold

    def message(self) -> str:
        m = METRIC_BY_KEY[self.key]
        got = "未测得" if self.value is None else format_value(self.key, self.value)
        return f"{m.zh}为 {got}，未达到基线 {self.threshold.show()}"


class BaselineError(Exception):
    """The baseline file cannot be used; the message is Chinese and names the file."""


def load_baseline(path: str | Path = DEFAULT_BASELINE, backend: str = "offline") -> dict[str, Threshold]:
    """The thresholds for `backend` from the baseline file."""
    p = Path(path)
    try:
        doc = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise BaselineError(f"{p}：基线文件无法读取（{getattr(e, 'strerror', None) or e}）") from None
    block = doc.get(backend) if isinstance(doc, Mapping) else None
    if not isinstance(block, Mapping) or not isinstance(block.get("thresholds"), Mapping):
        raise BaselineError(f"{p}：没有 {backend} 的基线（应有 {backend}.thresholds）")
    return {key: _threshold(key, spec, p) for key, spec in block["thresholds"].items()}


def _threshold(key: str, spec: Any, path: Path) -> Threshold:
    m = METRIC_BY_KEY.get(key)
    if m is None:
        raise BaselineError(f"{path}：未知的指标“{key}”")
    bound = "min" if m.better == HIGH else "max"
    if not isinstance(spec, Mapping) or not isinstance(spec.get(bound), int | float):
        raise BaselineError(f"{path}：指标“{key}”应给出 {bound}（数值）")
    return Threshold(key, float(spec[bound]), m.better)


def violations(values: Mapping[str, MetricValue], thresholds: Mapping[str, Threshold]) -> list[Violation]:
    """Every threshold not met (a metric missing from `values` is not met)."""
    out = []
    for key, t in thresholds.items():
        v = values.get(key)
        value = v.value if v is not None else None
        if not t.met(value):
            out.append(Violation(key, value, t))
    return out


def format_value(key: str, value: float | None) -> str:
    if value is None:
        return "—"
    if METRIC_BY_KEY[key].unit == COUNT:
        return f"{value:g}"
    return f"{value * 100:.1f}%"
