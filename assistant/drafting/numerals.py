"""Numbers the core extractor leaves alone, and the quantities a number's own words name.

`extract_numbers` takes a Chinese numeral only with a measure word (三件, 十二次) so that 一是 and
进一步 stay words. An injected exemplar or a model can still write 「九千九百九十九」 bare; such a
numeral (a digit and a unit character, a well-formed number) is a number here: masked in exemplars
and bound by the guard. Set names stay words: 十四五 (no valid number), 二十大, 十九届, 第二十条.

`activity_named` tells when the words around a number name something that is no table quantity
(两个位次, 培训十二场次, 参训三百人次): such a number can only be one the staff typed, never a table
cell that happens to have the same value.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.core.numbers import KIND_COUNT, NumberMention, extract_numbers, parse_chinese_int

_DIGIT = "零〇○一壹二贰两三叁四肆五伍六陆七柒八捌九玖"
_UNIT = "十拾百佰千仟万亿"
_RUN = re.compile(f"[{_DIGIT}{_UNIT}]{{2,}}")
_NOT_BEFORE = ("第", "初", "周", "星期", "之")
_NOT_AFTER = ("大", "届", "中全会", "号", "条", "款", "章", "节", "周年", "年", "月", "日", "岁", "世纪", "字",
              "分之", "强", "佳", "家争鸣", "方百计")  # fmt: skip


def bare_numerals(text: str) -> list[NumberMention]:
    """Chinese numerals without a measure word (九千九百九十九), as count mentions with no unit."""
    taken = [(m.start, m.end) for m in extract_numbers(text)]
    out = []
    for m in _RUN.finditer(text):
        raw, start, end = m.group(), m.start(), m.end()
        if not (set(raw) & set(_UNIT) and set(raw) & set(_DIGIT)):
            continue
        if any(a < end and start < b for a, b in taken):
            continue
        if text[max(0, start - 2) : start].endswith(_NOT_BEFORE) or text[end:].startswith(_NOT_AFTER):
            continue
        value = parse_chinese_int(raw)
        if value is None or value < 10:
            continue
        out.append(NumberMention(Decimal(value), raw, "", KIND_COUNT, start, end))
    return out


def mask_bare(text: str) -> str:
    """`text` with every bare numeral replaced by N (exemplars: nothing a model could copy)."""
    for m in reversed(bare_numerals(text)):
        text = text[: m.start] + "N" + text[m.end :]
    return text


# Words naming a count no table of the form holds: trainings, meetings, visits, ranks, campaigns.
ACTIVITY_WORDS = (
    "培训", "参训", "讲座", "授课", "会议", "座谈", "宣传", "活动", "发放", "演练", "走访", "调研", "督查",
    "考核", "评估", "评议", "排名", "位次", "名次", "场次", "期次", "课时", "学时", "人次", "浏览", "访问",
    "点击", "粉丝", "关注", "阅读", "转发", "咨询", "接待", "来电", "热线", "留言", "展板", "手册", "折页",
    "专栏", "栏目", "专题", "稿件", "信息员", "联络员", "志愿", "观摩", "开放日", "公众号", "视频", "图解",
)  # fmt: skip
_AFTER_CHARS = 4
_BEFORE_CHARS = 10


def activity_named(text: str, m: NumberMention) -> str:
    """The activity word the number's clause names next to it ("" if none): the unit and the few
    characters after it (两个位次, 十二场次), or the words just before it in its clause (培训了十二场)."""
    after = text[m.end : m.end + _AFTER_CHARS]
    clause_start = max(0, m.start - _BEFORE_CHARS)
    for stop in "，。；！？,;\n":
        cut = text.rfind(stop, clause_start, m.start)
        if cut != -1:
            clause_start = max(clause_start, cut + 1)
    before = text[clause_start : m.start]
    word = next((w for w in ACTIVITY_WORDS if w in m.unit + after[: len(w) + 1]), "")
    return word or next((w for w in ACTIVITY_WORDS if w in before), "")


_STOPS = re.compile(r"[，。；！？,;、\n]")


def clause_around(text: str, m: NumberMention) -> str:
    """The words of `m`'s clause just around it (培训3场 of 「培训3场，数据解读12期」)."""
    before = _STOPS.split(text[max(0, m.start - _BEFORE_CHARS) : m.start])[-1]
    after = _STOPS.split(text[m.end : m.end + _AFTER_CHARS])[0]
    return before + text[m.start : m.end] + after


# Counts as a report writes them: 八十六条 → 86条, 1千2百多条 → 1200余条, 百分之九十五 → 95%.
COUNT_UNITS = ("人次", "场次", "条", "件", "场", "次", "篇", "期", "个", "份", "项", "家", "卷", "块", "名", "人",
               "户", "处", "起", "宗", "例", "部", "册", "张", "套", "所", "台", "组", "类")  # fmt: skip
