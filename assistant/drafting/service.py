"""The drafting service: draft a report, stream it, regenerate or re-check one section.

Sections are drafted concurrently (one thread each). Every text goes through the guard; with an
LLM, a text with errors is drafted once more with the findings as feedback, then kept with its
findings shown. When the LLM fails (after the client's retries), that section falls back to the
offline draft with a note giving the cause: a section is never empty.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

from assistant.config import Settings
from assistant.core import engine, spec
from assistant.core.facts import ReportFacts
from assistant.core.report import Report
from assistant.drafting.exemplars import RetrieverLike, gather, open_default_retriever
from assistant.drafting.grounding import Grounding, build_grounding
from assistant.drafting.guard import GuardResult, check_section
from assistant.drafting.llm import RESET, clean, openai_writer
from assistant.drafting.model import Draft, DraftEvent, SectionDraft
from assistant.drafting.offline import (
    REGENERATE_NOTE,
    OfflineWriter,
    offline_revision,
    offline_section,
    section_notices,
)
from assistant.drafting.placeholders import settle
from assistant.drafting.writer import DRAFTED_SECTIONS, DraftingError, SectionRequest, SectionWriter

NO_KEY = "未设置模型接口密钥（OPENAI_API_KEY），使用离线起草"
AUTO = "auto"
Emit = Callable[[DraftEvent], None]


def resolve_backend(
    backend: str | SectionWriter | None, settings: Settings | None = None
) -> tuple[SectionWriter, tuple[str, ...]]:
    """The writer for `backend` ("offline", "openai", None/"auto" or a SectionWriter) and notes."""
    if backend is not None and not isinstance(backend, str):
        return backend, ()
    name = (backend or AUTO).lower()
    if name not in ("offline", "openai", AUTO):
        raise ValueError(f"未知的起草方式“{backend}”（可用：offline、openai）")
    if name == "offline":
        return OfflineWriter(), ()
    settings = settings or Settings()  # handed down by the shell; none: the defaults (offline)
    if not settings.has_llm:
        return OfflineWriter(), (NO_KEY,)
    return openai_writer(settings), (f"使用模型 {settings.model} 起草",)


def _previous_facts(previous: Report | ReportFacts | None) -> ReportFacts | None:
    if isinstance(previous, Report):
        return previous.to_facts()
    return previous


def prepare(
    facts: ReportFacts,
    previous: Report | ReportFacts | None = None,
    retriever: RetrieverLike | str | None = AUTO,
    settings: Settings | None = None,
) -> tuple[Grounding, tuple, tuple[str, ...]]:
    """The grounding bundle (with exemplars), the table findings, and report-wide notes."""
    check = engine.check(facts, _previous_facts(previous), zeros=True)
    notes: tuple[str, ...] = ()
    if retriever == AUTO:
        retriever, notes = open_default_retriever(settings)
    elif retriever is None:
        notes = ("未使用范文库",)
    g = build_grounding(facts, previous)
    if retriever is not None:
        exemplars, more = gather(retriever, g.facts)  # type: ignore[arg-type]
        g, notes = g.with_exemplars(exemplars), notes + more
    return g, check.findings, notes


def stream_draft(
    facts: ReportFacts,
    previous: Report | ReportFacts | None = None,
    *,
    backend: str | SectionWriter | None = None,
    retriever: RetrieverLike | str | None = AUTO,
    settings: Settings | None = None,
    sections: tuple[str, ...] = DRAFTED_SECTIONS,
    stream: bool = True,
) -> Iterator[DraftEvent]:
    """The draft as events: notes, then deltas/resets/section results as they come, then done."""
    writer, backend_notes = resolve_backend(backend, settings)
    g, table_findings, corpus_notes = prepare(facts, previous, retriever, settings)
    notes = backend_notes + corpus_notes
    yield DraftEvent("notes", notes=notes)
    deadline = _deadline(writer, settings)
    done: dict[str, SectionDraft] = {}
    yield from _run_sections(sections, writer, g, stream, deadline, done)
    draft = Draft(g.facts, done, tuple(table_findings), notes, writer.name, g)
    yield DraftEvent("done", draft=draft, notes=notes)


WAIT_REPORT_EVERY = 10.0  # seconds between "waiting for …" progress events
DEADLINE_NOTE = "整篇起草超过 {s:g} 秒仍未完成"
TIMEOUT_MARK = "超时"


def _deadline(writer: SectionWriter, settings: Settings | None) -> float | None:
    if writer.name == "offline":
        return None
    return (settings or Settings()).draft_deadline


def _run_sections(
    sections: tuple[str, ...], writer: SectionWriter, g: Grounding, stream: bool,
    deadline: float | None, done: dict[str, SectionDraft],
) -> Iterator[DraftEvent]:  # fmt: skip
    """Sections drafted concurrently; when the deadline passes or one section timed out, every
    section not yet done falls back to the offline text at once (its thread is abandoned)."""
    events: queue.Queue[DraftEvent | None] = queue.Queue()
    errors: list[BaseException] = []
    jobs = _start_jobs(sections, writer, g, events.put, stream, errors)
    start = time.monotonic()
    end = start + deadline if deadline else None
    finished, cause = 0, ""
    while finished < len(jobs) and not cause:
        wait = WAIT_REPORT_EVERY if end is None else max(0.0, min(WAIT_REPORT_EVERY, end - time.monotonic()))
        try:
            event = events.get(timeout=wait)
        except queue.Empty:
            if end is not None and time.monotonic() >= end:
                cause = DEADLINE_NOTE.format(s=deadline)
                break
            yield _waiting(sections, done, time.monotonic() - start)
            continue
        if event is None:
            finished += 1
            continue
        if event.kind == "section" and event.section_draft is not None:
            done[event.section] = event.section_draft
            cause = _timed_out(event.section_draft)
        yield event
    if not cause:
        for t in jobs:
            t.join()
        if errors:
            raise errors[0]  # re-raise a programming error rather than hide it
    for key in (k for k in sections if k not in done):
        sd = _fallback(key, g, cause, lambda e: None, False)
        done[key] = sd
        if stream:
            yield DraftEvent("reset", key)
            yield DraftEvent("delta", key, sd.text)
        yield DraftEvent("section", key, sd.text, section_draft=sd)


def _timed_out(sd: SectionDraft) -> str:
    """After one section's request timed out, why the others are not waited for ("" if it did not)."""
    note = next((n for n in sd.notes if TIMEOUT_MARK in n), "") if sd.fallback else ""
    if "（" not in note or "）" not in note:
        return ""
    inner = note[note.index("（") + 1 : note.rindex("），")] if "），" in note else TIMEOUT_MARK
    return f"“{sd.label}”{inner}，其余部分不再等待"


