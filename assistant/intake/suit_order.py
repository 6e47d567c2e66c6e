"""A suit told as a sequence after a review, across clauses. Pure helper of `extract`.

「先申请了复议，不服再去起诉的」「复议维持了，后来又去法院起诉」: the review comes first, then (不服, 后来,
再, 又 …) the suit, in another clause of the same sentence. The suit clause is then a 复议后起诉 one:
it is spelled 「复议后又起诉」 for the row reader, and the user's words are given back in sources. Told
先…再 (「先申请了复议，不服再去起诉」), the count of the first clause is the suits' too.
A suit named without such a sequence word (「复议1件，诉讼2件」) is left as it is, and so is one said
to be direct (「没走复议，直接起诉的」).
"""

from __future__ import annotations

import re

from assistant.intake.lexicon import ROW_BY_KEY
from assistant.intake.phrases import rewrite

_SUE = r"(?:起诉|提起(?:行政)?诉讼|告到法院|告上法庭|打官司|(?:去|上|到|找)法院(?:起诉|告)?)"
_THEN = r"(?:不服|后来|然后|之后|随后|接着|又|再)"
# a clause after one that names 复议 (without 直接/未经): a sequence word, then the suing verb
_C = r"[^，,。；;！!？?\n\d]"
_AFTER = re.compile(rf"{_THEN}(?:(?![没未])(?!不(?!服)){_C}){{0,8}}?{_SUE}(?:的)?")  # 「后来没有起诉」: none
_AFTER_REVIEW = ROW_BY_KEY["litigation_after_review"].pattern
_FIRST = re.compile(rf"先{_C}{{0,6}}?复议")
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_REVIEW = re.compile(r"复议")
_DIRECT = re.compile(r"直接|未经|没(?:有)?(?:经过?|走)")
SPELLED = "复议后又起诉"
FIRST_SPELLED = "复议后起诉"  # another spelling: sources give each back its own words


def spell_out(message: str, said: list[tuple[str, str]]) -> str:
    """Each sentence where a clause naming 复议 is followed by 「不服/后来…起诉」: that clause spelled."""
    out = []
    last = 0
    for m in _SENTENCE.finditer(message):
        out.append(message[last : m.start()])
        out.append(_sentence(m.group(), said))
        last = m.end()
    return "".join(out) + message[last:]


def _sentence(text: str, said: list[tuple[str, str]]) -> str:
    first = _REVIEW.search(text)
    if not first or _DIRECT.search(text) or "复议后" in text:
        return text
    head, tail = text[: first.end()], text[first.end() :]
    clauses = re.split(r"([，,])", tail)  # the rest of the 复议 clause, then the clauses after it
    spelled = [
        c if i == 0 or "复议" in c else rewrite(_AFTER, SPELLED, c, said) for i, c in enumerate(clauses)
    ]
    if spelled == clauses:
        return text
    # 「两起都是先申请了复议，不服再去起诉的」: a story told 先…再 is about the cases that ended in court
    return rewrite(_FIRST, FIRST_SPELLED, head, said) + "".join(spelled)