# A lone 一 is a word before these (一次, 一个, 一项): only 一件 / 一条 / 一篇 / 一份 / 一名 are counts.
_LONE_ONE_UNITS = ("件", "条", "篇", "份", "名")
# Set phrases whose numeral is a name, not a count.
SET_PHRASES = (
    "两个维护", "两个确立", "四个意识", "四个自信", "四个全面", "三个代表", "八项规定", "五个一", "三个务必",
    "两个务必", "三个一", "四个一", "六个一", "一件事", "一条龙", "三项制度", "三服务", "两个责任",
)  # fmt: skip
_ARABIC_CN = dict(zip("0123456789", "零一二三四五六七八九", strict=True))
_SMALL = "十百千"
_CN_DIGITS = "零〇一二两三四五六七八九"
_COUNT = re.compile(
    rf"(?<![0-9.．％%{_DIGIT}{_UNIT}几数好])((?:[0-9](?=[{_SMALL}])|[{_CN_DIGITS}{_SMALL}])+)(多|余|几|来)?"
    rf"(?=(?:{'|'.join(COUNT_UNITS)}))"
)
_PERCENT = re.compile(rf"百分之([{_CN_DIGITS}{_SMALL}]+(?:点[{_CN_DIGITS}]+)?)(多|几)?")
_NOT_BEFORE_COUNT = ("第", "初", "周", "星期", "之", "其", "万", "亿", "统", "唯", "逐", "同", "单", "不")


def _count_value(raw: str) -> int | None:
    """The value of a numeral run (八十六, 1千2百, 两), None when it is no plain count."""
    cn = "".join(_ARABIC_CN.get(ch, ch) for ch in raw)
    if len(cn) > 1 and not set(cn) & set(_SMALL):
        return None  # 三五 (a range), 二〇二五 (a year)
    if not cn.startswith("十") and not set(cn) & set(_CN_DIGITS.replace("零", "").replace("〇", "")):
        return None  # 百家, 千方百计: a unit character alone (十 alone is ten: 十个栏目)
    return parse_chinese_int(cn)


def _count(text: str, m: re.Match[str]) -> str:
    raw, approx = m.group(1), m.group(2) or ""
    after = text[m.end() :]
    if text[max(0, m.start() - 2) : m.start()].endswith(_NOT_BEFORE_COUNT):
        return m.group()
    if raw == "一" and not after.startswith(_LONE_ONE_UNITS):
        return m.group()
    if any(text.startswith(p, m.start()) for p in SET_PHRASES) or (
        approx in ("几", "来") and raw[-1] not in _SMALL
    ):
        return m.group()
    value = _count_value(raw)
    if value is None or raw.isdigit():
        return m.group()
    return f"{value}{'余' if approx else ''}"


def _percent(m: re.Match[str]) -> str:
    whole, _, frac = m.group(1).partition("点")
    value = parse_chinese_int(whole) if whole != "零" else 0
    if value is None or (frac and any(ch not in _CN_DIGITS for ch in frac)):
        return m.group()
    digits = "".join(
        str("零一二三四五六七八九".index(ch)) if ch in "零一二三四五六七八九" else "0" for ch in frac
    )
    approx = "以上" if m.group(2) and not digits else ""  # 百分之九十几 → 90%以上
    if m.group(2) and digits:
        return m.group()
    return f"{value}{'.' + digits if digits else ''}%{approx}"


def arabic_counts(text: str) -> str:
    """`text` with every count written in Arabic digits (八十六条 → 86条, 两场 → 2场, 1千多条 →
    1000余条, 百分之九十五 → 95%). Only a numeral directly followed by a counting unit is a count:
    一是, 两年, 十四五, 一批, 第一, 三万元, 一站式, 统一 and set phrases (八项规定) stay as typed."""
    text = _PERCENT.sub(_percent, text)
    text = _TEN_THOUSANDS.sub(_ten_thousands, text)
    text = _SHORT_THOUSANDS.sub(_short_thousands, text)
    return _COUNT.sub(lambda m: _count(text, m), text)


# 三万多 / 3万多 → 3万余: a numeral of ten thousands said approximately.
_TEN_THOUSANDS = re.compile(rf"(?<![0-9.．{_DIGIT}{_UNIT}])([0-9]+|[{_CN_DIGITS}十]+)万(多|余)")
# 一千五 / 两千三 (spoken 1500 / 2300): a digit, 千, one digit, and no further numeral or 万.
_SHORT_THOUSANDS = re.compile(
    rf"(?<![0-9.．{_DIGIT}{_UNIT}第])([一二两三四五六七八九])千([一二三四五六七八九])(?![0-9{_DIGIT}{_UNIT}])"
)


def _ten_thousands(m: re.Match[str]) -> str:
    raw = m.group(1)
    value = int(raw) if raw.isdigit() else _count_value(raw)
    return f"{value}万余" if value else m.group()


def _short_thousands(m: re.Match[str]) -> str:
    digits = "一二三四五六七八九"
    head = 2 if m.group(1) == "两" else digits.index(m.group(1)) + 1
    return str(head * 1000 + (digits.index(m.group(2)) + 1) * 100)
