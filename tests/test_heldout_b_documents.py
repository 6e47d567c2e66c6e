"""Held-out set B documents: every document has a truth file, and its truth breaks exactly the planted sums.

The arithmetic here is written again from the form (FORMAT.md §3.3, §4), not taken from the maker, so a
slip in the maker's truth (a total not recomputed, a plant that breaks more than it says) fails here.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

DOCS = Path(__file__).resolve().parents[1] / "evals/heldout_b/documents"
APPLICANTS = [
    "natural_person",
    "commercial_enterprise",
    "research_institution",
    "social_welfare_org",
    "legal_service_org",
    "other_org",
]
# which sums each planted rule may break
BREAKS = {
    "T2_ROW_TOTAL": {"row", "column"},
    "T2_STATED_BALANCE": {"balance"},
    "TEXT_TABLE_MISMATCH": set(),
    "LABEL_DEVIATION": set(),
}


def _num(raw) -> Decimal:
    return Decimal(0) if raw in ("", "/") else Decimal(str(raw))


def broken_kinds(cells: dict) -> set[str]:
    n = {k: _num(v) for k, v in cells.items()}
    rows = sorted({k.rsplit(".", 1)[0] for k in n if k.startswith("applications.")})
    leaves = [r for r in rows if ".results." in r and not r.endswith(".results.total")]
    kinds = set()
    if any(n[f"{r}.total"] != sum(n[f"{r}.{c}"] for c in APPLICANTS) for r in rows):
        kinds.add("row")
    for c in [*APPLICANTS, "total"]:
        if n[f"applications.results.total.{c}"] != sum(n[f"{leaf}.{c}"] for leaf in leaves):
            kinds.add("column")
        if (
            n[f"applications.new_received.{c}"] + n[f"applications.carried_over_from_prev.{c}"]
            != n[f"applications.results.total.{c}"] + n[f"applications.carried_to_next.{c}"]
        ):
            kinds.add("balance")
    for p in ("review", "litigation_direct", "litigation_after_review"):
        if n[f"{p}.total"] != sum(n[f"{p}.{o}"] for o in ("upheld", "corrected", "other", "pending")):
            kinds.add("t3")
    return kinds


def truths() -> list[Path]:
    return sorted(DOCS.glob("*.truth.yaml"))


def test_every_document_has_a_truth_file():
    docs = [p for p in DOCS.iterdir() if p.suffix in (".html", ".pdf", ".docx", ".txt")]
    assert len(docs) >= 14
    for p in docs:
        assert p.with_name(p.name.rsplit(".", 1)[0] + ".truth.yaml").exists(), p.name


@pytest.mark.parametrize("path", truths(), ids=lambda p: p.name)
def test_truth_breaks_only_the_planted_sums(path: Path):
    truth = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(truth["cells"]) == 200
    allowed = set().union(*(BREAKS[p["rule"]] for p in truth["planted"] or [{"rule": "LABEL_DEVIATION"}]))
    assert broken_kinds(truth["cells"]) == allowed


def test_the_check_sees_a_broken_total():
    truth = yaml.safe_load((DOCS / "cms_th15_2023.truth.yaml").read_text(encoding="utf-8"))
    cells = dict(truth["cells"], **{"review.total": _num(truth["cells"]["review.total"]) + 1})
    assert broken_kinds(cells) == {"t3"}
