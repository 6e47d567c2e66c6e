"""The prose lint: what keeps a drafted text from being fit to publish, whoever wrote it.

One function, `lint_prose(text)`, used by the eval (the `prose_lint` metric), by the guard on every
section (offline, LLM, the staff's own edit) and so shown in the draft tab. It finds colloquial words of
the lexicon left in (`prompts/lexicon.yaml`), a sentence said twice, broken enumerations (一是 … 三是,
a restart at 一, 二是二是), 本年度 and 今年 in one clause, English words, Markdown. Text in quotation
marks (last year's problems, quoted as written) is not linted for wording.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.drafting.formal import lexicon

COLLOQUIAL, REPEATED, ENUMERATION, YEAR_MIX, ENGLISH, MARKDOWN, AS_TYPED = (
    "colloquial", "repeated", "enumeration", "year_mix", "english", "markdown", "as_typed",
)  # fmt: skip
KIND_ZH = {
    COLLOQUIAL: "口语化表述",
    REPEATED: "重复的句子",
    ENUMERATION: "序号不连贯",
    YEAR_MIX: "年度表述混用",
    ENGLISH: "英文",
    MARKDOWN: "Markdown 标记",
    AS_TYPED: "照录的记录",
}
ORDINALS = "一二三四五六七八九十"
# 一是 … 十是; not inside words (统一是, 唯一是, 第一是, 万一是).
_ORDINAL = re.compile(rf"(?<![统唯单划万同专第逐之])([{ORDINALS}])是")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
_CLAUSE = re.compile(r"[^，,。！？!?；;：:\n]+")
_ENGLISH = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
_MARKDOWN = (
    r"(?m)^\s{0,3}#{1,6}\s", r"\*\*[^*\n]+\*\*", r"(?m)^\s*[-*+]\s+\S", r"(?m)^\s*>\s", r"```",
    r"(?m)^\s*\|", r"\[[^\]\n]+\]\([^)\n]+\)", r"(?m)^\s*\d+\.\s+",
)  # fmt: skip
MIN_REPEAT_CHARS = 8


@dataclass(frozen=True)
class LintIssue:
    kind: str
    excerpt: str  # the words at fault
    message: str  # Chinese, for the user
    start: int = 0


def lint_prose(text: str, allowed_english: str = "") -> list[LintIssue]:
    """Every lint issue of `text` (a section's text; paragraphs separated by newlines)."""
    text = text or ""
    return (
        colloquial_issues(text)
        + repeated_sentences(text)
        + enumeration_issues(text)
        + year_mix_issues(text)
        + english_issues(text, allowed_english)
        + markdown_issues(text)
        + as_typed_issues(text)
    )


def _unquoted(text: str) -> str:
    """The text with quotations blanked out (same length, so positions stay)."""
    return _QUOTED.sub(lambda m: "＂" * len(m.group()), text)


def _context(text: str, start: int, end: int) -> str:
    return text[max(0, start - 6) : end + 6].replace("\n", " ")


def colloquial_issues(text: str) -> list[LintIssue]:
    plain = _unquoted(text)
    out, seen = [], set()
    for entry in lexicon().linted:
        for m in entry.pattern.finditer(plain):
            if not m.group() or m.start() in seen:
                continue
            seen.add(m.start())
            near = _context(text, m.start(), m.end())
            out.append(
                LintIssue(
                    COLLOQUIAL, m.group(), f"口语化表述“{m.group()}”（…{near}…），宜改为公文用语", m.start()
                )
            )
    return sorted(out, key=lambda i: i.start)


def _norm(sentence: str) -> str:
    return re.sub(r"[\s，,。；;：:、！？!?“”\"（）()]", "", sentence)


def repeated_sentences(text: str) -> list[LintIssue]:
    out, seen = [], set()
    for m in _SENTENCE.finditer(text):
        key = _norm(m.group())
        if len(key) < MIN_REPEAT_CHARS:
            continue
        if key in seen:
            shown = m.group().strip()[:30]
            out.append(LintIssue(REPEATED, shown, f"句子重复出现：“{shown}”", m.start()))
        seen.add(key)
    return out


def enumeration_issues(text: str) -> list[LintIssue]:
    """Per paragraph, 一是/二是/三是 must run 一, 二, 三 … once: no gap, no restart, no doubling."""
    out = []
    offset = 0
    for paragraph in text.split("\n"):
        plain = _unquoted(paragraph)
        expected, last_end = 0, -1
        for m in _ORDINAL.finditer(plain):
            got = ORDINALS.index(m.group(1))
            if got != expected:
                out.append(_enum_issue(paragraph, m, got, expected, offset))
            elif last_end >= 0 and not plain[last_end : m.start()].strip("，,；;、：: "):
                near = _context(paragraph, m.start(), m.end())
                msg = f"序号不连贯：“{ORDINALS[got - 1]}是”后没有内容（…{near}…）"
                out.append(LintIssue(ENUMERATION, m.group(), msg, offset + m.start()))
            expected, last_end = got + 1, m.end()
        offset += len(paragraph) + 1
    return out


def _enum_issue(paragraph: str, m: re.Match[str], got: int, expected: int, offset: int) -> LintIssue:
    near = _context(paragraph, m.start(), m.end())
    if got == expected - 1:
        why = f"“{m.group()}”重复出现"
    elif got == 0:
        why = "“一是”在同一段中重新开始编号"
    else:
        want = f"{ORDINALS[expected]}是" if expected < len(ORDINALS) else "新的一段"
        why = f"“{m.group()}”之前应为“{want}”"
    return LintIssue(ENUMERATION, m.group(), f"序号不连贯：{why}（…{near}…）", offset + m.start())


def year_mix_issues(text: str) -> list[LintIssue]:
    out = []
    for m in _CLAUSE.finditer(_unquoted(text)):
        clause = m.group()
        if "本年度" in clause and "今年" in clause:
            out.append(
                LintIssue(
                    YEAR_MIX,
                    clause.strip(),
                    f"同一分句中“本年度”与“今年”混用：“{clause.strip()[:30]}”",
                    m.start(),
                )
            )
    return out


def english_issues(text: str, allowed: str = "") -> list[LintIssue]:
    allowed = allowed.lower()
    out = []
    for m in _ENGLISH.finditer(text):
        word = m.group()
        if word.lower() in allowed or not any(ch.islower() for ch in word):
            continue  # 12345 热线, APP written by the staff, an acronym: not prose in English
        out.append(LintIssue(ENGLISH, word, f"出现英文“{word}”，正文应使用中文", m.start()))
    return out


def markdown_issues(text: str) -> list[LintIssue]:
    out = []
    for pattern in _MARKDOWN:
        m = re.search(pattern, text)
        if m:
            mark = m.group().strip()
            out.append(LintIssue(MARKDOWN, mark, f"出现 Markdown 标记“{mark}”，正文应为纯文本", m.start()))
    return out


# A note left as typed: a sentence (or what follows a lead-in's colon) that is only 同去年/无/暂无, a
# spoken approximate numeral (三十来篇, 几10个, 90%几). (A clause ending in 的 was tried: it also flags
# the 公文 topic construction 「对栏目更新不及时的，建立了……」, so it is not a check.)
_EMPTY_SENTENCE = re.compile(
    r"(?:^|(?<=[。；;：:\n]))(?:本年度|全年|今年)?(?:同(?:去年|上年度?|往年)|暂无|无|没有)(?=[。；;]|$)"
)
_SPOKEN_NUMERAL = re.compile(
    r"[一二两三四五六七八九十百千万]来(?=[条件篇个份项次名人家])|[几数][0-9]|[0-9][几来](?=[条件篇个份项次名人家])"
    r"|[0-9]%[几多]"
)


def as_typed_issues(text: str) -> list[LintIssue]:
    """Words a clerk typed that no published report prints (they are not the lexicon's words)."""
    plain = _unquoted(text)
    out = []
    for pattern, why in (
        (_EMPTY_SENTENCE, "只有“{}”，不是工作情况的表述"),
        (_SPOKEN_NUMERAL, "口语化的约数“{}”，宜写作“X余”“X%以上”等"),
    ):
        for m in pattern.finditer(plain):
            near = _context(text, m.start(), m.end())
            out.append(LintIssue(AS_TYPED, m.group(), f"{why.format(m.group())}（…{near}…）", m.start()))
    return sorted(out, key=lambda i: i.start)
