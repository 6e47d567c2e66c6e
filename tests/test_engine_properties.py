"""Property tests: consistent tables pass; any single-cell change is caught."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core import engine, spec
from tests.factories import consistent_cells, facts, leaves_only

T2_T3_KEYS = [c.key for c in spec.spec_for("2021").cells if c.table in (2, 3)]
T2_T3_KEYS_2019 = [c.key for c in spec.spec_for("2019").cells if c.table in (2, 3)]


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), version=st.sampled_from(spec.FORMATS))
def test_random_consistent_facts_pass(seed, version):
    cells = consistent_cells(random.Random(seed), version)
    result = engine.check(facts(cells, year=2023 if version == "2021" else 2020))
    assert not result.findings


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 10**6), key=st.sampled_from(T2_T3_KEYS), delta=st.sampled_from([-1, 1]))
def test_any_single_cell_change_is_caught(seed, key, delta):
    cells = consistent_cells(random.Random(seed))
    cells[key] += delta
    result = engine.check(facts(cells))
    assert any(f.is_error for f in result.findings), key


@settings(max_examples=100, deadline=None)
@given(seed=st.integers(0, 10**6), key=st.sampled_from(T2_T3_KEYS_2019), delta=st.sampled_from([-1, 1]))
def test_any_single_cell_change_is_caught_2019(seed, key, delta):
    cells = consistent_cells(random.Random(seed), spec.FORMAT_2019)
    cells[key] += delta
    result = engine.check(facts(cells, year=2020))
    assert any(f.is_error for f in result.findings), key


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_fill_reconstructs_every_total(seed):
    cells = consistent_cells(random.Random(seed))
    filled, derived = engine.fill(facts(leaves_only(cells)))
    assert dict(filled.cells) == cells
    assert derived == {k for k in cells if spec.spec_for("2021").cell(k).derived}
