"""Embedders: the offline hash default, the OpenAI-compatible endpoint (local mock), mismatch handling."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import pytest

from assistant.corpus.embedders import EndpointEmbedding, HashNgramEmbedding, hash_ngram_vector, make_embedder
from assistant.corpus.errors import CorpusError, EmbedderMismatch
from assistant.corpus.ingest import ingest_reports
from assistant.corpus.retrieval import open_retriever
from assistant.corpus.store import CorpusStore, partition_name
from tests.test_corpus_support import corpus_reports, make_report, temp_settings

DIM = 16


def _mock_vector(text: str) -> list[float]:
    v = [0.0] * DIM
    for a, b in zip(text, text[1:], strict=False):
        v[zlib.crc32((a + b).encode()) % DIM] += 1.0
    n = sum(x * x for x in v) ** 0.5 or 1.0
    return [x / n for x in v]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    requests: list[dict] = []

    def log_message(self, *args) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        type(self).requests.append(
            {"path": self.path, "body": body, "auth": self.headers.get("Authorization")}
        )
        if body.get("model") == "broken":
            return self._send(500, {"error": {"message": "boom"}})
        if not self.path.endswith("/embeddings"):
            return self._send(404, {"error": {"message": "no route"}})
        inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
        data = [
            {"object": "embedding", "index": i, "embedding": _mock_vector(str(t))}
            for i, t in enumerate(inputs)
        ]
        self._send(
            200,
            {
                "object": "list",
                "model": body["model"],
                "data": data,
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            },
        )

    def _send(self, code: int, obj: dict) -> None:
        data = json.dumps(obj).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture
def mock_endpoint():
    _Handler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


def test_hash_vectors_are_unit_deterministic_and_stable_across_processes():
    text = "依申请公开：全年共收到政府信息公开申请12件。"
    v = hash_ngram_vector(text)
    assert v.shape == (512,) and abs(float(np.linalg.norm(v)) - 1) < 1e-5
    code = f"from assistant.corpus.embedders import hash_ngram_vector as h; print(h({text!r}).tolist())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert np.allclose(json.loads(out), v)
    assert (
        float(hash_ngram_vector("收到申请3件") @ hash_ngram_vector("收到申请45件")) > 0.99
    )  # numbers folded
    assert float(hash_ngram_vector("主动公开政策文件") @ hash_ngram_vector("行政复议纠正")) < 0.3
    assert not np.any(hash_ngram_vector(""))


def test_reopened_collection_rebuilds_the_registered_embedder(tmp_path):
    settings = temp_settings(tmp_path / "home")
    ingest_reports(CorpusStore.open(settings), corpus_reports()[:2])
    code = (
        "import chromadb, assistant.corpus.embedders\n"
        f"col = chromadb.PersistentClient(path={str(settings.chroma_dir)!r}).get_collection({partition_name('s1_overview', 'active')!r})\n"
        "print(col.configuration_json['embedding_function']['name'])\n"
        "print(len(col.query(query_texts=['主动公开'], n_results=2)['ids'][0]))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["nianbao-hash-ngram-zh", "2"]


def test_endpoint_embedder_against_local_mock(tmp_path, mock_endpoint):
    settings = temp_settings(
        tmp_path / "home", embeddings="openai", embeddings_model="mock-embed", openai_base_url=mock_endpoint,
        openai_api_key="sk-test", llm_timeout=5, llm_max_retries=0,
    )  # fmt: skip
    embedder = make_embedder(settings)
    assert isinstance(embedder, EndpointEmbedding) and embedder.get_config() == {"model": "mock-embed"}
    summary = ingest_reports(CorpusStore.open(settings), corpus_reports()[:3])
    assert summary.chunks_added > 0
    assert _Handler.requests and all(r["body"]["model"] == "mock-embed" for r in _Handler.requests)
    assert _Handler.requests[0]["auth"] == "Bearer sk-test"
    assert isinstance(_Handler.requests[0]["body"]["input"][0], str)  # plain strings, no tiktoken tokens
    hits = open_retriever(settings).search("依申请公开", section="s1_overview", k=2)
    assert len(hits) == 2


def test_endpoint_failure_is_a_chinese_error(tmp_path, mock_endpoint):
    emb = EndpointEmbedding("broken", mock_endpoint, "sk-test", timeout=5, max_retries=0)
    with pytest.raises(CorpusError, match="嵌入服务调用失败"):
        emb(["文本"])


def test_openai_embeddings_need_a_key_or_url(tmp_path):
    with pytest.raises(CorpusError, match="OPENAI_API_KEY"):
        make_embedder(temp_settings(tmp_path, embeddings="openai"))
    with pytest.raises(CorpusError, match="只能是 hash"):
        make_embedder(temp_settings(tmp_path, embeddings="bert"))


def test_other_embedder_gets_a_clear_message_never_mixed_vectors(tmp_path, mock_endpoint):
    settings = temp_settings(tmp_path / "home")
    ingest_reports(CorpusStore.open(settings), corpus_reports()[:2])
    count = CorpusStore.open(settings).count()
    other = CorpusStore.open(settings, embedder=HashNgramEmbedding(dim=256))
    with pytest.raises(EmbedderMismatch) as err:
        ingest_reports(other, [(make_report("戊县财政局", 2022), "e.txt")])
    message = str(err.value)
    assert "assistant ingest --reset" in message and "512 维" in message and "256 维" in message
    assert CorpusStore.open(settings).count() == count  # nothing was written with the other embedder
    openai_settings = temp_settings(
        tmp_path / "home", embeddings="openai", openai_base_url=mock_endpoint, llm_max_retries=0
    )
    retriever = open_retriever(openai_settings)
    assert retriever.search("主动公开") == [] and "--reset" in retriever.note
    with pytest.raises(EmbedderMismatch):
        open_retriever(openai_settings, strict=True)
    other.reset()
    assert ingest_reports(other, [(make_report("戊县财政局", 2022), "e.txt")]).chunks_added > 0
