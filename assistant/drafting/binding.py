"""Binding every number of a drafted text to where it came from (pure: no I/O).

A `Source` is a number the prose may state: a table cell, a metric computed by code, a number the
staff typed in their notes, the report year, an official document number. `bind_numbers` finds every
number in a text (`assistant.core.numbers.extract_numbers`) and binds it to the most plausible
source of equal value, using the words around it (`drafting.context`):
- a number whose sentence names a table quantity (新收申请36件, 被申请行政复议3件; the reader's
  keyword windows) binds only to that quantity: another cell of equal value does not count;
- a rank (第2名, 排名第1, 位列第三) binds only to a rank the staff stated;
- a year-on-year change binds only with a comparison or trend word (同比, 较上年, 增长 …) in its
  clause; a share (予以公开的占…, 办结率) only to the share metric its sentence names.
A number with no source is returned as `Unbound`: the guard turns it into an UNBOUND_NUMBER finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

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
from assistant.core.quantities import Quantity, in_unit
from assistant.drafting import context as C
from assistant.drafting.numerals import activity_named, arabic_counts, bare_numerals, clause_around

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
    context: str = ""  # a staff note's words around the number (培训3场): what the number counts

    def matches_kind(self, mention_kind: str, mention_unit: str) -> bool:
        if self.kind == NOTE:  # the staff's own numbers, however worded (3件 / 3项 / 三次) …
            strict = (KIND_DATE, KIND_YEAR, KIND_PERCENT, KIND_DOC_NUMBER, C.KIND_RANK)
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


def _previous_allowed(text: str, m: NumberMention, prev_year: int) -> bool:
    before = text[sentence_start(text, m.start) : m.start]
    return any(w in before for w in COMPARISON_WORDS + (f"{prev_year}年",))


# Words of a plan: the year after the report's may be named in a paragraph that states plans.
_PLAN = re.compile(r"下一步|下一年度|今后|将|计划|拟|打算|争取|改进措施")


def bind_one(
    text: str,
    m: NumberMention,
    sources: Sequence[Source],
    year: int,
    quantity: Quantity | None = None,
    previous_end: int = 0,
) -> Binding | Unbound:
    """The best source for mention `m` of `text`, or why there is none. `quantity`: the table
    quantity its sentence names (`context.named_in`); `previous_end`: where the number before it ends."""
    if m.kind == KIND_YEAR and m.value in (year, year - 1):
        src = Source(
            YEAR, str(int(m.value)), "报告年度" if m.value == year else "上一年度", m.value, KIND_YEAR
        )
        return Binding(m.raw, m.value, m.start, m.end, src)
    if (
        m.kind == KIND_YEAR
        and m.value == year + 1
        and _PLAN.search(text[text.rfind("\n", 0, m.start) + 1 : m.start])
    ):
        src = Source(YEAR, str(int(m.value)), "下一年度（工作计划）", m.value, KIND_YEAR)
        return Binding(m.raw, m.value, m.start, m.end, src)  # 下一步…：2026年上半年… (the staff's 明年)
    named = _bind_quantity(m, quantity, sources) if quantity is not None else None
    comparative = C.comparative(text, m)
    if named is None and m.kind == KIND_PERCENT and not comparative:
        named = _bind_share(text, m, sources, previous_end)
    if named is not None:
        return named
    candidates = _candidates(text, m, sources, comparative)
    activity = activity_named(text, m) if m.kind == KIND_COUNT else ""
    if activity:  # 两个位次, 培训十二场次: no table holds it, only a staff number of the same thing can
        candidates = [s for s in candidates if s.kind == NOTE and _counts_the_same(s, m, activity)]
        if not candidates:
            return Unbound(
                m, f"“{m.raw}”是{activity}方面的数字，表格中没有这一项，经办人提供的情况中也没有，无法核实"
            )
    previous_only = bool(candidates) and all(s.kind == PREVIOUS for s in candidates)
    if not _previous_allowed(text, m, year - 1):
        candidates = [s for s in candidates if s.kind != PREVIOUS]
    if not candidates:
        return Unbound(m, _unbound_reason(m, previous_only, year))
    best = max(candidates, key=lambda s: _score(text, m, s, comparative))
    return Binding(m.raw, m.value, m.start, m.end, best)


def _counts_the_same(s: Source, m: NumberMention, activity: str) -> bool:
    """A staff number counts what the prose's number counts: the same activity word or measure."""
    return activity in s.context or (m.unit not in ("", "个", "件", "项", "次") and m.unit in s.context)


