"""The ingest service behind `assistant ingest`: past reports into the Chroma corpus.

Reports are chunked and written in batches: drop the chunks of older versions of the same source
files, upsert the chunks (ids are content hashes, so a re-run adds nothing), and only then write the
reports' records (cells and manifest entry). A run that stops half-way (server gone) leaves no record
for an unfinished report, which the next run simply redoes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.audit import InputError, expand_paths, load_input
from assistant.config import Settings
from assistant.core.report import Report
from assistant.corpus.chunking import CHUNKER_VERSION, Chunk, chunk_report
from assistant.corpus.errors import CorpusError
from assistant.corpus.store import CorpusStore
from assistant.corpus.tables import table_record
from assistant.facts_io import FactsFileError, is_facts_file, load_facts

Progress = Callable[[int, int, str], None]
BATCH_REPORTS = 200  # reports written per batch
BATCH_CHUNKS = 5000  # … or fewer when their chunks reach this many


@dataclass
class IngestSummary:
    """What one ingest run did."""

    files: int = 0
    reports_added: int = 0  # new or changed reports
    reports_unchanged: int = 0
    chunks_added: int = 0
    chunks_unchanged: int = 0
    chunks_removed: int = 0  # chunks of older versions of a re-ingested file
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, Chinese reason)
    error: str = ""  # the store failed: the run stopped here
    location: str = ""

    def exit_code(self) -> int:
        """0 all ingested; 1 the store failed; 2 some files were unreadable (the rest ingested)."""
        if self.error:
            return 1
        return 2 if self.skipped else 0


def default_corpus_dir() -> Path:
    """The shipped corpus/ folder (the repository's, else ./corpus)."""
    repo = Path(__file__).resolve().parents[2] / "corpus"
    return repo if repo.is_dir() else Path("corpus")


def default_corpus_paths() -> list[Path]:
    """What a bare `assistant ingest` takes: the shipped published documents (corpus/reports, the seed).

    corpus/sources holds the same fictional reports as facts files (their origin); ingesting both
    would store every report twice.
    """
    root = default_corpus_dir()
    parts = [root / "reports", root / "seed"]
    existing = [p for p in parts if p.is_dir()]
    return existing or [root]


def ensure_sample_corpus(settings: Settings) -> str:
    """On the app's first run, ingest the sample corpus into an empty store; returns a message."""
    try:
        store = CorpusStore.open(settings)
        if store.has_reports():
            return ""
        summary = ingest_paths(default_corpus_paths(), store)
    except CorpusError as e:
        return f"示例语料未能导入（{e}），起草时将不使用范文"
    if summary.error:
        return f"示例语料未能导入（{summary.error}），起草时将不使用范文"
    return f"已导入示例语料：{summary.reports_added} 份报告，{summary.chunks_added} 个片段"


def display_name(path: Path) -> str:
    """The source name stored in metadata, the same from any working directory: relative to the
    repository for the shipped corpus, else the absolute path."""
    full = path.resolve()
    root = Path(__file__).resolve().parents[2]
    return full.relative_to(root).as_posix() if full.is_relative_to(root) else str(full)


def corpus_files(paths: Iterable[str | Path]) -> list[Path]:
    """Facts files and documents under `paths`, without READMEs and notes."""
    return [p for p in expand_paths(paths) if not p.name.upper().startswith(("README", "LICENSE", "NOTES"))]


def load_report(path: Path) -> Report:
    """A past report from a facts file with `sections`, or from a document; raises InputError."""
    if is_facts_file(path):
        try:
            loaded = load_facts(path)
        except FactsFileError as e:
            raise InputError(str(e)) from None
        if not any(v.strip() for v in loaded.sections.values()):
            raise InputError(f"{path}：数据文件没有 sections（各章节正文），不能作为往年报告入库")
        report = loaded.to_report()
    else:
        report = load_input(path).report
        if report is None:  # pragma: no cover - load_input returns a report for every document
            raise InputError(f"{path}：不是年报文档")
    if not report.year:
        raise InputError(f"{path}：未能识别报告年度，无法按年度检索，已跳过")
    return report


def ingest_paths(
    paths: Iterable[str | Path],
    store: CorpusStore,
    reset: bool = False,
    on_progress: Progress | None = None,
    batch_reports: int = BATCH_REPORTS,
) -> IngestSummary:
    """Ingest every readable report under `paths`; unreadable files are listed in `skipped`."""
    summary = IngestSummary(location=store.location)
    files = corpus_files(paths)
    summary.files = len(files)
    batch = _Batch(store, summary, batch_reports)
    try:
        if reset:
            store.reset()
        store.verify()  # fails early on a mismatched embedder or an unreachable server
        for i, path in enumerate(files):
            if on_progress:
                on_progress(i, len(files), str(path))
            report = _read(path, summary)
            if report is not None:
                batch.add(report, display_name(path))
        batch.flush()
    except CorpusError as e:
        summary.error = str(e)
    if on_progress:
        on_progress(len(files), len(files), "")
    return summary


def ingest_reports(
    store: CorpusStore, reports: Iterable[tuple[Report, str]], batch_reports: int = BATCH_REPORTS
) -> IngestSummary:
    """Ingest reports built in code (tests, benchmarks): (report, source name) pairs. Raises CorpusError."""
    summary = IngestSummary(location=store.location)
    batch = _Batch(store, summary, batch_reports)
    for report, source in reports:
        summary.files += 1
        batch.add(report, source)
    batch.flush()
    return summary


def _read(path: Path, summary: IngestSummary) -> Report | None:
    try:
        return load_report(path)
    except InputError as e:
        summary.skipped.append((display_name(path), str(e)))
    except Exception as e:  # noqa: BLE001 - one broken file never stops the corpus
        summary.skipped.append(
            (display_name(path), f"{path}：读取时出现意外错误（{type(e).__name__}），已跳过")
        )
    return None


@dataclass
class _Pending:
    report: Report
    source: str
    rid: str
    chunks: list[Chunk]


class _Batch:
    """Reports waiting to be written together (a few store calls per batch, not per report)."""

    def __init__(self, store: CorpusStore, summary: IngestSummary, max_reports: int) -> None:
        self.store, self.summary, self.max_reports = store, summary, max(1, max_reports)
        self.items: list[_Pending] = []

    def add(self, report: Report, source: str) -> None:
        chunks = chunk_report(report, source)
        if not chunks:
            self.summary.skipped.append((source, f"{source}：没有可入库的正文（各章节为空或只有表格）"))
            return
        rid = chunks[0].report_id
        if any(p.rid == rid for p in self.items):  # the same content twice (e.g. a copied file)
            self.summary.reports_unchanged += 1
            self.summary.chunks_unchanged += len(chunks)
            return
        self.items.append(_Pending(report, source, rid, chunks))
        if len(self.items) >= self.max_reports or sum(len(p.chunks) for p in self.items) >= BATCH_CHUNKS:
            self.flush()

    def flush(self) -> None:
        """Chunks first, then the records (manifest): a record exists only for a complete report."""
        items, self.items = self.items, []
        if not items:
            return
        store, summary = self.store, self.summary
        _drop_older_versions(store, items, summary)
        recorded = {r["id"]: r["metadata"] for r in store.records(ids=[p.rid for p in items])}
        todo: list[_Pending] = []
        for p in items:
            meta = recorded.get(p.rid)
            if meta and meta.get("chunks") == len(p.chunks) and meta.get("chunker") == CHUNKER_VERSION:
                summary.reports_unchanged += 1
                summary.chunks_unchanged += len(p.chunks)
            else:
                todo.append(p)
        redo = [p.rid for p in todo if p.rid in recorded]  # recorded by an older chunker: start afresh
        if redo:
            store.delete_reports_chunks(redo)
        chunks = [c for p in todo for c in p.chunks]
        have = store.existing_ids(chunks) if chunks else set()  # left by an interrupted run
        store.upsert_chunks(chunks)
        store.put_records([(p.rid, *table_record(p.report, p.source, p.rid, len(p.chunks))) for p in todo])
        summary.reports_added += len(todo)
        summary.chunks_added += len(chunks) - len(have)
        summary.chunks_unchanged += len(have)


def _drop_older_versions(store: CorpusStore, items: list[_Pending], summary: IngestSummary) -> None:
    """Files edited since the last run: remove the chunks and records of their previous content."""
    new = {p.rid for p in items}
    sources = sorted({p.source for p in items})
    old = [r["id"] for r in store.records(where={"source": {"$in": sources}}) if r["id"] not in new]
    if old:
        summary.chunks_removed += store.delete_reports_chunks(old)
        store.delete_records(old)
