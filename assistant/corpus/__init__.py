"""The corpus of past reports: chunking, embeddings, the Chroma store and retrieval.

Drafting uses `assistant.corpus.retrieval` (`open_retriever`, `Retriever.search`, `Exemplar`,
`cells_for`); `assistant ingest` and `assistant search` are thin shells over `ingest.py` and
`retrieval.py`.
"""

from assistant.corpus.errors import CorpusError, CorpusUnavailable, EmbedderMismatch

__all__ = ["CorpusError", "CorpusUnavailable", "EmbedderMismatch"]
