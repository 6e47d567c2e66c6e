"""Embedding functions for the corpus, registered with Chroma so that a reopened collection works.

- `HashNgramEmbedding` (default, offline, deterministic): signed hashed character 1/2/3-grams, suited
  to Chinese (no word segmentation needed); digits are folded so numbers do not drive similarity.
- `EndpointEmbedding`: any OpenAI-compatible embeddings endpoint through LangChain's
  `OpenAIEmbeddings` (`ASSISTANT_EMBEDDINGS=openai`, model from settings).

Both carry `@register_embedding_function` with `name()`, `get_config()` and `build_from_config()`
(STACK.md §2), so Chroma stores `{'type': 'known', 'name': …, 'config': …}` with the collection.
"""

from __future__ import annotations

import json
import re
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings, Space
from chromadb.utils.embedding_functions import register_embedding_function

from assistant.config import Settings
from assistant.core.numbers import to_halfwidth
from assistant.corpus.errors import CorpusError

HASH_NAME = "nianbao-hash-ngram-zh"
ENDPOINT_NAME = "nianbao-openai-compatible"
DEFAULT_DIM = 512
_MUL = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit constants: a stable, platform-independent mix
_MIX = np.uint64(0xBF58476D1CE4E5B9)
_NGRAM_WEIGHTS = {1: 0.5, 2: 1.0, 3: 1.0}
_DIGITS = re.compile(r"[0-9]+(?:[.,][0-9]+)*")
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """The text the hash embedder sees: half-width, lower case, no spaces, every number as 0."""
    return _DIGITS.sub("0", _SPACE.sub("", to_halfwidth(text).lower()))


def hash_ngram_vector(text: str, dim: int = DEFAULT_DIM) -> np.ndarray:
    """A unit vector of signed hashed character n-grams (never Python's `hash()`: it is salted)."""
    s = normalise(text)
    codes = np.frombuffer(s.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    vec = np.zeros(dim, dtype=np.float64)
    for n, weight in _NGRAM_WEIGHTS.items():
        if len(codes) < n:
            continue
        h = np.full(len(codes) - n + 1, n, dtype=np.uint64)
        for j in range(n):
            h = (h * _MUL) ^ codes[j : len(codes) - n + 1 + j]
        h = (h ^ (h >> np.uint64(31))) * _MIX
        h ^= h >> np.uint64(29)
        signs = np.where((h >> np.uint64(40)) & np.uint64(1), 1.0, -1.0) * weight
        vec += np.bincount((h % np.uint64(dim)).astype(np.int64), weights=signs, minlength=dim)
    norm = float(np.linalg.norm(vec))
    return (vec / norm if norm else vec).astype(np.float32)


@register_embedding_function
class HashNgramEmbedding(EmbeddingFunction[Documents]):
    """Offline deterministic embedder: hashed character n-grams."""

    def __init__(self, dim: int = DEFAULT_DIM) -> None:
        self.dim = int(dim)

    def __call__(self, input: Documents) -> Embeddings:
        return [hash_ngram_vector(t, self.dim) for t in input]

    @staticmethod
    def name() -> str:
        return HASH_NAME

    def get_config(self) -> dict[str, Any]:
        return {"dim": self.dim, "version": 1}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> HashNgramEmbedding:
        return HashNgramEmbedding(dim=config.get("dim", DEFAULT_DIM))

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "l2", "ip"]

    def describe(self) -> str:
        return f"离线字符 n-gram 哈希嵌入（{self.dim} 维）"


