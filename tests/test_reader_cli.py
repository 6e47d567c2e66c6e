"""`assistant check` end to end on a folder mixing report documents and facts files."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

from assistant.cli import main
from tests.fixtures.reader import cases, render_html, render_office, render_text
from tests.fixtures.reader.truth import AGENCIES, make_truth

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_DIR = Path(__file__).parent / "fixtures" / "reader"
CLEAN_FACTS = """agency: 云溪县测试局
year: 2023
missing: zero
cells:
  applications.new_received.natural_person: 2
  applications.results.granted.natural_person: 2
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _clean_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    t = make_truth(AGENCIES[0], 2023, seed=61)
    (folder / "a.html").write_bytes(render_html.page(t).encode())
    (folder / "sub" / "b.docx").write_bytes(render_office.docx_bytes(make_truth(AGENCIES[1], 2023, seed=62)))
    (folder / "sub" / "c.md").write_bytes(render_text.md(make_truth(AGENCIES[2], 2023, seed=63)).encode())
    (folder / "d.yaml").write_text(CLEAN_FACTS, encoding="utf-8")
    shutil.copy(ROOT / "examples" / "seed_2023.yaml", folder / "e.yaml")
    return folder


def test_clean_folder_exit_0_with_summary(tmp_path, capsys):
    folder = _clean_folder(tmp_path)
    code, out, err = run(capsys, "check", str(folder))
    assert code == 0, out
    assert "汇总" in out and "共 5 份" in out
    for name in ("a.html", "b.docx", "c.md", "d.yaml", "e.yaml"):
        assert name in out
    assert "Traceback" not in out + err


def test_errors_in_a_document_exit_1(tmp_path, capsys):
    folder = _clean_folder(tmp_path)
    (folder / "m.txt").write_text(cases.mismatch()[1], encoding="utf-8")
    code, out, _ = run(capsys, "check", str(folder))
    assert code == 1
    assert "[正文与表格]" in out and "1 份有错误" in out and "TEXT_TABLE_MISMATCH" not in out


def test_unreadable_files_exit_2_and_the_others_are_still_audited(tmp_path, capsys):
    folder = _clean_folder(tmp_path)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    (folder / "scan.pdf").write_bytes((FIXTURE_DIR / "pdf_scanned.pdf").read_bytes())
    (folder / "empty.html").write_bytes(b"")
    code, out, err = run(capsys, "check", str(folder), "--json")
    assert code == 2
    reports = json.loads(out)["reports"]
    assert len(reports) == 8
    bad = {Path(r["source"]).name: r for r in reports if "error" in r}
    assert set(bad) == {"broken.docx", "scan.pdf", "empty.html"}
    assert "需要OCR" in bad["scan.pdf"]["error"] and "Word" in bad["broken.docx"]["error"]
    assert all(r["findings"][0]["rule"] == "UNREADABLE" for r in bad.values())
    assert "Traceback" not in out + err


def test_json_shape_for_a_document(tmp_path, capsys):
    path = tmp_path / "seedlike.txt"
    path.write_bytes((FIXTURE_DIR / "nonconforming_2023.txt").read_bytes())
    code, out, _ = run(capsys, "check", str(path), "--json")
    assert code == 1
    (report,) = json.loads(out)["reports"]
    assert set(report) >= {"source", "format", "year", "agency", "cells", "findings", "title"}
    assert report["format"] == "2021" and report["year"] == 2023 and report["agency"] == AGENCIES[4]
    assert report["cells"]["review.other"] == "/"
    assert report["cells"]["applications.results.withheld.state_secret.other_org"] is None  # blank
    for f in report["findings"]:
        assert set(f) >= {"rule", "severity", "status", "cells", "reported", "computed", "message"}
        assert f["severity"] in ("error", "warning") and f["status"] in ("fail", "not_assessable")
    rules = {f["rule"] for f in report["findings"]}
    assert {"ROW_COLLAPSED", "LABEL_DEVIATION", "SECTION_MISSING", "SECTION_EMPTY", "BLANK_CELL"} <= rules


def test_csv_and_previous_report(tmp_path, capsys):
    prev, cur = cases.copied()
    (tmp_path / "2022.txt").write_text(render_text.txt(prev), encoding="utf-8")
    (tmp_path / "2023.txt").write_text(render_text.txt(cur), encoding="utf-8")
    out_csv = tmp_path / "out" / "findings.csv"
    code, out, _ = run(
        capsys,
        "check",
        str(tmp_path / "2023.txt"),
        "--previous",
        str(tmp_path / "2022.txt"),
        "--csv",
        str(out_csv),
    )
    assert "[与上年比对]" in out and "雷同率" in out and "TEXT_COPIED" not in out
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig")))
    assert {"TEXT_COPIED", "T2_CROSS_YEAR_CARRY"} & {r["rule"] for r in rows}
    assert all(r["source"].endswith("2023.txt") for r in rows)
    assert code in (0, 1)
