"""The grounding bundle: everything a section may say, built by code.

The filled cells, the metrics computed from them (and from last year's facts), the staff's notes and
every number in them, last year's problems (to be followed up), the 信息处理费 statement, and the
masked exemplars. Drafters write from it and the guard checks against it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal

from assistant.core import engine, spec
from assistant.core.facts import ReportFacts
from assistant.core.numbers import KIND_AMOUNT, KIND_COUNT, extract_numbers
from assistant.core.report import Report
from assistant.drafting import binding as B
from assistant.drafting.exemplars import StyleExample
from assistant.drafting.followup import problem_items
from assistant.drafting.metrics import Metric, compute_metrics, quantity, trend_of
from assistant.drafting.staff_notes import routed_items
from assistant.reader.copyrate import copy_rates

FEE_NIL = "本年度未收取政府信息公开信息处理费。"
FEE_NIL_NO_REQUESTS = "本年度未收到政府信息公开申请，未收取政府信息公开信息处理费。"
_NEGATION = ("未", "没", "无", "不")
_BULLET = re.compile(r"^\s*(?:[-*•·●▪]|\d+[.、．)]|[（(][一二三四五六七八九十\d]+[)）])\s*")


@dataclass(frozen=True)
class FeeStatement:
    text: str  # a complete sentence for section 六
    given: bool  # stated by the staff (else built from the tables, with a notice)


@dataclass(frozen=True)
class Grounding:
    facts: ReportFacts  # derived totals filled
    previous: ReportFacts | None
    previous_s5: str
    metrics: Mapping[str, Metric]
    sources: tuple[B.Source, ...]
    notes: Mapping[str, str]  # staff narrative, cleaned, never shortened
    problems: tuple[str, ...]  # last year's problems (summaries)
    fee: FeeStatement
    exemplars: Mapping[str, tuple[StyleExample, ...]] = field(default_factory=dict)
    notices: tuple[str, ...] = ()  # for the user: what is missing, what was assumed
    self_name: str = "本机关"

    @property
    def year(self) -> int:
        return self.facts.year

    @property
    def seed(self) -> str:
        return f"{self.facts.agency}|{self.facts.year}"

    def q(self, key: str) -> int | Decimal | None:
        """A cell or named quantity (metrics.QUANTITIES) of this year's filled facts."""
        return quantity(key, self.facts)

    def items(self, key: str) -> list[str]:
        """The staff's items about `key` (labels stripped; labelled items moved to their part)."""
        return routed_items(self.notes, self.self_name, self.year).get(key, [])

    def with_extra(self, label: str, text: str) -> Grounding:
        """The same bundle, where the numbers of `text` (a staff instruction) are also allowed."""
        extra = tuple(B.note_sources("instruction", label, [text]))
        return replace(self, sources=self.sources + extra)

    def with_exemplars(self, exemplars: Mapping[str, tuple[StyleExample, ...]]) -> Grounding:
        return replace(self, exemplars=dict(exemplars))


def clean_note(text: str) -> str:
    """The staff's text with list markup and stray whitespace removed; the words are all kept."""
    lines = [_BULLET.sub("", line).replace("**", "").strip() for line in (text or "").splitlines()]
    lines = [line for line in lines if line]
    joined = "；".join(line.rstrip("；;") for line in lines)
    return re.sub(r"[ \t\u3000]+", " ", joined).strip()


def self_name(agency: str) -> str:
    """我局 / 我委 / 我办 / 我县 …, or 本机关."""
    for suffix, name in (
        ("街道办事处", "我街道"),
        ("委员会", "我委"),
        ("办公室", "我办"),
        ("中心", "我中心"),
    ):
        if agency.endswith(suffix):
            return name
    if agency.endswith("人民政府"):
        level = agency[: -len("人民政府")][-1:]
        return f"我{level}" if level in "省市县区镇乡" else "本机关"
    return f"我{agency[-1]}" if agency[-1:] in "局委办厅院署" else "本机关"


