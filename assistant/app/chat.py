"""Chat intake handlers (plain functions): extract, show for confirmation, store only what is confirmed.

Pending proposals live in the report state (`pending`), so a restart loses nothing; the chat history is in
`chat`. One topic is asked at a time (`intake.next_question`), plausibility questions once tables are complete.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

import pandas as pd

from assistant import cell_sources
from assistant.app import chat_control, chat_narrative, chat_refile, ledger_fix
from assistant.app.chat_control import CANCEL, OVERWRITE, SKIP
from assistant.core import spec
from assistant.core.numbers import format_number
from assistant.intake import (
    IntakeState,
    NarrativeProposal,
    Proposal,
    apply_confirmed,
    apply_narrative,
    balance_lines,
    extract_message,
    imbalances,
    merge_pending,
    next_question,
    plausibility_questions,
)
from assistant.intake import narrative as filing
from assistant.intake.accounting import not_understood_line, unaccounted
from assistant.intake.answers import repeat_previous
from assistant.intake.balance import accepted_rules
from assistant.intake.carry_answers import carried_done, prefill_of, with_prefill
from assistant.intake.filing import answers_only
from assistant.intake.followup import after_confirm, chat_context
from assistant.intake.last_year import set_aside
from assistant.intake.previous_answer import adopt_previous
from assistant.intake.saved_words import saved_words
from assistant.workspace import Workspace, facts_of

PENDING_COLUMNS = ["项目", "数值", "来源"]
MAX_MESSAGE = 4000


@dataclass(frozen=True)
class ChatView:
    history: list[dict[str, str]]
    pending: pd.DataFrame


def view(ws: Workspace, rid: int | None) -> ChatView:
    if rid is None:
        return ChatView([], pending_frame({}))
    state = ws.row(rid).state
    return ChatView(list(state.get("chat", [])), pending_frame(state.get("pending") or {}))


def greet(ws: Workspace, rid: int) -> ChatView:
    """The first message of a new report's chat: what to do, and the first question."""
    state = ws.row(rid).state
    if not state.get("chat"):
        q = _next(ws, rid)
        text = (
            "您好，我来帮您整理本年度的年报数据。可以直接用一句话告诉我数字，也可以上传申请台账（xlsx/csv）。"
        )
        _append(ws, rid, [{"role": "assistant", "content": f"{text}\n\n{q}"}])
    return view(ws, rid)


def turn(ws: Workspace, rid: int, message: str, model: Any = None) -> ChatView:
    """One user message: confirm / overwrite / cancel / skip, or new information to extract."""
    message = (message or "").strip()
    if not message:
        return view(ws, rid)
    if len(message) > MAX_MESSAGE:
        reply = f"这段话太长（{len(message)} 字）。请分几次发送，每次不超过 {MAX_MESSAGE} 字。"
        said = [{"role": "user", "content": message[:200] + "……"}, {"role": "assistant", "content": reply}]
        _append(ws, rid, said)
        return view(ws, rid)
    pending = ws.row(rid).state.get("pending") or {}
    undo = ws.row(rid).state.get("undo_narrative") or []  # what the previous reply saved
    unread = ws.row(rid).state.get("unread") or []  # what it said back as not understood
    ws.update_state(rid, undo_narrative=[], unread=[], unread_before=[] if undo else unread)
    word, reason = chat_control.cancel_reason(message) if pending else ("", "")
    part = chat_control.cancel_named(reason, pending) if reason else None
    if part:  # 「取消，处罚的数我还没核实」: that row's pending cells only
        ws.update_state(rid, pending=part[0])
        reply = chat_control.cancelled_named(part[1], part[0], reason)
    else:
        reply = _dispatch(ws, rid, word or message, pending, undo, model)
        reply += "\n" + chat_control.said_back(reason) if reason else ""
    _append(ws, rid, [{"role": "user", "content": message}, {"role": "assistant", "content": reply}])
    return view(ws, rid)


