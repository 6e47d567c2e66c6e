"""The Chroma store of the corpus: embedded (`PersistentClient` under the data directory) or a server
(`HttpClient`, `ASSISTANT_CHROMA_URL`).

Collections have ASCII names (Chinese lives in metadata). Prose chunks are partitioned by section
kind, one collection each (`nianbao_chunks_s1_overview.active`, …, `nianbao_chunks_s5_problems`):
a query for one section kind then needs no metadata filter, which keeps queries fast at 100k chunks
(Chroma's filtered queries cost time in proportion to the collection). Every chunk collection records
the embedder that built it. `nianbao_tables` holds one record per report (the cells as JSON), which
doubles as the ingest manifest. Embeddings are always computed here, client-side, so the vectors of
a collection come from one embedder only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.config import Settings
from assistant.corpus.chunking import Chunk
from assistant.corpus.embedders import Embedder, describe_identity, identity, make_embedder
from assistant.corpus.errors import CorpusError, CorpusUnavailable, EmbedderMismatch

CHUNKS_PREFIX = "nianbao_chunks_"
TABLES = "nianbao_tables"
BATCH = 1000
_RECORD_VECTOR = [1.0]  # the tables collection is read by id/metadata only; its vector is a constant


@dataclass(frozen=True)
class Candidate:
    """One chunk returned by a vector query."""

    id: str
    text: str
    metadata: dict[str, Any]
    distance: float
    embedding: np.ndarray


def connect(settings: Settings) -> tuple[Any, str, bool]:
    """(client, location for messages, remote?) for the settings; raises CorpusUnavailable."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if not settings.chroma_url:
        path = settings.chroma_dir
        try:
            path.mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings), str(path), False
        except Exception as e:  # noqa: BLE001
            raise CorpusError(f"无法打开本地语料库目录 {path}：{type(e).__name__}（{e}）") from None
    url = settings.chroma_url
    parsed = urlparse(url if "://" in url else f"http://{url}")
    if not parsed.hostname:
        raise CorpusError(f"ASSISTANT_CHROMA_URL“{url}”无效，应形如 http://127.0.0.1:8000")
    ssl = parsed.scheme == "https"
    port = parsed.port or (443 if ssl else 8000)
    try:
        client = chromadb.HttpClient(host=parsed.hostname, port=port, ssl=ssl, settings=chroma_settings)
    except Exception:  # noqa: BLE001 - chromadb raises ValueError("Could not connect …")
        raise CorpusUnavailable(_unavailable_message(url)) from None
    return client, url, True


def _unavailable_message(url: str) -> str:
    return (
        f"无法连接 Chroma 服务器 {url}：服务器未运行或连接已中断。"
        "请确认服务器已启动（如 chroma run --path 数据目录 --host 127.0.0.1 --port 8000）且地址正确，"
        "或取消 ASSISTANT_CHROMA_URL 改用本地语料库。已完成入库的报告不受影响，重新运行 assistant ingest 即可继续。"
    )


def _is_connection_error(e: BaseException) -> bool:
    import httpx

    if isinstance(e, httpx.TransportError | ConnectionError | TimeoutError):
        return True
    text = str(e)
    return "Could not connect" in text or "Connection refused" in text or "connection" in text.lower()


def partition_name(section: str, subarea: str = "") -> str:
    """The chunk collection of a section kind (section, and sub-area inside 一、总体情况)."""
    return f"{CHUNKS_PREFIX}{section}.{subarea}" if subarea else f"{CHUNKS_PREFIX}{section}"


def chunk_partition(chunk: Chunk) -> str:
    return partition_name(str(chunk.metadata["section"]), str(chunk.metadata.get("subarea", "")))


