"""Store and workspace: users, isolation, autosave, sections, locking, versions, previous year."""

from __future__ import annotations

import pytest

from assistant.core import spec
from assistant.store import Store, StoreError
from assistant.workspace import Workspace, WorkspaceError, diff_text


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "db.sqlite3")
    yield s
    s.close()


def test_passwords_are_hashed_and_verified(store, tmp_path):
    store.add_user("zhang", "secret-123")
    raw = (tmp_path / "db.sqlite3").read_bytes()
    assert b"secret-123" not in raw
    assert store.verify("zhang", "secret-123")
    assert not store.verify("zhang", "wrong-pass")
    assert not store.verify("nobody", "secret-123")
    with pytest.raises(StoreError, match="已存在"):
        store.add_user("zhang", "another-1")
    with pytest.raises(StoreError, match="至少 8 位"):
        store.add_user("li", "short")


def test_each_user_sees_only_their_reports(store):
    a = Workspace(store, store.add_user("a", "password-a"))
    b = Workspace(store, store.add_user("b", "password-b"))
    rid = a.start("甲县甲局", 2024)
    assert [r.id for r in a.reports()] == [rid]
    assert b.reports() == []
    with pytest.raises(WorkspaceError, match="无权"):
        b.row(rid)
    with pytest.raises(WorkspaceError):
        b.save_section(rid, "s5_problems", "篡改")


def test_autosave_and_resume_after_restart(tmp_path):
    path = tmp_path / "db.sqlite3"
    s1 = Store(path)
    ws = Workspace(s1, s1.add_user("u", "password-1"))
    rid = ws.start("乙镇人民政府", "2024年", level="乡镇")
    ws.set_cells(rid, {"applications.new_received.natural_person": 3})
    ws.set_narrative(rid, "platform", "完成网站改版")
    ws.save_section(rid, "s5_problems", "问题一。")
    s1.close()
    s2 = Store(path)
    ws2 = Workspace(s2, s2.user_id("u"))
    assert ws2.resume() == rid
    facts = ws2.facts(rid)
    assert facts.year == 2024 and facts.cells["applications.new_received.natural_person"] == 3
    assert facts.narrative["platform"] == "完成网站改版"
    assert ws2.sections(rid)["s5_problems"].text == "问题一。"
    s2.close()


def test_lock_blocks_regeneration_but_not_editing(store):
    ws = Workspace(store, store.add_user("u", "password-1"))
    rid = ws.start("丙局", 2024)
    ws.save_section(rid, "s6_other", "初稿。", origin="generate")
    ws.lock(rid, "s6_other")
    with pytest.raises(WorkspaceError, match="锁定"):
        ws.save_section(rid, "s6_other", "新稿。", origin="regenerate")
    ws.save_section(rid, "s6_other", "人工修改。", origin="edit")
    assert ws.sections(rid)["s6_other"].text == "人工修改。"


def test_versions_diff_and_restore(store):
    ws = Workspace(store, store.add_user("u", "password-1"))
    rid = ws.start("丁局", 2024)
    ws.save_section(rid, "s6_other", "第一版。", origin="generate")
    ws.save_section(rid, "s6_other", "第一版。")  # unchanged: no new version
    ws.save_section(rid, "s6_other", "第二版。")
    versions = ws.history(rid, "s6_other")
    assert [v.text for v in versions] == ["第二版。", "第一版。"]
    assert "-第一版。" in diff_text(versions[1].text, versions[0].text)
    ws.restore(rid, versions[1].id)
    assert ws.sections(rid)["s6_other"].text == "第一版。"
    assert ws.history(rid, "s6_other")[0].origin == "restore"


def test_previous_report_prefills_carry_over(store, tmp_path):
    prev = tmp_path / "prev.yaml"
    prev.write_text(
        "agency: 戊局\nyear: 2023\nmissing: zero\ncells:\n"
        "  applications.new_received.natural_person: 4\n  applications.results.granted.natural_person: 2\n"
        "  applications.carried_to_next.natural_person: 2\n"
        "narrative:\n  problems: 信息更新不及时。\n",
        encoding="utf-8",
    )
    ws = Workspace(store, store.add_user("u", "password-1"))
    rid = ws.start("戊局", 2024, previous_path=prev)
    facts = ws.facts(rid)
    assert facts.cells["applications.carried_over_from_prev.natural_person"] == 2
    assert "信息更新不及时" in ws.previous_problems(rid)
    assert ws.previous(rid).year == 2023
    result = ws.check(rid)
    assert not [f for f in result.findings if f.rule == "T2_CROSS_YEAR_CARRY" and f.status == "fail"]


def test_bad_inputs_give_chinese_errors(store, tmp_path):
    ws = Workspace(store, store.add_user("u", "password-1"))
    with pytest.raises(WorkspaceError, match="机关名称"):
        ws.start(" ", 2024)
    with pytest.raises(WorkspaceError, match="年度"):
        ws.start("某局", "明年")
    rid = ws.start("某局", 2024)
    bad = tmp_path / "x.yaml"
    bad.write_text("agency: [", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="YAML"):
        ws.attach_previous(rid, bad)
    with pytest.raises(WorkspaceError, match="章节"):
        ws.save_section(rid, "s9", "x")


def test_to_report_has_filled_tables(store):
    ws = Workspace(store, store.add_user("u", "password-1"))
    rid = ws.start("己局", 2024)
    ws.set_cells(rid, {"review.upheld": 1, "review.corrected": 1, "review.other": 0, "review.pending": 0})
    report = ws.to_report(rid)
    assert report.cells["review.total"] == 2 and report.format == spec.FORMAT_2021


def test_previous_report_of_another_agency_or_year_is_refused(store):
    ws = Workspace(store, store.add_user("u", "password-1"))
    rid = ws.start("青梧县禾渚镇人民政府", 2024)
    root = __import__("pathlib").Path(__file__).resolve().parents[1] / "corpus" / "sources"
    with pytest.raises(WorkspaceError, match="不一致"):
        ws.attach_previous(rid, root / "linlan_shengtaihuanjingju_2023.yaml")
    with pytest.raises(WorkspaceError, match="不早于"):
        ws.attach_previous(rid, root / "qingwu_hezhuzhen_2024.yaml")
    assert ws.previous(rid) is None and ws.facts(rid).cells == {}
