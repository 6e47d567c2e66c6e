"""Eval case files: the shipped ones load; unusable ones are refused with a Chinese message naming
the file; a case whose edit no longer applies is reported as a miss, not a crash."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from assistant.evals import EvalCaseError, load_suite
from assistant.evals.adversarial import evaluate_guard
from assistant.evals.case_types import KINDS


def write(root: Path, kind: str, name: str, text: str) -> Path:
    (root / kind).mkdir(parents=True, exist_ok=True)
    path = root / kind / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_cases_load_with_defaults_and_overrides():
    suite = load_suite()
    ids = [c.id for kind in KINDS for c in getattr(suite, kind)]
    assert len(ids) == len(set(ids)) == suite.count()
    fee = next(c for c in suite.drafts if c.id == "fee_collected_inline")
    assert "800元" in fee.facts.narrative["other"] and fee.previous is not None
    assert fee.topics["s6_other"] == (("信息处理费",),)  # from drafts/_defaults.yaml
    first = next(c for c in suite.drafts if c.id == "hezhuzhen_2022_first")
    assert first.previous is None and not first.follow_up
    fees = next(c for c in suite.intake if c.id == "intake-fee-amount")
    assert fees.expected == {"active.art20_8.admin_fees.amount_wan_yuan": Decimal("12.6")}


def test_inline_facts(tmp_path):
    write(
        tmp_path,
        "drafts",
        "inline.yaml",
        "facts: {agency: 某县某局, year: 2024, missing: zero}\nfee: [信息处理费]\n",
    )
    (case,) = load_suite(tmp_path).drafts
    assert (
        case.facts.agency == "某县某局" and case.facts.number("applications.new_received.natural_person") == 0
    )


@pytest.mark.parametrize(
    ("kind", "text", "words"),
    [
        ("guard", "section: s1_overview\nexpect: [\n", "不是有效的 YAML/JSON"),
        ("guard", "facts: linlan_shengtaihuanjingju_2023\nsection: s9\nexpect: []\n", "未知的章节“s9”"),
        ("guard", "facts: linlan_shengtaihuanjingju_2023\nsection: s1_overview\n", "缺少 expect"),
        ("intake", "message: 收到3件\nexpected: {applications.nope: 3}\n", "不是表格单元格"),
        ("intake", "expected: {}\n", "缺少 message"),
        ("drafts", "facts: no_such_report\n", "文件不存在"),
        (
            "injection",
            "facts: qingwu_xianzhengfuban_2024\nsection: s6_other\ntrigger: x\nmode: shout\n",
            "mode 只能是",
        ),
        ("retrieval", "cases: []\n", "非空的用例列表"),
    ],
)
def test_unusable_case_files_are_refused_by_name(tmp_path, kind, text, words):
    path = write(tmp_path, kind, "bad.yaml", text)
    with pytest.raises(EvalCaseError) as e:
        load_suite(tmp_path)
    assert words in str(e.value) and ("bad.yaml" in str(e.value) or "no_such_report" in str(e.value))
    assert path.exists()


def test_duplicate_ids_and_empty_folders(tmp_path):
    with pytest.raises(EvalCaseError, match="目录不存在"):
        load_suite(tmp_path / "missing")
    (tmp_path / "guard").mkdir()
    with pytest.raises(EvalCaseError, match="没有找到评测用例"):
        load_suite(tmp_path)
    write(tmp_path, "intake", "a.yaml", "cases: [{id: x, message: 收到3件}]\n")
    write(tmp_path, "intake", "b.yaml", "cases: [{id: x, message: 收到4件}]\n")
    with pytest.raises(EvalCaseError, match="用例编号“x”"):
        load_suite(tmp_path)


def test_an_edit_that_no_longer_applies_is_a_miss(tmp_path):
    write(
        tmp_path, "guard", "stale.yaml",
        "facts: linlan_shengtaihuanjingju_2023\nsection: s1_overview\nreplace: [[没有这句话, 别的]]\nexpect: [UNBOUND_NUMBER]\n",
    )  # fmt: skip
    part = evaluate_guard(load_suite(tmp_path).guard)
    assert part.metrics[0].value == 0.0 and "用例无法使用" in part.failures[0].detail