def build_grounding(
    facts: ReportFacts,
    previous: Report | ReportFacts | None = None,
    exemplars: Mapping[str, tuple[StyleExample, ...]] | None = None,
) -> Grounding:
    """The bundle for `facts`; `previous` is last year's report (or its facts)."""
    filled = engine.fill(facts, zeros=True)[0]
    prev_facts, prev_s5 = _previous(previous)
    metrics = compute_metrics(filled, prev_facts)
    notes = {k: clean_note(v) for k, v in facts.narrative.items() if clean_note(v)}
    problems = problem_items(prev_s5)
    fee, notices = _fee(filled, notes, self_name(facts.agency))
    sources = _sources(filled, prev_facts, metrics, notes, prev_s5)
    notices += _missing_notes(notes, filled)
    if isinstance(previous, Report):
        notices += pasted_notes(notes, previous)
    if previous is not None and prev_s5 and not problems:
        notices += ("上年报告“五、存在的主要问题及改进情况”中未识别出具体问题，未逐条说明整改情况",)
    return Grounding(
        filled, prev_facts, prev_s5, metrics, sources, notes, problems, fee,
        dict(exemplars or {}), notices, self_name(facts.agency),
    )  # fmt: skip


def _previous(previous: Report | ReportFacts | None) -> tuple[ReportFacts | None, str]:
    if previous is None:
        return None, ""
    if isinstance(previous, Report):
        return engine.fill(previous.to_facts())[0], previous.section("s5_problems")
    return engine.fill(previous)[0], ""


def _sources(
    facts: ReportFacts,
    prev: ReportFacts | None,
    metrics: Mapping[str, Metric],
    notes: Mapping[str, str],
    prev_s5: str,
) -> tuple[B.Source, ...]:
    out: list[B.Source] = []
    for cell in facts.spec.cells:
        v = facts.number(cell.key)
        if v is not None:
            unit = KIND_AMOUNT if cell.type == spec.DECIMAL else KIND_COUNT
            out.append(
                B.Source(B.CELL, cell.key, cell.label, Decimal(v), unit, trend_of(dict(metrics), cell.key))
            )
    for m in metrics.values():
        kind = B.PREVIOUS if m.previous else B.METRIC
        trend = m.sign if m.is_change else trend_of(dict(metrics), m.base)
        out.append(B.Source(kind, m.key, m.label, m.value, m.kind, trend, m.is_change))
    if prev is not None:
        for cell in prev.spec.cells:
            v = prev.number(cell.key)
            if v is not None:
                unit = KIND_AMOUNT if cell.type == spec.DECIMAL else KIND_COUNT
                out.append(B.Source(B.PREVIOUS, f"prev:{cell.key}", f"上年{cell.label}", Decimal(v), unit))
    for m in extract_numbers(prev_s5):
        out.append(B.Source(B.PREVIOUS, "prev:s5_problems", "上年报告“五”中的数字", m.value, m.kind))
    for key, text in notes.items():
        out.extend(B.note_sources(key, spec.NARRATIVE_LABELS.get(key, key), [text]))
    return tuple(out)


def _fee(facts: ReportFacts, notes: Mapping[str, str], me: str) -> tuple[FeeStatement, tuple[str, ...]]:
    routed = routed_items(notes, me)
    for key in ("other", *routed):
        for item in routed.get(key, []):
            if "处理费" not in item:
                continue
            numbers = extract_numbers(item)
            if (any(w in item for w in _NEGATION) and not numbers) or (
                numbers and not any(m.value for m in numbers)
            ):
                return FeeStatement(FEE_NIL, True), ()  # 没收 / 信息处理费：0
            return FeeStatement(fee_charged(item, me), True), ()
    applications = (facts.number("applications.new_received.total") or 0) + (
        facts.number("applications.carried_over_from_prev.total") or 0
    )
    if not applications and facts.number("applications.new_received.total") is not None:
        return FeeStatement(FEE_NIL_NO_REQUESTS, True), ()  # no application: no fee could be charged
    unpaid = facts.number("applications.results.other.fee_unpaid_overdue.total") or 0
    if unpaid:
        text = f"本年度有{unpaid}件政府信息公开申请因申请人逾期未按信息处理费收费通知要求缴纳费用，不再处理。"
        note = f"六：表格显示有{unpaid}件申请因逾期未缴费不再处理，但未提供信息处理费收取金额，请补充"
        return FeeStatement(text, False), (note,)
    return FeeStatement(FEE_NIL, False), ("六：未提供信息处理费收取情况，已按“未收取”起草，请核实",)


