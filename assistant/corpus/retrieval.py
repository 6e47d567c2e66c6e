"""Retrieval of style exemplars from the corpus (the API drafting codes against).

`open_retriever()` never raises: an empty or unreachable corpus gives a Retriever whose `search`
returns [] and whose `note` says why in Chinese (drafting works without exemplars). Pass
`strict=True` to get the CorpusError instead (the CLI does).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Any

from assistant.config import Settings
from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import mask_numbers
from assistant.corpus.chunking import SUBAREA_LEAD
from assistant.corpus.errors import CorpusError
from assistant.corpus.ranking import rank, relevance
from assistant.corpus.store import Candidate, CorpusStore, where_all
from assistant.corpus.tables import cells_of_record

CANDIDATES = 16  # vector hits kept before re-ranking (at least 4 × k)
OVERSAMPLE = 2  # fetched per collection before filtering in Python
MAX_SCAN = 1024  # deepest metadata-only scan before leaving the filter to Chroma
FEW_REPORTS = 64  # so few reports pass a filter that their chunks are scored directly
QUERY_THREADS = 4  # collections queried at once (Chroma calls release the GIL / wait on HTTP)
EMPTY_NOTE = "语料库为空：没有可参考的往年报告。可运行 assistant ingest 导入往年报告。"
SUBAREA_KEYS = tuple(k for k, _ in spec.OVERVIEW_SUBAREAS) + (SUBAREA_LEAD,)


@dataclass(frozen=True)
class Exemplar:
    """One retrieved chunk of a past report. `masked_text` has every number masked (for prompts)."""

    text: str
    masked_text: str
    agency: str
    level: str
    year: int
    section: str  # key of spec.SECTIONS, e.g. "s1_overview"
    subarea: str  # overview sub-area key ("active" …, "lead"), "" otherwise
    source: str
    score: float  # cosine similarity to the query

    @property
    def label(self) -> str:
        """e.g. 某县某局 2023年 一、总体情况（主动公开）"""
        sec = spec.SECTION_BY_KEY[self.section].label if self.section in spec.SECTION_BY_KEY else self.section
        sub = dict(spec.OVERVIEW_SUBAREAS).get(self.subarea, "开头" if self.subarea == SUBAREA_LEAD else "")
        return f"{self.agency or '（未识别机关）'} {self.year}年 {sec}" + (f"（{sub}）" if sub else "")

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Retriever:
    """Search over the corpus; `note` explains an empty result that is not a miss (empty, unreachable)."""

    def __init__(self, store: CorpusStore | None, note: str = "", strict: bool = False) -> None:
        self.store = store
        self.note = note
        self.strict = strict
        self._filled = False  # once the corpus had reports, it is not re-counted for every search
        self._shares: dict[str, tuple[int, int]] = {}

    @property
    def is_empty(self) -> bool:
        return not self._has_reports()

    def _has_reports(self) -> bool:
        if self.store is None:
            return False
        if not self._filled:
            try:
                self._filled = self.store.has_reports()
            except CorpusError as e:
                return self._failed(e, False)
        return self._filled

    def _failed(self, e: CorpusError, value: Any) -> Any:
        if self.strict:
            raise e
        self.note = str(e)
        return value

    def search(
        self,
        query: str,
        *,
        section: str | None = None,
        subarea: str | None = None,
        agency: str | None = None,
        level: str | None = None,
        year: int | None = None,
        exclude_year: int | None = None,
        k: int = 4,
    ) -> list[Exemplar]:
        """The `k` best exemplars for `query`.

        `section`/`subarea`/`level`/`year` filter. `exclude_year` (the year being drafted) drops that
        year and every later one, for all agencies. `agency` does not filter: it puts that agency's
        most recent earlier report first. Results are diverse (no near-duplicates).
        """
        _validate(section, subarea)
        if k <= 0:
            return []
        if not self._has_reports():
            self.note = self.note or EMPTY_NOTE
            return []
        conditions = _conditions(level, year, exclude_year)
        text = query.strip() or _fallback_query(section, subarea)
        try:
            assert self.store is not None
            names = self.store.names_for(section, subarea)
            pool = max(CANDIDATES, 4 * k)
            per = pool if len(names) <= 1 else max(2 * k, -(-2 * pool // len(names)))
            hits = self._candidates(text, names, conditions, agency, per, pool)
        except CorpusError as e:
            return self._failed(e, [])
        return [_exemplar(c) for c in rank(hits, k, agency)]

    def _candidates(
        self,
        text: str,
        names: list[str],
        conditions: list[dict[str, Any]],
        agency: str | None,
        n: int,
        pool: int,
    ) -> list[Candidate]:
        """Up to `pool` nearest chunks (`n` per collection), preceded by up to `pool` of `agency`'s own."""
        assert self.store is not None
        store = self.store
        vector = store.embed_query(text)
        nearest = _each(names, lambda name: self._nearest(name, vector, conditions, n))
        hits = sorted(nearest, key=_distance)[:pool]
        if not agency:
            return hits
        # the agency's own chunks may rank below the others: fetch them all (few) and score them here
        mine = _each(names, lambda name: store.matching(name, vector, {"agency": agency}))
        own = sorted((c for c in mine if _matches(c.metadata, conditions)), key=_distance)[:pool]
        seen = {c.id for c in own}
        return own + [c for c in hits if c.id not in seen]

    def _nearest(self, name: str, vector: Any, conditions: list[dict[str, Any]], n: int) -> list[Candidate]:
        """The `n` nearest chunks of one collection that pass `conditions`.

        Chroma's own filter costs time in proportion to the collection, so filter here: over-fetch a
        little; if too few pass, use the share of reports that pass (from the report records): none,
        score the few matching chunks directly, or scan deeper (ids and metadata only); only what
        is left goes to Chroma's filter."""
        assert self.store is not None
        fetched = self.store.query(name, vector, n * OVERSAMPLE)
        kept = [c for c in fetched if _matches(c.metadata, conditions)]
        if len(kept) >= n or len(fetched) < n * OVERSAMPLE or not conditions:
            return kept[:n]
        passing, total = self._passing_reports(conditions)
        if passing == 0:
            return []
        if passing <= FEW_REPORTS:
            return sorted(self.store.matching(name, vector, where_all(conditions) or {}), key=_distance)[:n]
        depth = math.ceil(n * total / passing * 1.5)
        if depth <= MAX_SCAN:
            scanned = self.store.scan(name, vector, depth)
            ok = [(i, d) for i, meta, d in scanned if _matches(meta, conditions)]
            if len(ok) >= n or len(scanned) < depth:
                return self.store.fetch(name, ok[:n])
        return self.store.query(name, vector, n, where_all(conditions))

    def _passing_reports(self, conditions: list[dict[str, Any]]) -> tuple[int, int]:
        """(reports passing `conditions`, all reports), cached for the Retriever's life."""
        assert self.store is not None
        key = repr(conditions)
        if key not in self._shares:
            self._shares[key] = (self.store.count_records(where_all(conditions)), self.store.count_records())
        return self._shares[key]

    def cells_for(self, agency: str, year: int) -> dict[str, Value] | None:
        """The table cells of `agency`'s report for `year` ({cell key: value}), or None."""
        if not self._has_reports():
            return None
        assert self.store is not None
        try:
            recs = self.store.records(where={"$and": [{"agency": agency}, {"year": int(year)}]})
        except CorpusError as e:
            return self._failed(e, None)
        if not recs:
            return None
        best = max(recs, key=lambda r: int(r["metadata"].get("n_cells", 0)))
        return cells_of_record(best["document"])


