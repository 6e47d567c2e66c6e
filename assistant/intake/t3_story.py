"""表三 told case by case: 「第一个，村民……不服，县政府复议维持了」「第二个，……责令重新答复」.

Pure. After 「今年有三个人申请了行政复议」 a clerk tells each case in its own message, by an ordinal
(第一个/第二个/另一个/最后一个) and the outcome in everyday words. Each such message is one case: one
more in the outcome's column of the group it is about (行政复议, or 行政诉讼 未经复议直接起诉 / 复议后起诉 when
a court is named), added to what is known (pending or confirmed) and shown old → new like any change.
A message with no outcome word, or whose group cannot be told, is left to the ordinary reading; a case
that would make the outcomes exceed the group's 总计 is said back instead of added.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.answers import is_correction
from assistant.intake.lexicon import COLUMNS, T3
from assistant.intake.model import Extraction, ExtractionContext, Proposal
from assistant.intake.phrases import numbers

_ORDINAL = re.compile(
    r"^(?:[^，,。；;\d]{0,8}(?:的话|方面|这块)[，,：:]?\s*)?(?:还有|另外)?"
    r"(?:第(?:[一二三四五六七八九十]|\d{1,2})(?:个|件|起|宗|例)|另(?:外)?一(?:个|件|起)|最后一(?:个|件|起)|剩下(?:的|那)?一?(?:个|件|起)"
    r"|还有一(?:个|件|起))"
)
_MORE = re.compile(r"还有|另外|另一")  # 「还有一个公司9月申请复议……」: one more
_EVENT = re.compile(r"申请(?:了)?(?:行政)?复议|提起(?:了)?(?:行政)?(?:复议|诉讼)|起诉|诉我|告到|告了|打官司")
_LATER = re.compile(r"(?:又|然后|后来|之后|随后)[^。；;]{0,12}(?:起诉|告到|告了|法院)")
_COURT = re.compile(r"起诉|诉讼|法院|一审|二审|判决|告到|告了|打官司")
_DIRECT = re.compile(r"直接(?:起诉|告)|(?:没|未|不)(?:有)?经过?复议")
_AFTER = re.compile(
    r"复议[^，,。；;]{0,12}(?:以后|之后|后)[^。；;]{0,12}(?:起诉|告|法院)|复议后起诉|经过复议"
)
_REVIEW = re.compile(r"复议")
_OUTCOMES = ("pending", "corrected", "upheld", "other")


def read(message: str, ctx: ExtractionContext) -> Extraction | None:
    """One case of 表三 added to its outcome (or several, one a sentence); None when the message is not such."""
    text = _BY_ONE.sub("", message.strip(), count=1)  # 「复议诉讼我一件一件说。第一件，……」: how it is told
    one = not re.search(r"[。；;！!？?]", text.rstrip("。；;！!？? "))  # one sentence: one case
    if not (_ORDINAL.match(text) or (one and _EVENT.search(text) and not numbers(text))):
        return None if one else _several(text, ctx)  # 「3月12日张某某……申请复议，6月份市政府维持了」
    return _case(text, ctx.cells, ctx.version, one_of_several=False)


def _case(text: str, cells: Mapping[str, Value], version: str, one_of_several: bool) -> Extraction | None:
    group, told = _group(text, cells)
    outcome = _outcome(told) if group else None
    if group is None or outcome is None:
        return None
    reviewed = _outcome(text[: len(text) - len(told)]) if group == "litigation_after_review" else None
    if reviewed and _REVIEW.search(text[: len(text) - len(told)]):  # 「复议维持了，他又起诉，法院也判维持」
        first = _one(text, "review", reviewed, cells, version, one_of_several)
        if first.questions:
            return first
        cells = {**cells, **first.cells}
        then = _one(text, group, outcome, cells, version, one_of_several)
        return Extraction(first.proposals + then.proposals, questions=then.questions)
    return _one(text, group, outcome, cells, version, one_of_several)


def _one(
    text: str, group: str, outcome: str, cells: Mapping[str, Value], version: str, one_of_several: bool
) -> Extraction:
    """One more case in `group`'s `outcome` column (and its 总计 when the cases told exceed it)."""
    fspec = spec.spec_for(version)
    key, total_key = f"{group}.{outcome}", f"{group}.total"
    old = _int(cells.get(key))
    said = sum(_int(cells.get(f"{group}.{o}")) for o in _OUTCOMES)
    total = cells.get(total_key)
    source = text.rstrip("。.！!；;")
    name = fspec.cell(total_key).label.removesuffix(" / 总计")
    more = one_of_several or _MORE.search(text[:12]) is not None
    if isinstance(total, int) and said + 1 > total and not more:
        question = f"“{source}”：{name}共{total}件，已说明结果的已有{said}件，这一件是否另算？请告诉我{name}的总数和各结果的件数。"
        return Extraction(questions=(question,))
    note = f"逐件说明：原{old}件，加这一件" if old else "逐件说明的一件"
    proposals = [Proposal(key, old + 1, fspec.cell(key).label, source, note=note)]
    if not isinstance(total, int) or said + 1 > total:
        proposals.append(
            Proposal(total_key, said + 1, fspec.cell(total_key).label, source, True, "逐件说明累计")
        )
    return Extraction(tuple(proposals))


