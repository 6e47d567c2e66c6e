"""A cancel with more after it: 「取消，这个数我还没核实，先别填」「取消，强制应该是16件」.

The cancel acts on what is pending and the reason is said back; a cancel followed by figures (「取消，企业是2件」)
goes to the extractor whole, which corrects the one value it names. A reason without the word cancels nothing (「其他的回头再说」). 「确认，……」 is
left to the extractor, which reads it as an answer in context; 「不对，企业是2件」 corrects one pending value there.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.intake.accounting import only_talk
from assistant.intake.counted_as import remembered
from assistant.intake.phrases import numbers, row_matches

_YES = r"(?:确认(?:无误|保存)?|确定|是的?|对的?|好的?|行|可以|保存(?:吧)?|没问题|没错)"
# 「确认」, and assent words strung together as clerks type them: 「好的，确认」「嗯，对，确认保存」
CONFIRM = re.compile(rf"^\s*(?:(?:嗯|噢|哦|那)[，,、\s]*)?{_YES}(?:[，,、\s]*{_YES})*[。！!.\s]*$")
OVERWRITE = re.compile(r"^\s*(确认覆盖|覆盖|全部覆盖|改吧|要改)[。！!.\s]*$")
CANCEL = re.compile(r"^\s*(取消|放弃|不对|不是|错了|不保存)[。！!.\s]*$")
SKIP = re.compile(r"^\s*(跳过|以后再说|稍后|下一个)[。！!.\s]*$")
_HEAD = re.compile(r"^\s*(取消|放弃|不保存)\s*[，,。；;！!、]+\s*(\S.*)$", re.S)
_REASON = re.compile(
    r"还没(?:有)?核(?:实|对)|没核(?:实|对)|待核(?:实|对)|核实(?:一下|后|了再)|先别填|先不(?:要)?填|别填了?|不要填|"
    r"先不(?:要|算)|不算了?|待定|再说|回头再|问问再|搞错了|弄错了|不准"
)


# 「嗯，那就是这3件，确认」: talk that only repeats pending figures, then the confirm word
_TAIL_CONFIRM = re.compile(r"^(.*?)[，,。\s]+(?:确认|确定|就这样(?:保存)?)[。！!.\s]*$", re.S)
_RESTATE = re.compile(
    r"^[嗯噢哦好对是的，,\s]*(?:那)?(?:就是|就|是|对)?(?:这|那)?(?:个|些)?(?:都|也)?(?:对|没错)?$"
)
# 「先这样」「好的，先这样」「先这样，表一那些数明天……再报」: the clerk leaves; what is pending is kept as said
_CLOSING = re.compile(
    r"^\s*(?:(?:好的?|嗯|行|那)[，,、\s]*)?(?:先这样(?:吧)?|就这样(?:吧)?|就这些(?:吧)?|今天先到这(?:里|儿)?|先到这(?:里|儿)?|"
    r"暂时就这些)(?:[。！!.\s]*$|[，,。；;]\s*(\S.*)$)",
    re.S,
)


def confirms(message: str, pending: dict) -> tuple[bool, str] | None:
    """(save the pending cells?, what the reply says first); None when the message is no confirm.
    「确认」「好的，确认」 and 「那就是这3件，确认」 (its figures all pending) save; a leave-taking 「先这样」 saves what was
    proposed and says so (not a whole ledger), but 「先这样，数我还没核实」 keeps it pending and says that instead."""
    if CONFIRM.match(message or ""):
        return True, ""
    done, rest = closing(message)
    if done and (pending.get("whole") or _REASON.search(rest)):
        n = len(pending.get("cells", [])) + len(pending.get("narrative", []))
        return False, f"好的，待确认的 {n} 项先不保存；核实后回复“确认”保存，或直接告诉我正确的数字。"
    if done:
        return True, "好的，先这样：待确认的数据按识别结果保存，如有不对随时告诉我。" + closing_said(
            rest
        ) + "\n"
    m = _TAIL_CONFIRM.match(message or "")
    if not m or row_matches(m.group(1)):
        return None
    values = {Decimal(str(c.get("value"))) for c in pending.get("cells", []) if _number(c.get("value"))}
    said = [n.value for n in numbers(m.group(1))]
    restates = bool(_RESTATE.match(_strip_numbers(m.group(1))))
    return (True, "") if said and all(v in values for v in said) and restates else None


def _number(v) -> bool:
    try:
        Decimal(str(v))
    except ArithmeticError:
        return False
    return True


def _strip_numbers(text: str) -> str:
    return re.sub(r"[0-9０-９一二两三四五六七八九十百千]+\s*(?:件|个|项|条)?", "", text)


def closing(message: str) -> tuple[bool, str]:
    """(the message is a leave-taking 「先这样」, what follows it: 「表一那些数明天法规科给我了再报」)."""
    m = _CLOSING.match(message or "")
    return (True, (m.group(1) or "").strip()) if m else (False, "")


def closing_said(rest: str) -> str:
    return f"\n（您说“{rest}”：好的，这部分以后再告诉我即可。）" if rest else ""


def cancel_reason(message: str) -> tuple[str, str]:
    """(the cancel word, its reason) for 「取消，这个数我还没核实，先别填」; ("", "") for anything else,
    「取消，企业是2件」 included (figures after a cancel are the extractor's)."""
    m = _HEAD.match(message or "")
    rest = m.group(2).strip() if m else ""
    return (m.group(1), rest) if m and _REASON.search(rest) and not numbers(rest) else ("", "")


def said_back(reason: str) -> str:
    return f"（您说“{reason}”：不填，核实后再告诉我即可。）"


def nothing_to_answer(message: str, state: dict) -> bool:
    """确认/取消/覆盖 with nothing pending (a "yes" to a confirm-style question is an answer)."""
    if CANCEL.match(message) or OVERWRITE.match(message):
        return True
    return bool(CONFIRM.match(message)) and not state.get("question_proposals")


def cancel_named(reason: str, pending: dict) -> tuple[dict, list[dict]] | None:
    """「取消，处罚的数我还没核实」: a reason that names a row cancels the pending cells of that row only
    (the pending left, the cells cancelled); None when it names no row with a pending cell, or every
    pending cell is of it (the whole cancel, as before)."""
    if pending.get("whole"):
        return None  # a ledger is applied entirely or not at all
    rows = [r for _, r in row_matches(reason) if not r.weak]
    prefixes = tuple(f"{k}." for r in rows for k in (r.leaves if r.is_group else (r.key,)))
    cells = pending.get("cells", [])
    gone = [c for c in cells if prefixes and c["key"].startswith(prefixes)]
    if not gone or len(gone) == len(cells) and not pending.get("narrative"):
        return None
    return {**pending, "cells": [c for c in cells if c not in gone]}, gone


def cancelled_named(gone: list[dict], left: dict, reason: str) -> str:
    shown = "；".join(f"{c['label']}：{c['value']}" for c in gone[:3]) + ("等" if len(gone) > 3 else "")
    n = len(left.get("cells", [])) + len(left.get("narrative", []))
    return f"已放弃待确认的 {len(gone)} 项（{shown}）；其余 {n} 项仍待确认，回复“确认”保存。\n" + said_back(
        reason
    )


_NONE_YES = re.compile(
    r"^\s*(?:(?:对|是|是的|嗯|对的)[，,\s]*)?(?:都|也都|确实)?(?:没有|没|无|为0|是0)(?:的|了)?[。！!.\s]*$"
)


def answers_yes(message: str, question: list[dict]) -> bool:
    """「是」「确认」, or 「都没有」 when the question proposes zeros only (「……按总数推算为0。回复“是”确认」): the
    question's proposals are agreed."""
    if CONFIRM.match(message):
        return True
    zeros = bool(question) and all(str(c.get("value")) == "0" for c in question)
    return zeros and bool(_NONE_YES.match(message or ""))


def kept(message: str, state: dict, asked) -> dict | None:
    """What this reply asks (`asked`, a `Followup`); over talk alone what the last reply asked stays asked
    (「等一下我查一下系统」 before 「准确的是347件」)."""
    if asked:
        return asked.dump()
    return state.get("followup") if only_talk(message) else None


def dialogue(message: str, state: dict, asked) -> dict:
    """The dialogue state after a message: what this reply asks (`kept`) and the applicant words the clerk
    filed under a type (「民营医院……（算商业企业）」, `counted_as.remembered`)."""
    return {"followup": kept(message, state, asked), "aliases": remembered(message, state)}
