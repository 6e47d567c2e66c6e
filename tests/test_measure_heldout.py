"""The held-out measuring script counts what it claims, checked on its own self-test document only
(`evals/heldout/documents/_selftest.txt`): a truth that disagrees with the document must show up as
a wrong cell, a planted error the document does not carry as missed, a cell in expect_reader_gap
apart from the printed cells."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "evals" / "heldout" / "documents"


def _script():
    spec = importlib.util.spec_from_file_location(
        "measure_heldout", ROOT / "scripts" / "measure_heldout_documents.py"
    )
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up
    spec.loader.exec_module(mod)
    return mod


def _copy(tmp_path: Path, edit=None) -> tuple[Path, Path]:
    doc = tmp_path / "_selftest.txt"
    shutil.copy(DOCS / "_selftest.txt", doc)
    truth = yaml.safe_load((DOCS / "_selftest.truth.yaml").read_text(encoding="utf-8"))
    if edit:
        edit(truth)
    path = tmp_path / "_selftest.truth.yaml"
    path.write_text(yaml.safe_dump(truth, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return doc, path


def test_the_self_test_document_is_measured_against_its_truth(tmp_path):
    m = _script()
    row = m.measure(*_copy(tmp_path))
    assert row.printed == 200 and not row.failed and row.agency_year_ok
    assert row.found == 1 and row.missed == []  # the planted text/table contradiction


def test_a_truth_that_disagrees_gives_wrong_cells_and_missed_plants(tmp_path):
    m = _script()

    def edit(t):
        t["cells"]["review.upheld"] = int(t["cells"]["review.upheld"]) + 5
        t["cells"]["applications.carried_to_next.total"] = m.NOT_PRINTED
        t["planted"].append(
            {"rule": "T3_REVIEW_TOTAL", "cells": ["review.total"], "note": "not in the document"}
        )
        t["expect_reader_gap"] = [{"cells": ["active.art20_6.admin_penalty.decisions"], "why": "test"}]

    row = m.measure(*_copy(tmp_path, edit))
    assert "review.upheld" in row.wrong
    assert row.printed == 198  # one cell not printed, one counted as an expected gap
    assert row.gap_expected == 1
    assert row.missed == ["T3_REVIEW_TOTAL"]


def test_documents_skips_the_self_test_unless_asked(tmp_path):
    m = _script()
    _copy(tmp_path)
    assert m.documents(tmp_path, None) == []
    assert [d.name for d, _ in m.documents(tmp_path, "_selftest*")] == ["_selftest.txt"]
