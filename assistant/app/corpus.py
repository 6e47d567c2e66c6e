"""Corpus-tab handlers (plain functions): add reports to the corpus, search it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from assistant.app.files import hide_dirs
from assistant.config import Settings
from assistant.core import spec
from assistant.corpus.errors import CorpusError
from assistant.corpus.ingest import ingest_paths
from assistant.corpus.retrieval import open_retriever
from assistant.corpus.store import CorpusStore

RESULT_COLUMNS = ["机关", "年度", "章节", "相似度", "片段"]
SUBAREAS = dict(spec.OVERVIEW_SUBAREAS) | {"lead": "开头"}
SECTION_CHOICES = [("全部章节", "")] + [(s.label, s.key) for s in spec.SECTIONS]


def add(paths: list[str], settings: Settings) -> str:
    """Ingest uploaded reports; unreadable files are listed, the rest added."""
    if not paths:
        return "请先选择要加入语料库的往年报告"
    try:
        store = CorpusStore.open(settings)
    except CorpusError as e:
        return f"⚠ 无法打开语料库：{e}"
    s = ingest_paths(paths, store)
    lines = [f"读取 {s.files} 个文件：新增或更新 {s.reports_added} 份报告（{s.chunks_added} 个片段），"
             f"已在库中 {s.reports_unchanged} 份。"]  # fmt: skip
    lines += [f"⚠ 已跳过 {Path(name).name}：{hide_dirs(why)}" for name, why in s.skipped]
    if s.error:
        lines.append(f"⚠ 入库中断：{s.error}")
    return "\n".join(lines)


def search(query: str, section: str, k: int, settings: Settings) -> tuple[pd.DataFrame, str]:
    query = (query or "").strip()
    if not query:
        return pd.DataFrame(columns=RESULT_COLUMNS), "请输入检索内容"
    retriever = open_retriever(settings)
    hits = retriever.search(query, section=section or None, k=int(k or 5))
    rows = [[h.agency, h.year, spec.SECTION_BY_KEY[h.section].label + (f"（{SUBAREAS.get(h.subarea, h.subarea)}）" if h.subarea else ""),
             f"{h.score:.2f}", h.text] for h in hits]  # fmt: skip
    note = retriever.note or ("" if hits else "没有找到相关片段")
    return pd.DataFrame(rows, columns=RESULT_COLUMNS), note or f"找到 {len(hits)} 条"
