"""Phrases in chat text: the numbers a sentence states, and the rows and columns it names.

Pure helpers of `extract`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from assistant.core.numbers import KIND_AMOUNT, KIND_COUNT, NumberMention, extract_numbers, parse_chinese_int
from assistant.intake.lexicon import COLUMNS, NAMED_NUMERALS, ROW_BY_KEY, ROWS, T2, RowDef

INFO_FEE = "信息处理费"
_BARE_TEN = re.compile(r"(?<![零〇一二两三四五六七八九十百千万])十(件|个|宗|起|项)")
_DURATION = re.compile(
    r"(?:个)?(?:工作日|自然日|日内|天|小时|个月|周|星期|季度|年内)"
)  # 3个工作日: a time, no cell
_WAN_COUNT = re.compile(r"万(余|多)?(件|个|项|次|起|宗|份)")
_WAN = re.compile(r"万元?(余|多)?")  # 3.2万 / 3万多: an amount in 万元
_ABOUT = ("大概", "大约", "约", "近", "将近", "差不多")
# 「行政处罚三十八」「一千二。」: a numeral with a unit character and no measure word, ending its clause
_BARE_NUMERAL = re.compile(
    r"(?<![第之统唯初0-9零〇一二两三四五六七八九十百千万亿])"
    r"([零〇一二两三四五六七八九]?[十百千万][零〇一二两三四五六七八九十百千万]*)"
    r"(?=\s+(?![件宗起项份家次])|\s*(?:$|[，,。；;！!？?、）)]|了(?:$|[，,。；;！!？?])))"
)
_LIANG_SA = re.compile(r"(?<=[\u4e00-\u9fff])(俩|仨)(?=\s|$|[，,。；;！!？?、])")  # 公司俩: two

_KUAI = re.compile(r"(?<=[0-9零〇一二两三四五六七八九十百千万])块(?=钱|$|[，,。；;！!、）)])")  # 两千块: 元
_BARE_ZERO = re.compile(  # 数量为零; 「行政强制零」 at the end of a clause
    r"(?<=[为是])零(?![零〇一二两三四五六七八九十百千万件个])"
    r"|(?<=[\u4e00-\u9fff])(?<![清归零〇一二两三四五六七八九十百千万])零(?=\s*(?:$|[，,。；;！!？?、）)]))"
)
_TOGETHER = re.compile(r"(?:算|处理|办|说|报|统计|答复|计|放|写|填|弄|合并|归)")
_ARTICLE_AFTER = re.compile(r"(?:[0-9]+|[一二两三四五六七八九十]+)(?:件|个)是[^，,。；;！!？?\s\d]{0,6}$")
_STORY_SUBJECT = re.compile(r"[^，,。；;！!？?0-9]{1,8}?(?:对|不服|认为|因为|向)")
# 「4千多件」「12万6千多」「1万2千元」: digits with 千/百 (and 万 before them), one number, not 4 and 6
_MIXED = re.compile(
    r"(?<![0-9.])([0-9]+)(?:万([0-9]+)([千百])|([千百]))(多|余|来)?(件|个|项|次|起|宗|份|元)?(?![0-9])"
)
_MAGNITUDE = {"千": 1000, "百": 100}


def rewrite(
    pattern: re.Pattern[str],
    new: str | Callable[[re.Match[str]], str | None],
    text: str,
    log: list[tuple[str, str]],
) -> str:
    """`pattern` → `new` in `text`, each (new, original) logged so that `restore` can give the
    user's own words back in source phrases and narrative. `new` may be a function of the match
    (None: that match is left as typed, nothing logged)."""

    def sub(m: re.Match[str]) -> str:
        out = new(m) if callable(new) else new
        if out is None:
            return m.group()
        log.append((out, m.group()))
        return out

    return pattern.sub(sub, text)


def restore(text: str, log: list[tuple[str, str]], original: str = "") -> str:
    """`text` with the logged rewrites undone; a text the user typed as it is (「许可没有」 beside a
    rewritten 「复议诉讼一个没有」) is left alone."""
    for new, old in log:
        if original and text.rstrip("。") in original:
            break
        if new in text:
            text = text.replace(new, old, 1)
        elif len(text) > 1 and text in new:  # a clause of a spelled-out phrase: the phrase as typed
            return old
    return text


def is_info_fee(sentence: str) -> bool:
    """信息处理费 charged (section 六), as opposed to 逾期未缴纳信息处理费 (a Table 2 row)."""
    unpaid = ROW_BY_KEY["applications.results.other.fee_unpaid_overdue"].pattern
    return INFO_FEE in sentence and not unpaid.search(sentence)


def numbers(sentence: str) -> list[NumberMention]:
    """Count and amount mentions, without list markers (1.), range starts (1-12月) and names (三安全一稳定)."""
    masked = NAMED_NUMERALS.sub(lambda m: "某" * len(m.group()), sentence)
    masked = _KUAI.sub("元", masked)
    out = (
        [
            NumberMention(Decimal(10), t.group(), t.group(1), KIND_COUNT, t.start(), t.end())
            for t in _BARE_TEN.finditer(masked)  # 十件: a lone 十 is not taken by extract_numbers
        ]
        + [
            NumberMention(Decimal(0), "零", "", KIND_COUNT, t.start(), t.end())
            for t in _BARE_ZERO.finditer(masked)
        ]
        + _bare_numerals(masked)
    )
    mixed = _mixed(masked)
    out += mixed
    for m in extract_numbers(masked):
        if m.kind not in (KIND_COUNT, KIND_AMOUNT) or any(x.start <= m.start < x.end for x in mixed):
            continue
        nxt = masked[m.end : m.end + 1]
        prev = masked[m.start - 1 : m.start] if m.start else ""
        if not m.unit and nxt in ("-", "—", "~", "～", "至", "到", "－"):
            continue
        if not m.unit and nxt in (".", "．", "、", ")", "）") and prev in ("", "（", "(", " ", "　"):
            continue
        if m.unit in ("", "个") and _DURATION.match(masked, m.end):
            continue
        if m.unit == "部" and masked[m.end : m.end + 1] == "分":  # 「予以公开17 部分公开3」: 部 starts 部分
            digits = m.raw[: len(m.raw) - 1].rstrip()
            if digits == "一":  # 「给了一部分」: a part, not the number 1
                continue
            m = replace(m, unit="", raw=digits, end=m.start + len(digits))
        if m.raw in ("一批", "一些"):  # 「去年有一批集中申请」: a batch, not the number 1
            continue
        if m.raw == "一起" and _TOGETHER.match(masked, m.end):  # 「结果我一起算在下面」: together, not 1 起
            continue
        if m.raw == "一家" and prev in ("是", "个", "为", "有"):  # 1件是一家物业公司: an article, not a count
            continue
        if m.raw in ("一家", "一位", "一名", "一个") and prev != "有" and _STORY_SUBJECT.match(masked, m.end):
            continue  # 「复议1件，一家企业对答复不服……」: the one a story is about (「有一个居民对……」 counts)
        if m.raw in ("一家", "一位", "一名", "一个") and _ARTICLE_AFTER.search(masked[: m.start]):
            continue  # 「还有一个是省里一个研究所申请的」「一件是一个公司申请的」: who it is, not a second count
        out.append(_amount(masked, m))
    out = [replace(m, raw=sentence[m.start : m.end]) for m in out]  # the user's own characters (块, not 元)
    return sorted(out, key=lambda m: m.start)


def _mixed(text: str) -> list[NumberMention]:
    """「4千多件」 is about 4000 (asked), 「12万6千多」 about 126000 元: one vague number, never 4 or 12."""
    out = []
    for t in _MIXED.finditer(text):
        high, low, unit = int(t.group(1)), t.group(2), t.group(6) or ""
        if low:
            value = high * 10_000 + int(low) * _MAGNITUDE[t.group(3)]
        else:
            value = high * _MAGNITUDE[t.group(4)]
        about = bool(t.group(5)) or text[: t.start()].endswith(_ABOUT)
        kind = KIND_AMOUNT if unit == "元" or "万" in t.group() else KIND_COUNT
        out.append(NumberMention(Decimal(value), t.group(), unit, kind, t.start(), t.end(), about))
    return out


def _bare_numerals(text: str) -> list[NumberMention]:
    out = []
    for t in _BARE_NUMERAL.finditer(text):
        n = parse_chinese_int(t.group(1))
        if n is not None and t.group(1) not in ("十", "百", "千", "万"):
            out.append(NumberMention(Decimal(n), t.group(1), "", KIND_COUNT, t.start(1), t.end(1)))
    for t in _LIANG_SA.finditer(text):
        value = Decimal(2 if t.group(1) == "俩" else 3)
        out.append(NumberMention(value, t.group(1), "", KIND_COUNT, t.start(1), t.end(1)))
    return out


def _amount(text: str, m: NumberMention) -> NumberMention:
    """「3.2万」 is 3.2 万元; 「大概3万多」 is only an estimate (asked, never stored)."""
    if not m.unit and (c := _WAN_COUNT.match(text, m.end)):  # 「许可2万件」; 「2.3万件」 is rounded: asked
        value = m.value * 10_000
        return replace(m, value=value, unit=c.group(2), raw=text[m.start : c.end()], end=c.end(),
                       approximate=bool(c.group(1)) or m.value != m.value.to_integral_value())  # fmt: skip
    if not m.unit and (w := _WAN.match(text, m.end)):
        m = replace(m, unit="万元", kind=KIND_AMOUNT, raw=text[m.start : w.end()], end=w.end())
        if w.group(1):
            m = replace(m, approximate=True)
    before = text[max(0, m.start - 3) : m.start]
    if m.unit == "万元" and not m.approximate and before.endswith(_ABOUT):
        m = replace(m, approximate=True)
    return m


def find_row(seg: str, weak: bool) -> RowDef | None:
    return next((r for r in ROWS if r.weak == weak and r.pattern.search(seg)), None)


def find_col(row: RowDef, seg: str, default: bool = True) -> str | None:
    col = next((c for c, p in COLUMNS[row.kind] if p.search(seg)), None)
    return col if col or not default else row.default_col


_TRAILING_LEAD = re.compile(r"^(?:也都是|也是|全是|都是|均为|是|为|系)?(?:由)?")
_TRAILING_END = re.compile(  # 「1个村民11月来问……」: who came and asked
    r"^(?:的|提|申请|\s*$|(?:[0-9一二三四五六七八九十]{1,2}月(?:份|底|初)?)?(?:来|过来|前来)?(?:问|要|查|咨询))"
)


def trailing_col(row: RowDef, after: str) -> str | None:
    """An applicant type right after the number: 「2件企业的申请」「3件是律所提出的」 (T2 rows only)."""
    if row.kind != T2:
        return None
    rest = after[_TRAILING_LEAD.match(after).end() :]  # type: ignore[union-attr]
    for col, p in COLUMNS[T2]:
        m = p.match(rest)
        if m and _TRAILING_END.match(rest[m.end() :]):
            return col
    return None


def row_matches(clause: str) -> list[tuple[tuple[int, int], RowDef]]:
    """Rows named in a clause, most specific first, without overlaps; a weak row only if no other."""
    found: list[tuple[tuple[int, int], RowDef]] = []
    for row in ROWS:
        for m in row.pattern.finditer(clause):
            if row.weak and found:
                break
            if not any(overlap(m.span(), s) for s, _ in found):
                found.append((m.span(), row))
    return sorted(found, key=lambda x: x[0])


def overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def words_before(source: str, m: NumberMention) -> str:
    """「物业公司那件也是问规划的，一样让他去住建局」: the words before a number left without a row (its
    applicant type), read with the later clause that names the row."""
    return source[: source.find(m.raw)] + "，" if m.raw in source else ""