_AMOUNT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(万元|元)")
_TIMES = re.compile(r"([0-9]+)\s*(笔|件|次)")
_FEE_WORDS = re.compile(r"政府信息公开|信息处理费|本年度|今年|全年|一共|共计|共|收取|收了|收|缴纳|了")


def fee_charged(item: str, me: str) -> str:
    """A fee the staff say was charged, in 公文 form (信息处理费收了1笔，300元 → 本年度我局共收取政府信息
    公开信息处理费1笔，金额300元); an item not read this way is kept as typed."""
    amount = _AMOUNT.search(item)
    rest = _FEE_WORDS.sub("", _TIMES.sub("", _AMOUNT.sub("", item)))
    if not amount or not re.search(r"收|缴|交", item) or re.sub(r"\W", "", rest):
        return _sentence(item)  # more than the fee and its amount: kept as typed
    times = _TIMES.search(item)
    count = f"{times.group(1)}{times.group(2)}，金额" if times else ""
    return f"本年度{me}共收取政府信息公开信息处理费{count}{amount.group(1)}{amount.group(2)}。"


def _sentence(text: str) -> str:
    text = text.strip().rstrip("；;，,。")
    return text + "。"


def _missing_notes(given: Mapping[str, str], facts: ReportFacts) -> tuple[str, ...]:
    notes = routed_items(given)
    out = []
    for key, label in spec.OVERVIEW_SUBAREAS:
        if key not in notes:
            out.append(
                f"一、总体情况：{label}部分，经办人{_only_typed(given, key)}未提供工作情况，"
                "本段只有表格数据和通用表述，请补充具体做法"
            )
    for key, part in (("problems", "存在的主要问题"), ("improvements", "改进措施")):
        if key not in notes:
            out.append(
                f"五：经办人{_only_typed(given, key)}未提供{part}，“{part}”一段是通用表述的占位内容，"
                "不代表本机关的实际情况，请据实替换"
            )
    if is_government(facts) and not _mentions_assessment("".join(notes.get("supervision", []))):
        out.append("一、总体情况：监督保障部分，人民政府应报告工作考核、社会评议和责任追究结果情况，请补充")
    return tuple(out)


def _only_typed(given: Mapping[str, str], key: str) -> str:
    """「只写了“同去年”，」 when the staff's note for `key` said nothing (never printed as prose)."""
    typed = given.get(key, "").strip()
    return f"只写了“{typed}”，" if typed else ""


PASTED_RATE = 0.7  # a note this much last year's wording is last year's report, not this year's work
_NOTE_PLACE = {key: f"一、总体情况：{label}部分" for key, label in spec.OVERVIEW_SUBAREAS} | {
    "problems": "五：存在的主要问题",
    "improvements": "五：改进措施",
    "other": "六：其他需要报告的事项",
}


def pasted_notes(notes: Mapping[str, str], previous: Report) -> tuple[str, ...]:
    """A notice for each note that repeats last year's report (雷同率 of the note against it)."""
    rates = copy_rates(dict(notes), {k: previous.section(k) for k in previous.sections})
    out = []
    for key, (rate, chars) in rates.items():
        if key in _NOTE_PLACE and rate >= PASTED_RATE and chars >= 30:
            out.append(
                f"{_NOTE_PLACE[key]}，经办人提供的情况有{rate:.0%}与上年报告文字相同，"
                "草稿照此起草，请写明本年度的实际做法和变化"
            )
    return tuple(out)


def is_government(facts: ReportFacts) -> bool:
    """People's governments must report 工作考核、社会评议和责任追究结果 (FORMAT.md §1.3)."""
    return facts.agency.endswith("人民政府")


def _mentions_assessment(text: str) -> bool:
    return any(w in text for w in ("考核", "评议", "责任追究"))
