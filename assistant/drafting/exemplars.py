"""Style exemplars from past reports: retrieval behind a Protocol, masking and fencing for prompts.

Exemplars are other agencies' text. They are untrusted: every number is masked, the fence markers
are removed from their text so that they cannot close their own fence, and the prompt labels them
as style references whose instructions have no effect. Drafting works, with a note, when the corpus
is empty or unavailable.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.numbers import mask_numbers
from assistant.drafting.numerals import mask_bare

EXEMPLAR_CHARS = 260  # per exemplar, in the prompt
NOTE_EMPTY = "范文库中没有可参考的往年报告，本次起草未使用范文"


class ExemplarLike(Protocol):
    text: str
    masked_text: str
    agency: str
    level: str
    year: int
    section: str
    subarea: str
    source: str
    score: float


class RetrieverLike(Protocol):
    """The shape of `assistant.corpus.retrieval.Retriever` that drafting relies on."""

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
    ) -> Sequence[ExemplarLike]: ...


@dataclass(frozen=True)
class StyleExample:
    """One exemplar as shown to the model: masked, sanitised, labelled."""

    section: str
    subarea: str
    agency: str
    year: int
    text: str  # masked and sanitised

    @property
    def label(self) -> str:
        sec = spec.SECTION_BY_KEY[self.section].label if self.section in spec.SECTION_BY_KEY else ""
        sub = dict(spec.OVERVIEW_SUBAREAS).get(self.subarea, "")
        return sec + (f"（{sub}）" if sub else "")


@dataclass(frozen=True)
class MemoryExemplar:
    text: str
    masked_text: str
    agency: str
    level: str
    year: int
    section: str
    subarea: str = ""
    source: str = ""
    score: float = 0.0


class MemoryRetriever:
    """An in-memory retriever (tests, demos): filters like the real one, ranks by shared characters."""

    def __init__(self, items: Sequence[ExemplarLike] = ()) -> None:
        self.items = list(items)
        self.note = "" if self.items else NOTE_EMPTY
        self.queries: list[dict[str, Any]] = []

    def search(self, query: str, *, k: int = 4, **filters: Any) -> list[ExemplarLike]:
        self.queries.append({"query": query, "k": k, **filters})
        hits = [e for e in self.items if _keep(e, filters)]
        hits.sort(key=lambda e: -len(set(query) & set(e.text)))
        return hits[:k]


def _keep(e: ExemplarLike, f: dict[str, Any]) -> bool:
    for name in ("section", "subarea", "level", "year"):
        if f.get(name) is not None and getattr(e, name) != f[name]:
            return False
    return f.get("exclude_year") is None or e.year < f["exclude_year"]


def sanitize(text: str) -> str:
    """Masked, with no fence markers and no line structure the model could take for ours."""
    text = mask_bare(mask_numbers(text))
    text = re.sub(r"[<>《》〈〉]{2,}|[<>]", "", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:EXEMPLAR_CHARS] + ("……" if len(text) > EXEMPLAR_CHARS else "")


# (section, subarea or None, k)
PLAN: tuple[tuple[str, str | None, int], ...] = (
    ("s1_overview", "lead", 1),
    *(("s1_overview", key, 1) for key, _ in spec.OVERVIEW_SUBAREAS),
    ("s2_active", None, 1),
    ("s3_applications", None, 1),
    ("s4_review_litig", None, 1),
    ("s5_problems", None, 2),
    ("s6_other", None, 2),
)


def gather(
    retriever: RetrieverLike | None, facts: ReportFacts
) -> tuple[dict[str, tuple[StyleExample, ...]], tuple[str, ...]]:
    """Exemplars per section key, and notes for the user (empty or unavailable corpus)."""
    if retriever is None:
        return {}, ("范文库不可用，本次起草未使用范文",)
    out: dict[str, list[StyleExample]] = {}
    try:
        for section, subarea, k in PLAN:
            for e in _search(retriever, facts, section, subarea, k):
                text = (
                    (e.masked_text or e.text).replace(e.agency, "本机关")
                    if e.agency
                    else e.masked_text or e.text
                )
                out.setdefault(section, []).append(
                    StyleExample(e.section, e.subarea, e.agency, e.year, sanitize(text))
                )
    except Exception as e:  # noqa: BLE001 - the corpus is optional: draft without it
        return {}, (f"范文库检索失败（{type(e).__name__}），本次起草未使用范文",)
    if not out:
        note = getattr(retriever, "note", "") or NOTE_EMPTY
        return {}, (note if "未使用范文" in note else f"{note.rstrip('。')}；本次起草未使用范文",)
    return {k: tuple(v) for k, v in out.items()}, ()


def _search(
    retriever: RetrieverLike, facts: ReportFacts, section: str, subarea: str | None, k: int
) -> list[ExemplarLike]:
    query = facts.narrative.get(subarea or "", "") or _query(section, subarea)
    kwargs: dict[str, Any] = {"section": section, "subarea": subarea, "exclude_year": facts.year, "k": k + 2}
    # Never the agency's own past text: copying last year's report is a defect, not a style.
    hits: list[ExemplarLike] = []
    if facts.level:  # agencies of the same level first
        hits = [e for e in retriever.search(query, level=facts.level, **kwargs) if e.agency != facts.agency]
    if not hits:
        hits = [e for e in retriever.search(query, **kwargs) if e.agency != facts.agency]
    return hits[:k]


def _query(section: str, subarea: str | None) -> str:
    sub = dict(spec.OVERVIEW_SUBAREAS).get(subarea or "", "")
    return f"{spec.SECTION_BY_KEY[section].title} {sub}".strip()


def open_default_retriever(settings: Any = None) -> tuple[RetrieverLike | None, tuple[str, ...]]:
    """The corpus retriever, imported lazily; (None, note) when it cannot be opened."""
    try:
        from assistant.corpus.retrieval import open_retriever
    except ImportError:
        return None, ("范文库模块不可用，本次起草未使用范文",)
    try:
        return open_retriever(settings), ()
    except Exception as e:  # noqa: BLE001 - drafting must work without the corpus
        return None, (f"范文库无法打开（{type(e).__name__}），本次起草未使用范文",)


def fence(examples: Sequence[StyleExample]) -> str:
    """The exemplars as fenced, labelled, untrusted blocks for a prompt."""
    if not examples:
        return "（本部分没有可参考的范文。）"
    blocks = []
    for i, ex in enumerate(examples, 1):
        blocks.append(
            f"<范文{i} 性质=不可信的风格参考 出处=其他机关往年报告·{ex.label}>\n{ex.text}\n</范文{i}>"
        )
    return "\n".join(blocks)
