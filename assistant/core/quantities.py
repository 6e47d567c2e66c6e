"""Table quantities named in prose: the keyword windows that tie a stated number to its cells (pure).

Shared by the reader (prose against tables, `reader.prose`) and the drafting guard (a number of a
draft binds to the quantity its sentence names, `drafting.binding`).

How a number is tied to a quantity (and when it is left alone):
1. Sentences are split at 。！？；and line ends; a sentence is cut into clauses at ，,：（( .
2. For each count or amount found by `core.numbers.extract_numbers` (Chinese numerals included),
   the *segment* is the clause text between the previous number (or the clause start) and this
   number. A quantity is named only when the segment ENDS with that quantity's phrase, e.g.
   "共收到政府信息公开申请" + 15件, "上年结转" + 2件, "予以公开" + 10件, "被申请行政复议" + 1件,
   "现行有效行政规范性文件" + 8件, "行政事业性收费" + 3.2万元. Anything between the phrase and
   the number other than 共/合计/为/数量 breaks the tie (…申请数量同比增加 5件 is not tied).
3. The number is skipped when its clause speaks of another scope: a sub-scope (其中 — except for
   outcome rows, which are themselves a breakdown — applicant types, channels), a part of the year
   (月, 季度, 上半年), a comparison (同比, 较上年, 去年), a cumulative count (累计, 以来, 历年),
   sub-units or the wider area (下属, 所属, 各乡镇, 全县, 全市, 系统), another year (a 20xx年 that
   is not the report year), or an approximate number (余, 多, 约, 近).
4. Zero statements: 未收到政府信息公开申请 → 0; 未发生行政复议和行政诉讼 → 0 and 0 (`ZERO`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.numbers import KIND_AMOUNT, KIND_COUNT, NumberMention, extract_numbers

SENTENCE = re.compile(r"[^。！？；;!?\n]+[。！？；;!?]?")
CLAUSE_BREAK = re.compile(r"[，,：:（(]")
ALL_APPLICANTS = re.compile(r"公民、?法人(?:和|或|及|、)?(?:其他组织)?")
COUNT_UNITS = frozenset({"件", "起", "次", "宗", "个", "条", "份", "项", "件次"})
FILL = r"(?:共计|共|合计|总计|累计共|数量|数|总数|为|是|达|的)*"
SCOPE_ALWAYS = re.compile(
    r"月|季度|上半年|下半年|同比|较上年|比上年|去年|上一年度(?!结转)|往年|累计|历年|以来|下属|所属|直属|"
    r"各乡镇|乡镇|街道|各部门|各单位|全县|全市|全区|全省|全州|全旗|系统内|平均|自然人|法人|企业|组织|"
    r"机构|个人|公民|网上|网络|在线|信函|邮寄|当面|现场|传真|电子邮件|涉及"
)
_YEAR_IN = re.compile(r"(20\d{2})\s*年")


@dataclass(frozen=True)
class Quantity:
    name: str  # Chinese, for messages
    keys: tuple[str, ...]  # cells summed
    phrase: re.Pattern[str]  # must end the segment before the number
    outcome: bool = False  # a row of 三、本年度办理结果 (其中 is a breakdown, not a sub-scope)
    amount: bool = False  # 万元
    exclude: re.Pattern[str] | None = None  # words in the segment that make it another count

    @property
    def unit(self) -> str:
        return "万元" if self.amount else "件"


def _q(name: str, keys: tuple[str, ...], phrase: str, exclude: str = "", **kw) -> Quantity:
    ex = re.compile(exclude) if exclude else None
    return Quantity(name, keys, re.compile(f"(?:{phrase}){FILL}$"), exclude=ex, **kw)


def _leaves(prefix: str) -> tuple[str, ...]:
    return tuple(f"applications.{r}.total" for r, _ in spec.T2_ROWS_2021 if r.startswith(prefix))


APP = r"(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请"
QUANTITIES: tuple[Quantity, ...] = (
    _q("上年结转的申请", ("applications.carried_over_from_prev.total",), rf"上年度?结转(?:的)?(?:{APP})?"),
    _q(
        "结转下年度继续办理的申请",
        ("applications.carried_to_next.total",),
        rf"(?:结转(?:至|到|入)?下一?年度?(?:继续)?(?:办理)?|转入下一?年度(?:办理)?)(?:的)?(?:{APP})?",
    ),
    _q(
        "本年新收申请",
        ("applications.new_received.total",),
        r"(?:新收|收到|接收|接到|受理)[^，。；\d结转办复诉]{0,24}?申请",
        exclude=r"建议|提案|信访|投诉|咨询|留言|依法|补正",
    ),
    _q(
        "办结的申请",
        ("applications.results.total.total",),
        rf"(?:办结|答复|办理完毕|处理完毕)(?:{APP})?",
        exclude=r"不予|无法|予以公开|部分公开|其他处理|拟|逾期|延期|当场",
    ),
    _q("予以公开", ("applications.results.granted.total",), r"(?<![主动不])予以公开", outcome=True),
    _q("部分公开", ("applications.results.partially_granted.total",), r"部分公开", outcome=True),
    _q("不予公开", _leaves("results.withheld."), r"不予公开", outcome=True),
    _q("无法提供", _leaves("results.unable."), r"无法提供", outcome=True),
    _q("不予处理", _leaves("results.not_processed."), r"不予处理", outcome=True),
    _q("行政复议", ("review.total",), r"行政复议(?:案件|申请)?"),
    _q(
        "行政诉讼",
        ("litigation_direct.total", "litigation_after_review.total"),
        r"行政诉讼(?:案件)?",
    ),
    _q(
        "现行有效行政规范性文件",
        ("active.art20_1.normative_docs.in_force",),
        r"现行有效(?:的)?(?:行政)?规范性文件|(?:行政)?规范性文件现行有效",
    ),
    _q(
        "本年制发行政规范性文件",
        ("active.art20_1.normative_docs.issued",),
        r"(?:制发|印发|出台|制定)(?:了)?(?:行政)?规范性文件",
    ),
    _q(
        "本年废止行政规范性文件",
        ("active.art20_1.normative_docs.repealed",),
        r"废止(?:了)?(?:行政)?规范性文件",
    ),
    _q(
        "行政事业性收费金额",
        ("active.art20_8.admin_fees.amount_wan_yuan",),
        r"行政事业性收费(?:金额|总额)?",
        amount=True,
    ),
)
BY_NAME = {q.name: q for q in QUANTITIES}

_NEG = r"(?:未|没有|无)(?:发生|出现|产生|收到|接到)?(?:因|涉及)?(?:政府信息公开)?(?:工作)?(?:而)?(?:被)?(?:申请|提起)?"
ZERO: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(rf"(?:未|没有|无)(?:收到|接到|受理|新收)(?:任何)?{APP}"), ("本年新收申请",)),
    (
        re.compile(rf"{_NEG}行政复议(?:和|或|及|与|、)(?:被)?(?:提起)?行政诉讼"),
        ("行政复议", "行政诉讼"),
    ),
    (re.compile(rf"{_NEG}行政复议(?!和|或|及|与|、)"), ("行政复议",)),
    (re.compile(rf"{_NEG}行政诉讼"), ("行政诉讼",)),
)


@dataclass(frozen=True)
class Named:
    """A number of a sentence tied to the quantity its words name."""

    mention: NumberMention  # positions within the sentence
    quantity: Quantity
    start: int  # where the stated words begin in the sentence (segment start)


def sentence_spans(text: str) -> Iterator[tuple[int, str]]:
    """(offset in `text`, sentence) for every non-blank sentence, surrounding blanks removed."""
    for m in SENTENCE.finditer(text or ""):
        s = m.group(0)
        if s.strip():
            yield m.start() + len(s) - len(s.lstrip()), s.strip()


def clause_start(s: str, pos: int) -> int:
    start = 0
    for b in CLAUSE_BREAK.finditer(s, 0, pos):
        start = b.end()
    return start


def named_quantities(s: str, year: int | None) -> Iterator[Named]:
    """Every number of sentence `s` that its words clearly tie to a table quantity (see above)."""
    mentions = [m for m in extract_numbers(s) if m.kind in (KIND_COUNT, KIND_AMOUNT)]
    prev_end = 0
    for m in mentions:
        c_start = clause_start(s, m.start)
        seg_start = max(c_start, prev_end)
        prev_end = m.end
        q = quantity_of(s[seg_start : m.start].strip(), m)
        if q is None or m.approximate or other_scope(s[c_start : m.start], q, year):
            continue
        yield Named(m, q, seg_start)


def quantity_of(seg: str, m: NumberMention) -> Quantity | None:
    """The quantity whose phrase ends `seg` (the words before number `m`), if the unit fits."""
    for q in QUANTITIES:
        if q.phrase.search(seg) and not (q.exclude and q.exclude.search(seg)):
            if q.amount and m.kind == KIND_AMOUNT:
                return q
            if not q.amount and m.kind == KIND_COUNT and m.unit in COUNT_UNITS:
                return q
            return None
    return None


def other_scope(clause: str, q: Quantity, year: int | None) -> bool:
    if "其中" in clause and not q.outcome:
        return True
    if SCOPE_ALWAYS.search(ALL_APPLICANTS.sub("", clause)):
        return True
    return any(year is not None and int(y) != year for y in _YEAR_IN.findall(clause))


def in_unit(m: NumberMention, q: Quantity) -> Decimal | None:
    """The stated value in the quantity's unit (件, or 万元 for amounts)."""
    if not q.amount:
        return m.value
    if m.unit == "万元":
        return m.value
    if m.unit == "元":
        return m.value / Decimal(10_000)
    return None


def zero_statements(s: str) -> Iterator[tuple[Quantity, str]]:
    """(quantity, words) for every clause of sentence `s` that states a quantity is zero."""
    for clause in re.split(r"[，,]", s):
        for pattern, names in ZERO:
            hit = pattern.search(clause)
            rest = ALL_APPLICANTS.sub("", clause).replace("涉及", "")
            if hit and "其中" not in clause and not SCOPE_ALWAYS.search(rest):
                for name in names:
                    yield BY_NAME[name], hit.group(0)
                break


def table_value(facts: ReportFacts, q: Quantity) -> Decimal | None:
    """The table's value of a quantity (sum of its cells); None if a cell is absent."""
    total = Decimal(0)
    for key in q.keys:
        if key not in facts.spec.by_key:
            return None
        v = facts.number(key)
        if v is None:
            return None
        total += Decimal(v)
    return total
