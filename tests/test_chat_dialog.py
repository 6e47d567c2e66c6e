"""Chat-level intake behaviour driven through the chat handler: where a saved value came from, last
year's report of another body, balance after each save, every clause accounted for."""

from __future__ import annotations

from pathlib import Path

from assistant.app import chat_uploads, tables
from tests.factories import last_year_file, say

FILES = Path(__file__).resolve().parents[1] / "evals" / "cases" / "conversations" / "files"
NEW = "applications.new_received"


def test_a_total_said_in_the_chat_is_shown_as_from_the_chat_not_typed(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年新收申请23件，自然人20件，企业3件", "确认")
    v = tables.view(ws, rid)
    where = dict((k, w) for w, k in v.typed)
    assert f"{NEW}.total" in where, v.typed
    assert "对话中给出" in where[f"{NEW}.total"] and "手工填报" not in where[f"{NEW}.total"]
    assert "对话中给出 1 个" in v.summary and "手工填报" not in v.summary


def test_a_total_typed_in_the_grid_after_the_chat_is_typed(ws):
    from tests.factories import grid_position

    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年新收申请23件，自然人20件，企业3件", "确认")
    v, errors, note = tables.edit_cell(ws, rid, 2, grid_position(f"{NEW}.total", 2), "24")
    assert not errors and "23 → 24" in note
    where = dict((k, w) for w, k in v.typed)
    assert "统计表中手工填报" in where[f"{NEW}.total"]
    v, msg = tables.compute_totals(ws, rid, [w for w, _ in v.typed])  # the choices as the page sends them
    assert "1 个合计" in msg and v.typed == []


def test_a_ledger_total_is_shown_as_from_the_ledger(ws):
    rid = ws.start("某县商务局", 2024, "县级部门")
    chat_uploads.ledger(ws, rid, FILES / "ledger_qingwu_shangwu_2024.csv")
    say(ws, rid, "确认")
    v = tables.view(ws, rid)
    assert v.typed and all("台账计算" in w for w, _ in v.typed)


def test_a_derived_total_is_not_listed_as_given(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    say(ws, rid, "今年新收申请，自然人20件，企业3件", "确认")
    assert f"{NEW}.total" not in dict((k, w) for w, k in tables.view(ws, rid).typed)
    assert f"{NEW}.total" not in ws.row(rid).state["cells"]


def _upload_previous(ws, rid, path) -> str:
    return chat_uploads.previous(ws, rid, path).history[-1]["content"]


def test_last_year_of_another_county_is_refused_plainly_without_an_offer(ws, tmp_path):
    from assistant.app import session

    rid = ws.start("青梧县林业局", 2024, "县级部门")
    reply = _upload_previous(ws, rid, last_year_file(tmp_path, "临澜县林业局"))
    assert "机关不一致" in reply and "临澜县 与 青梧县" in reply
    assert "确认为同一机关" not in reply and "仍然采用" not in reply
    assert not session.has_offer(ws, rid) and session.offer_label(ws, rid) == ""
    assert ws.previous(rid) is None
    assert "applications.carried_over_from_prev.natural_person" not in ws.facts(rid).cells
    assert "确认为同一机关" not in session.header(ws, rid)


def test_last_year_of_another_department_is_said_so_and_only_a_warned_use_is_offered(ws, tmp_path):
    from assistant.app import session

    rid = ws.start("青梧县林业局", 2024, "县级部门")
    reply = _upload_previous(ws, rid, last_year_file(tmp_path, "青梧县教育局"))
    assert "另一个部门" in reply and "确认为同一机关" not in reply
    assert session.offer_label(ws, rid) == "仍然采用（仅限机构更名或合并）"
    assert "另一个部门" in session.header(ws, rid)
    notes = ws.confirm_previous(rid)
    assert "注意" in notes[0] and "青梧县教育局" in notes[0]
    assert ws.previous(rid).agency == "青梧县教育局"


def test_a_renamed_body_is_still_offered_as_the_same_body(ws, tmp_path):
    from assistant.app import session

    rid = ws.start("青梧区林业和草原局", 2024, "县级部门")  # 撤县设区 and 机构改革: the same body
    reply = _upload_previous(ws, rid, last_year_file(tmp_path, "青梧县林业局"))
    assert "名称写法不同" in reply
    assert session.offer_label(ws, rid) == "确认为同一机关并采用"
    notes = ws.confirm_previous(rid)
    assert not any("注意" in n for n in notes)


def test_a_variant_of_the_same_name_is_used_at_once(ws, tmp_path):
    rid = ws.start("青梧县人民政府办公室", 2024, "县级政府办公室")
    reply = _upload_previous(ws, rid, last_year_file(tmp_path, "青梧县政府办"))
    assert reply.startswith("已读取上年年报") and ws.previous(rid) is not None


def test_name_relations():
    from assistant.core.agency import OTHER_BODY, OTHER_PLACE, SAME, VARIANT, relation

    assert relation("临澜市青梧县林业局", "青梧县林业局") == SAME
    assert relation("青梧县国土资源局", "青梧县自然资源局") == VARIANT
    assert relation("青梧县卫生和计划生育委员会", "青梧县卫生健康委员会") == VARIANT
    assert relation("青梧县市场监督管理局", "青梧县市场监管局") == VARIANT
    assert relation("青梧县财政局", "青梧县教育局") == OTHER_BODY
    assert relation("青梧县住房和城乡建设局", "青梧县乡村振兴局") == OTHER_BODY  # 城乡/乡村 are no 乡
    assert relation("青梧县人民政府办公室", "临澜县政府办") == OTHER_PLACE
    assert relation("青梧县自然资源局", "青梧县禾渚镇人民政府") == OTHER_PLACE
