"""Intake: turning chat messages and application ledgers into proposed report facts.

Plain functions the app calls (no UI, no server):

- `extract_message(message, context, model=None)`: a chat message → `Extraction` (proposals with
  official labels and source phrases, questions, narrative facts); LLM structured output when a chat
  model is given (`build_chat_model(settings)`), rule-based otherwise (`extract`).
- `next_question(state)`, `parse_profile(topic, text)`: what to ask next, one topic at a time.
- `plausibility_questions(facts, previous)`: what a reviewer would ask about the data.
- `apply_confirmed(cells, proposals)`, `apply_narrative(narrative, proposals)`: store what the user
  confirmed, never silently replacing a confirmed value.
- `read_ledger(path_or_bytes, name, year)`: an application ledger (.xlsx/.csv) → Table 2 cells and the
  ledger rows behind each cell, or Chinese errors and nothing.
"""

from assistant.intake.apply import apply_confirmed, apply_narrative
from assistant.intake.balance import balance_lines, imbalances
from assistant.intake.dialogue import next_question, parse_profile, topic_keys
from assistant.intake.extract import extract
from assistant.intake.ledger import LedgerResult, read_ledger
from assistant.intake.llm import build_chat_model, extract_message
from assistant.intake.model import (
    ApplyResult,
    Conflict,
    Extraction,
    ExtractionContext,
    IntakeState,
    NarrativeProposal,
    Proposal,
    Question,
)
from assistant.intake.pending import merge as merge_pending
from assistant.intake.plausibility import plausibility_questions

__all__ = [
    "ApplyResult",
    "Conflict",
    "Extraction",
    "ExtractionContext",
    "IntakeState",
    "LedgerResult",
    "NarrativeProposal",
    "Proposal",
    "Question",
    "apply_confirmed",
    "apply_narrative",
    "balance_lines",
    "imbalances",
    "merge_pending",
    "build_chat_model",
    "extract",
    "extract_message",
    "next_question",
    "parse_profile",
    "plausibility_questions",
    "read_ledger",
    "topic_keys",
]
