"""Staff notes in 公文 form: the colloquial → formal lexicon (`prompts/lexicon.yaml`) applied to an item.

Only words change: every number, name and measure the staff typed is kept (the lexicon maps 大概186条
to 约186条, never drops the number); counts are written in Arabic digits (八十六条 → 86条, same
value, `numerals.arabic_counts`). Fillers (嗯、就是、然后) go; a sentence-final 了 goes; a second
本年度 in one clause goes (本年度主动公开方面，我们今年 … → one 本年度).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from assistant.drafting.numerals import arabic_counts

LEXICON_PATH = Path(__file__).resolve().parents[2] / "prompts" / "lexicon.yaml"
SELF = "{self}"
NEXT_YEAR = "{next_year}"  # 明年: the year after the report's (2026年), else 下一年度


@dataclass(frozen=True)
class Entry:
    pattern: re.Pattern[str]
    to: str
    lint: bool


@dataclass(frozen=True)
class Lexicon:
    fillers: tuple[re.Pattern[str], ...]
    entries: tuple[Entry, ...]

    @property
    def linted(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.lint)


@cache
def lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The lexicon file, compiled (a bad entry is a programming error: it names the entry)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    fillers = tuple(re.compile(p) for p in doc.get("fillers", ()))
    entries = []
    for raw in doc.get("replace", ()):
        try:
            entries.append(Entry(re.compile(raw["from"]), str(raw["to"]), bool(raw.get("lint", True))))
        except (KeyError, re.error) as e:
            raise ValueError(f"{path}: bad lexicon entry {raw!r}: {e}") from None
    return Lexicon(fillers, tuple(entries))


_SENTENCE = re.compile(r"[^。；;！？!?\n]+")
_YEAR_WORDS = ("本年度", "全年", "年内")


def single_year_word(text: str) -> str:
    """One 本年度 per sentence: a second 本年度 (or one after 全年/年内) in a sentence is dropped."""

    def fix(m: re.Match[str]) -> str:
        clause = m.group()
        first = min((clause.find(w) for w in _YEAR_WORDS if w in clause), default=-1)
        if first < 0:
            return clause
        head, tail = clause[: first + 1], clause[first + 1 :]
        return head + tail.replace("本年度", "")

    return _SENTENCE.sub(fix, text)


def drop_fillers(text: str, fillers: tuple[re.Pattern[str], ...]) -> str:
    """`text` without spoken fillers, removed again until none is left (嗯，那个主动公开… → 主动公开…)."""
    before = None
    while before != text:
        before = text
        for pattern in fillers:
            text = pattern.sub("", text).strip()
    return text


def formalize(text: str, self_name: str = "本机关", year: int | None = None) -> str:
    """The staff's text with the lexicon applied; numbers and names untouched. `year` is the report's
    year (明年 is then written as the next year, 2026年; without it, 下一年度)."""
    next_year = f"{year + 1}年" if year else "下一年度"
    lex = lexicon()
    out = drop_fillers(text.strip(), lex.fillers)
    for entry in lex.entries:
        out = entry.pattern.sub(entry.to.replace(SELF, self_name).replace(NEXT_YEAR, next_year), out)
    out = re.sub(r"了(?=[，,。；;]|$)", "", arabic_counts(out))
    out = re.sub(r"(?<=[，,；;])[，,]+|^[，,、]+", "", out)
    out = re.sub(rf"(?:{re.escape(self_name)})(?=\s*{re.escape(self_name)})", "", out)
    return single_year_word(out).strip(" ，,")


_WHOLE_SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?|\n")


def drop_repeated_sentences(text: str) -> str:
    """The text with any sentence said a second time (word for word) left out."""
    seen: set[str] = set()
    out = []
    for piece in _WHOLE_SENTENCE.findall(text):
        key = re.sub(r"\W", "", piece)
        if piece != "\n" and len(key) >= 8:
            if key in seen:
                continue
            seen.add(key)
        out.append(piece)
    return re.sub(r"；(?=[。\n]|$)", "。", "".join(out))


def tidy(text: str) -> str:
    """A drafted text's last pass: one 本年度 per sentence, no sentence twice."""
    return drop_repeated_sentences(single_year_word(text))
