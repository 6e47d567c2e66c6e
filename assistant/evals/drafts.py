"""Draft cases: draft with the chosen backend, then measure the final texts.

Every measure calls the product's own logic on the final draft: numbers are bound with the drafting
binder (`drafting.binding.bind_numbers`) against the draft's grounding, independently of the
findings the guard attached; the draft is exported as text and re-read by the audit service behind
`assistant check`; the copy rate is the reader's 雷同率 (`reader.copyrate.copy_rates`).
"""

from __future__ import annotations

import re
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core import spec
from assistant.core.report import Report
from assistant.drafting import Draft, draft_report
from assistant.drafting.binding import bind_numbers
from assistant.drafting.lint import lint_prose
from assistant.evals.case_types import DraftCase, Topic
from assistant.evals.metrics import CaseFailure, MetricValue, PartResult, count, ratio
from assistant.reader.copyrate import copy_rates

SENTENCE = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?")
COPIED_PARAGRAPH = 0.8  # a paragraph this much repeated from last year's report is a copy …
MIN_PARAGRAPH_CHARS = 40  # … when it is at least this long (punctuation and spaces removed)


@dataclass
class _Tally:
    unbound: int = 0
    sentences: int = 0
    unsourced: int = 0
    topics: list[int] = field(default_factory=lambda: [0, 0])  # found, required
    follow: list[int] = field(default_factory=lambda: [0, 0])
    fee: list[int] = field(default_factory=lambda: [0, 0])
    conform: list[int] = field(default_factory=lambda: [0, 0])
    copy: list[float] = field(default_factory=list)
    copied: int = 0
    paragraphs: int = 0
    lint: int = 0

    def metrics(self, drafts: int) -> list[MetricValue]:
        mean = sum(self.copy) / len(self.copy) if self.copy else None
        return [
            count("fabricated_numbers", self.unbound, drafts, "份草稿"),
            ratio("unsourced_sentence_share", self.unsourced, self.sentences),
            ratio("topic_coverage", *self.topics),
            ratio("followup_coverage", *self.follow),
            ratio("fee_statement", *self.fee),
            ratio("section_conformance", *self.conform),
            _mean("copy_rate", mean, len(self.copy)),
            count("copied_paragraphs", self.copied, self.paragraphs, "段"),
            count("prose_lint", self.lint, drafts, "份草稿"),
        ]


def _mean(key: str, value: float | None, n: int) -> MetricValue:
    return MetricValue(key, value, n, f"{n} 份报告的平均值" if n else "")


def evaluate_drafts(
    cases: tuple[DraftCase, ...], backend: Any, retriever: Any = None, settings: Any = None
) -> PartResult:
    """Draft every case with `backend` ("offline", "openai" or a SectionWriter) and measure."""
    part = PartResult("drafts", cases=len(cases))
    start = time.perf_counter()
    tally = _Tally()
    with tempfile.TemporaryDirectory(prefix="eval-drafts-") as tmp:
        for case in cases:
            draft = draft_report(
                case.facts, case.previous, backend=backend, retriever=retriever, settings=settings
            )
            part.failures += score_draft(case, draft, tally, Path(tmp))
    part.metrics = tally.metrics(len(cases))
    part.seconds = time.perf_counter() - start
    return part


def score_draft(case: DraftCase, draft: Draft, tally: _Tally, tmp: Path) -> list[CaseFailure]:
    """Add one draft's measures to `tally`; the failures say what it missed."""
    out: list[CaseFailure] = []

    def fail(metric: str, detail: str) -> None:
        out.append(CaseFailure(case.id, metric, detail))

    raws, n_sentences, bad = unsourced(draft)
    tally.unbound += len(raws)
    tally.sentences += n_sentences
    tally.unsourced += bad
    if raws:
        fail("fabricated_numbers", "无来源的数字：" + "、".join(raws[:8]))
    for key, topics in case.topics.items():
        for missing in missing_topics(draft.text(key), topics, tally.topics):
            fail("topic_coverage", f"{_label(key)}缺少{missing}")
    for missing in missing_topics(
        not_copied(draft.text("s5_problems"), case.previous), case.follow_up, tally.follow
    ):
        fail("followup_coverage", f"未说明上年问题{missing}的整改")
    if case.fee:
        _fee(case.fee, draft.text("s6_other"), tally, fail)
    problems = conformance(draft, tmp / f"{re.sub(r'[^0-9A-Za-z_-]', '_', case.id)}.txt")
    tally.conform[0] += not problems
    tally.conform[1] += 1
    if problems:
        fail("section_conformance", "；".join(problems[:4]))
    if case.previous is not None and any(case.previous.sections.values()):
        _copy(draft, case.previous, tally, fail)
    for section, issues in prose_issues(draft).items():
        tally.lint += len(issues)
        for issue in issues[:3]:
            fail("prose_lint", f"{_label(section)}：{issue.message}")
    return out