def _dispatch(ws: Workspace, rid: int, message: str, pending: dict, undo: list, model: Any) -> str:
    if undo and CANCEL.match(message):
        reply = chat_narrative.undo(ws, rid, undo)
        reply += "\n" + (cancel(ws, rid) if pending else _next(ws, rid))
    elif pending and OVERWRITE.match(message):
        reply = confirm(ws, rid, overwrite=True)
    elif pending and (said := chat_control.confirms(message, pending)) is not None:
        reply = said[1] + confirm(ws, rid) if said[0] else said[1]  # 「先这样，数我还没核实」: kept pending
    elif pending and CANCEL.match(message):
        reply = cancel(ws, rid)
    elif chat_control.nothing_to_answer(message, ws.row(rid).state):
        reply = "目前没有待确认的数据。" + "\n".join(_after_save(ws, rid))  # a broken balance stays asked
    elif SKIP.match(message):
        reply = skip(ws, rid)
    elif fixed := chat_narrative.corrected(ws, rid, message, undo):  # 「不对，公示是16期」
        reply = fixed
    else:
        said = [m["content"] for m in ws.row(rid).state.get("chat", []) if m.get("role") == "user"]
        reply = _extract(ws, rid, repeat_previous(message, said), model)  # 「同上」: the previous answer
    return reply


def _extract(ws: Workspace, rid: int, message: str, model: Any) -> str:
    row = ws.row(rid)
    facts = facts_of(row)
    earlier = row.state.get("pending") or {}
    if (fixed := ledger_fix.correct(ws, rid, message)) or earlier.get("whole"):  # 「台账第5条……」
        return fixed or (
            "“待确认”表中是台账算出的整张表二，尚未确认。请先回复“确认”（整体采用台账）或“取消”"
            "（一项也不采用），再告诉我其他情况；您刚才这句话尚未记录，请稍后再发一次。"
        )
    message = chat_narrative.named_at_end(ws, rid, message)  # 「……，这个算监督保障吧」
    done = chat_refile.control(ws, rid, message)  # 「不用写」「删掉这段」「那句写错了，改成：……」
    if done is not None:
        return done + "\n" + _next(ws, rid)
    moved = _refile(ws, rid, earlier, message)
    if moved is not None:
        return moved
    pending_cells = [_proposal(p) for p in earlier.get("cells", [])]
    question = row.state.get("question_proposals") or []
    done = carried_done(message) if question and not earlier.get("cells") else None
    # 「对的，那件今年一月份就答复了」: the prefilled 上年结转 confirmed, what became of it said back
    if done:
        _store_pending(ws, rid, [_proposal(p) for p in question], [])
        return "\n".join(["已确认“二、上年结转”按上年年报填写。", f"（{done}）", confirm(ws, rid)])
    adopted = adopt_previous(message, ws.previous(rid))
    if adopted:  # 「去年报告写的结转1件是对的」: last year's row, shown old → new like any proposal
        return _propose(ws, rid, earlier, pending_cells, adopted, facts.cells)
    message, aside = set_aside(message, row.year)  # 「2024年，我局……」 pasted: last year's text, said back
    if aside and not message.strip():
        return "\n".join([*(f"（{n}）" for n in aside), _next(ws, rid)])
    ctx, prefill = chat_context(row.state, facts, pending_cells), prefill_of(row.state, facts)
    said_ex = with_prefill(
        message, ctx, prefill, lambda m, c: extract_message(m, c, model)
    )  # 「去年转过来的两件」
    said_ex = replace(said_ex, notes=(*aside, *said_ex.notes)) if aside else said_ex
    ws.update_state(rid, **chat_control.dialogue(message, row.state, said_ex.followup))
    ex = chat_narrative.this_year(answers_only(said_ex), row.year)  # 「没有」 to a question: no section text
    if len(ex.narrative) < len(said_ex.narrative):
        chat_narrative.answered(ws, rid)
    explain = row.state.get("explain")
    if explain:
        ws.update_state(rid, explain=None)
        if ex.empty and len(message) >= MIN_EXPLANATION:  # the reason the assistant asked for
            text = message if message.endswith(("。", "！", "？")) else message + "。"
            ex = replace(ex, narrative=(NarrativeProposal(explain, spec.NARRATIVE_LABELS[explain], text),))
    if ex.empty and question and chat_control.answers_yes(message, question):
        ex_props = [_proposal(p) for p in question]
        _store_pending(ws, rid, ex_props, [])
        return confirm(ws, rid)
    prefilled = row.state.get("prefilled") or []
    cells, changes = merge_pending(pending_cells, ex.proposals, facts.cells, prefilled)
    kept = _merge_pending(ws, rid, earlier, cells, [], len(ex.proposals))
    saved = chat_narrative.save_now(ws, rid, list(ex.narrative))
    reply = chat_narrative.reply(ex, saved, message, ws.row(rid).state)
    lost = unaccounted(message, ex)
    stale = {"question_proposals": []} if ex.proposals else {}  # proposed since: not the question just asked
    ws.update_state(rid, unread=lost, **stale)  # 「这个是依申请那块的」 next files it
    if lost:
        reply += "\n\n" + not_understood_line(lost)
    if changes:
        reply += "\n\n以下数值将被替换（确认后生效）：\n" + "\n".join(c.line() for c in changes)
        _mark_shown(ws, rid, [c.key for c in changes])
    if ex.proposals:
        if kept:
            reply += f"\n\n（此前尚未确认的 {kept} 项仍在“待确认”表中，将一并保存。）"
        reply += "\n\n回复“确认”保存，“取消”放弃；如需修改，直接重新说一遍即可。"
    return reply


