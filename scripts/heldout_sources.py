"""The sources of the held-out documents: our corpus reports (`corpus/sources/*.yaml`, via the
facts-file loader) and the real published seed report, and the errors planted in some of them. Every
source's cells are checked with the table engine: consistent, except for what a plant put in."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from assistant.core import engine, spec
from assistant.core.facts import BLANK, SLASH, ReportFacts
from assistant.facts_io import load_facts

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "corpus" / "sources"
NOT_PRINTED = "~not_printed"


@dataclass
class Source:
    name: str
    agency: str
    year: int
    cells: dict  # all 200, as printed
    sections: dict[str, str]
    labels: dict[str, str] = field(default_factory=dict)  # official → printed (a planted slip)
    planted: list[dict] = field(default_factory=list)
    printed_title: str = ""  # the title as the source prints it (else agency + year + the form's name)


def load_source(name: str) -> Source:
    loaded = load_facts(SOURCES / f"{name}.yaml")
    filled, _ = engine.fill(loaded.facts)
    assert len(filled.cells) == 200, name
    assert not [f for f in engine.check(filled).findings if f.severity == "error"], name
    return Source(name, filled.agency, filled.year, dict(filled.cells), dict(loaded.sections))


SEED = ROOT / "corpus" / "seed" / "000_cb9333bd62be4405.txt"


def load_seed(numbers: int | None) -> Source:
    """The real published seed report: its title and prose as published; its tables (all 0 as
    published) kept, or with `numbers` (a random seed) replaced by consistent numbers of our own — the
    seed's prose states none of them."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    heads = {s.label: s.key for s in spec.SECTIONS}
    printed_title = next(ln.strip() for ln in lines if ln.strip())
    sections: dict[str, list[str]] = {}
    key = None
    for ln in lines:
        if ln.strip() in heads:
            key = heads[ln.strip()]
            sections[key] = []
        elif key and ln.strip() and "\t" not in ln:
            sections[key].append(ln.strip())
    cells = {k: 0 for k in spec.spec_for(spec.FORMAT_2021).by_key}
    cells["active.art20_8.admin_fees.amount_wan_yuan"] = Decimal("0")
    if numbers is not None:
        cells = random_cells(numbers)
    facts = ReportFacts("延津县政务服务和大数据管理局", 2023, spec.FORMAT_2021, cells)
    assert not [f for f in engine.check(facts).findings if f.severity == "error"]
    return Source(
        "seed",
        facts.agency,
        2023,
        cells,
        {k: "\n".join(v) for k, v in sections.items()},
        printed_title=printed_title,
    )


def random_cells(seed: int) -> dict:
    """Consistent tables of our own: leaves drawn, totals filled by the table engine."""
    rng = random.Random(seed)
    cells: dict = {}
    for c in spec.spec_for(spec.FORMAT_2021).table_cells(1):
        cells[c.key] = (
            Decimal(rng.randint(0, 4000)) / 100
            if c.type == spec.DECIMAL
            else rng.choice([0, 0, 1, 3, 12, 57, 240])
        )
    for col in spec.T2_APPLICANT_COLUMNS:
        pool = [0, 0, 1, 2, 4, 7, 11] if col == "natural_person" else [0, 0, 0, 0, 1, 2]
        leaves = spec.t2_result_leaves(spec.FORMAT_2021)
        for leaf in leaves:
            cells[f"applications.{leaf}.{col}"] = rng.choice(pool)
        done = sum(cells[f"applications.{leaf}.{col}"] for leaf in leaves)
        nxt = rng.choice([0, 0, 1, 3])
        prev = min(rng.choice([0, 1, 2]), done + nxt)
        cells[f"applications.carried_to_next.{col}"] = nxt
        cells[f"applications.carried_over_from_prev.{col}"] = prev
        cells[f"applications.new_received.{col}"] = done + nxt - prev
    for group, _ in spec.T3_GROUPS:
        for o, _ in spec.T3_OUTCOMES[:4]:
            cells[f"{group}.{o}"] = rng.choice([0, 0, 0, 1, 2])
    for c in ("issued", "repealed", "in_force"):  # a county body issues no 规章
        cells[f"active.art20_1.regulations.{c}"] = 0
    filled, _ = engine.fill(ReportFacts("x", 2023, spec.FORMAT_2021, cells))
    assert len(filled.cells) == 200
    return dict(filled.cells)