def _waiting(sections: tuple[str, ...], done: dict[str, SectionDraft], waited: float) -> DraftEvent:
    labels = "、".join(spec.SECTION_BY_KEY[k].label for k in sections if k not in done)
    return DraftEvent("waiting", text=f"正在等待模型起草：{labels}（已等待 {waited:.0f} 秒）")


def draft_report(
    facts: ReportFacts,
    previous: Report | ReportFacts | None = None,
    *,
    backend: str | SectionWriter | None = None,
    retriever: RetrieverLike | str | None = AUTO,
    settings: Settings | None = None,
) -> Draft:
    """Draft every prose section of the report for `facts` (tables are filled by the engine)."""
    events = stream_draft(
        facts, previous, backend=backend, retriever=retriever, settings=settings, stream=False
    )
    last = deque(events, maxlen=1)[0]
    assert last.draft is not None
    return last.draft


def _start_jobs(
    sections: tuple[str, ...], writer: SectionWriter, g: Grounding, emit: Emit, stream: bool,
    errors: list[BaseException],
) -> list[threading.Thread]:  # fmt: skip
    """One daemon thread per section: a request still hanging after the deadline is abandoned, and
    the process (e.g. `assistant draft`) exits without waiting for it (pool workers are joined at exit)."""

    def run(key: str) -> None:
        try:
            _job(key, writer, g, emit, stream)
        except BaseException as e:  # noqa: BLE001 - handed to the caller, which re-raises it
            errors.append(e)

    jobs = [threading.Thread(target=run, args=(k,), name=f"draft-{k}", daemon=True) for k in sections]
    for t in jobs:
        t.start()
    return jobs


def _job(section: str, writer: SectionWriter, g: Grounding, emit: Emit, stream: bool) -> None:
    try:
        result = draft_section(SectionRequest(section, g), writer, emit, stream)
        emit(DraftEvent("section", section, result.text, section_draft=result))
    finally:
        emit(None)  # type: ignore[arg-type]


def _produce(writer: SectionWriter, request: SectionRequest, emit: Emit, stream: bool) -> str:
    if not stream:
        return clean(writer.write(request), request.section)
    parts: list[str] = []
    for piece in writer.stream(request):
        if piece == RESET:
            parts.clear()
            emit(DraftEvent("reset", request.section))
            continue
        parts.append(piece)
        emit(DraftEvent("delta", request.section, piece))
    return clean("".join(parts), request.section)