def _propose(ws: Workspace, rid: int, earlier: dict, pending: list, new: list, stored) -> str:
    cells, changes = merge_pending(pending, new, stored, ws.row(rid).state.get("prefilled") or [])
    _merge_pending(ws, rid, earlier, cells, [], len(new))
    lines = [
        "按上年年报的“结转下年度”填写今年的“上年结转”，请确认后保存：",
        *(f"- {p.describe()}" for p in new),
    ]
    if changes:
        lines += ["", "以下数值将被替换（确认后生效）：", *(c.line() for c in changes)]
        _mark_shown(ws, rid, [c.key for c in changes])
    return "\n".join([*lines, "", "回复“确认”保存，“取消”放弃；如需修改，直接重新说一遍即可。"])


MAX_REFILE_CHARS = 30
MIN_EXPLANATION = 6


def _refile(ws: Workspace, rid: int, earlier: dict, message: str) -> str | None:
    """「你放错了」「这个放到存在的问题里」: a filing instruction about pending narrative, never material."""
    target = filing.placed_topic(message)
    if len(message) > MAX_REFILE_CHARS or not (target or filing.MISPLACED.search(message)):
        return None
    items = [NarrativeProposal(**n) for n in earlier.get("narrative", [])]
    if not items:  # saved when typed: the sentence or item the message points at moves
        return chat_refile.move_meant(ws, rid, message, target) + "\n" + _next(ws, rid)
    if target is None or target == filing.BOTH:
        names = "、".join(spec.NARRATIVE_LABELS.values())
        return f"好的，这段文字还没有保存。请告诉我应该放到哪一部分（{names}），例如“放到存在的主要问题”。"
    label = spec.NARRATIVE_LABELS[target]
    moved = [NarrativeProposal(target, label, n.text) for n in items]
    was = "、".join(dict.fromkeys(f"【{n.label}】" for n in items))
    _store_pending(ws, rid, [_proposal(p) for p in earlier.get("cells", [])], moved)
    return f"已把待确认的{len(items)}条文字从{was}改放到【{label}】。回复“确认”保存，“取消”放弃。"


def _mark_shown(ws: Workspace, rid: int, keys: list[str]) -> None:
    """Replacements listed old → new in the reply: 「确认」 applies them (the reply said so)."""
    pending = dict(ws.row(rid).state.get("pending") or {})
    if pending.get("cells"):
        pending["shown"] = sorted(set(pending.get("shown", [])) | set(keys))
        ws.update_state(rid, pending=pending)


