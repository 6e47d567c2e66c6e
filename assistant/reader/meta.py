"""Title, agency and report year of a document.

The title is the first short line before the sections that names a 政府信息公开…报告 (a year in it
preferred). A title printed over two lines is joined: the lines of one paragraph (a Word line break)
always, two consecutive lines when the first names the agency (and perhaps the year) and the second
starts with the year or with 政府信息公开 (a PDF or text copy of a two-line title), or when the title
words run across the line end. The year comes from the title, else from the statistical-period sentence
(统计期限自2023年1月1日…), else from a 20xx年 opening a paragraph (not a date such as the 落款's
2024年1月18日), else from the 20xx年度 the text names most; the title's agency is the title without its
year and the 政府信息公开工作年度报告 part (`reader.issuer` decides whether it is taken, and looks in
the body when the title names none).
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.core.numbers import parse_chinese_int

_YEAR = re.compile(r"([2２][0０]\d{2}|二[〇○零][一二三四五六七八九〇○零]{2})\s*年(?:度)?")
_TITLE_WORDS = re.compile(r"政府信息公开.{0,12}(?:年度报告|年报|工作报告)|信息公开.{0,6}年度报告")
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|区间|周期)[^。]{0,12}?([2２][0０]\d{2})\s*年\s*[1１]\s*月\s*[1１]\s*日"
)
_TITLE_CUT = re.compile(r"(?:关于)?(?:政府信息公开|信息公开|政务公开).*$")
_CRUMB = re.compile(r"^.*[>＞»›]")
# the fields a government site prints around a document (信息公开目录 metadata, breadcrumbs, links)
_TITLE_FIELDS = ("标题", "题目", "名称", "文件名称", "信息名称")
_FIELD = re.compile(
    r"(文件名称|信息名称|标题|题目|名称|发布机构|发文机关|发布单位|发文单位|信息来源|来源|索引号|主题分类|"
    r"发布日期|发文日期|成文日期|生成日期|发布时间|文号|有效性|相关阅读|相关链接|上一篇|下一篇|当前位置|您的位置|"
    r"浏览次数|点击数|字号)\s*[:：]"
)
_DATE_AFTER = re.compile(r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月")
# 「2023年度」 in the text or a table's heading (表二 2023年度收到和处理…): the year the report is about
_YEAR_OF = re.compile(
    r"(?<![\d〇○零一二三四五六七八九])(?:[2２][0０]\d{2}|二[〇○零][一二三四五六七八九〇○零]{2})\s*年度"
)
_TITLE_LINE_MAX = 40  # characters of one printed title line
# sentence punctuation, a date, a document number (某政办〔2024〕1号): not a line of the title
_NOT_TITLE_LINE = re.compile(r"[。，,；;：:！!？?〔〕\[\]]|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]")


def year_in(text: str) -> int | None:
    m = _YEAR.search(text or "")
    if not m:
        return None
    raw = m.group(1)
    year = int(raw) if raw.isdigit() else parse_chinese_int(raw)
    return year if year and 2000 <= year <= 2100 else None


def find_title(preamble: list[str], title_hint: str) -> str:
    """The report's own title; a page wrapper's fields (标题：…, 发布机构：…, 相关阅读：…) never
    outrank it, and a wrapper's 标题 field is used only when the body prints no title."""
    own, fields = [], []
    for p in preamble[:40]:
        line, titled = _unwrap(_CRUMB.sub("", unspaced(join_lines(p.split("\n")))))
        own.append(line.strip().lstrip("#").strip())
        fields += titled
    for lines in (own, fields):
        candidates = [t for i in range(len(lines)) if (t := _title_at(lines, i)) and len(t) <= 80]
        for c in candidates:
            if year_in(c):
                return c
        if candidates:
            return candidates[0]
    hint = re.split(r"[_|｜-]{1,2}", title_hint or "")[0].strip()
    return hint if _TITLE_WORDS.search(hint) else ""


_SPACED_YEAR = re.compile(r"(?<![\d\s])\s*\b2\s0\s\d\s\d\b(?=\s*年)")
_SPACED = re.compile(r"(?<=[\u4e00-\u9fff\d（）()])\s+(?=[\u4e00-\u9fff\d（）()])")


def unspaced(line: str) -> str:
    """A letter-spaced line (「青 禾 市 生 态 环 境 局 2 0 2 3 年 …」, a title printed with wide character
    spacing, one run per character) without its spaces, and a year spaced out digit by digit joined
    (「审计局 2 0 2 3 年」); other lines as they are."""
    line = _SPACED_YEAR.sub(lambda m: re.sub(r"\s", "", m.group()), line)  # 「2 0 2 3 年」
    chars = len(re.sub(r"\s", "", line))
    if chars < 6 or len(_SPACED.findall(line)) < 0.6 * (chars - 1):
        return line
    return _SPACED.sub("", line)


def _unwrap(text: str) -> tuple[str, list[str]]:
    """A line without its page-wrapper fields, and the values of its 标题 fields."""
    parts = _FIELD.split(text)
    titled = [parts[i + 1].strip() for i in range(1, len(parts) - 1, 2) if parts[i] in _TITLE_FIELDS]
    return parts[0], titled


def _title_at(lines: list[str], i: int) -> str | None:
    """The title that line i holds or starts (joined with a neighbouring line), else None."""
    line = lines[i]
    prev = lines[i - 1] if i else ""
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if _TITLE_WORDS.search(line):
        if not agency_from_title(line) and _is_title_line(prev) and not _TITLE_WORDS.search(prev):
            return join_lines([prev, line])  # 某市某局(2023年) / (2023年)政府信息公开工作年度报告
        return line
    if _is_title_line(line) and _is_title_line(nxt) and not _TITLE_WORDS.search(nxt):
        joined = join_lines([line, nxt])  # the title words broken by the line end
        return joined if _TITLE_WORDS.search(joined) else None
    return None


def join_lines(lines: list[str]) -> str:
    """Lines of one title as one line: no separator, except a space between two Latin words/numbers."""
    out = ""
    for line in (ln.strip() for ln in lines):
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


def _is_title_line(text: str) -> bool:
    """A short line without sentence punctuation or a date: it may be one line of a broken title."""
    return 0 < len(text) <= _TITLE_LINE_MAX and not _NOT_TITLE_LINE.search(text)


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
        if m and not _DATE_AFTER.match(t.strip(), m.end()):  # 2024年1月18日: a date (the 落款), not the year
            return year_in(m.group(0))
    years = Counter(year_in(m.group()) for t in texts for m in _YEAR_OF.finditer(t))
    return years.most_common(1)[0][0] if years else None


def agency_from_title(title: str) -> str:
    t = _YEAR.sub("", title, count=1)
    t = _TITLE_CUT.sub("", t)
    t = re.sub(r"[\s（）()《》〈〉【】\[\]“”\"'：:，,、]+", "", t)
    t = re.sub(r"^关于", "", t)  # 关于某局2023年……的公告
    t = re.sub(r"^年?度", "", t)  # 「2024」 lost from 「2024年度政府信息公开…」 (a run printed apart)
    return t if len(t) >= 2 else ""
