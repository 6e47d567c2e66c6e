"""Title, agency and report year of a document.

The title is the first short line before the sections that names a 政府信息公开…报告 (a year in it
preferred); the year comes from the title, else from the statistical-period sentence
(统计期限自2023年1月1日…), else from a 20xx年 opening a section 一 paragraph; the agency is the
title without its year and the 政府信息公开工作年度报告 part.
"""

from __future__ import annotations

import re

from assistant.core.numbers import parse_chinese_int

_YEAR = re.compile(r"(20\d{2}|二[〇○零][一二三四五六七八九〇○零]{2})\s*年(?:度)?")
_TITLE_WORDS = re.compile(r"政府信息公开.{0,12}(?:年度报告|年报|工作报告)|信息公开.{0,6}年度报告")
_PERIOD = re.compile(r"统计(?:期限|时限|时间|区间|周期)[^。]{0,12}?(20\d{2})\s*年\s*1\s*月\s*1\s*日")
_TITLE_CUT = re.compile(r"(?:关于)?(?:政府信息公开|信息公开|政务公开).*$")
_CRUMB = re.compile(r"^.*[>＞»›]")


def year_in(text: str) -> int | None:
    m = _YEAR.search(text or "")
    if not m:
        return None
    raw = m.group(1)
    year = int(raw) if raw.isdigit() else parse_chinese_int(raw)
    return year if year and 2000 <= year <= 2100 else None


def find_title(preamble: list[str], title_hint: str) -> str:
    candidates = [_CRUMB.sub("", p).strip() for p in preamble[:40]]
    candidates = [c for c in candidates if len(c) <= 80 and _TITLE_WORDS.search(c)]
    for c in candidates:
        if year_in(c):
            return c
    if candidates:
        return candidates[0]
    hint = re.split(r"[_|｜-]{1,2}", title_hint or "")[0].strip()
    return hint if _TITLE_WORDS.search(hint) else ""


def find_year(title: str, texts: list[str]) -> int | None:
    year = year_in(title)
    if year:
        return year
    for t in texts:
        m = _PERIOD.search(t)
        if m:
            return int(m.group(1))
    for t in texts:
        m = _YEAR.match(t.strip())
        if m:
            return year_in(m.group(0))
    return None


def agency_from_title(title: str) -> str:
    t = _YEAR.sub("", title, count=1)
    t = _TITLE_CUT.sub("", t)
    t = re.sub(r"[\s（）()《》“”\"'：:，,、]+", "", t)
    return t if len(t) >= 2 else ""