def _validate(section: str | None, subarea: str | None) -> None:
    if section is not None and section not in spec.SECTION_BY_KEY:
        keys = "、".join(spec.SECTION_BY_KEY)
        raise CorpusError(f"未知的章节“{section}”（可用：{keys}）")
    if subarea is not None and subarea not in SUBAREA_KEYS:
        raise CorpusError(f"未知的总体情况分项“{subarea}”（可用：{'、'.join(SUBAREA_KEYS)}）")


def _conditions(level: str | None, year: int | None, exclude_year: int | None) -> list[dict[str, Any]]:
    """Metadata conditions in Chroma's `where` form (section and sub-area choose the collection)."""
    out: list[dict[str, Any]] = []
    if level:
        out.append({"level": level})
    if year is not None:
        out.append({"year": int(year)})
    if exclude_year is not None:
        out.append({"year": {"$lt": int(exclude_year)}})
    return out


def _matches(meta: dict[str, Any], conditions: list[dict[str, Any]]) -> bool:
    """`conditions` evaluated in Python, exactly as Chroma would."""
    for cond in conditions:
        ((field, test),) = cond.items()
        value = meta.get(field)
        if isinstance(test, dict):
            if value is None or not value < test["$lt"]:
                return False
        elif value != test:
            return False
    return True


def _distance(c: Candidate) -> float:
    return c.distance


_workers: ThreadPoolExecutor | None = None


def _each(names: list[str], fn: Callable[[str], list[Candidate]]) -> list[Candidate]:
    """`fn` over several collections at once (a search without a section touches a dozen)."""
    global _workers
    if len(names) <= 1:
        return [c for name in names for c in fn(name)]
    if _workers is None:
        _workers = ThreadPoolExecutor(max_workers=QUERY_THREADS, thread_name_prefix="corpus-query")
    return [c for part in _workers.map(fn, names) for c in part]


def _fallback_query(section: str | None, subarea: str | None) -> str:
    sub = dict(spec.OVERVIEW_SUBAREAS).get(subarea or "", "")
    sec = spec.SECTION_BY_KEY[section].title if section in spec.SECTION_BY_KEY else "政府信息公开工作"
    return f"{sec} {sub}".strip()


def _exemplar(c: Candidate) -> Exemplar:
    m = c.metadata
    return Exemplar(
        text=c.text,
        masked_text=mask_numbers(c.text),
        agency=str(m.get("agency", "")),
        level=str(m.get("level", "")),
        year=int(m.get("year", 0)),
        section=str(m.get("section", "")),
        subarea=str(m.get("subarea", "")),
        source=str(m.get("source", "")),
        score=round(relevance(c), 4),
    )


def open_retriever(settings: Settings | None = None, *, strict: bool = False) -> Retriever:
    """A Retriever over the configured corpus (embedded, or the server of ASSISTANT_CHROMA_URL).

    Never raises unless `strict`: on failure the Retriever is empty and `note` says why.
    """
    try:
        store = CorpusStore.open(settings)
        store.verify()  # checks the embedder now, so a mismatch is reported once, up front
    except CorpusError as e:
        if strict:
            raise
        return Retriever(None, str(e))
    return Retriever(store, strict=strict)


def cells_for(agency: str, year: int, settings: Settings | None = None) -> dict[str, Value] | None:
    """The stored table cells of `agency`'s report for `year`, or None."""
    return open_retriever(settings).cells_for(agency, year)