def _candidates(text: str, m: NumberMention, sources: Sequence[Source], comparative: bool) -> list[Source]:
    """Sources of equal value the words around `m` allow: a change only with a comparison word near
    it, a share only if its sentence names the share's subject; dates, ordinals, ranks: the staff's."""
    out = [s for s in sources if s.matches_kind(m.kind, m.unit) and _equal(m, s)]
    if m.kind in (KIND_YEAR, KIND_DATE, KIND_ORDINAL, KIND_DOC_NUMBER, C.KIND_RANK):
        return [s for s in out if s.kind == NOTE]
    if not comparative:
        out = [s for s in out if not s.is_change]
    if m.kind == KIND_PERCENT:
        sentence = C.sentence_of(text, m.start)
        out = [s for s in out if s.kind != METRIC or s.is_change or C.share_subject_in(sentence, s.key)]
    return out


def _bind_quantity(m: NumberMention, q: Quantity, sources: Sequence[Source]) -> Binding | Unbound | None:
    """A number its sentence ties to table quantity `q`: right only if it is that quantity's value
    (None: the table leaves the quantity blank, the number is bound by value alone)."""
    cells = {s.key: s for s in sources if s.kind == CELL}
    stated = in_unit(m, q)
    if stated is None or any(k not in cells for k in q.keys):
        return None
    expected = sum((cells[k].value for k in q.keys), Decimal(0))
    if abs(stated - expected) > (Decimal("0.01") if q.amount else 0):
        return Unbound(m, _wrong_quantity(m, q, stated, expected, sources))
    if len(q.keys) == 1:
        return Binding(m.raw, m.value, m.start, m.end, cells[q.keys[0]])
    sums = [s for s in sources if s.kind == METRIC and not s.is_change and s.value == expected]
    best = max(sums, key=lambda s: _overlap(s.label, q.name), default=None)
    if best is None or not _overlap(best.label, q.name):
        best = Source(CELL, "+".join(q.keys), q.name, expected, KIND_COUNT)
    return Binding(m.raw, m.value, m.start, m.end, best)


def _overlap(label: str, name: str) -> int:
    return sum(1 for i in range(len(name) - 1) if name[i : i + 2] in label)


def _wrong_quantity(
    m: NumberMention, q: Quantity, stated: Decimal, expected: Decimal, sources: Sequence[Source]
) -> str:
    labels = {s.key: s.label for s in sources if s.kind == CELL}
    cell = f"“{labels[q.keys[0]]}”" + (f"等{len(q.keys)}项之和" if len(q.keys) > 1 else "")
    value = f"{format_number(expected)}{q.unit}"
    msg = f"“{m.raw}”与表格不符：这里写的是{q.name}，表格{cell}为{value}，应写{value}"
    prev = {s.key: s.value for s in sources if s.kind == PREVIOUS}
    if all(f"prev:{k}" in prev for k in q.keys) and sum(prev[f"prev:{k}"] for k in q.keys) == stated:
        msg += "（该数字与上年数据相同，疑似误用了上年数字）"
    return msg


