"""Sentences about last year that are not this year's table, taken out before a message is read.

Pure. Two kinds, each said back in a note (never dropped silently):
- a sentence that opens with an earlier year (「2024年，我局主动公开……；全年收到申请5件，均予以公开。」 in the
  2025 report): a paragraph of last year's report pasted for its wording; every clause of it, up to the
  full stop, is of that year, so none of its numbers is filed as this year's;
- a sentence quoting last year's report (「去年报告写的结转到今年是4件……」) when a later sentence of the same
  message says the report was wrong (「报告写错了，今年实际转过来的是……」): the later figures are this year's;
- when an application still open at the year's end was received late (「还有1件12月底才收到，还没办完」), its
  date of receipt is taken out: the count is 结转下年度 (the form's 四), its 收到 is no 新收 count;
- a carry named by its year (「2022年结转的1件」「结转到2024年」 in the 2023 report) is read as 上年结转 /
  结转下年度;
- 「收到6件，加上上年结转的1件，共办理7件」: the sum in hand is no cell (said back);
- a clause telling where the applications of one type came from (「企业的4件，就是今年3件加去年转过来那1件」):
  its parts add up to the number before it and explain it; the table splits no result by year received.
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.core.numbers import KIND_COUNT, extract_numbers
from assistant.intake.lexicon import ROW_BY_KEY
from assistant.intake.phrases import find_col

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?\n]*")
_DATED = re.compile(  # 「2024年，我局……」「2024年度全年……」; not 「2024年12月收到的1件」 (a date)
    r"^\s*(?:截至|截止)?(\d{4})\s*年度?(?=[，,]|我|本|全年|全[镇县区市乡]|共|累计|以来|期间)"
)
_QUOTED_REPORT = re.compile(
    r"^[^，,。；;]{0,6}?(?:去年|上一?年度?)的?(?:年报|报告|年度报告)(?:里|上|中)?"
    r"(?:写的|填的|报的|写着|说的|里写的)"
)
_ADOPTED = re.compile(r"是对的|没错|为准|是准确的|是正确的")
_WRONG = re.compile(r"写错|填错|报错|弄错|搞错|不对|有误|不准确")


def set_aside(message: str, year: int | None) -> tuple[str, list[str]]:
    """(the message without last year's sentences, the notes saying what was set aside and why)."""
    sentences = _SENTENCE.findall(_years_named(message, year))
    kept: list[str] = []
    notes: list[str] = []
    for i, sentence in enumerate(sentences):
        body = sentence.strip().rstrip("。！!？?")
        dated = _DATED.match(body)
        if year and dated and int(dated.group(1)) < year:
            notes.append(f"“{body}”写的是{dated.group(1)}年的情况，没有记入今年的年报")
        elif _quoted_then_wrong(body, sentences[i + 1 :]):
            notes.append(f"“{body}”是上年年报里的数字，已按您后面说的实际情况为准")
        else:
            kept.append(sentence)
    message = _without_in_hand(_without_makeup("".join(kept), notes), notes)
    return _without_late_receipt(message, notes), notes


_IN_HAND = re.compile(
    r"(?P<a>\d+)件[^。；;]*?(?:加上|连同|算上|再加上?)[^，,。；;\d]*?结转[^，,。；;\d]*?(?P<m>\d+)件[，,]\s*"
    r"(?P<c>(?:共|一共|合计|总共)(?:办理|受理|处理|计)?了?(?P<n>\d+)件)"
)


def _without_in_hand(message: str, notes: list[str]) -> str:
    """「收到申请6件，……加上上年结转的1件，共办理7件」: 7 is 新收 + 上年结转, no cell of the form."""
    for m in reversed(list(_IN_HAND.finditer(message))):
        if int(m.group("a")) + int(m.group("m")) != int(m.group("n")):
            continue
        notes.append(f"“{m.group('c')}”是本年新收与上年结转之和，不另记入表格")
        message = message[: m.start("c")] + message[m.end("c") :].lstrip("：:，,")
    return message


_LATE = re.compile(
    r"(?P<n>[0-9一二两三四五六七八九十]+件)(?P<who>[^，,。；;\d]{0,4}?的)?(?:是|都是)?"
    r"(?P<d>(?:在|于)?(?:12月|十二月|年底|年末|年终)(?:[0-9一二三十]{1,3}(?:号|日))?[^，,。；;\d]{0,5}?"
    r"(?:才|刚)?(?:收到|接到|申请|登记)的?)"
    r"(?P<sep>[，,]?\s*)(?P<open>(?:现在|目前)?(?:还|仍|尚|都)?(?:没|未)(?:有)?(?:办完|办结|答复)|(?:现在|目前)?还在办|正在办理)"
)


def _without_late_receipt(message: str, notes: list[str]) -> str:
    """「还剩一件村民的是12月28号才收到的，现在还在办」: the date of receipt out, the type kept."""

    def sub(m: re.Match[str]) -> str:
        notes.append(f"“{m.group('d')}”：这{m.group('n')}年底还没办完，记入结转下年度")
        return f"{m.group('n')}{m.group('who') or ''}{m.group('open')}"

    return _LATE.sub(sub, message)


_MAKEUP = re.compile(
    r"(?P<n>\d+)\s*件[，,]\s*(?P<c>(?:就是|即|也就是|也即)[^，,。；;]*?(?:加|和|与|及|、|\+|＋)[^，,。；;]*)"
)
_THIS_YEAR = re.compile(r"今年|本年|新收|新来")
_LAST = re.compile(r"去年|上一?年|转过来|结转")


def _typed(before: str) -> str | None:
    """The applicant type the number just before is of (「其中企业的4件」), if any."""
    clause = re.split(r"[，,。；;：:]", before)[-1]
    return find_col(ROW_BY_KEY["applications.new_received"], clause, default=False)


def _without_makeup(message: str, notes: list[str]) -> str:
    """「4件，就是今年3件加去年转过来那1件」: the clause after 4件 is taken out (said back in a note)."""
    for m in reversed(list(_MAKEUP.finditer(message))):
        clause = m.group("c")
        parts = [n.value for n in extract_numbers(clause) if n.kind == KIND_COUNT]
        whole = int(m.group("n"))
        if len(parts) < 2 or sum(parts) != whole or not (_THIS_YEAR.search(clause) and _LAST.search(clause)):
            continue
        if _typed(message[: m.start()]) not in spec.T2_APPLICANT_COLUMNS:
            continue  # 「共办理7件，就是新收6件加上年结转1件」: those are rows
        notes.append(f"“{clause}”说的是这{whole}件中今年新收和上年结转各几件，不另记入表格")
        message = message[: m.start("c")].rstrip("，, ") + message[m.end("c") :]
    return message


def _years_named(message: str, year: int | None) -> str:
    """「加上2022年结转的1件」「结转到2024年继续办理」 in the 2023 report: the carry named by its year is the
    one of the year before (上年结转) or after (结转下年度), read like 「上年结转」「结转到下一年」."""
    if not year:
        return message
    before = re.compile(rf"{year - 1}\s*年度?(?=(?:结转|转来|转过来|遗留|未办结|没办完))")
    after = re.compile(rf"(?<=[转到至入])\s*{year + 1}\s*年度?")
    return after.sub("下一年", before.sub("上年", message))


def _quoted_then_wrong(body: str, later: list[str]) -> bool:
    return bool(
        _QUOTED_REPORT.match(body) and not _ADOPTED.search(body) and any(_WRONG.search(s) for s in later)
    )
