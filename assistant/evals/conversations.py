"""Conversation cases: a whole chat (several turns, uploads, 确认/取消) → what is stored at the end.

A case file (`evals/cases/conversations/*.yaml`) gives the report (agency, year, optional level and
last year's report), the user's turns in order (text, or `{ledger: FILE}` / `{previous: FILE}`
uploads, relative to the case file) and what must hold at the end: `cells` (stored or derived
value), `unset` (cells that must stay empty), `narrative` (phrases each narrative key must contain),
`misplaced` (phrases a key must not contain), and optionally `said` / `never_said` (phrases some /
no assistant reply contains, e.g. 「齐全」 while an error stands).

Each case is driven through the product's own chat handlers (`assistant.app.chat`) on a temporary
store, with the offline extractor or with a chat model (the scripted one offline, the endpoint live).
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant.core import engine, spec
from assistant.core.numbers import format_number
from assistant.evals.case_types import ConversationCase
from assistant.evals.metrics import CaseFailure, PartResult, ratio


@dataclass
class Outcome:
    """What one conversation left behind, scored against its expectations."""

    cells_right: int = 0
    cells_listed: int = 0
    phrases_right: int = 0
    phrases_listed: int = 0
    misses: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def exact(self) -> bool:
        return not self.misses and not self.error


def run_conversation(case: ConversationCase, model: Any = None) -> tuple[Outcome, list[dict[str, str]]]:
    """Drive the chat through the case's turns on a fresh store; (outcome, chat history)."""
    from assistant.app import chat, chat_uploads
    from assistant.store import Store
    from assistant.workspace import Workspace, WorkspaceError

    with tempfile.TemporaryDirectory(prefix="eval-conv-") as home:
        store = Store(Path(home) / "db.sqlite3")
        try:
            ws = Workspace(store, store.user_id("eval", create=True))
            rid = ws.start(case.agency, case.year, case.level)
            if case.previous:
                chat_uploads.previous(ws, rid, case.previous)
            chat.greet(ws, rid)
            for t in case.turns:
                try:
                    if t.upload == "ledger":
                        chat_uploads.ledger(ws, rid, t.path)
                    elif t.upload == "previous":
                        chat_uploads.previous(ws, rid, t.path)
                    else:
                        chat.turn(ws, rid, t.text, model)
                except WorkspaceError as e:
                    chat._append(ws, rid, [{"role": "assistant", "content": f"⚠ {e}"}])
            row = ws.row(rid)
            history = list(row.state.get("chat", []))
            return score(case, ws.facts(rid), history), history
        finally:
            store.close()


def score(case: ConversationCase, facts, history: list[dict[str, str]]) -> Outcome:
    out = Outcome()
    filled = engine.fill(facts, zeros=True)[0].cells
    for key, want in case.cells.items():
        out.cells_listed += 1
        got = filled.get(key)
        if isinstance(got, int | Decimal) and Decimal(got) == Decimal(want):
            out.cells_right += 1
        else:
            shown = "（空）" if got is None else str(got)
            out.misses.append(f"{_label(key)}应为{format_number(want)}，实际{shown}")
    for key in case.unset:
        if key in filled:
            out.misses.append(f"{_label(key)}应留空，实际{filled[key]}")
    narrative = facts.narrative
    for key, phrases in case.narrative.items():
        for p in phrases:
            out.phrases_listed += 1
            if p in narrative.get(key, ""):
                out.phrases_right += 1
            else:
                out.misses.append(f"【{_narrative_label(key)}】缺少“{p}”")
    for key, phrases in case.misplaced.items():
        for p in phrases:
            out.phrases_listed += 1  # a misplacement counts as a miss
            if p in narrative.get(key, ""):
                out.misses.append(f"【{_narrative_label(key)}】不应含“{p}”")
            else:
                out.phrases_right += 1
    replies = "\n".join(m["content"] for m in history if m.get("role") == "assistant")
    out.misses += [f"回复中应出现“{p}”" for p in case.said if p not in replies]
    out.misses += [f"回复中不应出现“{p}”" for p in case.never_said if p in replies]
    return out


def _label(key: str) -> str:
    cell = spec.spec_for(spec.FORMAT_2021).by_key.get(key)
    return f"{cell.label}（{key}）" if cell else key


def _narrative_label(key: str) -> str:
    return spec.NARRATIVE_LABELS.get(key, key)


def evaluate_conversations(
    cases: tuple[ConversationCase, ...], model: Any = None, scripted: Any = None
) -> PartResult:
    """conversation_cells, conversation_narrative, conversations_exact with `model` (None: the rules);
    with `scripted` (a factory of scripted chat models) also the exact share through the LLM path."""
    part = PartResult("conversations", cases=len(cases))
    start = time.perf_counter()
    cells = [0, 0]
    phrases = [0, 0]
    exact = 0
    for case in cases:
        outcome = _safe_run(case, model)
        cells[0] += outcome.cells_right
        cells[1] += outcome.cells_listed
        phrases[0] += outcome.phrases_right
        phrases[1] += outcome.phrases_listed
        exact += outcome.exact
        if not outcome.exact:
            detail = outcome.error or "；".join(outcome.misses[:6])
            part.failures.append(CaseFailure(case.id, "conversations_exact", detail))
    part.metrics = [
        ratio("conversation_cells", *cells),
        ratio("conversation_narrative", *phrases),
        ratio("conversations_exact", exact, len(cases)),
    ]
    if scripted is not None:
        part.metrics.append(_scripted_exact(cases, scripted, part))
    part.seconds = time.perf_counter() - start
    return part


def _scripted_exact(cases: tuple[ConversationCase, ...], scripted: Any, part: PartResult):
    exact = 0
    for case in cases:
        outcome = _safe_run(case, scripted())
        exact += outcome.exact
        if not outcome.exact:
            detail = outcome.error or "；".join(outcome.misses[:6])
            part.failures.append(CaseFailure(case.id, "conversations_scripted_exact", detail))
    return ratio("conversations_scripted_exact", exact, len(cases))


def _safe_run(case: ConversationCase, model: Any) -> Outcome:
    try:
        return run_conversation(case, model)[0]
    except Exception as e:  # a crash is a failed case, named, never an aborted suite
        return Outcome(
            cells_listed=len(case.cells),
            phrases_listed=sum(len(v) for v in (*case.narrative.values(), *case.misplaced.values())),
            error=f"对话运行出错：{type(e).__name__}: {e}",
        )
