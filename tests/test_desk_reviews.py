"""Findings with identity and disposition: fingerprints, the reviews file, the store, exit codes."""

from __future__ import annotations

import json

import pytest

from assistant.audit import check_paths
from assistant.cli import main
from assistant.desk.dispositions import (
    CONFIRMED,
    FALSE_POSITIVE,
    DeskError,
    bulk,
    decide,
    exit_code,
    read_reviews,
    review,
    with_decisions,
)  # fmt: skip
from assistant.desk.store import DeskStore
from tests.test_desk_support import planted_yaml, render, to_pdf


def _fingerprints(path) -> set[tuple[str, str]]:
    [rep] = review(check_paths([path]), {})
    return {(x.finding.rule, x.fingerprint) for x in rep.items if x.finding.status == "fail"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("fp")
    src = planted_yaml(tmp)
    return src, {s: render(src, tmp / f"r.{s}") for s in ("docx", "html", "txt", "md")}


def test_same_report_in_every_format_keeps_its_fingerprints(rendered):
    src, files = rendered
    base = _fingerprints(src)
    rules = {r for r, _ in base}
    assert {"T2_ROW_TOTAL", "T3_REVIEW_TOTAL", "TEXT_TABLE_MISMATCH"} <= rules
    for suffix, path in files.items():
        assert _fingerprints(path) == base, suffix


@pytest.mark.slow
def test_pdf_rendering_keeps_the_fingerprints(rendered):
    src, files = rendered
    assert _fingerprints(to_pdf(files["docx"])) == _fingerprints(src)


def test_changed_figures_change_the_fingerprints(tmp_path):
    a = _fingerprints(planted_yaml(tmp_path))
    other = planted_yaml(
        tmp_path, extra={"applications.new_received.total": 70, "review.total": 6}, out_name="b.yaml"
    )
    b = _fingerprints(other)
    assert a and b and not (a & b)  # another version of the figures: no decision carries over silently


def test_file_name_does_not_matter(tmp_path):
    src = planted_yaml(tmp_path)
    copy = tmp_path / "完全不同的名字.yaml"
    copy.write_bytes(src.read_bytes())
    assert _fingerprints(src) == _fingerprints(copy)


def test_reviews_file_round_trip_and_exit_code(tmp_path, capsys):
    src = planted_yaml(tmp_path)
    rev = tmp_path / "reviews.json"
    assert main(["check", str(src), "--reviews", str(rev)]) == 1
    doc = json.loads(rev.read_text(encoding="utf-8"))
    pending = doc["reviews"]
    assert len(pending) == 5 and all(e["disposition"] is None for e in pending)
    for e in pending:
        e["disposition"], e["reason"], e["reviewer"] = "误报", "经核实表格无误", "李审核"
    pending[0]["disposition"] = "确认"
    rev.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", str(src), "--reviews", str(rev)]) == 1  # one confirmed error stays open
    out = capsys.readouterr().out
    assert "确认须整改 1" in out and "误报 4" in out and "李审核" in out
    doc = json.loads(rev.read_text(encoding="utf-8"))
    doc["reviews"][0]["disposition"], doc["reviews"][0]["reason"] = "已说明", "系统导出时的统计口径差异"
    rev.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    assert main(["check", str(src), "--reviews", str(rev)]) == 0  # every error dismissed
    assert main(["check", str(src)]) == 1  # without the reviews file nothing is dismissed


def test_decisions_survive_a_rerun_from_another_format(tmp_path, capsys):
    src = planted_yaml(tmp_path)
    rev = tmp_path / "reviews.json"
    main(["check", str(src), "--reviews", str(rev)])
    doc = json.loads(rev.read_text(encoding="utf-8"))
    for e in doc["reviews"]:
        e.update(disposition="已说明", reason="已在正文说明")
    rev.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    html = render(src, tmp_path / "r.html")
    capsys.readouterr()
    assert main(["check", str(html), "--reviews", str(rev), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)["reports"][0]
    failing = [f for f in report["findings"] if f["status"] == "fail"]
    assert failing and all(f["disposition"]["disposition"] == "explained" for f in failing)


def test_a_dismissal_needs_a_reason_and_bad_entries_are_said_back(tmp_path):
    [rep] = review(check_paths([planted_yaml(tmp_path)]), {})
    item = next(x for x in rep.items if x.finding.is_error)
    with pytest.raises(DeskError, match="须附理由"):
        decide(item, "误报")
    rev = tmp_path / "r.json"
    rev.write_text(json.dumps({"reviews": [{"fingerprint": item.fingerprint, "disposition": "误报"},
                                           {"fingerprint": "x", "disposition": "随便"}]}), encoding="utf-8")  # fmt: skip
    decisions, notes = read_reviews(rev)
    assert decisions == {} and len(notes) == 2 and "未附理由" in notes[0] and "无法识别" in notes[1]


def test_a_broken_reviews_file_is_a_clear_message(tmp_path, capsys):
    rev = tmp_path / "r.json"
    rev.write_text("{not json", encoding="utf-8")
    assert main(["check", str(planted_yaml(tmp_path)), "--reviews", str(rev)]) == 2
    assert "无法读取审核记录文件" in capsys.readouterr().err


def test_bulk_by_rule_and_the_store_per_organisation(tmp_path):
    results = check_paths([planted_yaml(tmp_path)])
    reviewed = review(results, {})
    ds = bulk(reviewed, "误报", "口径不同", "王", rule="TEXT_TABLE_MISMATCH")
    assert len(ds) == 2 and all(d.disposition == FALSE_POSITIVE for d in ds)
    store = DeskStore(tmp_path / "assistant.sqlite3")
    store.save("org-a", ds)
    assert store.decisions("org-b") == {}
    again = review(check_paths([planted_yaml(tmp_path)]), store.decisions("org-a"))
    assert exit_code(again) == 1
    assert sum(x.dismissed for x in again[0].items) == 2
    confirm = bulk(again, "确认", reviewer="王", rule="TEXT_TABLE_MISMATCH")
    store.save("org-a", confirm)
    fp = confirm[0].fingerprint
    assert [h[0] for h in store.history("org-a", fp)] == [FALSE_POSITIVE, CONFIRMED]
    final = review(
        results, with_decisions(store.decisions("org-a"), bulk(reviewed, "已说明", "见说明", "王"))
    )
    assert exit_code(final) == 0