def draft_section(
    request: SectionRequest, writer: SectionWriter, emit: Emit | None = None, stream: bool = False
) -> SectionDraft:
    """One section: draft, guard, at most one regeneration with feedback, offline fallback."""
    emit = emit or (lambda _e: None)
    try:
        return settle(_attempt(request, writer, emit, stream), request.grounding, offline_section)
    except DraftingError as e:
        return _fallback(request.section, request.grounding, str(e), emit, stream)


def _attempt(request: SectionRequest, writer: SectionWriter, emit: Emit, stream: bool) -> SectionDraft:
    """Draft and guard; DraftingError if the first text cannot be had."""
    section, g = request.section, request.grounding
    text = _produce(writer, request, emit, stream)
    result = check_section(section, text, g)
    notes = _notes(section, g, writer.name, request)
    if not result.errors or writer.name == "offline":
        return _section(section, text, writer.name, result, notes)
    emit(DraftEvent("reset", section))
    retry = replace(request, feedback=result.errors, previous_text=text)
    try:
        text2 = _produce(writer, retry, emit, stream)
    except DraftingError as e:
        note = f"按核查意见重新起草失败（{e}），保留第一次起草的文本"
        return _section(section, text, writer.name, result, notes + (note,))
    result2 = check_section(section, text2, g)
    if len(result2.errors) <= len(result.errors):
        return _section(section, text2, writer.name, result2, notes, attempts=2, history=(text,))
    note = "重新起草后问题更多，保留第一次起草的文本"
    return _section(section, text, writer.name, result, notes + (note,), attempts=2, history=(text2,))


def _section(
    key: str, text: str, backend: str, result: GuardResult, notes: tuple[str, ...], **kw: Any
) -> SectionDraft:
    return SectionDraft(key, text, backend, result.findings, result.sentences, notes, **kw)


def _notes(section: str, g: Grounding, backend: str, request: SectionRequest) -> tuple[str, ...]:
    notes = section_notices(section, g) if backend == "offline" else _neutral_notices(section, g)
    if not request.instruction or backend != "offline":
        return notes
    revision = offline_revision(request)
    return notes + (revision.notes if revision is not None else (REGENERATE_NOTE,))


def _neutral_notices(section: str, g: Grounding) -> tuple[str, ...]:
    return tuple(n for n in section_notices(section, g) if "持续推进整改" not in n)


def _fallback(section: str, g: Grounding, cause: str, emit: Emit, stream: bool) -> SectionDraft:
    text = offline_section(section, g)
    if stream:
        emit(DraftEvent("reset", section))
        emit(DraftEvent("delta", section, text))
    result = check_section(section, text, g)
    note = f"模型起草失败（{cause}），已改用离线起草"
    return SectionDraft(
        section, text, "offline", result.findings, result.sentences, (note, *section_notices(section, g)),
        fallback=True,
    )  # fmt: skip


def regenerate_section(
    draft: Draft,
    section: str,
    instruction: str = "",
    *,
    backend: str | SectionWriter | None = None,
    settings: Settings | None = None,
) -> Draft:
    """The draft with `section` drafted again following the staff's `instruction`.

    Numbers given in the instruction are allowed from now on. If the backend fails, the section
    keeps its current text, with a note: nothing the staff has is lost.
    """
    if section not in draft.sections or draft.grounding is None:
        raise ValueError(f"草稿中没有可重新起草的章节“{section}”")
    writer, notes = resolve_backend(backend, settings)
    g = draft.grounding.with_extra("修改要求", instruction) if instruction else draft.grounding
    old = draft.sections[section]
    request = SectionRequest(section, g, instruction=instruction or "请换一种表述", current_text=old.text)
    try:
        new = settle(_attempt(request, writer, lambda _e: None, False), g, offline_section)
    except DraftingError as e:
        note = f"重新起草失败（{e}），保留原文本"
        return replace(draft, sections={**draft.sections, section: replace(old, notes=old.notes + (note,))})
    new = replace(new, history=old.history + (old.text,) + new.history, notes=notes + new.notes)
    return replace(draft, sections={**draft.sections, section: new}, grounding=g)


def edit_section(draft: Draft, section: str, text: str) -> Draft:
    """The draft with the staff's own text for `section`, checked by the guard again."""
    if draft.grounding is None or section not in spec.SECTION_BY_KEY:
        raise ValueError(f"草稿中没有章节“{section}”")
    old = draft.sections.get(section)
    result = check_section(section, text, draft.grounding)
    history = (old.history + (old.text,)) if old else ()
    new = SectionDraft(section, text, "staff", result.findings, result.sentences, (), history=history)
    return replace(draft, sections={**draft.sections, section: new})