def _merge_pending(
    ws: Workspace,
    rid: int,
    earlier: dict,
    cells: list[Proposal],
    narrative: list[NarrativeProposal],
    new: int,
) -> int:
    """Store the merged proposals (`cells`: earlier ones kept first, then this message's `new` ones);
    returns how many earlier items were kept."""
    old_text = [NarrativeProposal(**n) for n in earlier.get("narrative", [])]
    old_text = [n for n in old_text if all(n.text != m.text for m in narrative)]
    if not new and not narrative:
        return 0
    _store_pending(ws, rid, cells, old_text + narrative)
    if earlier.get("shown"):
        _mark_shown(ws, rid, list(earlier["shown"]))
    return len(cells) - new + len(old_text)


def confirm(ws: Workspace, rid: int, overwrite: bool = False) -> str:
    with ws.atomic():  # what is confirmed is what was pending when the user clicked, saved as one step
        return _confirm(ws, rid, overwrite)


def _confirm(ws: Workspace, rid: int, overwrite: bool) -> str:
    row = ws.row(rid)
    pending = row.state.get("pending") or {}
    proposals = [_proposal(p) for p in pending.get("cells", [])]
    narrative = [NarrativeProposal(**n) for n in pending.get("narrative", [])]
    if not proposals and not narrative:
        return "目前没有待确认的数据。"
    facts = facts_of(row)
    prefilled = set(row.state.get("prefilled") or [])
    everything = overwrite or bool(pending.get("whole"))  # a whole ledger was shown cell by cell
    shown = set(pending.get("shown") or [])  # listed old → new when proposed
    keys = [p.key for p in proposals if everything or p.key in prefilled or p.key in shown]
    result = apply_confirmed(facts.cells, proposals, overwrite=keys)
    new_narrative = apply_narrative(facts.narrative, narrative)
    changed = {k: result.cells[k] for k in result.applied}
    ws.set_cells(rid, changed, source=cell_sources.LEDGER if pending.get("whole") else cell_sources.CHAT)
    conflicted = {c.key for c in result.conflicts}
    state: dict[str, Any] = {
        "narrative": new_narrative,
        # the prefill is one row (上年结转): once the user gives any of it, the row is theirs
        "prefilled": [] if prefilled & ({p.key for p in proposals} - conflicted) else sorted(prefilled),
        "followup": after_confirm(row.state.get("followup")),  # the types asked are the dialogue's now
        "accepted": accepted_rules(row.state.get("accepted") or [], prefilled, facts.cells, changed),
        # what 「放错了」 right after may move (a confirm of numbers alone keeps the text saved before)
        "last_narrative": [n.__dict__ for n in narrative] or row.state.get("last_narrative") or [],
    }
    lines = []
    if changed or narrative:
        saved = [saved_words(changed, facts.format)] if changed else []  # which tables and rows
        saved += [f"{len(narrative)} 条情况说明"] if narrative else []
        lines.append("已保存：" + "；".join(saved) + "。")
    if result.conflicts:
        state["pending"] = {"cells": [_dump(p) for p in proposals if p.key in conflicted]}
        lines += [f"- {c.question}" for c in result.conflicts]
        lines.append("回复“覆盖”采用新数值，回复“取消”保留原数值。")
    else:
        state["pending"] = {}
    ws.update_state(rid, **state)
    if not result.conflicts:
        lines += _after_save(ws, rid)
    return "\n".join(lines)


def _after_save(ws: Workspace, rid: int) -> list[str]:
    """The table rules the saved data breaks and the one question that resolves it; else what a
    reviewer would ask and the next topic."""
    row = ws.row(rid)
    found = imbalances(facts_of(row), ws.previous(rid), row.state.get("accepted") or ())
    if found:
        topic = "row:" + found[0].cells[0].rpartition(".")[0] if found[0].cells else "balance"
        broken = balance_lines(facts_of(row), ws.previous(rid), row.state.get("accepted") or ())
        ws.update_state(rid, topic=topic, question="\n".join(broken), question_proposals=[])
        return broken
    return [*_new_plausibility(ws, rid), _next(ws, rid)]


