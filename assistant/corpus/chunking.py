"""Splitting a Report into prose chunks for the corpus.

A report is split by section; section 一 further by 总体情况 sub-area (（一）主动公开 … （五）监督保障);
long texts on Chinese sentence boundaries. Tables are not prose: the table lines of sections 二–四 are
dropped here (the cells are stored as structured data, see `tables.py`), their lead-in prose is kept.
Ids are content hashes, so chunking the same report twice gives the same ids.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from assistant.core import spec
from assistant.core.report import Report

MAX_CHARS = 450  # a chunk is about one or two paragraphs
CHUNKER_VERSION = 1  # bump when chunking changes: reports recorded by an older version are redone
SUBAREA_LEAD = "lead"  # the opening paragraph(s) of 一、总体情况, before the first sub-area
SUBAREA_NONE = ""  # any other section, or an overview without recognisable sub-areas
TABLE_SECTIONS = ("s2_active", "s3_applications", "s4_review_litig")

_SUBAREA_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("on_request", ("依申请",)),
    ("platform", ("平台",)),
    ("info_mgmt", ("信息管理",)),
    ("supervision", ("监督", "保障")),
    ("active", ("主动公开",)),
)
_ORDINALS = "一二三四五六七八九十"
_PAREN_HEADING = re.compile(rf"^[#*\s]*[（(]\s*([{_ORDINALS}]{{1,2}})\s*[）)]\s*")
_PLAIN_HEADING = re.compile(r"^[#*\s]*(?:\d{1,2}\s*[、.．]\s*|[【\[])?")
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")
_CLAUSE_END = re.compile(r"(?<=[，、,：:])")


@dataclass(frozen=True)
class Chunk:
    """One prose chunk with its metadata (all values str or int: Chroma metadata)."""

    id: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def report_id(self) -> str:
        return str(self.metadata["report_id"])


def report_id(report: Report) -> str:
    """A hash of the report's content: the same report read twice, from any path, has the same id."""
    body = {
        "agency": report.agency,
        "year": report.year,
        "level": report.level,
        "format": report.format,
        "title": report.title,
        "sections": {k: report.sections[k] for k in sorted(report.sections)},
        "cells": {k: str(report.cells[k]) for k in sorted(report.cells)},
    }
    digest = hashlib.sha1(json.dumps(body, ensure_ascii=False, sort_keys=True).encode()).hexdigest()
    return "r" + digest[:20]


def report_metadata(report: Report, source: str, rid: str) -> dict[str, Any]:
    """The metadata every record of a report carries (its chunks and its tables record)."""
    return {
        "agency": report.agency,
        "level": report.level,
        "year": int(report.year or 0),
        "source": source,
        "format": report.format,
        "report_id": rid,
    }


def chunk_report(report: Report, source: str) -> list[Chunk]:
    """Every prose chunk of `report`, in document order."""
    rid = report_id(report)
    base = report_metadata(report, source, rid)
    chunks: list[Chunk] = []
    for section, subarea, text in _pieces(report):
        seq = len(chunks)
        digest = hashlib.sha1(f"{rid}|{section}|{subarea}|{seq}|{text}".encode()).hexdigest()
        meta = {**base, "section": section, "subarea": subarea, "seq": seq}
        chunks.append(Chunk("c" + digest[:24], text, meta))
    return chunks


def _pieces(report: Report) -> Iterator[tuple[str, str, str]]:
    for sec in spec.SECTIONS:
        text = (report.sections.get(sec.key) or "").strip()
        if sec.key in TABLE_SECTIONS:
            text = prose_only(text)
        if not text:
            continue
        parts = split_overview(text) if sec.key == "s1_overview" else [(SUBAREA_NONE, text)]
        for subarea, part in parts:
            for piece in split_long(part):
                yield sec.key, subarea, piece


def split_overview(text: str) -> list[tuple[str, str]]:
    """一、总体情况 as (sub-area key, text) pairs: the lead, then （一）主动公开 … （五）监督保障.

    Sub-area headings are recognised by their keyword (the wording is free), else by their ordinal
    （一）…（五）; an overview without headings is one part with sub-area "".
    """
    parts: list[tuple[str, list[str]]] = [(SUBAREA_LEAD, [])]
    found = False
    for line in text.split("\n"):
        key = subarea_of_heading(line)
        if key:
            found = True
            parts.append((key, [line.strip()]))
        elif line.strip():
            parts[-1][1].append(line.strip())
    if not found:
        return [(SUBAREA_NONE, text.strip())]
    return [(key, "\n".join(lines)) for key, lines in parts if lines]


def subarea_of_heading(line: str) -> str:
    """The sub-area key if `line` starts a sub-area (（一）主动公开 / (二) 依申请公开 / 【监督保障】), else ""."""
    m = _PAREN_HEADING.match(line)
    if m:
        key = _keyword_subarea(line[m.end() : m.end() + 14])
        if key:
            return key
        n = _ORDINALS.index(m.group(1)[-1]) + 1 if len(m.group(1)) == 1 else 0
        return spec.OVERVIEW_SUBAREAS[n - 1][0] if 1 <= n <= len(spec.OVERVIEW_SUBAREAS) else ""
    m = _PLAIN_HEADING.match(line)
    head = line[m.end() : m.end() + 12] if m else ""
    if any(head.startswith(label) or head.startswith("政府" + label) for _, label in spec.OVERVIEW_SUBAREAS):
        return _keyword_subarea(head)
    return ""


def _keyword_subarea(head: str) -> str:
    for key, words in _SUBAREA_KEYWORDS:
        if any(w in head for w in words):
            return key
    return ""


def prose_only(text: str) -> str:
    """The prose lines of a table section (lead-in sentences), without the table itself."""
    return "\n".join(line.strip() for line in text.split("\n") if _is_prose(line))


def _is_prose(line: str) -> bool:
    s = line.strip()
    if not s or "\t" in s or s.startswith("|") or s.startswith("（本列数据"):
        return False
    if not re.search(r"[。，；！？]", s):
        return False
    digits = sum(ch.isdigit() for ch in s)
    return digits / len(s) < 0.3 and len(s.split()) < 6


def split_long(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Paragraphs packed into chunks of at most `max_chars`, split on sentence (then clause) ends."""
    chunks: list[str] = []
    current = ""
    for para in (p.strip() for p in text.split("\n")):
        for i, unit in enumerate(_units(para, max_chars) if para else []):
            sep = "\n" if i == 0 else ""
            if current and len(current) + len(sep) + len(unit) > max_chars:
                chunks.append(current)
                current = unit
            else:
                current = f"{current}{sep}{unit}" if current else unit
    if current:
        chunks.append(current)
    return chunks


def _units(paragraph: str, max_chars: int) -> list[str]:
    if len(paragraph) <= max_chars:
        return [paragraph]
    out: list[str] = []
    for sentence in (s for s in _SENTENCE_END.split(paragraph) if s):
        if len(sentence) <= max_chars:
            out.append(sentence)
            continue
        for clause in (c for c in _CLAUSE_END.split(sentence) if c):
            out.extend(clause[i : i + max_chars] for i in range(0, len(clause), max_chars))
    return _rejoin(out, max_chars)


def _rejoin(pieces: list[str], max_chars: int) -> list[str]:
    out: list[str] = []
    for piece in pieces:
        if out and len(out[-1]) + len(piece) <= max_chars:
            out[-1] += piece
        else:
            out.append(piece)
    return out