def _bind_share(
    text: str, m: NumberMention, sources: Sequence[Source], previous_end: int
) -> Binding | Unbound | None:
    """A percentage the words before it name as a share (予以公开的占办理总数的 51.4%): that share only."""
    key = C.share_named(text, m, previous_end)
    src = next((s for s in sources if s.kind == METRIC and s.key == key), None) if key else None
    if src is None:
        return None
    if _equal(m, src):
        return Binding(m.raw, m.value, m.start, m.end, src)
    shown = format_number(src.value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return Unbound(m, f"“{m.raw}”与计算结果不符：这里写的是{src.label}，按表格计算为{shown}%")


def _unbound_reason(m: NumberMention, previous_only: bool, year: int) -> str:
    if previous_only:
        return f"“{m.raw}”与上年数据相同，但未作为上年数据引用，疑似误用了上年数字"
    if m.kind == KIND_YEAR:
        return f"“{m.raw}”不是报告年度（{year}年）或上一年度，也不在经办人提供的情况中"
    if m.kind == C.KIND_RANK:
        return f"“{m.raw}”是名次（排名），经办人提供的情况中没有这一名次，无法核实"
    if m.kind in (KIND_DATE, KIND_ORDINAL, KIND_DOC_NUMBER):
        return f"“{m.raw}”不在经办人提供的情况中，无法核实"
    return f"“{m.raw}”在表格数据、计算指标和经办人提供的情况中都找不到"


def bind_numbers(
    text: str, sources: Sequence[Source], year: int, names: Sequence[str] = ()
) -> tuple[list[Binding], list[Unbound]]:
    """Bind every number of `text`; numbers inside set phrases, `names` (the agency's name) and
    official citations are skipped, except that citation numbers are bound as references."""
    skip = idiom_spans(text, names)
    named = C.named_in(text, year)
    bound: list[Binding] = []
    unbound: list[Unbound] = []
    previous_end = 0
    for m in mentions(text):
        span = next(((a, b) for a, b in skip if a <= m.start and m.end <= b), None)
        result: Binding | Unbound | None
        if span is not None:
            result = _in_set_phrase(text, m, text[span[0] : span[1]], sources, year)
        elif _legal_article(text, m):
            result = Binding(m.raw, m.value, m.start, m.end, _reference(f"《条例》第{m.raw}", m.value))
        else:
            result = bind_one(text, m, sources, year, named.get(m.start), previous_end)
        previous_end = m.end
        if result is not None:
            (bound if isinstance(result, Binding) else unbound).append(result)  # type: ignore[arg-type]
    return bound, unbound


def _in_latin_name(text: str, m: NumberMention) -> bool:
    """A digit run written against Latin letters is part of a name, not a count (H5, 5G, 4K, MP4)."""
    before, after = text[m.start - 1 : m.start] if m.start else "", text[m.end : m.end + 1]
    return bool(re.fullmatch(r"[A-Za-z]", before) or (not m.unit and re.fullmatch(r"[A-Za-z]", after)))


def mentions(text: str) -> list[NumberMention]:
    """The numbers of `text` (`extract_numbers`), ranks (第2名, 排名第1, 位列第三) as rank mentions."""
    ranks = C.ranks(text)
    plain = [m for m in extract_numbers(text) if not any(m.start < r.end and r.start < m.end for r in ranks)]
    plain = [m for m in plain if not _in_latin_name(text, m)]
    bare = [m for m in bare_numerals(text) if not any(m.start < r.end and r.start < m.end for r in ranks)]
    return sorted(plain + ranks + bare, key=lambda m: m.start)


def _in_set_phrase(
    text: str, m: NumberMention, cited: str, sources: Sequence[Source], year: int
) -> Binding | Unbound | None:
    """A number inside a citation (bound as a reference), the statistical period or a set phrase."""
    if cited in REFERENCES:
        return Binding(m.raw, m.value, m.start, m.end, _reference(cited, m.value))
    if _PERIOD.fullmatch(cited) and m.kind != KIND_YEAR:
        period = Source(YEAR, "period", "统计期限（报告年度）", m.value, KIND_DATE)
        return Binding(m.raw, m.value, m.start, m.end, period)
    if m.kind == KIND_YEAR:  # the year of a period is still checked
        return bind_one(text, m, sources, year)
    return None


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
    """Every number the staff typed in `texts`, as sources, as typed and as its Arabic count (1千多条 is
    also 1000); the ranks they state also as ranks."""
    out = []
    for typed in texts:
        arabic = arabic_counts(typed)  # 八十六条 / 1千多条 as a draft writes them: 86条 / 1000余条
        for text in (typed, arabic) if arabic != typed else (typed,):
            for m in extract_numbers(text) + C.ranks(text) + bare_numerals(text):
                ctx = clause_around(text, m)
                out.append(Source(NOTE, key, f"经办人提供：{label}", m.value, m.kind, context=ctx))
    return out
