"""Re-check after the fix, levels (parent vs children), years comparison, coverage."""

from __future__ import annotations

from docx import Document

from assistant.audit import check_paths
from assistant.cli import main
from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.desk.coverage import coverage, read_expected
from assistant.desk.levels import LEVEL_MISSING, LEVEL_SUM, check_levels
from assistant.desk.recheck import FIXED, NEW, STILL, recheck
from assistant.desk.years import build
from assistant.desk.yearsdoc import render_html
from tests.test_desk_support import ROOT, planted_yaml, render

REPORTS = ROOT / "corpus" / "reports"


def test_recheck_fixed_still_and_new(tmp_path):
    before = render(planted_yaml(tmp_path), tmp_path / "before.docx")
    fixed = planted_yaml(tmp_path, extra={"review.total": 4, "review.upheld": 1, "applications.carried_to_next.total": 20},
                         out_name="after.yaml")  # fmt: skip
    after = render(fixed, tmp_path / "after.html")
    [rc], notes = recheck(check_paths([before]), check_paths([after]))
    assert notes == []
    by_state = {s: [c.finding.rule for c in rc.changes if c.state == s] for s in (FIXED, STILL, NEW)}
    assert sorted(by_state[FIXED]) == ["T2_ROW_TOTAL", "TEXT_TABLE_MISMATCH"]  # 本年新收 total corrected
    # the balance is broken again (by the new 结转下年度 total): the same rule on the same cells, still there
    assert sorted(by_state[STILL]) == ["T2_STATED_BALANCE", "T3_REVIEW_TOTAL", "TEXT_TABLE_MISMATCH"]
    new = [c.finding for c in rc.changes if c.state == NEW]
    assert sorted(f.rule for f in new) == ["T2_ROW_TOTAL", "TEXT_TABLE_MISMATCH"]
    assert all(f.cells[0] == "applications.carried_to_next.total" for f in new)
    still = next(c for c in rc.changes if c.state == STILL and c.finding.rule == "T3_REVIEW_TOTAL")
    assert "5 → 4" in still.describe()


def test_recheck_says_back_reports_without_a_counterpart(tmp_path, capsys):
    a = planted_yaml(tmp_path)
    other = REPORTS / "qingwu_hezhuzhen_2023.docx"
    code = main(["desk", "recheck", "--before", str(a), "--after", str(other)])
    out = capsys.readouterr().out
    assert code == 0 and "没有整改前的报告可比对" in out and "没有收到整改后的报告" in out


def _facts(agency: str, cells: dict) -> ReportFacts:
    return ReportFacts(agency, 2023, spec.FORMAT_2021, cells)


def test_level_sum_names_the_cells_and_the_difference():
    kids = [_facts("甲镇", {"applications.new_received.natural_person": 3, "review.upheld": 1}),
            _facts("乙局", {"applications.new_received.natural_person": 4})]  # fmt: skip
    parent = _facts("某县人民政府", {"applications.new_received.natural_person": 9, "review.upheld": 1})
    lc = check_levels(parent, kids, expected=["甲镇", "乙局", "丙街道"])
    sums = [f for f in lc.findings if f.rule == LEVEL_SUM]
    assert len(sums) == 1 and sums[0].severity == "warning"
    assert sums[0].cells == ("applications.new_received.natural_person",)
    assert (sums[0].reported, sums[0].computed) == (9, 7) and "相差 +2" in sums[0].message
    assert "自然人" in sums[0].message
    [missing] = [f for f in lc.findings if f.rule == LEVEL_MISSING]
    assert "丙街道" in missing.message and lc.compared == 2


def test_levels_cli_on_real_reports(tmp_path, capsys):
    names = tmp_path / "下级.csv"
    names.write_text("单位名称\n青梧县禾渚镇人民政府\n青梧县自然资源局\n青梧县教育局\n", encoding="utf-8-sig")
    parent = REPORTS / "qingwu_xianzhengfuban_2023.html"
    kids = [REPORTS / "qingwu_hezhuzhen_2023.docx", REPORTS / "qingwu_ziranziyuanju_2023.md"]
    assert main(["desk", "levels", str(parent), *map(str, kids), "--expected", str(names)]) == 0
    out = capsys.readouterr().out
    assert "本级填报 25，所属2个单位合计 63，相差 -38" in out  # 一、本年新收 / 总计: 25 vs 0 + 63
    assert "青梧县教育局" in out and "地方口径" in out


def test_years_report_deltas_repetition_problems_rollforward(tmp_path):
    files = sorted(REPORTS.glob("qingwu_ziranziyuanju_*"))
    yr = build(check_paths(files))
    assert yr.years == (2022, 2023, 2024) and len(yr.pairs) == 2
    p = yr.pairs[0]
    assert abs(p.deltas[0].change) >= abs(p.deltas[-1].change)
    assert p.deltas[0].label.endswith("行政许可 / 本年处理决定数量") and p.deltas[0].change == -23
    assert any(label == "全文" for label, _, _ in p.repetition)
    answered = dict(p.problems)
    assert any("征地" in k and "补偿安置方案公开滞后的问题得到纠正" in v for k, v in answered.items())
    assert "11 + 本年制发 1 − 本年废止 3 = 9" in p.rollforward and "一致" in p.rollforward
    html = render_html(yr)
    assert "<table>" in html and "2023年 → 2024年" in html
    out = tmp_path / "y.docx"
    assert main(["desk", "years", *map(str, files), "-o", str(out)]) == 0
    assert len(Document(str(out)).tables) == 6


def test_years_refuses_two_bodies(tmp_path, capsys):
    files = [REPORTS / "qingwu_ziranziyuanju_2022.txt", REPORTS / "qingwu_hezhuzhen_2023.docx"]
    assert main(["desk", "years", *map(str, files), "-o", str(tmp_path / "y.html")]) == 2
    assert "只能针对同一机关" in capsys.readouterr().err


def test_coverage_missing_empty_and_2019_form(tmp_path):
    names = tmp_path / "名单.csv"
    names.write_bytes(
        "机关\n青梧县自然资源局\n青梧县禾渚镇人民政府\n青梧县教育局\n空白局\n旧表局\n".encode("gb18030")
    )
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.md").write_bytes((REPORTS / "qingwu_ziranziyuanju_2023.md").read_bytes())
    (d / "b.docx").write_bytes((REPORTS / "qingwu_hezhuzhen_2023.docx").read_bytes())
    (d / "empty.yaml").write_text("agency: 空白局\nyear: 2023\nmissing: zero\ncells: {}\n", encoding="utf-8")
    (d / "old.yaml").write_text("agency: 旧表局\nyear: 2023\nformat: '2019'\nmissing: zero\n"
                                "cells: {applications.new_received.natural_person: 2}\n", encoding="utf-8")  # fmt: skip
    cov = coverage(read_expected(names), check_paths([d]))
    assert cov.missing == ["青梧县教育局"]
    assert [x.split("（")[0] for x in cov.empty] == ["空白局"]
    assert [x.split("（")[0] for x in cov.old_form] == ["旧表局"]
    assert cov.unexpected == [] and len(cov.found) == 4
