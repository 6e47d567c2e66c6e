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
