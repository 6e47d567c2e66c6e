"""The conversations eval kind: case files, the chat driven turn by turn, the scoring."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evals import EvalCaseError, load_suite
from assistant.evals.conversations import evaluate_conversations, run_conversation
from assistant.evals.scripted import ScriptedIntakeChat


def _write(root: Path, name: str, text: str) -> Path:
    folder = root / "conversations"
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


CASE = """agency: 某县林业局
year: 2024
level: 县级部门
turns:
  - 今年新收申请8件，其中自然人6件，企业2件
  - 确认
  - 平台建设方面，今年完成了门户网站改版
  - 确认
expected:
  cells: {applications.new_received.natural_person: 6, applications.new_received.total: 8}
  unset: [applications.carried_to_next.total]
  narrative: {platform: [门户网站改版]}
  misplaced: {on_request: [门户网站]}
"""


def test_a_conversation_is_driven_through_the_chat_and_scored(tmp_path):
    _write(tmp_path, "c1.yaml", CASE)
    suite = load_suite(tmp_path)
    (case,) = suite.conversations
    assert case.id == "c1" and len(case.turns) == 4 and case.level == "县级部门"
    outcome, history = run_conversation(case)
    assert outcome.exact, outcome.misses
    assert outcome.cells_right == outcome.cells_listed == 2
    assert outcome.phrases_right == outcome.phrases_listed == 2
    assert [m["role"] for m in history[:3]] == ["assistant", "user", "assistant"]


def test_a_wrong_expectation_fails_and_names_the_cell(tmp_path):
    _write(tmp_path, "c1.yaml", CASE.replace("natural_person: 6", "natural_person: 7"))
    part = evaluate_conversations(load_suite(tmp_path).conversations)
    values = {m.key: m for m in part.metrics}
    assert values["conversations_exact"].value == 0.0
    assert values["conversation_cells"].detail == "1/2"
    assert "应为7，实际6" in part.failures[0].detail


def test_never_confirmed_means_nothing_stored(tmp_path):
    _write(tmp_path, "c1.yaml", CASE.replace("  - 确认\n", "  - 取消\n"))
    outcome, _ = run_conversation(load_suite(tmp_path).conversations[0])
    assert not outcome.exact and outcome.cells_right == 0


def test_the_scripted_chat_model_path_is_measured_too(tmp_path):
    _write(tmp_path, "c1.yaml", CASE)
    part = evaluate_conversations(load_suite(tmp_path).conversations, scripted=ScriptedIntakeChat)
    assert {m.key for m in part.metrics} >= {"conversations_scripted_exact"}
    model = ScriptedIntakeChat()
    run_conversation(load_suite(tmp_path).conversations[0], model)
    assert model.calls >= 2  # the chat asked the model, not only the rules


def test_uploads_are_relative_to_the_case_file(tmp_path):
    folder = tmp_path / "conversations"
    folder.mkdir()
    (folder / "t.csv").write_text(
        "申请人类型,收到日期,办理结果,办结日期\n自然人,2024-01-05,予以公开,2024-01-20\n", encoding="utf-8"
    )
    _write(tmp_path, "c1.yaml", "agency: 某县林业局\nyear: 2024\nturns:\n  - {ledger: t.csv}\n  - 确认\n"
           "expected:\n  cells: {applications.results.granted.natural_person: 1}\n")  # fmt: skip
    outcome, _ = run_conversation(load_suite(tmp_path).conversations[0])
    assert outcome.exact, outcome.misses


@pytest.mark.parametrize(
    "text, message",
    [
        ("agency: 某局\nyear: 2024\nexpected: {}\n", "缺少 turns"),
        ("agency: 某局\nyear: 2024\nturns: [{ledger: nope.csv}]\n", "不存在"),
        ("agency: 某局\nyear: 2024\nturns: [a]\nexpected: {cells: {nope.key: 1}}\n", "不是表格单元格"),
        ("agency: 某局\nyear: 2024\nturns: [a]\nexpected: {narrative: {nope: [x]}}\n", "不是文字栏目"),
        ("agency: 某局\nyear: 二〇二四\nturns: [a]\n", "year 应是年份"),
    ],
)
def test_bad_case_files_name_the_file(tmp_path, text, message):
    _write(tmp_path, "bad.yaml", text)
    with pytest.raises(EvalCaseError) as e:
        load_suite(tmp_path)
    assert "bad.yaml" in str(e.value) and message in str(e.value)