def prose_issues(draft: Draft) -> dict[str, list[Any]]:
    """The prose lint of every final section text (the staff's notes may name English words)."""
    g = draft.grounding
    allowed = " ".join([g.facts.agency, *g.notes.values()]) if g is not None else ""
    found = {key: lint_prose(s.text, allowed) for key, s in draft.sections.items()}
    return {key: issues for key, issues in found.items() if issues}


def _fee(phrases: tuple[str, ...], text: str, tally: _Tally, fail: Callable[[str, str], None]) -> None:
    missing = [p for p in phrases if p not in text]
    tally.fee[0] += not missing
    tally.fee[1] += 1
    if missing:
        fail("fee_statement", f"六缺少“{'”“'.join(missing)}”：{text[:80]}")


def _label(section: str) -> str:
    return spec.SECTION_BY_KEY[section].label


def missing_topics(text: str, topics: tuple[Topic, ...], counter: list[int]) -> list[str]:
    """The topics `text` lacks (each shown as its alternatives); `counter` gets [found, required]."""
    missing = []
    for topic in topics:
        counter[1] += 1
        if any(alt in text for alt in topic):
            counter[0] += 1
        else:
            missing.append("“" + "/".join(topic) + "”")
    return missing


def unsourced(draft: Draft) -> tuple[list[str], int, int]:
    """Numbers with no source in the final texts, the sentences, and those with such a number."""
    g = draft.grounding
    assert g is not None, "draft_report always keeps the grounding"
    raws: list[str] = []
    sentences = bad = 0
    for section in draft.sections.values():
        _bound, unbound = bind_numbers(section.text, g.sources, g.year, (g.facts.agency,))
        raws += [u.mention.raw for u in unbound]
        starts = [u.mention.start for u in unbound]
        for m in SENTENCE.finditer(section.text):
            if m.group().strip():
                sentences += 1
                bad += any(m.start() <= s < m.end() for s in starts)
    return raws, sentences, bad


def conformance(draft: Draft, path: Path) -> list[str]:
    """What keeps the draft from conforming: a missing section, or what `assistant check` finds
    when it re-reads the exported text (sections, TEXT_TABLE_MISMATCH)."""
    from assistant.audit import check_paths
    from assistant.export import render_text

    report = draft.to_report()
    problems = [f"缺少{sec.label}" for sec in spec.SECTIONS if not report.sections.get(sec.key, "").strip()]
    path.write_text(render_text(report), encoding="utf-8")
    (result,) = check_paths([path])
    if result.error or result.report is None:
        return problems + [f"导出的文本无法读回：{result.error}"]
    reread = result.report.sections
    problems += [f"读回后缺少{sec.label}" for sec in spec.SECTIONS if not reread.get(sec.key, "").strip()]
    problems += [f.message for f in result.findings if f.rule == "TEXT_TABLE_MISMATCH"]
    return problems


def _copy(draft: Draft, previous: Report, tally: _Tally, fail: Callable[[str, str], None]) -> None:
    current = {k: s.text for k, s in draft.sections.items()}
    overall = copy_rates(current, previous.sections).get("overall")
    if overall is not None:
        tally.copy.append(overall[0])
    paragraphs = {
        f"{k}#{i}": p for k, text in current.items() for i, p in enumerate(text.split("\n")) if p.strip()
    }
    rates = copy_rates(paragraphs, previous.sections)
    for key, (rate, chars) in rates.items():
        if key == "overall" or chars < MIN_PARAGRAPH_CHARS:
            continue
        tally.paragraphs += 1
        if rate >= COPIED_PARAGRAPH:
            tally.copied += 1
            fail(
                "copied_paragraphs",
                f"{_label(key.split('#')[0])}有段落 {rate:.0%} 与上年报告相同：{paragraphs[key][:40]}…",
            )


COPIED_SENTENCE = 0.8  # a sentence this much last year's wording says nothing about this year


def not_copied(text: str, previous: Report | None) -> str:
    """`text` without the sentences copied from last year's report: last year's 五 pasted again is no
    account of what was done about its problems (followup_coverage looks only at the rest)."""
    if previous is None or not any(previous.sections.values()):
        return text
    pieces = [p for p in re.findall(r"[^。；！？\n]+[。；！？]?", text) if p.strip()]
    rates = copy_rates({str(i): p for i, p in enumerate(pieces)}, previous.sections)
    return "".join(p for i, p in enumerate(pieces) if rates.get(str(i), (0.0, 0))[0] < COPIED_SENTENCE)