# ---------------------------------------------------------------- plants


def plant_cell(src: Source, key: str, delta: int, note: str, stated: str = "") -> Source:
    """Print one cell `delta` off; the planted rules are what the table engine then finds. `stated`:
    how the prose states that cell (e.g. 予以公开{}件): where it states the true number, the text now
    contradicts the table too, and that is planted as well."""
    cells = {**src.cells, key: src.cells[key] + delta}
    facts = ReportFacts(src.agency, src.year, spec.FORMAT_2021, cells)
    errors = [f for f in engine.check(facts).findings if f.severity == "error"]
    assert errors, key
    planted = [{"rule": f.rule, "cells": list(f.cells), "note": note} for f in errors]
    phrase = stated.format(src.cells[key]) if stated else ""
    if phrase and any(phrase in text for text in src.sections.values()):
        planted.append(
            {
                "rule": "TEXT_TABLE_MISMATCH",
                "cells": [key],
                "note": f"the text says {phrase}, the table prints {cells[key]}",
            }
        )
    return replace(src, cells=cells, planted=src.planted + planted)


def plant_prose_received(src: Source, delta: int) -> Source:
    """The text states another number of applications received than 表二 prints."""
    n = src.cells["applications.new_received.total"]
    pattern = f"收到政府信息公开申请{n}件"
    hits = [k for k, v in src.sections.items() if pattern in v]
    assert hits, src.name
    sections = {
        **src.sections,
        hits[0]: src.sections[hits[0]].replace(pattern, f"收到政府信息公开申请{n + delta}件", 1),
    }
    planted = {
        "rule": "TEXT_TABLE_MISMATCH",
        "cells": ["applications.new_received.total"],
        "note": f"the text says {n + delta} applications received, 表二 prints {n}",
    }
    return replace(src, sections=sections, planted=src.planted + [planted])


def plant_stale_label(src: Source) -> Source:
    """表一 prints the 2019 row label 规范性文件 for 行政规范性文件 (values unchanged)."""
    planted = {
        "rule": "LABEL_DEVIATION",
        "also_accept": ["FORMAT_2019"],
        "cells": [f"active.art20_1.normative_docs.{c}" for c in ("issued", "repealed", "in_force")],
        "note": "表一 row label is the 2019 form's 规范性文件 (2021: 行政规范性文件)",
    }
    return replace(src, labels={"行政规范性文件": "规范性文件"}, planted=src.planted + [planted])


def planted_source(name: str, plant: str) -> Source:
    if name.startswith("seed"):  # "seed" (as published) or "seed:N" (our numbers, random seed N)
        return load_seed(int(name.split(":")[1]) if ":" in name else None)
    src = load_source(name)
    if plant == "row_total":
        return plant_cell(
            src,
            "applications.results.granted.total",
            1,
            "（一）予以公开 row: 总计 printed one more than the sum of its columns",
            stated="予以公开{}件",
        )
    if plant == "t3_total":
        return plant_cell(
            src,
            "review.total",
            1,
            "表三 行政复议 总计 printed one more than the sum of its parts",
            stated="行政复议{}件",
        )
    if plant == "prose":
        return plant_prose_received(src, 3)
    if plant == "stale_label":
        return plant_stale_label(src)
    if plant == "marks":
        return with_marks(src)
    return src


def with_marks(src: Source) -> Source:
    """A township's habits (not errors): 规章 printed "/" (it cannot issue any), 表三's zeros left blank."""
    cells = dict(src.cells)
    for k in cells:
        if k.startswith("active.art20_1.regulations.") and cells[k] == 0:
            cells[k] = SLASH
        if k.split(".")[0] in ("review", "litigation_direct", "litigation_after_review") and cells[k] == 0:
            cells[k] = BLANK
    facts = ReportFacts(src.agency, src.year, spec.FORMAT_2021, cells)
    assert not [f for f in engine.check(facts).findings if f.severity == "error"]
    return replace(src, cells=cells)
