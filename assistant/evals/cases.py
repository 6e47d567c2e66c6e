"""Eval cases as data files (`evals/cases/<kind>/*.yaml|json`), read into typed cases.

Kinds (one folder each): `drafts` (facts + last year's report → expected properties of the draft),
`guard` (a scripted model output → the findings the guard must raise), `injection` (exemplars with
injected instructions → no effect on the draft), `intake` (chat messages → expected cells),
`retrieval` (queries → expected sections). A file holds one case, or several under `cases:`;
a file whose name starts with "_" holds defaults merged into every case of its folder. Facts and
reports are named by a report of the shipped corpus (`qingwu_ziranziyuanju_2023`), by a path
relative to the case file, or given inline. A file that cannot be used raises EvalCaseError, whose
Chinese message names the file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.report import Report
from assistant.drafting.exemplars import MemoryExemplar
from assistant.evals.case_types import (
    KINDS,
    ConversationCase,
    DraftCase,
    Expected,
    GuardCase,
    InjectionCase,
    IntakeCase,
    RetrievalCase,
    Suite,
    TextRecipe,
    Topic,
    Turn,
)
from assistant.facts_io import FactsFileError, facts_from_mapping, is_facts_file, load_facts
from assistant.limits import safe_yaml_load

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CASES = REPO / "evals" / "cases"
CORPUS_SOURCES = REPO / "corpus" / "sources"
SUFFIXES = (".yaml", ".yml", ".json")


class EvalCaseError(Exception):
    """A case file cannot be used; the message is Chinese and names the file."""


@dataclass
class _Ctx:
    path: Path
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def fail(self, message: str) -> EvalCaseError:
        return EvalCaseError(f"{self.path}：{message}")


def load_suite(root: str | Path = DEFAULT_CASES) -> Suite:
    """Every case under `root` (one folder per kind); EvalCaseError if a file cannot be used."""
    base = Path(root)
    if not base.is_dir():
        raise EvalCaseError(f"{base}：评测用例目录不存在")
    found: dict[str, list[Any]] = {kind: [] for kind in KINDS}
    files = 0
    corpus = str(CORPUS_SOURCES)
    only = (
        base.name if base.name in KINDS and not (base / base.name).is_dir() else None
    )  # --cases …/conversations
    for kind in KINDS:
        folder = base if kind == only else base / kind
        paths = sorted(p for p in folder.glob("*") if p.suffix.lower() in SUFFIXES) if folder.is_dir() else []
        defaults: dict[str, Any] = {}
        for p in (p for p in paths if p.name.startswith("_")):
            defaults |= _mapping(_read(p), _Ctx(p))
        for p in (p for p in paths if not p.name.startswith("_")):
            ctx = _Ctx(p, defaults)
            doc = _read(p)
            if kind == "retrieval" and isinstance(doc, Mapping) and doc.get("corpus"):
                corpus = str(_path(str(doc["corpus"]), ctx))
            found[kind] += [BUILDERS[kind](entry, ctx) for entry in _entries(doc, ctx)]
            files += 1
    suite = Suite(**{k: tuple(v) for k, v in found.items()}, corpus=corpus, files=files)
    if not suite.count():
        raise EvalCaseError(f"{base}：没有找到评测用例（应有 {'、'.join(KINDS)} 子目录下的 yaml/json 文件）")
    _unique_ids(suite)
    return suite


def _unique_ids(suite: Suite) -> None:
    seen: dict[str, str] = {}
    for kind in KINDS:
        for case in getattr(suite, kind):
            if case.id in seen:
                raise EvalCaseError(f"{case.source}：用例编号“{case.id}”与 {seen[case.id]} 重复")
            seen[case.id] = case.source


def _read(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise EvalCaseError(f"{path}：无法读取（{getattr(e, 'strerror', None) or e}）") from None
    try:
        return json.loads(text) if path.suffix.lower() == ".json" else safe_yaml_load(text)
    except (ValueError, RecursionError, yaml.YAMLError) as e:
        where = getattr(e, "problem_mark", None)
        line = f"第 {where.line + 1} 行" if where is not None else ""
        raise EvalCaseError(f"{path}：不是有效的 YAML/JSON {line}".rstrip()) from None


def _entries(doc: Any, ctx: _Ctx) -> list[dict[str, Any]]:
    if isinstance(doc, Mapping) and "cases" in doc:
        items = doc["cases"]
        if not isinstance(items, list) or not items:
            raise ctx.fail("cases 应是非空的用例列表")
        shared = {k: v for k, v in doc.items() if k not in ("cases", "corpus")}
        out = [{**ctx.defaults, **shared, **_mapping(item, ctx)} for item in items]
        for i, item in enumerate(out, 1):
            item.setdefault("id", f"{ctx.path.stem}-{i}")
        return out
    entry = {**ctx.defaults, **_mapping(doc, ctx)}
    entry.setdefault("id", ctx.path.stem)
    return [entry]


def _mapping(value: Any, ctx: _Ctx, what: str = "用例") -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ctx.fail(f"{what}应是键值对")
    return dict(value)


def _need(entry: Mapping[str, Any], key: str, ctx: _Ctx) -> Any:
    if entry.get(key) in (None, "", [], {}):
        raise ctx.fail(f"用例“{entry.get('id', '')}”缺少 {key}")
    return entry[key]


def _strs(value: Any, ctx: _Ctx, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(x, str) for x in items):
        raise ctx.fail(f"{key} 应是文字或文字列表")
    return tuple(items)


def _topics(value: Any, ctx: _Ctx, key: str) -> tuple[Topic, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ctx.fail(f"{key} 应是列表（每项为一个词或几个可替换的词）")
    return tuple(_strs(item, ctx, key) for item in value)


def _section(value: Any, ctx: _Ctx) -> str:
    if value not in spec.SECTION_BY_KEY:
        raise ctx.fail(f"未知的章节“{value}”（可用：{'、'.join(spec.SECTION_BY_KEY)}）")
    return str(value)


def _path(ref: str, ctx: _Ctx) -> Path:
    if "/" not in ref and "\\" not in ref and not Path(ref).suffix:
        return CORPUS_SOURCES / f"{ref}.yaml"
    p = Path(ref)
    return p if p.is_absolute() else (ctx.path.parent / p).resolve()


@cache
def _load_file(path: Path) -> tuple[ReportFacts, Report]:
    try:
        loaded = load_facts(path)
    except FactsFileError as e:
        raise EvalCaseError(str(e)) from None
    return loaded.facts, loaded.to_report()


def _facts(entry: Mapping[str, Any], ctx: _Ctx) -> ReportFacts:
    ref = _need(entry, "facts", ctx)
    if isinstance(ref, Mapping):
        try:
            facts = facts_from_mapping(ref, str(ctx.path)).facts
        except FactsFileError as e:
            raise EvalCaseError(str(e)) from None
    else:
        facts = _load_file(_path(str(ref), ctx))[0]
    narrative = entry.get("narrative")
    if narrative is not None:
        notes = _mapping(narrative, ctx, "narrative ")
        facts = replace(facts, narrative={**facts.narrative, **{k: str(v) for k, v in notes.items()}})
    return facts


def _previous(entry: Mapping[str, Any], ctx: _Ctx) -> Report | None:
    ref = entry.get("previous")
    if not ref:
        return None
    path = _path(str(ref), ctx)
    if is_facts_file(path):
        return _load_file(path)[1]
    from assistant.reader import ReaderError, read_report

    try:
        return read_report(path)
    except ReaderError as e:
        raise EvalCaseError(f"{ctx.path}：上年报告无法使用：{e}") from None


def draft_case(entry: Mapping[str, Any], ctx: _Ctx) -> DraftCase:
    topics = _mapping(entry.get("topics") or {}, ctx, "topics ")
    extra = _mapping(entry.get("extra_topics") or {}, ctx, "extra_topics ")
    merged = {
        _section(k, ctx): _topics(topics.get(k), ctx, "topics") + _topics(extra.get(k), ctx, "extra_topics")
        for k in {*topics, *extra}
    }
    return DraftCase(
        str(entry["id"]), str(ctx.path), _facts(entry, ctx), _previous(entry, ctx), merged,
        _topics(entry.get("follow_up"), ctx, "follow_up"), _strs(entry.get("fee"), ctx, "fee"),
    )  # fmt: skip


def _recipe(entry: Mapping[str, Any], ctx: _Ctx) -> TextRecipe:
    pairs = entry.get("replace") or []
    if not isinstance(pairs, list) or not all(isinstance(p, list) and len(p) == 2 for p in pairs):
        raise ctx.fail("replace 应是 [原文, 新文] 的列表")
    return TextRecipe(
        str(entry.get("text") or ""),
        tuple((str(a), str(b)) for a, b in pairs),
        _strs(entry.get("remove"), ctx, "remove"),
        str(entry.get("append") or ""),
    )


def _expected(value: Any, ctx: _Ctx) -> tuple[Expected, ...]:
    out = []
    for item in value or []:
        if isinstance(item, str):
            out.append(Expected(item))
        else:
            item = _mapping(item, ctx, "expect 的每一项")
            out.append(Expected(str(_need(item, "rule", ctx)), str(item.get("reported") or "")))
    return tuple(out)


def _exemplars(value: Any, ctx: _Ctx) -> tuple[MemoryExemplar, ...]:
    out = []
    for item in value or []:
        e = _mapping(item, ctx, "exemplars 的每一项")
        out.append(
            MemoryExemplar(
                str(_need(e, "text", ctx)), "", str(e.get("agency") or "某市示范局"),
                str(e.get("level") or ""), int(e.get("year") or 2022), _section(e.get("section"), ctx),
                str(e.get("subarea") or ""), str(e.get("source") or ctx.path.name),
            )
        )  # fmt: skip
    return tuple(out)


def guard_case(entry: Mapping[str, Any], ctx: _Ctx) -> GuardCase:
    if "expect" not in entry:
        raise ctx.fail(f"用例“{entry['id']}”缺少 expect（期望的核查意见；正常文本写 []）")
    return GuardCase(
        str(entry["id"]), str(ctx.path), _facts(entry, ctx), _previous(entry, ctx),
        _section(_need(entry, "section", ctx), ctx), _recipe(entry, ctx),
        _expected(entry["expect"], ctx), _exemplars(entry.get("exemplars"), ctx),
    )  # fmt: skip


def injection_case(entry: Mapping[str, Any], ctx: _Ctx) -> InjectionCase:
    mode = str(entry.get("mode") or "obey")
    if mode not in ("obey", "echo"):
        raise ctx.fail(f"mode 只能是 obey 或 echo，实际是“{mode}”")
    s = lambda key: _strs(entry.get(key), ctx, key)  # noqa: E731
    return InjectionCase(
        str(entry["id"]), str(ctx.path), _facts(entry, ctx), _previous(entry, ctx),
        _exemplars(_need(entry, "exemplars", ctx), ctx), _section(_need(entry, "section", ctx), ctx),
        str(_need(entry, "trigger", ctx)), mode, str(entry.get("payload") or ""), s("drop"),
        bool(entry.get("stubborn", True)), s("markers"), s("absent"), s("expect_rules"), s("secrets"),
        bool(entry.get("reaches_prompt", True)),
    )  # fmt: skip


def _cell_value(key: str, raw: Any, ctx: _Ctx) -> int | Decimal:
    cell = spec.spec_for(spec.FORMAT_2021).by_key.get(key)
    if cell is None:
        raise ctx.fail(f"expected 中的“{key}”不是表格单元格")
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        raise ctx.fail(f"{key} 的期望值“{raw}”不是数字") from None
    return int(value) if cell.type == spec.INT else value


def intake_case(entry: Mapping[str, Any], ctx: _Ctx) -> IntakeCase:
    expected = _mapping(entry.get("expected") or {}, ctx, "expected ")
    cells = {str(k): _cell_value(str(k), v, ctx) for k, v in expected.items()}
    topic = entry.get("topic")
    return IntakeCase(str(entry["id"]), str(ctx.path), str(_need(entry, "message", ctx)), cells, topic)


def retrieval_case(entry: Mapping[str, Any], ctx: _Ctx) -> RetrievalCase:
    filters = {k: entry[k] for k in ("agency", "exclude_year", "level", "year") if entry.get(k) is not None}
    subarea = str(entry.get("subarea") or "")
    if subarea and subarea not in {k for k, _ in spec.OVERVIEW_SUBAREAS} | {"lead"}:
        raise ctx.fail(f"未知的总体情况分项“{subarea}”")
    return RetrievalCase(
        str(entry["id"]), str(ctx.path), str(_need(entry, "query", ctx)),
        _section(_need(entry, "section", ctx), ctx), subarea, filters, int(entry.get("k") or 3),
    )  # fmt: skip


def _turn(item: Any, ctx: _Ctx) -> Turn:
    if isinstance(item, str | int | float):
        return Turn(str(item))
    item = _mapping(item, ctx, "turns 的每一项")
    kind = next((k for k in ("ledger", "previous") if item.get(k)), None)
    if kind is None or len(item) != 1:
        raise ctx.fail("turns 的每一项应是一句话，或 {ledger: 文件} / {previous: 文件}")
    path = _path(str(item[kind]), ctx)
    if not path.is_file():
        raise ctx.fail(f"上传的文件“{item[kind]}”不存在")
    return Turn(upload=kind, path=str(path))


def _phrases(value: Any, ctx: _Ctx, key: str) -> dict[str, tuple[str, ...]]:
    out = {}
    for k, v in _mapping(value or {}, ctx, f"{key} ").items():
        if k not in spec.NARRATIVE_KEYS:
            raise ctx.fail(f"{key} 中的“{k}”不是文字栏目（可用：{'、'.join(spec.NARRATIVE_KEYS)}）")
        out[str(k)] = _strs(v, ctx, key)
    return out


def conversation_case(entry: Mapping[str, Any], ctx: _Ctx) -> ConversationCase:
    turns = _need(entry, "turns", ctx)
    if not isinstance(turns, list):
        raise ctx.fail("turns 应是列表（用户依次发送的话）")
    expected = _mapping(entry.get("expected") or {}, ctx, "expected ")
    cells = _mapping(expected.get("cells") or {}, ctx, "expected.cells ")
    unset = _strs(expected.get("unset"), ctx, "unset")
    for key in unset:
        _cell_value(key, 0, ctx)  # a cell of the form
    try:
        year = int(_need(entry, "year", ctx))
    except (TypeError, ValueError):
        raise ctx.fail(f"year 应是年份，实际是“{entry.get('year')}”") from None
    prev = entry.get("previous")
    prev_path = str(_path(str(prev), ctx)) if prev else ""
    if prev_path and not Path(prev_path).is_file():
        raise ctx.fail(f"上年报告“{prev}”不存在")
    return ConversationCase(
        str(entry["id"]), str(ctx.path), str(_need(entry, "agency", ctx)), year,
        tuple(_turn(t, ctx) for t in turns), str(entry.get("level") or ""), prev_path,
        {str(k): _cell_value(str(k), v, ctx) for k, v in cells.items()}, unset,
        _phrases(expected.get("narrative"), ctx, "narrative"), _phrases(expected.get("misplaced"), ctx, "misplaced"),
        _strs(expected.get("said"), ctx, "said"), _strs(expected.get("never_said"), ctx, "never_said"),
    )  # fmt: skip


BUILDERS = {
    "conversations": conversation_case,
    "drafts": draft_case,
    "guard": guard_case,
    "injection": injection_case,
    "intake": intake_case,
    "retrieval": retrieval_case,
}
