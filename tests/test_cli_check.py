"""`assistant check` on facts files: output, JSON contract, CSV, exit codes."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "seed_2023.yaml"
RULE_ID = re.compile(r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b")

GOOD = """agency: 测试县测试局
year: 2023
missing: zero
cells:
  applications.new_received.natural_person: 5
  applications.results.granted.natural_person: 4
  applications.carried_to_next.natural_person: 1
"""


def run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_seed_facts_are_clean(capsys):
    code, out, _ = run(capsys, "check", str(SEED))
    assert code == 0
    assert "延津县政务服务和大数据管理局" in out and "0 个错误" in out


def test_error_exit_1_and_message_names_labels(tmp_path, capsys):
    p = tmp_path / "a.yaml"
    p.write_text(GOOD + "  applications.results.total.natural_person: 5\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(p))
    assert code == 1
    assert "三、本年度办理结果（七）总计 / 自然人：填报 5，按分项合计应为 4" in out
    assert "【表二 三、收到和处理政府信息公开申请情况】" in out


def test_json_contract(tmp_path, capsys):
    p = tmp_path / "a.yaml"
    p.write_text(GOOD + "  review.total: 1\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--json", str(p))
    assert code == 1
    doc = json.loads(out)
    (rep,) = doc["reports"]
    assert set(rep) >= {"source", "format", "year", "agency", "cells", "findings"}
    assert rep["year"] == 2023 and rep["format"] == "2021"
    assert rep["cells"]["applications.new_received.total"] == 5  # filled
    (f,) = [f for f in rep["findings"] if f["rule"] == "T3_REVIEW_TOTAL"]
    assert f == {
        **f,
        "severity": "error",
        "status": "fail",
        "reported": 1,
        "computed": 0,
        "cells": f["cells"],
    }
    assert f["cells"][0] == "review.total"


def test_unreadable_input_exit_2_others_still_checked(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("agency: [\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(bad), str(SEED), str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "YAML 格式错误" in out and "文件不存在" in out and "延津县" in out
    assert "共 3 份" in out
    assert "Traceback" not in out


def test_previous_enables_cross_year(tmp_path, capsys):
    prev = tmp_path / "prev.yaml"
    prev.write_text(GOOD.replace("2023", "2022"), encoding="utf-8")
    cur = tmp_path / "cur.yaml"
    cur.write_text(GOOD.replace("natural_person: 5", "natural_person: 4"), encoding="utf-8")
    code, out, _ = run(capsys, "check", str(cur), "--previous", str(prev))
    assert code == 1  # carried over 0 but last year carried 1 to this year
    assert "[与上年比对]" in out and "上年报告“四、结转下年度继续办理”为 1" in out
    assert not RULE_ID.search(out)  # rule ids stay in --json
    code, out, _ = run(capsys, "check", str(cur), "--previous", str(prev), "--json")
    assert "T2_CROSS_YEAR_CARRY" in {f["rule"] for r in json.loads(out)["reports"] for f in r["findings"]}


def test_csv_has_every_finding(tmp_path, capsys):
    p = tmp_path / "a.yaml"
    p.write_text(GOOD + "  review.total: 1\n  review.upheld: -1\n", encoding="utf-8")
    out_csv = tmp_path / "out" / "f.csv"
    code, _, _ = run(capsys, "check", str(p), "--csv", str(out_csv))
    assert code == 1
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig")))
    assert {r["rule"] for r in rows} >= {"T3_REVIEW_TOTAL", "NONNEG"}


def test_folder_is_expanded(tmp_path, capsys):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.json").write_text(
        json.dumps({"agency": "乙局", "year": 2023, "missing": "zero"}), encoding="utf-8"
    )
    (tmp_path / "ignored.png").write_bytes(b"\x89PNG")
    code, out, _ = run(capsys, "check", str(tmp_path))
    assert code == 0 and "共 2 份" in out


def test_bad_arguments_give_chinese_usage_error(capsys):
    try:
        main(["check"])
    except SystemExit as e:
        assert e.code == 2
    assert "参数错误" in capsys.readouterr().err


def test_csv_lists_clean_files_too(tmp_path, capsys):
    out_csv = tmp_path / "f.csv"
    assert main(["check", str(SEED), "--csv", str(out_csv)]) == 0
    rows = list(csv.DictReader(out_csv.open(encoding="utf-8-sig")))
    assert rows == [{**rows[0], "status": "ok", "message": "未发现问题"}]


def test_config_masks_credentials_in_urls():
    from assistant.config import mask_url

    assert mask_url("http://user:pass@host:8000/v1") == "http://****@host:8000/v1"
    assert mask_url("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
