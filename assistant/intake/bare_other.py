"""「企业11件，个人7件，其他1件（一个行业协会）」: in a list of applicant types a bare 「其他N件」 is the
form's 其他 column (its label is just 其他), and a parenthesis after the count that names no number is
a gloss of that count, not another count. Pure helper of `extract`."""

import re

from assistant.intake.lexicon import COLUMNS, LEGAL_PERSONS, T2

_N = r"[0-9０-９一两二三四五六七八九十]+件"
_GLOSS = r"[（(][^（）()0-9０-９件]{1,20}[）)]"
_BARE = re.compile(rf"(?<![的和及与、])其他(?={_N}(?:{_GLOSS})?(?:[，,。；;\s]|$))")
_GLOSSED = re.compile(rf"{_GLOSS}(?=[，,。；;\s]|$)")
_SENTENCE_START = re.compile(r"[。；;！!？?\n]")
GLOSS_MARK = "（注）"


def _types_before(text: str, end: int) -> bool:
    start = max((m.end() for m in _SENTENCE_START.finditer(text, 0, end)), default=0)
    before = text[start:end]
    return any(p.search(before) for col, p in COLUMNS[T2] if col not in ("total", LEGAL_PERSONS))


def spell_out(text: str, log: list[tuple[str, str]]) -> str:
    """Bare 其他 after other applicant types → 其他组织; its gloss → a mark without type words."""
    out, pos = [], 0
    for m in _BARE.finditer(text):
        if not _types_before(text, m.start()):
            continue
        tail = text[m.end() :]
        count = re.match(_N, tail)
        gloss = _GLOSSED.match(tail, count.end()) if count else None
        out.append(text[pos : m.start()] + "其他组织" + tail[: count.end()])
        log.append(("其他组织", "其他"))
        pos = m.end() + count.end()
        if gloss:
            out.append(GLOSS_MARK)
            log.append((GLOSS_MARK, gloss.group()))
            pos = m.end() + gloss.end()
    return "".join(out) + text[pos:]
