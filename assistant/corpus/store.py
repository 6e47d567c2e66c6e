"""The Chroma store of the corpus: embedded (`PersistentClient` under the data directory) or a server
(`HttpClient`, `ASSISTANT_CHROMA_URL`).

Two collections (ASCII names; Chinese lives in metadata): `nianbao_chunks` holds the prose chunks and
records which embedder built it; `nianbao_tables` holds one record per report (the cells as JSON),
which doubles as the ingest manifest. Embeddings are always computed here, client-side, so the
vectors of one collection come from one embedder only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import numpy as np

from assistant.config import Settings, load_settings
from assistant.corpus.chunking import Chunk
from assistant.corpus.embedders import Embedder, describe_identity, identity, make_embedder
from assistant.corpus.errors import CorpusError, CorpusUnavailable, EmbedderMismatch

CHUNKS = "nianbao_chunks"
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


class CorpusStore:
    """The two collections behind the corpus, with every failure turned into a Chinese CorpusError."""

    def __init__(self, client: Any, embedder: Embedder, location: str, remote: bool = False) -> None:
        self.client = client
        self.embedder = embedder
        self.location = location
        self.remote = remote
        self._chunks: Any = None
        self._tables: Any = None

    @classmethod
    def open(cls, settings: Settings | None = None, embedder: Embedder | None = None) -> CorpusStore:
        s = settings or load_settings()
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

    def chunks(self, create: bool = False) -> Any:
        """The chunk collection, checked against the embedder; None if absent and not `create`."""
        if self._chunks is None:
            with self.guard():
                col = self._get(CHUNKS)
                # never get_or_create over an existing collection: that could rewrite its config
                if col is None and create:
                    name, config = identity(self.embedder)
                    col = self.client.get_or_create_collection(
                        CHUNKS,
                        embedding_function=self.embedder,
                        metadata={"embedder": name, "embedder_config": config},
                    )
                if col is not None:
                    self._check_embedder(col)
                self._chunks = col
        return self._chunks

    def tables(self, create: bool = False) -> Any:
        if self._tables is None:
            with self.guard():
                if create:
                    self._tables = self.client.get_or_create_collection(TABLES, embedding_function=None)
                else:
                    self._tables = self._get(TABLES)
        return self._tables

    def _get(self, name: str) -> Any:
        from chromadb.errors import NotFoundError

        try:
            return self.client.get_collection(name)
        except NotFoundError:
            return None

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
        """Delete both collections (the next write recreates them)."""
        from chromadb.errors import NotFoundError

        with self.guard():
            for name in (CHUNKS, TABLES):
                try:
                    self.client.delete_collection(name)
                except (NotFoundError, ValueError):
                    pass
        self._chunks = self._tables = None

    def count(self) -> int:
        col = self.chunks()
        if col is None:
            return 0
        with self.guard():
            return int(col.count())

    # ------------------------------------------------------------ writing

    def chunk_ids_of(self, rids: Sequence[str]) -> dict[str, set[str]]:
        """{report id: ids of its stored chunks} for the given reports."""
        col = self.chunks(create=True)
        out: dict[str, set[str]] = {}
        for i in range(0, len(rids), BATCH):
            with self.guard():
                got = col.get(where={"report_id": {"$in": list(rids[i : i + BATCH])}}, include=["metadatas"])
            for cid, meta in zip(got["ids"], got["metadatas"], strict=True):
                out.setdefault(str((meta or {}).get("report_id")), set()).add(cid)
        return out

    def upsert_chunks(self, chunks: Sequence[Chunk]) -> None:
        col = self.chunks(create=True)
        for i in range(0, len(chunks), BATCH):
            batch = chunks[i : i + BATCH]
            vectors = self.embedder([c.text for c in batch])
            with self.guard():
                col.upsert(
                    ids=[c.id for c in batch],
                    documents=[c.text for c in batch],
                    metadatas=[c.metadata for c in batch],
                    embeddings=vectors,
                )

    def delete_chunks(self, ids: Sequence[str]) -> None:
        if ids:
            col = self.chunks(create=True)
            for i in range(0, len(ids), BATCH):
                with self.guard():
                    col.delete(ids=list(ids[i : i + BATCH]))

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

    def query(self, vector: np.ndarray, where: dict[str, Any] | None, n: int) -> list[Candidate]:
        """The `n` nearest chunks matching `where` (fewer if fewer match)."""
        col = self.chunks()
        if col is None or n <= 0:
            return []
        with self.guard():
            res = col.query(
                query_embeddings=[vector],
                n_results=n,
                where=where or None,
                include=["documents", "metadatas", "distances", "embeddings"],
            )
        return [
            Candidate(i, d, dict(m or {}), float(dist), np.asarray(e, dtype=np.float32))
            for i, d, m, dist, e in zip(
                res["ids"][0], res["documents"][0], res["metadatas"][0], res["distances"][0],
                res["embeddings"][0], strict=True,
            )
        ]  # fmt: skip

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.embedder([text])[0], dtype=np.float32)


def where_all(conditions: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Chroma needs `$and` for more than one condition."""
    if not conditions:
        return None
    return conditions[0] if len(conditions) == 1 else {"$and": conditions}
