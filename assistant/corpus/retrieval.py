"""Retrieval of style exemplars from the corpus (the API drafting codes against).

`open_retriever()` never raises: an empty or unreachable corpus gives a Retriever whose `search`
returns [] and whose `note` says why in Chinese (drafting works without exemplars). Pass
`strict=True` to get the CorpusError instead (the CLI does).
"""

from __future__ import annotations

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

CANDIDATES = 32  # vector hits fetched before re-ranking (at least 8 × k)
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

    @property
    def is_empty(self) -> bool:
        return self._count() == 0

    def _count(self) -> int:
        if self.store is None:
            return 0
        try:
            return self.store.count()
        except CorpusError as e:
            return self._failed(e, 0)

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
        total = self._count()
        if k <= 0 or total == 0:
            if total == 0 and not self.note:
                self.note = EMPTY_NOTE
            return []
        conditions = _conditions(section, subarea, level, year, exclude_year)
        text = query.strip() or _fallback_query(section, subarea)
        try:
            hits = self._candidates(text, conditions, agency, min(total, max(CANDIDATES, 8 * k)))
        except CorpusError as e:
            return self._failed(e, [])
        return [_exemplar(c) for c in rank(hits, k, agency)]

    def _candidates(
        self, text: str, conditions: list[dict[str, Any]], agency: str | None, n: int
    ) -> list[Candidate]:
        assert self.store is not None
        vector = self.store.embed_query(text)
        hits = self.store.query(vector, where_all(conditions), n)
        if agency:  # the agency's own chunks may rank below n: fetch them explicitly
            own = self.store.query(vector, where_all([*conditions, {"agency": agency}]), n)
            seen = {c.id for c in own}
            hits = own + [c for c in hits if c.id not in seen]
        return hits

    def cells_for(self, agency: str, year: int) -> dict[str, Value] | None:
        """The table cells of `agency`'s report for `year` ({cell key: value}), or None."""
        if self.store is None or self._count() == 0:
            return None
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


def _conditions(
    section: str | None, subarea: str | None, level: str | None, year: int | None, exclude_year: int | None
) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    if section:
        out.append({"section": section})
    if subarea:
        out.append({"subarea": subarea})
    if level:
        out.append({"level": level})
    if year is not None:
        out.append({"year": int(year)})
    if exclude_year is not None:
        out.append({"year": {"$lt": int(exclude_year)}})
    return out


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
        store.chunks()  # checks the embedder now, so a mismatch is reported once, up front
    except CorpusError as e:
        if strict:
            raise
        return Retriever(None, str(e))
    return Retriever(store, strict=strict)


def cells_for(agency: str, year: int, settings: Settings | None = None) -> dict[str, Value] | None:
    """The stored table cells of `agency`'s report for `year`, or None."""
    return open_retriever(settings).cells_for(agency, year)
