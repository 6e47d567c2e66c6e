"""The official labels the reader matches against, derived from `core.spec` (never copied)."""

from __future__ import annotations

from functools import cache

from assistant.core import spec
from assistant.reader.labels import LabelIndex, norm

T2_GROUPS = frozenset({spec.RESULTS, spec.WITHHELD, spec.UNABLE, spec.NOT_PROCESSED})
_BOTH = (spec.FORMAT_2021, spec.FORMAT_2019)


def t1_parts(key: str) -> tuple[str, str, str]:
    """'active.art20_1.regulations.issued' → ('art20_1', 'regulations', 'issued')."""
    _, block, item, field = key.split(".")
    return block, item, field


@cache
def t1_rows() -> LabelIndex[tuple[str, str]]:
    """Row label (规章, 行政规范性文件, 规范性文件, …) → (block, item), both versions."""
    labels: dict[str, tuple[str, str]] = {}
    for version in _BOTH:
        for cell in spec.spec_for(version).table_cells(1):
            block, item, _ = t1_parts(cell.key)
            labels.setdefault(cell.row_path[-1], (block, item))
    return LabelIndex(labels)


@cache
def t1_columns() -> LabelIndex[str]:
    """Column label of 表一 (both versions) → itself."""
    labels = {}
    for version in _BOTH:
        for cell in spec.spec_for(version).table_cells(1):
            labels[cell.col_path[-1]] = cell.col_path[-1]
    return LabelIndex(labels)


@cache
def t1_version_of_column() -> dict[str, frozenset[str]]:
    """Normalised 表一 column label → the versions that use it."""
    out: dict[str, set[str]] = {}
    for version in _BOTH:
        for cell in spec.spec_for(version).table_cells(1):
            out.setdefault(norm(cell.col_path[-1]), set()).add(version)
    return {k: frozenset(v) for k, v in out.items()}


@cache
def t2_rows() -> LabelIndex[str]:
    """Last label of a 表二 row → row key (both versions); group labels → themselves."""
    labels: dict[str, str] = {}
    for version in _BOTH:
        for key, path in spec.t2_rows(version):
            labels.setdefault(path[-1], key)
    for group in T2_GROUPS:
        labels.setdefault(group, group)
    return LabelIndex(labels)


@cache
def t1_widths(block: str, item: str) -> frozenset[int]:
    """How many cells 表一's row (block, item) has, in either version (2021: 行政许可 1; 2019: 3)."""
    return frozenset(
        n
        for version in _BOTH
        if (
            n := sum(
                1 for c in spec.spec_for(version).table_cells(1) if c.key.split(".")[1:3] == [block, item]
            )
        )
    )


def t2_label_takes(text: str, key: str, tail: int) -> bool:
    """`text` (normalised) ends with row `key`'s label taking more than its last `tail` characters:
    the leaf label alone or with its group labels above it (「（三）不」 + 「予公开」「1.属于国」「家秘密」
    is 不予公开 / 1.属于国家秘密, the first line's 「不」 part of it)."""
    return any(len(t) > tail and text.endswith(t) for t in t2_path_tails(key))


@cache
def t2_path_tails(key: str) -> frozenset[str]:
    """A 表二 row's label path joined from each level down (normalised): 「属于国家秘密」,
    「不予公开属于国家秘密」, 「三本年度办理结果不予公开属于国家秘密」 (both versions)."""
    tails = set()
    for version in _BOTH:
        for k, path in spec.t2_rows(version):
            if k == key:
                tails |= {"".join(norm(p) for p in path[i:]) for i in range(len(path))}
    return frozenset(tails)


@cache
def t2_columns() -> LabelIndex[str]:
    return LabelIndex({path[-1]: key for key, path in spec.T2_COLUMNS})


@cache
def t2_header_words() -> LabelIndex[str]:
    words = {spec.CORNER_NOTE, spec.APPLICANT_GROUP, spec.LEGAL_PERSON_GROUP}
    words |= {path[-1] for _, path in spec.T2_COLUMNS}
    return LabelIndex({w: w for w in words})


def is_t2_header(names: list[str]) -> bool:
    marks = {norm(spec.APPLICANT_GROUP), norm(spec.LEGAL_PERSON_GROUP)}
    marks |= {norm(path[-1]) for key, path in spec.T2_COLUMNS if key not in ("other_org", "total")}
    return any(norm(n) in marks or "勾稽关系" in norm(n) for n in names)


@cache
def t3_outcomes() -> LabelIndex[str]:
    return LabelIndex({label: key for key, label in spec.T3_OUTCOMES})


@cache
def t3_header_words() -> LabelIndex[str]:
    words = {label for _, label in spec.T3_OUTCOMES}
    for _, path in spec.T3_GROUPS:
        words |= set(path)
    return LabelIndex({w: w for w in words})
