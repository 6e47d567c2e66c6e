"""LLM structured extraction when an endpoint is configured; every proposal is validated by code.

The model only maps numbers the user typed to cell keys. Code then checks each one: the key must be
a cell of the format, the value a non-negative number of the cell's type, and the number must occur
in the message (a number the model made up, or computed, is dropped with a note). Totals against
parts go through the same `consistency.resolve` as the rule-based path. On any failure (no answer,
timeout, bad JSON, nothing usable) the rule-based extractor answers instead.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from pydantic import BaseModel, Field

from assistant.config import Settings, load_settings
from assistant.core import spec
from assistant.core.numbers import KIND_AMOUNT, KIND_COUNT, extract_numbers, format_number
from assistant.intake import (
    additions,
    bare_correction,
    carry_told,
    channels,
    last_year_figure,
    leave_blank,
    one_story,
    open_remaining,
    outcome_swap,
    t3_story,
    two_parts,
    wrong_year,
)
from assistant.intake.answers import THAT_ONE
from assistant.intake.attribution import SINGLE_TYPE
from assistant.intake.clause_more import ALL_OF_TYPE
from assistant.intake.consistency import Statement, resolve
from assistant.intake.counted_as import alias_line
from assistant.intake.extract import extract
from assistant.intake.followup import asked_context, followup_kept, followup_line
from assistant.intake.lexicon import NAMED_NUMERALS, NEGATION
from assistant.intake.model import ARITHMETIC, LLM, Extraction, ExtractionContext, NarrativeProposal, Proposal
from assistant.intake.pasted_grid import read_grid
from assistant.intake.phrases import numbers as phrase_numbers
from assistant.intake.remainder import BALANCE_REST
from assistant.intake.scope_carry import IN_COLUMN
from assistant.intake.spelling import that_one_of_a_type
from assistant.intake.structured import ask, method_note

log = logging.getLogger(__name__)

MAX_QUESTIONS = 3
_MOVED = re.compile(r"不是[^，,。；;是]{1,8}?(?:，|,|而)?是")  # 「不是维持是纠正」: the old column becomes 0
_ZERO_WORDS = re.compile(
    r"没|零|〇|都是|均为|全是|全部是|全都是|其余|剩下"
)  # 没结转, 都是个人 (other types 0)
MAX_NARRATIVE_CHARS = 2000


class LlmCell(BaseModel):
    key: str = Field(description="单元格键，必须是清单中的一个，如 applications.new_received.total")
    value: float = Field(description="用户原话中出现的数字（万元金额可为小数，其余为整数）")
    source: str = Field(description="用户原话中给出这个数字的短语，原样摘录")


class LlmNarrative(BaseModel):
    key: str = Field(
        description="栏目键：active/on_request/info_mgmt/platform/supervision/problems/improvements/other"
    )
    text: str = Field(description="用户原话中属于该栏目的文字，原样摘录")


class LlmExtraction(BaseModel):
    """Numbers and narrative facts found in one user message."""

    cells: list[LlmCell] = Field(description="能确定单元格的数字")
    narrative: list[LlmNarrative] = Field(description="工作情况文字")
    questions: list[str] = Field(description="需要向用户追问的问题（中文），没有则为空")


_RULES = """你是政府信息公开工作年度报告的填表助手。从用户的一句话中找出能填入表格的数字，以及工作情况文字。
规则：
1. 只使用用户原话中出现的数字，不要计算、不要推算合计、不要猜测。
2. 没有说明申请人类型的件数，只填“总计”列（键以 .total 结尾）。
3. “没有”“未发生”“无”表示 0。
4. 拿不准的数字不要填，改为在 questions 中用中文追问。
5. 信息处理费不是表格单元格，归入 narrative 的 other。
单元格键及其官方名称：
"""


@cache
def system_prompt(version: str = spec.FORMAT_2021) -> str:
    cells = "\n".join(f"{c.key}：{c.label}" for c in spec.spec_for(version).cells)
    narrative = "\n".join(f"{k}：{v}" for k, v in spec.NARRATIVE_LABELS.items())
    return f"{_RULES}{cells}\n工作情况栏目：\n{narrative}"


def build_chat_model(settings: Settings | None = None) -> Any | None:
    """ChatOpenAI for the configured endpoint (timeout and retries set), or None without a key."""
    settings = settings or load_settings()
    if not settings.has_llm:
        return None
    from assistant.llm import chat_openai

    return chat_openai(settings, temperature=0)


def extract_message(message: str, context: ExtractionContext | None = None, model: Any = None) -> Extraction:
    """The service the chat calls: LLM extraction when a chat model is given, rule-based otherwise."""
    ctx = context or ExtractionContext()
    read = extract if model is None else (lambda m, c: llm_extract(m, c, model))
    typed, (message, summed) = message, channels.summed(message)  # 「网上10件、信函2件」: 本年新收12件
    told = wrong_year.read(message, ctx, read)  # 「不对，3.5万是23年的，今年是2.8万元」: this year's figure
    told = told or bare_correction.read(message, ctx)  # 「不对，是13件，漏了一件……」: the total asked
    told = told or outcome_swap.read(message, ctx, read)  # 「那件不是给了，是查无此信息」: moved between rows
    told = (
        told or t3_story.read(message, ctx) or carry_told.read(message, ctx, read)
    )  # 「第二个，……责令重新答复」
    told = told or one_story.read(message, ctx, read)  # 「第一件是个老人问……的，给了」
    ex = told or two_parts.read(message, ctx, read)  # 「查无此信息的两件……；另外有两件……」: one row, added
    ex = ex or open_remaining.read(message, ctx)  # 「还有一件个人的……年底没办完」: the one left, 结转下年度
    ex = ex or additions.read(message, ctx, read) or read(message, ctx)  # 「再加一件」: added
    ex = last_year_figure.dropped(leave_blank.apply(ex, typed))  # 「规章……不填」; 「处罚去年是12件」
    return channels.noted(ex, summed)


def llm_extract(message: str, context: ExtractionContext | None, model: Any) -> Extraction:
    ctx = context or ExtractionContext()
    grid = read_grid(message, ctx.version)
    if grid and not grid.rest.strip():  # a grid pasted alone is read by its labels and columns, exactly
        return extract(message, ctx)
    prompt = [("system", system_prompt(ctx.version)), ("human", human_prompt(message, ctx))]
    answer = ask(model, LlmExtraction, prompt)
    if answer.parsed is None:  # the endpoint failed or never answered in JSON: the rules answer instead
        log.warning("LLM extraction failed: %s", answer.cause)
        return _fallback(message, ctx, f"在线模型暂时不可用（{answer.cause}），已改用离线规则识别")
    parsed = (
        answer.parsed
        if isinstance(answer.parsed, LlmExtraction)
        else LlmExtraction.model_validate(answer.parsed)
    )
    rules = extract(message, ctx)  # the same words read by code: inferences and what it leaves asked
    validated = validate(parsed, message, ctx)
    if (
        validated.empty and not validated.questions
    ):  # nothing of the model's own stands: code's arithmetic alone is no answer
        return _fallback(message, ctx, "在线模型没有给出可用结果，已改用离线规则识别", validated.notes)
    result = computed_kept(with_inferences(carry_sums(validated, rules), rules, ctx.version), ctx.version)
    scoped = tuple(n for n in rules.notes if IN_COLUMN in n and n not in result.notes)  # 「企业2件：……」
    result = replace(result, notes=(*scoped, *result.notes)) if scoped else result
    how = method_note(answer.method)
    result = replace(result, followup=followup_kept(rules.followup, result.proposals))
    return replace(result, notes=(*result.notes, how)) if how else result


def human_prompt(message: str, ctx: ExtractionContext) -> str:
    """The user's words with the question just asked (dialogue state) and the values recorded so
    far: a short answer such as 「都是自然人」, 「没有」 or 「企业那个改成2」 is read against them. What the
    last reply itself asked (the exact count of 「八百来件」, the kind of a suit) is the same dialogue
    state the rules read: its row is the topic, its group counts are listed."""
    ctx = asked_context(ctx)
    known = _known_line(ctx) + followup_line(ctx.followup) + alias_line(ctx.aliases)
    if not ctx.topic:
        return f"{known}用户的话：\n{message}"
    asked = ctx.question.strip()[:600] or "（无）"
    return f"上一个问题（主题：{ctx.topic}）：{asked}\n{known}用户的话：\n{message}"


KNOWN_PREFIX = "已记录的数字（含待确认）："
MAX_KNOWN = 80


def _known_line(ctx: ExtractionContext) -> str:
    cells = sorted(ctx.cells.items(), key=lambda kv: (kv[1] == 0, kv[0]))[:MAX_KNOWN]
    if not cells:
        return ""
    return (
        KNOWN_PREFIX
        + "；".join(f"{k}={format_number(v)}" for k, v in cells if isinstance(v, int | Decimal))
        + "\n"
    )


def with_inferences(result: Extraction, rules: Extraction, version: str = spec.FORMAT_2021) -> Extraction:
    """What code infers from the same words (「其余都是个人」 as total − known parts, zeros implied by a
    total, 「都是自然人」), added for the cells the model left out in the rows it answered: the model
    maps numbers said, code does the arithmetic, the same on both paths."""
    result = _explained(result, rules)
    given = {p.key for p in result.proposals}
    rows = {k.rsplit(".", 1)[0] for k in given}  # only rows the model itself gave a number for
    groups = {g for r in rows if (g := _group_of(r))}  # 「不予处理1件，重复申请」: the other leaves are 0
    extra = tuple(
        p
        for p in rules.proposals
        if p.inferred
        and p.key not in given
        and (
            p.key.rsplit(".", 1)[0] in rows
            or _group_of(p.key.rsplit(".", 1)[0]) in groups
            or p.note == BALANCE_REST
            or p.note.startswith((SINGLE_TYPE, ALL_OF_TYPE))  # every application of one type: that column
            or (
                (p.key.startswith(RESULTS_TOTAL) or p.note.startswith(ARITHMETIC))
                and _same_reading(result, rules)
            )
        )
    )  # 「剩下的年底还没办完」, 办理结果总计: numbers no one said, computed by code from the table's identity
    if not extra:
        return result
    fspec = spec.spec_for(version)
    computed = tuple(f"{fspec.by_key[p.key].label}：数字 " for p in extra if p.key in fspec.by_key)
    notes = tuple(n for n in result.notes if not n.startswith(computed))  # code computed what it dropped
    return replace(result, proposals=result.proposals + extra, notes=notes)


RESULTS_TOTAL = "applications.results.total."
_CARRY_ADDED = re.compile(r"^原(\d+)件，加上(?:上年结转的|从“[^”]{1,80}”移来的)(\d+)件$")


def carry_sums(result: Extraction, rules: Extraction) -> Extraction:
    """What code added to a recorded count stands on both paths: last year's carry-over (「还有去年结转的那一件
    ……给了」: 予以公开 1 → 2) and one moved between types (「有一件是村委会……，不算村民个人」: 其他 2 → 3). The
    model reads the 1 said as the row's value (or gives code's sum, not said as such)."""
    added = {p.key: p for p in rules.proposals if _CARRY_ADDED.match(p.note)}
    if not added:
        return result
    mine = {p.key: p for p in result.proposals}

    def addend(p: Proposal) -> int:
        return int(_CARRY_ADDED.match(p.note).group(2))  # type: ignore[union-attr]

    taken = {k for k, p in added.items() if k not in mine or mine[k].value in (addend(p), p.value)}
    kept = tuple(p if p.key not in taken else added[p.key] for p in result.proposals)
    kept += tuple(added[k] for k in sorted(taken - mine.keys()))
    return replace(result, proposals=kept)


def computed_kept(result: Extraction, version: str) -> Extraction:
    """A 「数字 N 没有出现在您的话中，已忽略」 note for a cell code then proposed with that very value (a zero
    the row's total forces, a sum code did) is no longer true: dropped."""
    fspec = spec.spec_for(version)
    stale = tuple(
        f"{fspec.by_key[p.key].label}：数字 {format_number(p.value)} 没有出现"
        for p in result.proposals
        if p.key in fspec.by_key
    )
    notes = tuple(n for n in result.notes if not n.startswith(stale))
    return result if len(notes) == len(result.notes) else replace(result, notes=notes)


def _same_reading(result: Extraction, rules: Extraction) -> bool:
    """The model read every number code read the same way: code's arithmetic on them stands."""
    said = result.cells
    return all(said.get(p.key) == p.value for p in rules.proposals if not p.inferred)


def _explained(result: Extraction, rules: Extraction) -> Extraction:
    """A cell the model gave as code reads it too (same key, same value) carries code's account of it:
    inferred (「都是自然人」: the other types 0) and why (「申请均来自自然人，办理结果记入自然人栏」)."""
    ruled = {(p.key, p.value): p for p in rules.proposals if p.inferred or p.note}
    if not ruled:
        return result
    proposals = tuple(
        replace(p, inferred=r.inferred, note=r.note) if (r := ruled.get((p.key, p.value))) else p
        for p in result.proposals
    )
    return replace(result, proposals=proposals)


def _group_of(row: str) -> str | None:
    """The group a result leaf or a 行政诉讼 row belongs to (None for a row of its own)."""
    if row.startswith(("litigation_direct", "litigation_after_review")):
        return "litigation"
    parts = row.split(".")
    return ".".join(parts[:3]) if len(parts) == 4 and parts[1] == "results" else None


def _fallback(message: str, ctx: ExtractionContext, why: str, notes: tuple[str, ...] = ()) -> Extraction:
    base = extract(message, ctx)
    return replace(base, notes=(*notes, *base.notes, why))


def validate(parsed: LlmExtraction, message: str, ctx: ExtractionContext) -> Extraction:
    """The model's answer as proposals, after checking keys, values and that each number was said."""
    fspec = spec.spec_for(ctx.version)
    said = numbers_in(message)
    zero_said = Decimal(0) in said or bool(
        NEGATION.search(message) or _ZERO_WORDS.search(message) or _MOVED.search(message)
    )
    statements: list[Statement] = []
    notes: list[str] = []
    for c in parsed.cells:
        key = c.key.strip()
        cell = fspec.by_key.get(key)
        if cell is None:
            notes.append(f"模型给出的栏目“{key[:60]}”不是表格中的单元格，已忽略")
            continue
        value = _value(c.value, cell)
        if value is None:
            kind = "非负整数" if cell.type == spec.INT else "非负数"
            notes.append(f"{cell.label}：模型给出的“{c.value}”不是有效的{kind}，已忽略")
            continue
        source = c.source.strip()
        said_here = _was_said(value, cell, said, zero_said) or _sum_of(value, source, message)
        if not (said_here or _parts_quoted(value, cell, c.source, message)):
            notes.append(f"{cell.label}：数字 {format_number(value)} 没有出现在您的话中，已忽略")
            continue
        statements.append(
            Statement(key, value, source if source and _quoted(source, message) else message.strip())
        )
    proposals, questions, more = resolve(statements, (), ctx.version, ctx.cells)
    narrative = _narrative(parsed, notes)
    asked = [q.strip()[:200] for q in parsed.questions if q.strip()][:MAX_QUESTIONS]
    asked = tuple(dict.fromkeys((*questions, *asked)))  # the model repeating a question code asks: once
    return Extraction(tuple(proposals), tuple(narrative), asked, (*notes, *more), LLM)


def numbers_in(message: str) -> set[Decimal]:
    """Every count or amount the message states (Arabic, full-width or Chinese numerals)."""
    masked = NAMED_NUMERALS.sub(lambda m: "某" * len(m.group()), message)
    found = {m.value for m in extract_numbers(masked) if m.kind in (KIND_COUNT, KIND_AMOUNT)}
    one = THAT_ONE.search(message) or that_one_of_a_type(message, []) != message  # 「村委会那件」「律所那个」
    found |= {Decimal(1)} if one else set()
    return found | {m.value for m in phrase_numbers(message)}  # 处罚三十八, 公司俩, 十二万五


def _parts_quoted(value: int | Decimal, cell: spec.Cell, source: str, message: str) -> bool:
    """One cell told in parts, the parts quoted as its source: 「1件确认违法，1件责令履行」 is 结果纠正 2,
    「四十三万六，还有工本费两千块」 one fee. A sum whose parts are not in the source is not said."""
    source = source.strip()
    parts = [m.value for m in phrase_numbers(source)] if source and _quoted(source, message) else []
    if len(parts) < 2:
        return False
    return sum(parts) == Decimal(value) * (10_000 if cell.type == spec.DECIMAL else 1)


def _value(raw: float, cell: spec.Cell) -> int | Decimal | None:
    try:
        value = Decimal(repr(raw))
    except (InvalidOperation, ValueError):
        return None
    if not value.is_finite() or value < 0:
        return None
    if cell.type == spec.INT:
        return int(value) if value == value.to_integral_value() else None
    return value.normalize() if value != 0 else Decimal(0)


def _was_said(value: int | Decimal, cell: spec.Cell, said: set[Decimal], zero_said: bool) -> bool:
    if value == 0:
        return zero_said
    if Decimal(value) in said:
        return True
    return cell.type == spec.DECIMAL and Decimal(value) * 10_000 in said  # 3000元 → 0.3万元


def _quoted(source: str, message: str) -> bool:
    """The source is the user's words: one phrase of the message, or phrases of it joined by 「，」."""
    pieces = [p for p in source.split("，") if p.strip()]
    return bool(pieces) and all(p in message for p in pieces)


def _sum_of(value: int | Decimal, source: str, message: str) -> bool:
    """「没这个信息的3件，还有2件不归我们管」 → 5: the numbers of one quoted phrase, added."""
    parts = (
        [m.value for m in phrase_numbers(_one_each(source))] if source and _quoted(source, message) else []
    )
    return len(parts) > 1 and sum(parts) == Decimal(value)


def _one_each(source: str) -> str:
    """「合作社那两件和村委会那件」: each 那件 is one (2 + 1 = 3)."""
    return THAT_ONE.sub("那1件", source)


def _narrative(parsed: LlmExtraction, notes: list[str]) -> list[NarrativeProposal]:
    out: list[NarrativeProposal] = []
    for n in parsed.narrative:
        text = n.text.strip()[:MAX_NARRATIVE_CHARS]
        if n.key not in spec.NARRATIVE_KEYS:
            notes.append(f"模型给出的栏目“{n.key[:40]}”不是年报的文字栏目，已忽略")
        elif text:
            out.append(NarrativeProposal(n.key, spec.NARRATIVE_LABELS[n.key], text))
    return out