def _new_plausibility(ws: Workspace, rid: int) -> list[str]:
    """Questions a reviewer would ask about the data saved so far; each is asked once."""
    row = ws.row(rid)
    asked = list(row.state.get("asked", []))
    fresh = [q for q in plausibility_questions(facts_of(row), ws.previous(rid)) if q not in asked]
    if not fresh:
        return []
    explain = "on_request" if any("申请" in q for q in fresh) else "active"
    ws.update_state(rid, asked=asked + fresh, explain=explain)  # the answer is material for that part
    return ["请核实：", *[f"- {q}" for q in fresh]]


def cancel(ws: Workspace, rid: int) -> str:
    pending = ws.row(rid).state.get("pending") or {}
    n = len(pending.get("cells", [])) + len(pending.get("narrative", []))
    ws.update_state(rid, pending={})
    if pending.get("whole"):
        return "台账的数据一项也未采用，表二保持上传台账之前的样子。\n" + _next(ws, rid)
    return f"已放弃待确认的 {n} 项；此前已保存的数据不受影响。\n" + _next(ws, rid)


def skip(ws: Workspace, rid: int) -> str:
    row = ws.row(rid)
    topic = row.state.get("topic")
    skipped = sorted(set(row.state.get("skipped", [])) | ({topic} if topic else set()))
    ws.update_state(rid, skipped=skipped, pending={})
    return "好的，先跳过这一项，稍后可在“统计表”页直接填写。\n" + _next(ws, rid)


def _next(ws: Workspace, rid: int) -> str:
    row = ws.row(rid)
    facts = facts_of(row)
    prev = row.state.get("previous") or {}
    prefilled = prefill_of(row.state, facts)
    state = IntakeState(row.agency, row.level, row.year, dict(facts.cells), dict(facts.narrative),
                        frozenset(row.state.get("skipped", [])), prefilled,
                        f"上年年报（{prev.get('source', '')}）" if prev.get("source") else "上年年报")  # fmt: skip
    q = next_question(state)
    ws.update_state(
        rid,
        topic=q.topic if q else None,
        question=q.text if q else "",
        question_proposals=[_dump(p) for p in q.proposals] if q else [],
    )
    if q is not None:
        return q.text
    broken = balance_lines(facts, ws.previous(rid), row.state.get("accepted") or ())
    if broken:
        return "需要的数据已基本收集，但" + "\n".join(broken)
    extra = plausibility_questions(facts, ws.previous(rid))
    done = "需要的数据和情况都已齐全，可以到“起草与修改”页生成年报了。"
    if extra:
        return done + "\n生成前请再核实：\n" + "\n".join(f"- {x}" for x in extra)
    return done


def pending_frame(pending: dict) -> pd.DataFrame:
    rows = [[p["label"], p["value"], p["source"]] for p in pending.get("cells", [])]
    rows += [[f"【{n['label']}】", "（文字）", n["text"]] for n in pending.get("narrative", [])]
    return pd.DataFrame(rows, columns=PENDING_COLUMNS)


def _store_pending(
    ws: Workspace, rid: int, cells: list[Proposal], narrative: list[NarrativeProposal], whole: bool = False
) -> None:
    pending = {"cells": [_dump(p) for p in cells], "narrative": [n.__dict__ for n in narrative]}
    if whole:
        pending["whole"] = True  # a ledger's whole table: applied entirely or not at all
    ws.update_state(rid, pending=pending if (cells or narrative) else {})


def _dump(p: Proposal) -> dict[str, Any]:
    return {"key": p.key, "value": format_number(p.value), "label": p.label, "source": p.source,
            "inferred": p.inferred, "note": p.note}  # fmt: skip


def _proposal(d: dict[str, Any]) -> Proposal:
    value = Decimal(str(d["value"]))
    v: int | Decimal = (
        int(value) if value == value.to_integral_value() and "." not in str(d["value"]) else value
    )
    return Proposal(d["key"], v, d["label"], d["source"], bool(d.get("inferred")), d.get("note", ""))


def _append(ws: Workspace, rid: int, messages: list[dict[str, str]]) -> None:
    chat = list(ws.row(rid).state.get("chat", []))
    ws.update_state(rid, chat=chat + messages)
