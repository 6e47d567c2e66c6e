"""`assistant eval`: the table, --json, a metric below the baseline, bad cases, and the live path
(skipped without a key; against the local mock OpenAI server it writes a dated report)."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from assistant.cli import main
from assistant.evals import DEFAULT_BASELINE, DEFAULT_CASES
from tests.mock_openai import MockOpenAI

SMALL = {
    "drafts": ["_defaults.yaml", "hezhuzhen_2024.yaml"],
    "guard": ["_defaults.yaml", "wrong_percent.yaml", "control_overview.yaml"],
    "injection": ["_defaults.yaml", "honour_and_phone.yaml"],
    "intake": ["active.yaml"],
    "retrieval": ["queries.yaml"],
}


@pytest.fixture
def small_cases(tmp_path) -> Path:
    """A few of the shipped cases, one or two of each kind."""
    root = tmp_path / "cases"
    for kind, names in SMALL.items():
        (root / kind).mkdir(parents=True)
        for name in names:
            shutil.copy(DEFAULT_CASES / kind / name, root / kind / name)
    return root


@pytest.fixture
def no_key(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no .env here
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "ASSISTANT_EMBEDDINGS", "ASSISTANT_CHROMA_URL"):
        monkeypatch.delenv(name, raising=False)


def test_table_of_every_metric_against_the_baseline(capsys, no_key):
    assert main(["eval"]) == 0
    out = capsys.readouterr().out
    for words in ("正文中无来源的数字", "范文注入防护率", "范文检索前3命中率"):
        assert words in out
    for english in ("fabricated (unbound) numbers", "retrieval hit@3", "Time:", "baseline"):
        assert english not in out  # the printed report is Chinese only; --json keeps the English keys
    assert "用时：" in out and "全部指标达到基线" in out and "✗" not in out


def test_json_output(capsys, no_key, small_cases):
    assert main(["eval", "--json", "--cases", str(small_cases)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["backend"] == "offline" and data["violations"] == [] and data["report"] is None
    assert data["metrics"]["guard_catch_rate"]["value"] == 1.0 and data["metrics"]["guard_catch_rate"]["ok"]
    assert set(data["timings"]) == {"drafts", "guard", "injection", "intake", "retrieval"}


def test_metric_below_the_baseline_exits_1_naming_it(capsys, no_key, small_cases, tmp_path):
    doc = json.loads(DEFAULT_BASELINE.read_text(encoding="utf-8"))
    doc["offline"]["thresholds"]["copy_rate"] = {"max": 0.01}
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["eval", "--cases", str(small_cases), "--baseline", str(baseline)]) == 1
    out = capsys.readouterr().out
    assert "未达到基线" in out and "与上年报告雷同率" in out and "copy_rate" not in out


def test_unusable_case_file_exits_2_naming_it(capsys, no_key, small_cases):
    bad = small_cases / "guard" / "broken.yaml"
    bad.write_text("section: s1_overview\nexpect: [\n", encoding="utf-8")
    assert main(["eval", "--cases", str(small_cases)]) == 2
    err = capsys.readouterr().err
    assert "评测无法运行" in err and "broken.yaml" in err and "Traceback" not in err


def test_missing_baseline_exits_2(capsys, no_key, small_cases, tmp_path):
    assert main(["eval", "--cases", str(small_cases), "--baseline", str(tmp_path / "none.json")]) == 2
    assert "基线文件无法读取" in capsys.readouterr().err


def test_live_run_is_skipped_without_a_key(capsys, no_key, tmp_path):
    assert main(["eval", "--backend", "openai", "--reports", str(tmp_path / "reports")]) == 0
    err = capsys.readouterr().err
    assert "未设置模型接口密钥（OPENAI_API_KEY）" in err and "已跳过在线评测" in err
    assert not (tmp_path / "reports").exists()


def test_live_run_against_a_local_endpoint_writes_a_dated_report(
    capsys, no_key, monkeypatch, small_cases, tmp_path
):
    reports = tmp_path / "reports"
    with MockOpenAI(lambda body: "本年度政府信息公开工作总体平稳有序，各项工作按计划推进。") as mock:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-local-test")
        monkeypatch.setenv("OPENAI_BASE_URL", mock.base_url)
        monkeypatch.setenv("ASSISTANT_MODEL", "mock-model")
        monkeypatch.setenv("ASSISTANT_LLM_MAX_RETRIES", "0")
        code = main(
            ["eval", "--backend", "openai", "--cases", str(small_cases), "--reports", str(reports), "--json"]
        )
    data = json.loads(capsys.readouterr().out)
    assert code == 1 and data["backend"] == "openai" and data["model"] == "mock-model"
    assert "topic_coverage" in {v["metric"] for v in data["violations"]}  # a one-line answer misses topics
    stem = f"{date.today():%Y-%m-%d}-openai-mock-model"
    assert data["report"] == str(reports / f"{stem}.md")
    assert json.loads((reports / f"{stem}.json").read_text(encoding="utf-8"))["backend"] == "openai"
    assert "评测报告" in (reports / f"{stem}.md").read_text(encoding="utf-8")
    assert len(mock.requests) > 12  # the drafts, the injection case and the intake messages went live
