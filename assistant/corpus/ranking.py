"""Ordering retrieved candidates: the same agency's latest earlier year first, then diverse exemplars.

Diversity is maximal marginal relevance (MMR) plus a hard near-duplicate cut, so that three copies
of the same boilerplate paragraph never fill a prompt.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from assistant.corpus.store import Candidate

MMR_LAMBDA = 0.7  # weight of relevance against redundancy
NEAR_DUPLICATE = 0.93  # cosine above which two chunks count as the same text


def relevance(c: Candidate) -> float:
    """Cosine similarity from Chroma's cosine distance."""
    return 1.0 - c.distance


def rank(candidates: Sequence[Candidate], k: int, agency: str | None = None) -> list[Candidate]:
    """At most `k` candidates: the given agency's most recent year first (up to half of `k`, at least
    one), then the rest by MMR; near-duplicates of an already chosen chunk are dropped."""
    if k <= 0 or not candidates:
        return []
    unit = _unit_rows(candidates)
    chosen: list[int] = []
    if agency:
        own = [i for i, c in enumerate(candidates) if c.metadata.get("agency") == agency]
        if own:
            latest = max(int(candidates[i].metadata.get("year", 0)) for i in own)
            front = [i for i in own if int(candidates[i].metadata.get("year", 0)) == latest]
            chosen += _mmr(candidates, unit, front, max(1, k // 2), chosen)
    rest = [i for i in range(len(candidates)) if i not in chosen]
    chosen += _mmr(candidates, unit, rest, k - len(chosen), chosen)
    return [candidates[i] for i in chosen]


def _unit_rows(candidates: Sequence[Candidate]) -> np.ndarray:
    m = np.vstack([np.asarray(c.embedding, dtype=np.float64) for c in candidates])
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return m / norms


def _mmr(
    candidates: Sequence[Candidate], unit: np.ndarray, pool: list[int], limit: int, already: list[int]
) -> list[int]:
    picked: list[int] = []
    open_ = list(pool)
    while open_ and len(picked) < limit:
        taken = already + picked
        best, best_score = -1, -np.inf
        for i in list(open_):
            redundancy = float(np.max(unit[taken] @ unit[i])) if taken else 0.0
            if redundancy >= NEAR_DUPLICATE:
                open_.remove(i)
                continue
            score = MMR_LAMBDA * relevance(candidates[i]) - (1 - MMR_LAMBDA) * redundancy
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            break
        picked.append(best)
        open_.remove(best)
    return picked