class CorpusStore:
    """The collections behind the corpus, with every failure turned into a Chinese CorpusError."""

    def __init__(self, client: Any, embedder: Embedder, location: str, remote: bool = False) -> None:
        self.client = client
        self.embedder = embedder
        self.location = location
        self.remote = remote
        self._parts: dict[str, Any] | None = None
        self._tables: Any = None

    @classmethod
    def open(cls, settings: Settings | None = None, embedder: Embedder | None = None) -> CorpusStore:
        s = settings or Settings()  # handed down by the shell (cli, commands, app)
        emb = embedder or make_embedder(s)
        client, location, remote = connect(s)
        return cls(client, emb, location, remote)

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Turn client and server failures into CorpusError / CorpusUnavailable."""
        try:
            yield
        except CorpusError:
            raise
        except Exception as e:  # noqa: BLE001 - users get one Chinese line, never a traceback
            if self.remote and _is_connection_error(e):
                raise CorpusUnavailable(_unavailable_message(self.location)) from None
            detail = str(e).splitlines()[0][:200] if str(e) else ""
            raise CorpusError(
                f"语料库（{self.location}）操作失败：{type(e).__name__} {detail}".strip()
            ) from None

    # ------------------------------------------------------------ collections

    def partitions(self) -> dict[str, Any]:
        """The existing chunk collections by name, each checked against the embedder."""
        if self._parts is None:
            with self.guard():
                names = sorted(c if isinstance(c, str) else c.name for c in self.client.list_collections())
                parts = {n: self.client.get_collection(n) for n in names if n.startswith(CHUNKS_PREFIX)}
            for col in parts.values():
                self._check_embedder(col)
            self._parts = parts
        return self._parts

    def verify(self) -> None:
        """Fail now (unreachable server, other embedder) rather than half-way through a run."""
        self.partitions()
        self.tables()

    def _partition(self, name: str) -> Any:
        parts = self.partitions()
        if name not in parts:
            ident, config = identity(self.embedder)
            with self.guard():  # never get_or_create over an existing one: it could rewrite its config
                parts[name] = self.client.get_or_create_collection(
                    name,
                    embedding_function=self.embedder,
                    metadata={"embedder": ident, "embedder_config": config},
                )
        return parts[name]

    def names_for(self, section: str | None = None, subarea: str | None = None) -> list[str]:
        """Existing chunk collections of a section kind (all of them when no section is given)."""
        names = list(self.partitions())
        if section:
            names = [n for n in names if n.split(".")[0] == CHUNKS_PREFIX + section]
        if subarea:
            names = [n for n in names if n == partition_name(section or "s1_overview", subarea)]
        return names

    def tables(self, create: bool = False) -> Any:
        if self._tables is None:
            from chromadb.errors import NotFoundError

            with self.guard():
                if create:
                    self._tables = self.client.get_or_create_collection(TABLES, embedding_function=None)
                else:
                    try:
                        self._tables = self.client.get_collection(TABLES)
                    except NotFoundError:
                        return None
        return self._tables

    def _check_embedder(self, col: Any) -> None:
        meta = col.metadata or {}
        stored = (str(meta.get("embedder", "")), str(meta.get("embedder_config", "")))
        if stored != identity(self.embedder):
            built = describe_identity(*stored) if stored[0] else "未知嵌入方式"
            raise EmbedderMismatch(
                f"语料库（{self.location}）是用{built}建立的，当前设置为{self.embedder.describe()}；"
                "两种向量不能混用。请运行 assistant ingest --reset 用当前嵌入方式重建语料库，"
                "或把 ASSISTANT_EMBEDDINGS 改回建库时的设置。"
            )

    def reset(self) -> None:
        """Delete every corpus collection (the next write recreates them)."""
        with self.guard():
            for c in self.client.list_collections():
                name = c if isinstance(c, str) else c.name
                if name.startswith(CHUNKS_PREFIX) or name == TABLES:
                    self.client.delete_collection(name)
        self._parts, self._tables = {}, None

    def count(self) -> int:
        """Number of chunks."""
        with self.guard():
            return sum(int(col.count()) for col in self.partitions().values())

    def has_reports(self) -> bool:
        return self.count_records() > 0

    # ------------------------------------------------------------ writing

    def existing_ids(self, chunks: Sequence[Chunk]) -> set[str]:
        """Which of these chunks are stored already."""
        out: set[str] = set()
        for name, group in _by_partition(chunks).items():
            if name in self.partitions():
                with self.guard():
                    out.update(self.partitions()[name].get(ids=[c.id for c in group], include=[])["ids"])
        return out

    def upsert_chunks(self, chunks: Sequence[Chunk]) -> None:
        for name, group in _by_partition(chunks).items():
            for i in range(0, len(group), BATCH):
                batch = group[i : i + BATCH]
                vectors = self.embedder([c.text for c in batch])  # first: a failing embedder creates nothing
                col = self._partition(name)
                with self.guard():
                    col.upsert(
                        ids=[c.id for c in batch],
                        documents=[c.text for c in batch],
                        metadatas=[c.metadata for c in batch],
                        embeddings=vectors,
                    )

    def delete_reports_chunks(self, rids: Sequence[str]) -> int:
        """Delete every chunk of these reports; returns how many there were."""
        removed = 0
        for col in self.partitions().values():
            with self.guard():
                ids = col.get(where={"report_id": {"$in": list(rids)}}, include=[])["ids"]
                if ids:
                    col.delete(ids=ids)
            removed += len(ids)
        return removed

    def put_records(self, records: Sequence[tuple[str, str, dict[str, Any]]]) -> None:
        """Upsert report records: (report id, JSON document, metadata)."""
        if not records:
            return
        col = self.tables(create=True)
        for i in range(0, len(records), BATCH):
            batch = records[i : i + BATCH]
            with self.guard():
                col.upsert(
                    ids=[r[0] for r in batch],
                    documents=[r[1] for r in batch],
                    metadatas=[r[2] for r in batch],
                    embeddings=[_RECORD_VECTOR] * len(batch),
                )

    def delete_records(self, rids: Sequence[str]) -> None:
        if rids:
            col = self.tables(create=True)
            with self.guard():
                col.delete(ids=list(rids))

    # ------------------------------------------------------------ reading

    def records(self, where: dict[str, Any] | None = None, ids: list[str] | None = None) -> list[dict]:
        """Report records (manifest + cells): [{"id", "document", "metadata"}]."""
        col = self.tables()
        if col is None:
            return []
        with self.guard():
            got = col.get(ids=ids, where=where, include=["documents", "metadatas"])
        return [
            {"id": i, "document": d, "metadata": m or {}}
            for i, d, m in zip(got["ids"], got["documents"], got["metadatas"], strict=True)
        ]

    def count_records(self, where: dict[str, Any] | None = None) -> int:
        """Number of reports (matching `where`)."""
        col = self.tables()
        if col is None:
            return 0
        with self.guard():
            return int(col.count()) if where is None else len(col.get(where=where, include=[])["ids"])

    def query(
        self, name: str, vector: np.ndarray, n: int, where: dict[str, Any] | None = None
    ) -> list[Candidate]:
        """The `n` nearest chunks of one collection matching `where` (fewer if fewer match)."""
        col = self.partitions().get(name)
        if col is None or n <= 0:
            return []
        with self.guard():
            res = col.query(
                query_embeddings=[vector], n_results=n, where=where or None,
                include=["documents", "metadatas", "distances", "embeddings"],
            )  # fmt: skip
        rows = zip(
            res["ids"][0],
            res["documents"][0],
            res["metadatas"][0],
            res["distances"][0],
            res["embeddings"][0],
            strict=True,
        )
        return [
            Candidate(i, d, dict(m or {}), float(x), np.asarray(e, dtype=np.float32))
            for i, d, m, x, e in rows
        ]

    def scan(self, name: str, vector: np.ndarray, depth: int) -> list[tuple[str, dict[str, Any], float]]:
        """The `depth` nearest chunks as (id, metadata, distance): no texts or vectors, so deep is cheap."""
        col = self.partitions().get(name)
        if col is None or depth <= 0:
            return []
        with self.guard():
            res = col.query(query_embeddings=[vector], n_results=depth, include=["metadatas", "distances"])
        rows = zip(res["ids"][0], res["metadatas"][0], res["distances"][0], strict=True)
        return [(i, dict(m or {}), float(d)) for i, m, d in rows]

    def fetch(self, name: str, scored: Sequence[tuple[str, float]]) -> list[Candidate]:
        """Candidates for (id, distance) pairs of one collection, in the given order."""
        col = self.partitions().get(name)
        if col is None or not scored:
            return []
        with self.guard():
            got = col.get(ids=[i for i, _ in scored], include=["documents", "metadatas", "embeddings"])
        rows = {
            i: (d, m, e)
            for i, d, m, e in zip(
                got["ids"], got["documents"], got["metadatas"], got["embeddings"], strict=True
            )
        }
        return [
            Candidate(i, rows[i][0], dict(rows[i][1] or {}), dist, np.asarray(rows[i][2], dtype=np.float32))
            for i, dist in scored
            if i in rows
        ]

    def matching(self, name: str, vector: np.ndarray, where: dict[str, Any]) -> list[Candidate]:
        """Every chunk of one collection matching a selective `where`, scored in numpy (no HNSW filter)."""
        col = self.partitions().get(name)
        if col is None:
            return []
        with self.guard():
            got = col.get(where=where, include=["documents", "metadatas", "embeddings"])
        if not got["ids"]:
            return []
        emb = np.asarray(got["embeddings"], dtype=np.float32)
        norms = np.linalg.norm(emb, axis=1) * (float(np.linalg.norm(vector)) or 1.0)
        sims = emb @ vector / np.where(norms == 0, 1.0, norms)
        rows = zip(got["ids"], got["documents"], got["metadatas"], sims, emb, strict=True)
        return [Candidate(i, d, dict(m or {}), 1.0 - float(s), e) for i, d, m, s, e in rows]

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder([text])[0], dtype=np.float32)


def _by_partition(chunks: Sequence[Chunk]) -> dict[str, list[Chunk]]:
    out: dict[str, list[Chunk]] = {}
    for c in chunks:
        out.setdefault(chunk_partition(c), []).append(c)
    return out


def where_all(conditions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Chroma needs `$and` for more than one condition."""
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}
