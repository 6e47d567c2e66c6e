"""The eval suite: run every kind of case with a set of components, collect metrics and timings.

`Components` names what is measured: the drafting backend, the guard, the extractor, the model
behind the injection cases and the corpus builder. `components_for("offline" | "openai")` gives
the product's own; tests swap one of them for a broken one to show the metric drops.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.config import Settings
from assistant.drafting.guard import check_section
from assistant.evals.adversarial import GuardFn, evaluate_guard
from assistant.evals.case_types import Suite
from assistant.evals.conversations import evaluate_conversations
from assistant.evals.drafts import evaluate_drafts
from assistant.evals.injection import BackendFor, evaluate_injection, scripted_backend
from assistant.evals.intake import Extractor, evaluate_intake, model_extractor, rule_extractor
from assistant.evals.metrics import METRICS, CaseFailure, MetricValue, PartResult
from assistant.evals.retrieval import build_corpus, evaluate_retrieval
from assistant.evals.scripted import ScriptedIntakeChat

PARTS = ("drafts", "guard", "injection", "intake", "retrieval", "conversations")
CorpusBuilder = Callable[[str, Settings, Path], tuple[Any, list[str]]]


@dataclass
class Components:
    backend: Any = "offline"  # the drafting backend: "offline", "openai" or a SectionWriter
    guard: GuardFn = check_section
    extractor: Extractor = rule_extractor
    injection_backend: BackendFor = scripted_backend
    corpus: CorpusBuilder = build_corpus
    model: str = ""  # the model name, for the report
    chat_model: Any = None  # behind the conversations: None = the offline rules
    scripted_chat: Callable[[], Any] | None = ScriptedIntakeChat  # the LLM path offline (None: not run)


def components_for(backend: str, settings: Settings) -> Components:
    """The product's components: offline (deterministic, no network) or the configured endpoint."""
    if backend == "offline":
        return Components()
    from assistant.intake import build_chat_model

    model = build_chat_model(settings)
    return Components(
        backend="openai",
        extractor=model_extractor(model),
        injection_backend=lambda _case, _base: "openai",
        model=settings.model,
        chat_model=model,
    )


def offline_settings(settings: Settings | None = None) -> Settings:
    """Settings with no key and the hash embedder: nothing in the offline suite leaves the machine."""
    return replace(
        settings or Settings(), openai_api_key="", openai_base_url="", embeddings="hash", chroma_url=""
    )


@dataclass
class SuiteResult:
    backend: str
    parts: list[PartResult] = field(default_factory=list)
    seconds: float = 0.0
    cases: int = 0
    files: int = 0
    model: str = ""

    @property
    def values(self) -> dict[str, MetricValue]:
        out = {m.key: m for part in self.parts for m in part.metrics}
        order = [m.key for m in METRICS]
        return {k: out[k] for k in sorted(out, key=order.index)}

    @property
    def failures(self) -> list[CaseFailure]:
        return [f for part in self.parts for f in part.failures]

    @property
    def notes(self) -> list[str]:
        return [n for part in self.parts for n in part.notes]


def run_suite(
    suite: Suite,
    components: Components | None = None,
    settings: Settings | None = None,
    parts: tuple[str, ...] = PARTS,
) -> SuiteResult:
    """Run the `parts` of `suite`; the drafts and the retrieval cases share one temporary corpus."""
    components = components or Components()
    settings = settings or offline_settings()
    start = time.perf_counter()
    result = SuiteResult(str(components.backend if isinstance(components.backend, str) else "custom"))
    result.cases, result.files, result.model = suite.count(), suite.files, components.model
    with tempfile.TemporaryDirectory(prefix="eval-corpus-") as home:
        retriever, corpus_notes, corpus_seconds = None, [], 0.0
        if {"drafts", "retrieval"} & set(parts):
            t = time.perf_counter()
            retriever, corpus_notes = components.corpus(suite.corpus, settings, Path(home))
            corpus_seconds = time.perf_counter() - t
        for name in parts:
            part = _run_part(name, suite, components, settings, retriever)
            result.parts.append(part)
        if result.parts and corpus_notes:
            result.parts[0].notes[:0] = corpus_notes + [f"建库用时 {corpus_seconds:.1f} 秒"]
    result.seconds = time.perf_counter() - start
    return result


def _run_part(name: str, suite: Suite, c: Components, settings: Settings, retriever: Any) -> PartResult:
    if name == "drafts":
        return evaluate_drafts(suite.drafts, c.backend, retriever, settings)
    if name == "guard":
        return evaluate_guard(suite.guard, c.guard)
    if name == "injection":
        return evaluate_injection(suite.injection, c.injection_backend, settings)
    if name == "intake":
        return evaluate_intake(suite.intake, c.extractor)
    if name == "conversations":
        return evaluate_conversations(suite.conversations, c.chat_model, c.scripted_chat)
    if name == "retrieval":
        return evaluate_retrieval(suite.retrieval, retriever)
    raise ValueError(f"未知的评测部分“{name}”（可用：{'、'.join(PARTS)}）")
