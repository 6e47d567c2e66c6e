"""Applications counted by how they came in or by period: 「网上申请10件、信函2件、当面来的3件」, 「上半年9件下半年7件」,
「一季度20件，二季度18件……」. The form has no such rows: the parts are added up as this year's 本年新收 and the reply
says how (「按申请渠道分列的件数相加：10＋2＋3＝15」).

Pure. `summed` rewrites each such list into 「本年新收N件」 before reading, logging what was typed; `noted` puts the
user's words back in the sources and adds the sum as a note. A list is summed only when two or more parts of one
kind (channels, or periods) follow one another, no applicant type or other table row is named in it, and the
sentence names no row but 本年新收.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.core.numbers import format_number
from assistant.intake.lexicon import COLUMNS, T2
from assistant.intake.model import Extraction
from assistant.intake.phrases import find_row, numbers, restore

_NUM = r"[0-9０-９]+|[一二两三四五六七八九十百]+"
_CHANNEL = r"网上|网络|在线|线上|网站|政务网|互联网|平台|信函|邮寄|来信|寄信|电子邮件|电子邮箱|邮件|传真|当面|现场|窗口|来访|面对面"
_PERIOD = r"上半年|下半年|第?[一二三四1-4]季度|(?:[1-9]|1[0-2]|[一二三四五六七八九十]|十[一二])月份?"
_FILLER = r"(?:的|来的|申请的?|提交的?|递交的?|提出的?|收到的?|交来的?|来)*(?:是|有|共|收到)?"
_ITEM = rf"(?:{{kind}}){_FILLER}\s*(?:{_NUM})\s*(?:件|个|份)"
_SEP = r"[、，,；;和及\s]*(?:还有|另外)?"
_LISTS = {
    kind: re.compile(rf"(?:{_ITEM.format(kind=words)}){_SEP}(?:(?:{_ITEM.format(kind=words)}){_SEP})+")
    for kind, words in (("按申请渠道分列", _CHANNEL), ("按时间分列", _PERIOD))
}
_PART = re.compile(rf"(?:{_NUM})(?=\s*(?:件|个|份))")
_SENTENCE = re.compile(r"[。；;！!？?\n]")
_NEW = "applications.new_received"


def summed(message: str) -> tuple[str, list[tuple[str, str, str]]]:
    """(the message with each list as 「本年新收N件」, [(rewritten, as typed, note)])."""
    done: list[tuple[str, str, str]] = []
    for kind, pattern in _LISTS.items():
        text = message
        message = pattern.sub(lambda m, kind=kind, text=text: _sum(m, kind, text, done), text)
    return message, done


def _sum(m: re.Match[str], kind: str, message: str, done: list) -> str:
    span = m.group().rstrip("、，,；;和及 ")
    parts = [n.value for p in _PART.finditer(span) for n in numbers(p.group() + "件")]
    sentence = _SENTENCE.split(message[: m.start()])[-1] + _SENTENCE.split(message[m.end() :])[0]
    typed = any(col != "total" and p.search(span) for col, p in COLUMNS[T2])
    row = find_row(sentence, weak=False)
    if len(parts) < 2 or typed or (row is not None and row.key != _NEW) or find_row(span, weak=False):
        return m.group()
    total = sum(parts)
    new = f"本年新收{format_number(total)}件"
    note = f"“{span}”：{kind}的件数相加，{'＋'.join(format_number(v) for v in parts)}＝{format_number(total)}"
    done.append((new, span, note))
    return new + m.group()[len(span) :]


def noted(ex: Extraction, done: list[tuple[str, str, str]]) -> Extraction:
    """The extraction with the typed lists back in its sources and texts, each sum said as a note."""
    if not done:
        return ex
    log = [(new, old) for new, old, _ in done]
    proposals = tuple(replace(p, source=restore(p.source, log)) for p in ex.proposals)
    narrative = tuple(replace(n, text=restore(n.text, log)) for n in ex.narrative)  # the words typed, whole
    return replace(
        ex, proposals=proposals, narrative=narrative, notes=(*ex.notes, *(note for *_, note in done))
    )
