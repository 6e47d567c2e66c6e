"""Errors of the corpus layer; every message is Chinese and says what to do next."""

from __future__ import annotations


class CorpusError(Exception):
    """The corpus cannot be used as asked (bad settings, embedder mismatch, store failure)."""


class CorpusUnavailable(CorpusError):
    """The Chroma store cannot be reached (server down or gone away)."""


class EmbedderMismatch(CorpusError):
    """The collection was built with another embedder; vectors must never be mixed."""
