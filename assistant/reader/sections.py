"""The six sections: heading recognition (tolerant of variants and misnumbering) and body text.

A paragraph is a section heading when it is short and either carries a top-level number
("三、", "三．") or is styled as a heading / reads almost exactly like an official heading; the
section is recognised by its title words, not by its number (reports misnumber), and the number is
checked against the official one. "（一）主动公开" is a sub-heading of 一, never a section.
Text after the last section that looks like a web page footer (打印本页, 主办单位, …) is dropped, and
so is the findings appendix that `assistant export` adds after section 六 (附：核对意见…): the
sections end at its heading, and it is no report text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace

from assistant.core import spec
from assistant.reader.blocks import Block, Grid, Para
from assistant.reader.labels import squash

_TOP_NUMBER = re.compile(r"^\s*([一二三四五六七八九十]{1,2})\s*[、.．,，:：]\s*")
_SUB_NUMBER = re.compile(r"^\s*[（(]\s*[一二三四五六七八九十\d]{1,3}\s*[)）]")
_LOOSE_NUMBER = re.compile(r"^\s*(?:[（(]\s*[一二三四五六]\s*[)）]|[1-6]\s*[.．、])\s*")
STRAY = re.compile(r"^[A-Za-z0-9|·'\"`~!@#$%^&*_\-]{1,2}\s*(?=[一二三四五六]\s*[、.．])")
_TITLE_END = re.compile(r"[：:。；;]")
# Title words per section, most specific first (FORMAT.md §1.1 and the variants seen in reports).
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("s4_review_litig", ("行政复议", "行政诉讼")),
    ("s5_problems", ("存在的主要问题", "存在问题", "主要问题", "问题及改进", "问题和改进", "改进情况")),
    ("s6_other", ("其他需要报告", "其他事项", "需要报告的事项")),
    ("s3_applications", ("收到和处理", "依申请公开", "公开申请情况", "申请情况", "处理政府信息公开申请")),
    ("s2_active", ("主动公开",)),
    ("s1_overview", ("总体情况", "基本情况", "概述")),
)
_FOOTER = re.compile(
    r"^(?:【?打印|关闭窗口|【?关闭|主办单位|承办单位|主办：|版权所有|网站标识码|ICP|京ICP|"
    r"联系我们|网站地图|扫一扫|分享到|上一篇|下一篇|相关链接|【字体|字号：|附件下载)"
)
# The heading of the exporter's findings appendix (assistant.export.document.APPENDIX_HEADING).
APPENDIX_START = re.compile(r"^\s*附\s*[：:]\s*核对意见")
_EMPTY_BODIES = {
    "",
    "无",
    "暂无",
    "没有",
    "无问题",
    "不涉及",
    "略",
    "暂无问题",
    "无明显问题",
    "暂未发现问题",
    "无此类情况",
}


@dataclass(frozen=True)
class Heading:
    key: str
    number: str  # as printed ("" when unnumbered)
    text: str
    body: str = ""  # text on the same line after the heading ("一、总体情况：2023年，…")


@dataclass
class Layout:
    """The document cut into sections; `grid_sections[i]` is the section holding grid i."""

    preamble: list[str] = field(default_factory=list)
    sections: dict[str, list[str]] = field(default_factory=dict)
    headings: dict[str, Heading] = field(default_factory=dict)
    grids: list[Grid] = field(default_factory=list)
    grid_sections: list[str] = field(default_factory=list)
    appendix: bool = False  # the exporter's "附：核对意见" was found (and left out of the sections)
    flow: dict[str, list[Block]] = field(default_factory=dict)  # each section's blocks, in order

    def text(self, key: str) -> str:
        return "\n".join(p for p in self.sections.get(key, []) if p)


def section_for_title(title: str) -> str | None:
    """The section key whose title words appear in `title`, else None."""
    t = squash(title)
    for key, words in _KEYWORDS:
        if any(w in t for w in words):
            return key
    return None


def heading_of(para: Para, loose: bool = False) -> Heading | None:
    """The section heading in `para`, or None. `loose`: also "（三）…" / "3." numbering, when the
    title reads almost exactly like an official one (reports that number sections that way).
    A stray character typed before the number (「l六、存在的……」) does not hide the heading; the
    heading's text keeps it, so that it can be reported."""
    raw = para.text.strip()
    clean = STRAY.sub("", raw)
    if clean == raw:
        return _heading_of(para, loose)
    h = _heading_of(Para(clean, para.heading), loose)
    return replace(h, text=raw) if h else None


def _heading_of(para: Para, loose: bool) -> Heading | None:
    text = para.text.strip()
    if not text:
        return None
    if loose:
        m = _LOOSE_NUMBER.match(text)
        title = text[m.end() :] if m else ""
        key = section_for_title(title) if m else None
        ok = key is not None and len(squash(title)) <= 30 and _close_to_official(title, key)
        return Heading(key, "", text) if ok else None  # type: ignore[arg-type]
    if _SUB_NUMBER.match(text):
        return None
    m = _TOP_NUMBER.match(text)
    rest = text[m.end() :] if m else text
    cut = _TITLE_END.search(rest)
    title, body = (rest[: cut.start()], rest[cut.end() :]) if cut else (rest, "")
    if len(squash(title)) > 30 or (not m and body):
        return None
    key = section_for_title(title)
    if key is None:
        return None
    if m:
        if body and len(squash(title)) > 20:
            return None
        return Heading(key, m.group(1), text, body.strip())
    if para.heading or _close_to_official(title, key):
        return Heading(key, "", text)
    return None


def _close_to_official(title: str, key: str) -> bool:
    official = squash(spec.SECTION_BY_KEY[key].title)
    return difflib.SequenceMatcher(None, squash(title), official).ratio() >= 0.85


def split_sections(blocks: list[Block]) -> Layout:
    layout = _split(blocks, loose=False)
    if len(layout.headings) < 3:
        loose = _split(blocks, loose=True)
        if len(loose.headings) > len(layout.headings):
            return loose
    return layout


def _split(blocks: list[Block], loose: bool) -> Layout:
    layout = Layout()
    current: str | None = None
    done: set[str] = set()
    ended = False
    for block in blocks:
        if not ended:
            layout.flow.setdefault(current or "", []).append(block)
        if isinstance(block, Grid):
            layout.grids.append(block)
            layout.grid_sections.append(current or "")
            continue
        h = heading_of(block) or (heading_of(block, loose=True) if loose else None)
        if h and h.key not in done and not ended:
            current = h.key
            done.add(h.key)
            layout.headings[h.key] = h
            layout.sections[h.key] = [h.body] if h.body else []
            continue
        if current is None:
            layout.preamble.append(block.text)
        elif not ended and current == "s6_other" and _FOOTER.match(block.text.strip()):
            ended = True
        elif not ended and APPENDIX_START.match(block.text):
            ended = layout.appendix = True
        elif not ended:
            layout.sections[current].append(block.text)
    return layout


def is_empty_body(text: str) -> bool:
    """A section body with no content: blank, "无", "暂无" …"""
    return squash(text) in _EMPTY_BODIES
