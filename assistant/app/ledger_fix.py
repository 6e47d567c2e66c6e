"""「台账第5条登记错了，……申请人是某律师事务所，不是个人」: one ledger entry corrected in the chat.

The entries of the last ledger read are kept in the report's state (`ledger_entries`). A message naming an
entry (第N条 / 第N件 = the N-th record; 第N行 = the row as the ledger's listing says it, header included)
and what was wrong with it — the applicant type, the outcome, or 「还没办完」 at year end — changes that entry
only; 表二 is computed again from all entries and every cell that changes is proposed old → new, to be
confirmed as a whole like the ledger itself. Anything the message does not make clear is asked back.
"""

from __future__ import annotations

import re
from dataclasses import asdict, replace
from datetime import date

from assistant.cell_sources import LEDGER
from assistant.core import spec
from assistant.core.numbers import format_number
from assistant.intake import Proposal
from assistant.intake import ledger_words as W
from assistant.intake.ledger_table import LedgerEntry, compute_table2
from assistant.intake.phrases import numbers
from assistant.workspace import Workspace, facts_of

_WHICH = re.compile(
    r"(?:台账)?(?:上的?|里的?)?第\s*(?P<n>[0-9一二三四五六七八九十]+)\s*(?P<unit>条|件|个|行|号)(?![第（(])"  # not 「第二十条第（五）项」
)
_OPEN = re.compile(r"还没办完|还在办|没办结|未办结|尚未办结|还没答复|还没有答复|还没处理完")
_NEW_TYPE = re.compile(r"(?:申请人(?:应该)?是|是代表|代表)(?P<who>[^，,。；;]{1,16})")
_NEW_OUTCOME = re.compile(r"(?:按|算|应该是|应为|改成|改为|(?<=，)是)(?P<what>[^，,。；;]{2,20})")


def entries_state(entries) -> list[dict]:
    return [{**asdict(e), "received": str(e.received), "completed": str(e.completed or "")} for e in entries]


def _entries(state: dict) -> list[LedgerEntry]:
    out = []
    for d in state.get("ledger_entries") or []:
        done = date.fromisoformat(d["completed"]) if d.get("completed") else None
        out.append(LedgerEntry(**{**d, "received": date.fromisoformat(d["received"]), "completed": done}))
    return out


def correct(ws: Workspace, rid: int, message: str) -> str | None:
    """The reply to a correction of one ledger entry; None when the message is not one."""
    row = ws.row(rid)
    entries = _entries(row.state)
    m = _WHICH.search(message)
    if not entries or not m or not ("台账" in message or "登记" in message or "填错" in message):
        return None
    if LEDGER not in (row.state.get("cell_sources") or {}).values():
        return None  # the ledger read was never confirmed: there is nothing of it to correct
    n = numbers(m.group("n") + "件")
    wanted = int(n[0].value) + (0 if m.group("unit") == "行" else 1) if n else -1
    entry = next((e for e in entries if e.row == wanted), None)
    if entry is None:
        return f"台账中没有“{m.group()}”对应的申请记录，请核对是第几条。"
    fixed = _fixed(entry, message[m.end() :], row.year)
    if fixed is None or fixed == entry:
        return f"“{message.strip()}”：没能看出第{m.group('n')}条要改的是申请人类型、办理结果还是是否办结，请直接说，例如“第5条申请人是律师事务所”。"
    facts = facts_of(row)
    table = compute_table2([fixed if e is entry else e for e in entries], row.year, facts.format)
    fs = spec.spec_for(facts.format)
    changed = {k: v for k, v in table.cells.items() if k in fs.by_key and facts.cells.get(k) != v}
    if not changed:
        return f"按您说的改了第{m.group('n')}条后，表二的数字不变。"
    from assistant.app.chat import _store_pending  # chat imports this module

    proposals = [
        Proposal(k, v, fs.cell(k).label, f"台账第{m.group('n')}条更正") for k, v in table.cells.items()
    ]
    _store_pending(ws, rid, [p for p in proposals if p.key in fs.by_key], [], whole=True)
    ws.update_state(rid, ledger_entries=entries_state([fixed if e is entry else e for e in entries]))
    lines = [
        f"- {fs.cell(k).label}：{_shown(facts.cells.get(k))} → {format_number(v)}" for k, v in changed.items()
    ]
    return "\n".join(
        [
            f"按台账第{m.group('n')}条的更正重新计算表二，以下数值将改变：",
            *lines,
            "",  # the instruction after the list, not inside its last item
            "回复“确认”整体保存，“取消”不改。",
        ]
    )


def _fixed(entry: LedgerEntry, said: str, year: int) -> LedgerEntry | None:
    if _OPEN.search(said):
        return replace(entry, outcome=None, completed=None)
    who = _NEW_TYPE.search(said)
    col = W.applicant_column(who.group("who")) if who else None
    if col and col != entry.applicant:
        return replace(entry, applicant=col)
    for what in _NEW_OUTCOME.finditer(said):
        outcome = W.outcome_row(what.group("what"), spec.version_for_year(year))
        if outcome and outcome != entry.outcome:
            return replace(entry, outcome=outcome)
    return None


def _shown(value) -> str:
    return "空" if value is None else format_number(value)
