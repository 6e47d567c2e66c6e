"""`assistant draft`: files written, notes and findings shown, exit codes, no tracebacks."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from assistant.cli import main
from assistant.core.facts import ReportFacts
from assistant.facts_io import dump_facts_yaml, facts_to_mapping
from tests.test_drafting_support import PREVIOUS_S5, make_facts, make_previous


@pytest.fixture()
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))
    facts = tmp_path / "2024.yaml"
    facts.write_text(dump_facts_yaml(make_facts()), encoding="utf-8")
    prev = make_previous()
    prev_doc = facts_to_mapping(ReportFacts(prev.agency, prev.year, prev.format, prev.cells)) | {
        "sections": {"s5_problems": PREVIOUS_S5}
    }
    previous = tmp_path / "2023.yaml"
    previous.write_text(yaml.safe_dump(prev_doc, allow_unicode=True), encoding="utf-8")
    return facts, previous


def test_draft_to_markdown_offline(files, tmp_path, capsys):
    facts, previous = files
    out = tmp_path / "out" / "report.md"
    code = main(["draft", str(facts), "--previous", str(previous), "-o", str(out), "--no-corpus"])
    printed = capsys.readouterr().out
    assert code == 0
    assert printed.count("未设置模型接口密钥（OPENAI_API_KEY），使用离线起草") == 1
    assert f"已写入：{out}" in printed and "【一、总体情况】离线起草，核查未发现问题" in printed
    text = out.read_text(encoding="utf-8")
    for heading in (
        "一、总体情况",
        "二、主动公开政府信息情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ):
        assert heading in text
    assert "新收政府信息公开申请52件" in text and "针对上年度报告指出的" in text
    assert main(["check", str(out), "--previous", str(previous)]) == 0  # the written report reads back clean


def test_draft_docx_and_json(files, tmp_path, capsys):
    facts, _ = files
    out = tmp_path / "report.docx"
    assert main(["draft", str(facts), "-o", str(out), "--json", "--backend", "offline", "--no-corpus"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert out.stat().st_size > 5000 and data["output"] == str(out)
    s1 = next(s for s in data["sections"] if s["key"] == "s1_overview")
    assert any(b["key"] == "applications.new_received.total" for s in s1["sentences"] for b in s["bindings"])
    assert "已写入" in captured.err  # messages go to stderr when stdout is JSON


def test_without_output_prints_the_report(files, capsys):
    facts, _ = files
    assert main(["draft", str(facts), "--no-corpus"]) == 0
    out = capsys.readouterr().out
    assert "测试县交通运输局2024年政府信息公开工作年度报告" in out and "本年度新收政府信息公开申请52件" in out


def test_table_errors_are_shown_first_and_drafting_still_runs(tmp_path, files, capsys):
    bad = tmp_path / "bad.yaml"
    doc = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    doc["cells"]["applications.new_received.total"] = 60  # the row sums to 52
    bad.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    code = main(["draft", str(bad), "-o", str(tmp_path / "bad.md"), "--no-corpus"])
    out = capsys.readouterr().out
    assert code == 1
    assert out.index("表格核对发现错误") < out.index("【一、总体情况】")
    assert "各分项合计应为 52" in out and (tmp_path / "bad.md").exists()
    assert not re.search(
        r"\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b", out.replace("OPENAI_API_KEY", "")
    )  # ids: --json


def test_empty_corpus_is_said(files, capsys):
    assert main(["draft", str(files[0])]) == 0
    assert "未使用范文" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["draft", "missing.yaml"], "文件不存在"),
        (["draft", "{facts}", "--previous", "nope.yaml"], "上年报告无法使用"),
        (["draft", "{facts}", "-o", "out.pdf", "--no-corpus"], "不支持导出"),
    ],
)
def test_bad_input_exits_2_without_traceback(files, capsys, args, message):
    code = main([a.replace("{facts}", str(files[0])) for a in args])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