@register_embedding_function
class EndpointEmbedding(EmbeddingFunction[Documents]):
    """An OpenAI-compatible embeddings endpoint (OpenAI, DeepSeek, Qwen, GLM, Ollama, vLLM …)."""

    def __init__(
        self, model: str, base_url: str = "", api_key: str = "", timeout: float = 60.0, max_retries: int = 2
    ) -> None:
        self.model = model
        self.base_url = base_url
        self._api_key = api_key
        self.timeout = timeout
        self.max_retries = max_retries
        self._client: Any = None

    def _embeddings(self) -> Any:
        if self._client is None:
            from langchain_openai import OpenAIEmbeddings

            self._client = OpenAIEmbeddings(
                model=self.model,
                base_url=self.base_url or None,
                api_key=self._api_key or "unused",  # local servers need no key, the client needs a string
                check_embedding_ctx_length=False,  # else tiktoken downloads its tables (fails offline)
                timeout=self.timeout,
                max_retries=self.max_retries,
            )
        return self._client

    def __call__(self, input: Documents) -> Embeddings:
        try:
            vectors = self._embeddings().embed_documents(list(input))
        except Exception as e:  # noqa: BLE001 - any client/HTTP failure becomes one Chinese message
            where = self.base_url or "OpenAI"
            raise CorpusError(
                f"嵌入服务调用失败（{where}，模型 {self.model}）：{type(e).__name__}。"
                "请检查 OPENAI_BASE_URL、OPENAI_API_KEY 和 ASSISTANT_EMBEDDINGS_MODEL。"
            ) from None
        return [np.asarray(v, dtype=np.float32) for v in vectors]

    @staticmethod
    def name() -> str:
        return ENDPOINT_NAME

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model}  # the key is never stored; the URL may change, the vectors do not

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> EndpointEmbedding:
        s = _HANDED[-1] if _HANDED else Settings()  # chromadb's hook takes no settings: the last handed down
        model = config.get("model", s.embeddings_model)
        return EndpointEmbedding(model, s.openai_base_url, s.openai_api_key, s.llm_timeout, s.llm_max_retries)

    def default_space(self) -> Space:
        return "cosine"

    def supported_spaces(self) -> list[Space]:
        return ["cosine", "l2", "ip"]

    def describe(self) -> str:
        return f"OpenAI 兼容嵌入服务（模型 {self.model}）"


Embedder = HashNgramEmbedding | EndpointEmbedding
_HANDED: list[Settings] = []  # the settings `make_embedder` was last given (for `build_from_config`)


def make_embedder(settings: Settings | None = None) -> Embedder:
    """The embedder the settings ask for (`ASSISTANT_EMBEDDINGS`: hash, the default, or openai)."""
    s = settings or Settings()
    _HANDED[:] = [s]
    kind = (s.embeddings or "hash").lower()
    if kind in ("hash", "offline", "local"):
        return HashNgramEmbedding()
    if kind == "openai":
        if not (s.openai_api_key or s.openai_base_url):
            raise CorpusError(
                "ASSISTANT_EMBEDDINGS=openai 需要设置模型接口密钥（OPENAI_API_KEY）或 OPENAI_BASE_URL（本地兼容服务）；"
                "不设置 ASSISTANT_EMBEDDINGS 则使用离线嵌入。"
            )
        return EndpointEmbedding(
            s.embeddings_model, s.openai_base_url, s.openai_api_key, s.llm_timeout, s.llm_max_retries
        )
    raise CorpusError(f"ASSISTANT_EMBEDDINGS“{s.embeddings}”无效：只能是 hash（离线，默认）或 openai")


def identity(embedder: EmbeddingFunction[Documents]) -> tuple[str, str]:
    """(name, config as canonical JSON): what a collection records about the embedder that built it."""
    return embedder.name(), json.dumps(embedder.get_config(), ensure_ascii=False, sort_keys=True)


def describe_identity(name: str, config_json: str) -> str:
    """A Chinese description of a recorded embedder identity."""
    try:
        config = json.loads(config_json or "{}")
    except ValueError:
        config = {}
    if name == HASH_NAME:
        return HashNgramEmbedding(config.get("dim", DEFAULT_DIM)).describe()
    if name == ENDPOINT_NAME:
        return f"OpenAI 兼容嵌入服务（模型 {config.get('model', '?')}）"
    return f"“{name}”"