_BY_ONE = re.compile(
    r"^[^，,。；;\d]{0,10}?(?:我|我们)?(?:就)?(?:一件一件|一个一个|挨个|逐件|逐个)(?:地|的)?(?:说|讲|报|来说?)(?:吧|一下)?[。：:，,]\s*"
    r"(?=第|另|最后|还有|剩下)"
)
_SENTENCES = re.compile(r"[^。；;！!？?]+")
_NOT_BUT = re.compile(r"不是[^，,。；;]{1,8}(?:而)?是|其实|改成|改为|更正")
_TALK = re.compile(r"^[^，,\d]{0,10}(?:我|我们)?(?:说一下|说说|讲一下|讲讲|介绍一下|汇报一下|是这样的?)$")


def _several(text: str, ctx: ExtractionContext) -> Extraction | None:
    """「3月份有个叫刘某某的……复议决定维持。8月某化工公司申请复议……责令重新答复。11月底一个村民申请的复议……还没
    出结果」: several cases, one a sentence (an opening 「复议的情况我说一下」 aside), each added in turn; None
    unless every other sentence is such a case."""
    if is_correction(text) or _NOT_BUT.search(text):  # 「复议那个我说错了，不是维持是纠正；……」
        return None
    sentences = [s.strip() for s in _SENTENCES.findall(text) if s.strip()]
    cases = [s for s in sentences if not _TALK.match(s)]
    named = [s for s in cases if _EVENT.search(s) or _REVIEW.search(s) or _COURT.search(s)]
    if len(cases) < 2 or named != cases or any(m.value != 1 for s in cases for m in numbers(s)):
        return None
    cells = dict(ctx.cells)
    out: dict[str, Proposal] = {}
    for sentence in cases:
        one = _case(sentence, cells, ctx.version, one_of_several=True)
        if one is None or one.questions:
            return None
        for p in one.proposals:
            cells[p.key] = p.value
            first = out.get(p.key)
            source = f"{first.source}；{p.source}" if first and not p.inferred else p.source
            out[p.key] = Proposal(
                p.key, p.value, p.label, source, p.inferred, "逐件说明累计" if first else p.note
            )
    return Extraction(tuple(out.values()))


def _group(text: str, cells: Mapping[str, Value]) -> tuple[str | None, str]:
    """The group the case is about and the words that tell its outcome there."""
    court = _COURT.search(text)
    if court:
        if _DIRECT.search(text):
            return "litigation_direct", text[court.start() :]
        if _AFTER.search(text) or (_LATER.search(text) and _reviewed(cells)):  # 「然后他又不服，……起诉了」
            return "litigation_after_review", text[court.start() :]
        return None, text  # a suit, but which kind is not said: the ordinary reading asks
    total = cells.get("review.total")
    open_cases = isinstance(total, int) and sum(_int(cells.get(f"review.{o}")) for o in _OUTCOMES) < total
    if _REVIEW.search(text) or open_cases:  # 「第三个是12月份才申请的，……还没出结果」 after 复议3件
        return "review", text
    return None, text


def _reviewed(cells: Mapping[str, Value]) -> bool:
    return any(_int(cells.get(f"review.{o}")) for o in (*_OUTCOMES, "total"))


def _outcome(text: str) -> str | None:
    found = [(m.start(), col) for col, p in COLUMNS[T3] if col in _OUTCOMES and (m := p.search(text))]
    return min(found)[1] if found else None  # the first outcome said: 「不服……维持了」


def _int(value: Value | None) -> int:
    return value if isinstance(value, int) else 0
