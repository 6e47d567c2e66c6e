"""A cancel with more after it: 「取消，这个数我还没核实，先别填」「取消，强制应该是16件」.

The cancel acts on what is pending and the reason is said back; a cancel followed by figures (「取消，企业是2件」)
goes to the extractor whole, which corrects the one value it names. A reason without the word cancels nothing (「其他的回头再说」). 「确认，……」 is
left to the extractor, which reads it as an answer in context; 「不对，企业是2件」 corrects one pending value there.
"""

from __future__ import annotations

import re

from assistant.intake.accounting import only_talk
from assistant.intake.phrases import numbers, row_matches

CONFIRM = re.compile(r"^\s*(确认|确定|是|是的|对|对的|好|好的|可以|保存|没问题)[。！!.\s]*$")
OVERWRITE = re.compile(r"^\s*(确认覆盖|覆盖|全部覆盖|改吧|要改)[。！!.\s]*$")
CANCEL = re.compile(r"^\s*(取消|放弃|不对|不是|错了|不保存)[。！!.\s]*$")
SKIP = re.compile(r"^\s*(跳过|以后再说|稍后|下一个)[。！!.\s]*$")
_HEAD = re.compile(r"^\s*(取消|放弃|不保存)\s*[，,。；;！!、]+\s*(\S.*)$", re.S)
_REASON = re.compile(
    r"还没(?:有)?核(?:实|对)|没核(?:实|对)|待核(?:实|对)|核实(?:一下|后|了再)|先别填|先不(?:要)?填|别填了?|不要填|"
    r"先不(?:要|算)|不算了?|待定|再说|回头再|问问再|搞错了|弄错了|不准"
)


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
