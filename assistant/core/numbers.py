"""Numbers in Chinese text: full-width digits, Chinese numerals, percentages, 万元 amounts.

Used to parse cell values and to find the numbers stated in prose (audit and drafting guard).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
    "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_NUM_CHARS = "".join(_DIGITS) + "".join(_SMALL_UNITS) + "".join(_BIG_UNITS)


def to_halfwidth(text: str) -> str:
    """Full-width digits and signs to ASCII (１２ → 12)."""
    return text.translate(_FULLWIDTH)


MAX_NUMERAL_CHARS = 24  # the longest plausible numeral (九亿九千九百九十九万九千九百九十九 is 17)
MAX_DIGITS = 18  # longer runs of digits are no count or amount of a report


def parse_chinese_int(text: str) -> int | None:
    """十二 → 12, 一百零五 → 105, 两千三百 → 2300, 二〇二三 → 2023, and the spoken forms
    一千二 → 1200, 两百五 → 250, 三万五 → 35000; None if not a well-formed numeral (十十, 百千)."""
    if not text or len(text) > MAX_NUMERAL_CHARS or any(ch not in CN_NUM_CHARS for ch in text):
        return None
    if all(ch in _DIGITS for ch in text):
        if len(text) == 1:
            return _DIGITS[text]
        if len(text) < 3:  # 三五 is a range ("three to five"), not 35
            return None
        return int("".join(str(_DIGITS[ch]) for ch in text))  # digit by digit, e.g. 二〇二三
    return _positional(text)


def _positional(text: str) -> int | None:
    """A numeral with units; units strictly fall within a section (千 > 百 > 十) and across sections
    (亿 > 万). A last digit right after a unit is that unit's tenth (一千二 = 1200, 三万五 = 35000)."""
    total, section, digit = 0, 0, None
    last_small, last_big = 10_000, 10**9
    prev_unit = 0  # the unit just before the current digit (0: none, or a 零 in between)
    for ch in text:
        if ch in _DIGITS:
            if digit and _DIGITS[ch] != 0:
                return None  # two digits in a row, e.g. 三五 (ambiguous range)
            if _DIGITS[ch] == 0:
                prev_unit = 0
            digit = _DIGITS[ch]
        elif ch in _SMALL_UNITS:
            unit = _SMALL_UNITS[ch]
            if unit >= last_small or (digit == 0):
                return None  # 十十, 一百一千, 零百
            section += (1 if digit is None else digit) * unit
            digit, last_small, prev_unit = None, unit, unit
        else:
            unit = _BIG_UNITS[ch]
            section += digit or 0
            if section == 0 or unit >= last_big:
                return None  # 万 alone, 三万两万
            total += section * unit
            section, digit, last_small, last_big, prev_unit = 0, None, 10_000, unit, unit
    if digit:
        section += digit * (prev_unit // 10 if prev_unit >= 10 else 1)
    return total + section


def parse_decimal(text: str) -> Decimal | None:
    """A plain number after normalisation, else None. Accepts '1,234', '１２', '3.50', '十二'."""
    s = to_halfwidth(text).strip().replace(",", "")
    if len(s) > 2 * MAX_DIGITS + 2:
        return None
    if re.fullmatch(r"[-+]?\d+(\.\d+)?", s):
        try:
            return Decimal(s)
        except InvalidOperation:  # pragma: no cover - regex guarantees a valid literal
            return None
    neg = s.startswith("负")
    n = parse_chinese_int(s[1:] if neg else s)
    if n is None:
        return None
    return Decimal(-n if neg else n)


# ---------------------------------------------------------------- numbers in prose

MEASURE_WORDS = (
    "万元", "亿元", "元", "件次", "人次", "件", "个", "项", "次", "人", "条", "份", "家", "起", "场", "期",
    "篇", "批", "名", "户", "宗", "例", "部", "类", "余件", "余条", "余次", "余人", "余项",
    "余个", "余份", "余篇", "余万",
)  # fmt: skip
_MEASURE_RE = "|".join(sorted((re.escape(m) for m in MEASURE_WORDS), key=len, reverse=True))
_ARABIC = r"[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
_CN = f"[{CN_NUM_CHARS}]{{1,{MAX_NUMERAL_CHARS}}}"  # bounded: a long run must not cost O(n²) backtracking
_TOKEN_RE = re.compile(
    rf"(?P<pct_cn>百分之(?P<pct_cn_n>{_CN}(?:点[{''.join(_DIGITS)}]+)?))"
    rf"|(?P<num>{_ARABIC})(?P<num_unit>\s*(?:%|％|‰|{_MEASURE_RE}|年|月|日|号|周岁|个百分点)?)"
    rf"|(?P<cn>{_CN})(?P<cn_unit>(?:{_MEASURE_RE}|个百分点))"
)

KIND_COUNT = "count"
KIND_AMOUNT = "amount"
KIND_PERCENT = "percent"
KIND_YEAR = "year"
KIND_DATE = "date"
KIND_ORDINAL = "ordinal"
KIND_DOC_NUMBER = "doc_number"


@dataclass(frozen=True)
class NumberMention:
    """A number stated in text; `value` in the unit given (万元 stays 万元)."""

    value: Decimal
    raw: str
    unit: str
    kind: str
    start: int
    end: int
    approximate: bool = False  # 余 / 多 / 约 / 近

    @property
    def is_quantity(self) -> bool:
        return self.kind in (KIND_COUNT, KIND_AMOUNT, KIND_PERCENT)


def _kind_of(text: str, start: int, end: int, unit: str) -> str:
    before = text[max(0, start - 1) : start]
    after = text[end : end + 1]
    if unit in ("%", "％", "‰", "个百分点"):
        return KIND_PERCENT
    if unit == "年":
        return KIND_YEAR
    if unit in ("月", "日", "号"):
        return KIND_DATE
    if before in ("第", "〔", "[", "【") or after in ("〕", "]", "】"):
        return KIND_ORDINAL if before == "第" else KIND_DOC_NUMBER
    if unit.endswith("元") or unit == "余万":
        return KIND_AMOUNT
    return KIND_COUNT


def extract_numbers(text: str) -> list[NumberMention]:
    """Every number stated in `text`: Arabic (half/full width), Chinese numerals with a measure word,
    百分之…, with its kind (count, amount, percent, year, date, ordinal, document number).

    Chinese numerals are taken only with a measure word (三件, 十二次) so that 一是, 进一步, 统一 and
    （一） are not numbers.
    """
    out: list[NumberMention] = []
    for m in _TOKEN_RE.finditer(text):
        if m.group("pct_cn"):
            raw = m.group("pct_cn")
            body = m.group("pct_cn_n")
            value = _cn_with_point(body)
            if value is None:
                continue
            out.append(NumberMention(value, raw, "%", KIND_PERCENT, m.start(), m.end()))
            continue
        if m.group("num"):
            raw_num = m.group("num")
            unit = m.group("num_unit").strip()
            value = parse_decimal(raw_num.replace("，", ","))
            if value is None:
                continue
            start, end = m.start("num"), m.end()
            if _signed(text, start):  # 「-5件」 is minus five, never five; 「3-5件」 is a range
                value, start = -value, start - 1
        else:
            raw_num = m.group("cn")
            unit = m.group("cn_unit")
            if raw_num in ("万", "亿") or (len(raw_num) == 1 and raw_num in "十百千"):
                continue
            n = parse_chinese_int(raw_num)
            if n is None:
                continue
            value = Decimal(n)
            start, end = m.start("cn"), m.end()
        approx = (
            unit.startswith("余")
            or text[end : end + 1] in ("余", "多")
            or text[max(0, start - 1) : start]
            in (
                "约",
                "近",
                "超",
            )
        )
        if unit == "余万":
            value, unit = value, "万元"
        kind = _kind_of(text, start, end, unit)
        unit = unit.removeprefix("余")
        if unit == "亿元":
            value, unit = value * 10_000, "万元"
        out.append(NumberMention(value, text[start:end], unit, kind, start, end, approx))
    return out


def _signed(text: str, start: int) -> bool:
    before = text[max(0, start - 2) : start]
    return before[-1:] in ("-", "－", "负", "−") and not (len(before) == 2 and before[0].isdigit())


def _cn_with_point(body: str) -> Decimal | None:
    if "点" in body:
        whole, frac = body.split("点", 1)
        w = parse_chinese_int(whole)
        if w is None or any(ch not in _DIGITS for ch in frac):
            return None
        return Decimal(f"{w}.{''.join(str(_DIGITS[c]) for c in frac)}")
    n = parse_chinese_int(body)
    return None if n is None else Decimal(n)


def format_number(value: Decimal | int) -> str:
    """12 → '12', Decimal('1.50') → '1.5', Decimal('2.00') → '2'."""
    if isinstance(value, int):
        return str(value) if abs(value) < 10**MAX_DIGITS else format(Decimal(value), ".6E")
    if not value.is_finite() or abs(value.adjusted()) > MAX_DIGITS:
        return str(value)  # scientific notation: never a 5,000-digit expansion
    d = value.normalize()
    if d == d.to_integral_value():
        return str(int(d))
    return format(d, "f")


# ---------------------------------------------------------------- masking (prompt exemplars)

_NUMERAL_PREFIX = re.compile(rf"^(?:[0-9０-９,，.．]+|[{CN_NUM_CHARS}]+)")
_CN_YEAR_RE = re.compile(r"[〇○零一二三四五六七八九]{4}(?=年)")
_CN_MONTH_RE = re.compile(r"(?<=年)(?:十[一二]?|[一二三四五六七八九])(?=月)")
_CN_DAY_RE = re.compile(r"(?<=月)(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])(?=日)")


def mask_numbers(text: str) -> str:
    """Every number in `text` masked, its unit kept: 2023年 → X年, 12月31日 → X月X日, 十二件 → N件,
    3.5万元 → N万元, 20% / 百分之二十 → N%, 二〇二三年 → X年. Used to show past reports to an LLM as
    style exemplars without numbers it could copy."""
    parts: list[str] = []
    pos = 0
    for m in extract_numbers(text):
        parts.append(text[pos : m.start])
        mark = "X" if m.kind in (KIND_YEAR, KIND_DATE) else "N"
        if m.raw.startswith("百分之"):
            parts.append("N%")
        else:
            prefix = _NUMERAL_PREFIX.match(m.raw)
            parts.append(mark + (m.raw[prefix.end() :] if prefix else ""))
        pos = m.end
    parts.append(text[pos:])
    out = _CN_YEAR_RE.sub("X", "".join(parts))
    out = _CN_MONTH_RE.sub("X", out)
    return _CN_DAY_RE.sub("X", out)
