"""Retrieval cases against a temporary corpus: the case reports ingested into a fresh store.

hit@k: a query is a hit when one of its top k results is of the expected section (and sub-area,
when the case gives one). The corpus is built in a temporary data folder, always embedded (never
the configured Chroma server), with the configured embedder (offline: the hash embedder).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.evals.case_types import RetrievalCase
from assistant.evals.metrics import CaseFailure, PartResult, ratio


def build_corpus(corpus: str, settings: Settings, home: Path) -> tuple[Any, list[str]]:
    """A retriever over `corpus` ingested under `home`, or (None, [why]) when that fails."""
    local = replace(settings, home=home, chroma_url="")
    try:
        from assistant.corpus.ingest import ingest_paths
        from assistant.corpus.retrieval import open_retriever
        from assistant.corpus.store import CorpusStore

        summary = ingest_paths([corpus], CorpusStore.open(local))
        if summary.error:
            return None, [f"评测语料库建立失败：{summary.error}"]
        if not summary.reports_added:
            return None, [f"评测语料库为空：{corpus} 中没有可入库的报告"]
        return open_retriever(local, strict=True), [f"评测语料库：{summary.reports_added} 份报告"]
    except Exception as e:  # noqa: BLE001 - the corpus is one part: the other metrics still run
        return None, [f"评测语料库建立失败（{type(e).__name__}：{e}）"]


def evaluate_retrieval(cases: tuple[RetrievalCase, ...], retriever: Any) -> PartResult:
    part = PartResult("retrieval", cases=len(cases))
    start = time.perf_counter()
    if retriever is None:
        part.metrics = [ratio("retrieval_hit_at_3", 0, 0)]
        part.notes.append("范文库不可用：检索命中率未测得")
        return part
    hits = 0
    for case in cases:
        results = list(retriever.search(case.query, k=case.k, **case.filters))[: case.k]
        if any(_matches(case, r) for r in results):
            hits += 1
            continue
        got = "、".join(f"{r.section}/{r.subarea or '-'}" for r in results) or "无结果"
        want = case.section + (f"/{case.subarea}" if case.subarea else "")
        part.failures.append(
            CaseFailure(case.id, "retrieval_hit_at_3", f"“{case.query}”前{case.k}条为 {got}，应含 {want}")
        )
    part.metrics = [ratio("retrieval_hit_at_3", hits, len(cases))]
    part.seconds = time.perf_counter() - start
    return part


def _matches(case: RetrievalCase, result: Any) -> bool:
    return result.section == case.section and (not case.subarea or result.subarea == case.subarea)
