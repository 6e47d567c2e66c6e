"""The shipped corpus documents: up to date with their sources, and every one passes `assistant check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from assistant.audit import check_paths

ROOT = Path(__file__).resolve().parents[1]
REPORTS = sorted((ROOT / "corpus" / "reports").glob("*.*"))


def test_documents_match_their_sources():
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_corpus.py"), "--check"], capture_output=True
    )
    assert r.returncode == 0, r.stderr.decode()


def test_mixed_formats():
    assert {p.suffix for p in REPORTS} == {".txt", ".md", ".html", ".docx"}
    assert len(REPORTS) >= 15


@pytest.mark.parametrize("doc", [p for p in REPORTS if not p.stem.endswith("2022")], ids=lambda p: p.name)
def test_each_document_passes_check_against_last_year(doc):
    agency, year = doc.stem.rsplit("_", 1)
    (prev,) = [p for p in REPORTS if p.stem == f"{agency}_{int(year) - 1}"]
    (result,) = check_paths([doc], previous=prev)
    assert not result.error
    assert [f.message for f in result.findings if f.is_error] == []
    assert result.facts.year == int(year)


def test_cells_doc_is_up_to_date():
    r = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cells_doc.py"), "--check"], capture_output=True
    )
    assert r.returncode == 0, "docs/cells.md is stale: run scripts/cells_doc.py"
