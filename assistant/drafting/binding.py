"""Binding every number of a drafted text to where it came from (pure: no I/O).

A `Source` is a number the prose may state: a table cell, a metric computed by code, a number the
staff typed in their notes, the report year, an official document number. `bind_numbers` finds every
number in a text (`assistant.core.numbers.extract_numbers`) and binds it to the most plausible
source of equal value, using the words just before it to choose between equal values. A number with
no source is returned as `Unbound`: the guard turns it into an UNBOUND_NUMBER finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from assistant.core.numbers import (
    KIND_AMOUNT,
    KIND_COUNT,
    KIND_DATE,
    KIND_DOC_NUMBER,
    KIND_ORDINAL,
    KIND_PERCENT,
    KIND_YEAR,
    NumberMention,
    extract_numbers,
    format_number,
)

CELL = "cell"
METRIC = "metric"
PREVIOUS = "previous"  # last year's value: only with a comparison word before it
NOTE = "note"  # a number the staff typed
YEAR = "year"
REFERENCE = "reference"  # an official document number

# Official citations the prose may carry; their digits are not facts of this report.
REFERENCES = (
    "国办函〔2020〕109号",
    "国办公开办函〔2021〕30号",
    "国办公开办函〔2019〕60号",
    "国务院令第711号",
)
# Set phrases whose numeral is not a quantity (extract_numbers reads 一次性 as "1 次").
IDIOMS = (
    "一次性",
    "一件事",
    "最多跑一次",
    "一次办",
    "一站式",
    "一把手",
    "一事一申请",
    "一网通办",
    "一窗受理",
    "三安全一稳定",
    "一对一",
    "一年来",
)
COMPARISON_WORDS = ("上年", "去年", "上一年", "同比")  # 较上年 / 比上年 / 与上年相比 contain 上年
TREND_WORDS_ALL = ("增长", "增加", "上升", "提高", "减少", "下降", "降低", "持平", "增幅", "降幅")
CLAUSE_SPLIT = re.compile(r"[，,；;。！？!?\n：:]")


@dataclass(frozen=True)
class Source:
    """A number the prose may state, with what it is."""

    kind: str  # cell | metric | previous | note | year | reference
    key: str  # cell key, metric key, narrative key …
    label: str  # Chinese, for the user
    value: Decimal
    unit: str  # a numbers.KIND_*: count, amount (万元), percent, year, date, ordinal, doc_number
    trend: int | None = None  # sign of the year-on-year change this number stands for or belongs to
    is_change: bool = False  # the number is a change (its magnitude is stated with a trend word)

    def matches_kind(self, mention_kind: str, mention_unit: str) -> bool:
        if self.kind == NOTE:  # the staff's own numbers, however worded (3件 / 3项 / 三次) …
            strict = (KIND_DATE, KIND_YEAR, KIND_PERCENT, KIND_DOC_NUMBER)
            if mention_kind in strict or self.unit in strict:  # … but a date stays a date
                return self.unit == mention_kind
            return True
        if mention_kind == KIND_COUNT and not mention_unit:
            return self.unit in (KIND_COUNT, KIND_AMOUNT)
        return self.unit == mention_kind


@dataclass(frozen=True)
class Binding:
    """One number of the prose and the source it was bound to."""

    raw: str
    value: Decimal
    start: int
    end: int
    source: Source

    def to_json(self) -> dict:
        return {
            "raw": self.raw,
            "value": format_number(self.value),
            "source": self.source.kind,
            "key": self.source.key,
            "label": self.source.label,
        }


@dataclass(frozen=True)
class Unbound:
    mention: NumberMention
    reason: str  # Chinese


# The statistical period (the calendar year): 1月1日至12月31日, 1月至12月, 1—12月.
_PERIOD = re.compile(r"(?:\d{4}年)?1月(?:1日)?(?:起)?(?:至|到|—|-|－|~)(?:\d{4}年)?12月(?:31日)?")


def idiom_spans(text: str, names: Sequence[str] = ()) -> list[tuple[int, int]]:
    spans = [(m.start(), m.end()) for m in _PERIOD.finditer(text)]
    for phrase in IDIOMS + REFERENCES + tuple(n for n in names if n):
        for m in re.finditer(re.escape(phrase), text):
            spans.append((m.start(), m.end()))
    return spans


def clause_bounds(text: str, pos: int) -> tuple[int, int]:
    """The clause (between commas, semicolons, stops) around `pos`."""
    start = 0
    for m in CLAUSE_SPLIT.finditer(text, 0, pos):
        start = m.end()
    m = CLAUSE_SPLIT.search(text, pos)
    return start, (m.start() if m else len(text))


def sentence_start(text: str, pos: int) -> int:
    start = 0
    for m in re.finditer(r"[。！？!?\n]", text[:pos]):
        start = m.end()
    return start


def _decimals(raw: str) -> int:
    m = re.search(r"[.．](\d+)", raw)
    return len(m.group(1)) if m else 0


def _value_in_wan(m: NumberMention) -> Decimal:
    return m.value / 10_000 if m.unit == "元" else m.value


def _equal(m: NumberMention, source: Source) -> bool:
    value = _value_in_wan(m) if source.unit == KIND_AMOUNT and source.kind != NOTE else m.value
    target = abs(source.value) if source.is_change else source.value
    if m.approximate:
        return abs(target - value) <= max(value * Decimal("0.2"), Decimal(1))
    if m.kind == KIND_PERCENT or (source.kind == METRIC and target != target.to_integral_value()):
        tolerance = Decimal(5) / Decimal(10) ** (_decimals(m.raw) + 1) + Decimal("1e-9")
        return abs(target - value) <= tolerance
    return target == value


def _score(text: str, m: NumberMention, source: Source, comparative: bool) -> float:
    before = text[max(sentence_start(text, m.start), m.start - 18) : m.start]
    label_pairs = {source.label[i : i + 2] for i in range(len(source.label) - 1)}
    score = sum(1.0 for pair in label_pairs if pair in before)
    if source.is_change:
        score += 4 if comparative else -6
    score += {CELL: 1.0, NOTE: 0.8, METRIC: 0.5, PREVIOUS: 0.0}.get(source.kind, 0.0)
    return score


def _has_comparison(text: str, m: NumberMention) -> bool:
    start, end = clause_bounds(text, m.start)
    clause = text[start:end]
    return any(w in clause for w in COMPARISON_WORDS + TREND_WORDS_ALL)


def _previous_allowed(text: str, m: NumberMention, prev_year: int) -> bool:
    before = text[sentence_start(text, m.start) : m.start]
    return any(w in before for w in COMPARISON_WORDS + (f"{prev_year}年",))


def bind_one(text: str, m: NumberMention, sources: Sequence[Source], year: int) -> Binding | Unbound:
    """The best source for mention `m` of `text`, or why there is none."""
    if m.kind == KIND_YEAR and m.value in (year, year - 1):
        src = Source(
            YEAR, str(int(m.value)), "报告年度" if m.value == year else "上一年度", m.value, KIND_YEAR
        )
        return Binding(m.raw, m.value, m.start, m.end, src)
    candidates = [s for s in sources if s.matches_kind(m.kind, m.unit) and _equal(m, s)]
    if m.kind in (KIND_YEAR, KIND_DATE, KIND_ORDINAL, KIND_DOC_NUMBER):
        candidates = [s for s in candidates if s.kind == NOTE]
    previous_only = bool(candidates) and all(s.kind == PREVIOUS for s in candidates)
    if not _previous_allowed(text, m, year - 1):
        candidates = [s for s in candidates if s.kind != PREVIOUS]
    if not candidates:
        return Unbound(m, _unbound_reason(m, previous_only, year))
    comparative = _has_comparison(text, m)
    best = max(candidates, key=lambda s: _score(text, m, s, comparative))
    return Binding(m.raw, m.value, m.start, m.end, best)


def _unbound_reason(m: NumberMention, previous_only: bool, year: int) -> str:
    if previous_only:
        return f"“{m.raw}”与上年数据相同，但未作为上年数据引用，疑似误用了上年数字"
    if m.kind == KIND_YEAR:
        return f"“{m.raw}”不是报告年度（{year}年）或上一年度，也不在经办人提供的情况中"
    if m.kind in (KIND_DATE, KIND_ORDINAL, KIND_DOC_NUMBER):
        return f"“{m.raw}”不在经办人提供的情况中，无法核实"
    return f"“{m.raw}”在表格数据、计算指标和经办人提供的情况中都找不到"


def bind_numbers(
    text: str, sources: Sequence[Source], year: int, names: Sequence[str] = ()
) -> tuple[list[Binding], list[Unbound]]:
    """Bind every number of `text`; numbers inside set phrases, `names` (the agency's name) and
    official citations are skipped, except that citation numbers are bound as references."""
    skip = idiom_spans(text, names)
    bound: list[Binding] = []
    unbound: list[Unbound] = []
    for m in extract_numbers(text):
        span = next(((a, b) for a, b in skip if a <= m.start and m.end <= b), None)
        if span is not None:
            cited = text[span[0] : span[1]]
            if cited in REFERENCES:
                bound.append(Binding(m.raw, m.value, m.start, m.end, _reference(cited, m.value)))
            elif _PERIOD.fullmatch(cited) and m.kind != KIND_YEAR:
                period = Source(YEAR, "period", "统计期限（报告年度）", m.value, KIND_DATE)
                bound.append(Binding(m.raw, m.value, m.start, m.end, period))
            elif m.kind == KIND_YEAR:  # the year of a period is still checked
                result = bind_one(text, m, sources, year)
                (bound if isinstance(result, Binding) else unbound).append(result)  # type: ignore[arg-type]
            continue
        if _legal_article(text, m):
            bound.append(Binding(m.raw, m.value, m.start, m.end, _reference(f"《条例》第{m.raw}", m.value)))
            continue
        result = bind_one(text, m, sources, year)
        (bound if isinstance(result, Binding) else unbound).append(result)  # type: ignore[arg-type]
    return bound, unbound


def _legal_article(text: str, m: NumberMention) -> bool:
    """第二十条 / 第五十条 of the Regulation: a citation, not a quantity."""
    return (
        m.kind == KIND_ORDINAL
        and m.unit in ("条", "款", "项")
        and "条例" in text[max(0, m.start - 10) : m.start]
    )


def _reference(cited: str, value: Decimal) -> Source:
    return Source(REFERENCE, cited, f"文号 {cited}", value, KIND_DOC_NUMBER)


def note_sources(key: str, label: str, texts: Iterable[str]) -> list[Source]:
    """Every number the staff typed in `texts`, as sources."""
    out = []
    for text in texts:
        for m in extract_numbers(text):
            out.append(Source(NOTE, key, f"经办人提供：{label}", m.value, m.kind))
    return out
