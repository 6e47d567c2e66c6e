"""Last year's figures and carry-over answers in the chat (issue 11 item 6, task t2walk): a paragraph of
last year's report pasted, last year's report quoted then corrected, what became of the carried
applications, where one type's applications came from, two types with one outcome, 「剩下的都是个人」 after
the types of several rows were asked, a corrected prefill not asked again."""

from __future__ import annotations

from assistant.intake import extract
from assistant.intake.last_year import set_aside
from assistant.intake.model import ExtractionContext
from tests.factories import say

_A = "applications."


def _cells(message: str, cells: dict | None = None, topic: str | None = None) -> dict:
    ex = extract(message, ExtractionContext("2021", topic, cells or {}))
    return {p.key: p.value for p in ex.proposals}


def test_a_sentence_opening_with_an_earlier_year_is_set_aside_whole():
    text = "2024年，我局主动公开信息856条；全年收到申请5件，均予以公开；未发生行政复议。今年的：许可64件"
    kept, notes = set_aside(text, 2025)
    assert kept == "今年的：许可64件"
    assert len(notes) == 1 and "2024年的情况" in notes[0] and "均予以公开" in notes[0]
    assert set_aside("2024年12月收到1件，今年1月答复了", 2025) == ("2024年12月收到1件，今年1月答复了", [])
    assert set_aside("2025年，我局主动公开信息90条", 2025)[1] == []


def test_last_years_paragraph_pasted_in_the_chat_files_no_number(ws):
    rid = ws.start("某县应急管理局", 2025, "县级部门")
    reply = say(ws, rid, "2024年，我局全年收到政府信息公开申请5件，均予以公开；未发生行政复议和行政诉讼。")
    assert "2024年的情况" in reply and "没能理解" not in reply
    assert not (ws.row(rid).state.get("pending") or {}).get("cells")


def test_last_years_report_quoted_then_said_wrong_keeps_the_actual_figures():
    text = (
        "去年报告写的结转到今年是4件，3件个人1件企业。其实个人的有1件去年12月底就答复了，"
        "报告写错了，今年实际转过来的是个人2件、企业1件"
    )
    kept, notes = set_aside(text, 2025)
    assert kept.startswith("其实") and "上年年报里的数字" in notes[0]
    cells = _cells(kept)
    assert cells[_A + "carried_over_from_prev.natural_person"] == 2
    assert cells[_A + "carried_over_from_prev.commercial_enterprise"] == 1
    assert not any(k.startswith(_A + "results.") for k in cells)  # 「去年12月底就答复了」 is last year's
    adopted = "去年报告写的结转1件是对的。后来又收了2件"
    assert set_aside(adopted, 2025) == (adopted, [])  # adopting the report is no quote to set aside


def test_what_became_of_the_carried_applications_is_no_result_row():
    ex = extract("去年转过来的那2件，都是个人的，今年都办完了，都公开了", ExtractionContext("2021"))
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[_A + "carried_over_from_prev.natural_person"] == 2
    assert not any(k.startswith(_A + "results.") for k in cells)
    note = next(n for n in ex.notes if "上年结转的2件" in n)
    assert "今年都办完了" in note and "都公开了" in note  # said back once, both clauses


def test_where_one_types_applications_came_from_is_no_carry_over():
    text = "予以公开14件，其中企业的4件，就是今年3件加去年转过来那1件"
    kept, notes = set_aside(text, 2025)
    assert kept == "予以公开14件，其中企业的4件" and "这4件中" in notes[0]
    assert _cells(kept)[_A + "results.granted.commercial_enterprise"] == 4
    whole = "共办理7件，就是新收6件加上年结转1件"  # rows of the table, not one type's origin
    assert set_aside(whole, 2025) == (whole, [])


def test_still_in_hand_is_carried_to_next_year():
    cells = _cells("个人的在办的还有1件，转到明年")
    assert cells[_A + "carried_to_next.natural_person"] == 1


def test_two_types_with_one_outcome_each_get_it():
    known = {_A + "results.granted.total": 10}
    cells = _cells("企业的2件和慈善协会那件都公开了", known)
    assert cells[_A + "results.granted.commercial_enterprise"] == 2
    assert cells[_A + "results.granted.social_welfare_org"] == 1


def test_the_rest_after_the_types_of_several_rows_were_asked_goes_to_every_row(ws):
    rid = ws.start("某县医疗保障局", 2024, "县级部门")
    say(ws, rid, "今年新收15件，企业2件，还有1件是县慈善协会申请的，算社会公益组织，其他都是个人", "确认")
    say(ws, rid, "上年结转没有", "确认")
    reply = say(ws, rid, "予以公开10件，部分公开2件，本机关不掌握2件，还有1件年底没办完")
    assert "未说明申请人类型" in reply
    say(ws, rid, "企业的2件和慈善协会那件都公开了，剩下的都是个人", "确认")
    cells = ws.facts(rid).cells
    assert cells[_A + "results.granted.natural_person"] == 7
    assert cells[_A + "results.partially_granted.natural_person"] == 2
    assert cells[_A + "results.unable.not_held.natural_person"] == 2
    assert cells[_A + "carried_to_next.natural_person"] == 1


def test_a_corrected_prefill_is_shown_old_to_new_and_not_asked_again(ws, tmp_path):
    p = tmp_path / "上年.yaml"
    p.write_text(
        "agency: 某县人社局\nyear: 2024\ncells:\n"
        "  applications.carried_to_next.natural_person: 3\n"
        "  applications.carried_to_next.commercial_enterprise: 1\n",
        encoding="utf-8",
    )
    rid = ws.start("某县人社局", 2025, "县级部门")
    ws.attach_previous(rid, p)
    reply = say(ws, rid, "其实个人的有1件去年12月底就答复了，今年实际转过来的是个人2件、企业1件")
    assert "3 → 2（上年年报预填的数值将被替换）" in reply
    reply = say(ws, rid, "确认")
    assert ws.facts(rid).cells[_A + "carried_over_from_prev.natural_person"] == 2
    assert "上年报告“四、结转下年度继续办理”为 3" not in reply
    reply = say(ws, rid, "今年新收申请19件，其中企业3件，剩下都是个人", "确认")
    assert "上年报告“四、结转下年度继续办理”为 3" not in reply


def _with_prefill(ws, tmp_path):
    p = tmp_path / "上年.yaml"
    p.write_text(
        "agency: 某县局\nyear: 2024\nmissing: zero\ncells:\n  applications.carried_to_next.natural_person: 1\n",
        encoding="utf-8",
    )
    rid = ws.start("某县局", 2025, "县级部门")
    ws.attach_previous(rid, p)
    return rid


def test_yes_and_that_one_was_answered_this_year_confirms_the_prefilled_carry_over(ws, tmp_path):
    rid = _with_prefill(ws, tmp_path)
    reply = say(ws, rid, "今年新收5件，都是个人", "确认")
    assert "预填为1件" in reply
    reply = say(ws, rid, "对的，那件今年一月份就答复了")
    assert "已确认" in reply and "那件今年一月份就答复了" in reply and "没能理解" not in reply
    state = ws.row(rid).state
    assert not state.get("prefilled") and not ws.facts(rid).narrative.get("on_request")
    assert ws.facts(rid).cells[_A + "carried_over_from_prev.natural_person"] == 1
    assert not any(k.startswith(_A + "results.") for k in ws.facts(rid).cells)


def test_received_in_late_december_and_still_open_is_carried_to_next_year(ws, tmp_path):
    kept, notes = set_aside("还有1件12月底才收到，还没办完", 2025)
    assert kept == "还有1件还没办完" and "12月底才收到" in notes[0]
    rid = _with_prefill(ws, tmp_path)
    say(ws, rid, "今年新收5件，都是个人", "确认", "对的，那件今年一月份就答复了", "予以公开5件", "确认")
    reply = say(ws, rid, "还有1件12月底才收到，还没办完")
    assert "没能理解" not in reply and "本年新收共1件" not in reply
    say(ws, rid, "确认")
    assert ws.facts(rid).cells[_A + "carried_to_next.natural_person"] == 1
    assert ws.facts(rid).cells[_A + "new_received.total"] == 5


def test_a_carry_named_by_its_year_and_the_sum_in_hand():
    text = "全年共收到申请6件，均为自然人申请，加上2022年结转的1件，共办理7件：予以公开4件，年底还有1件没办完，结转到2024年继续办理"
    kept, notes = set_aside(text, 2023)
    assert "上年结转的1件" in kept and "结转到下一年" in kept and "共办理7件" not in kept
    assert any("共办理7件" in n and "之和" in n for n in notes)
    cells = _cells(kept)
    assert cells[_A + "carried_over_from_prev.total"] == 1
    assert cells[_A + "carried_to_next.total"] == 1
    assert cells[_A + "new_received.total"] == 6
    assert (
        set_aside("收到6件，加上上年结转的1件，共办理8件", 2023)[1] == []
    )  # not the sum: left to the reader


def test_that_carried_one_answers_the_carry_over_question():
    asked = _cells("对了，结转的那1件也是个人申请的", topic="carried_over")
    assert asked[_A + "carried_over_from_prev.natural_person"] == 1
    assert not any(k.startswith(_A + "carried_to_next") for k in asked)


def test_received_last_december_is_carried_over():
    cells = _cells("第一行那件是去年12月收到的，今年1月才答复")
    assert cells == {_A + "carried_over_from_prev.total": 1}


def test_one_types_outcomes_after_is():
    cells = _cells("企业的5件是公开3件、部分公开2件")
    assert cells[_A + "results.granted.commercial_enterprise"] == 3
    assert cells[_A + "results.partially_granted.commercial_enterprise"] == 2


def test_a_ledger_headed_category_and_handling_is_read(tmp_path):
    from assistant.intake import read_ledger

    p = tmp_path / "台账.csv"
    p.write_text(
        "编号,登记日期,申请人姓名/名称,类别,申请内容摘要,处理情况\n"
        "1,2024-12-23,黄某,居民,电梯补贴名单,已公开（2025-01-10答复）\n"
        "2,2025-02-14,某公司,企业,责任区划分,已公开\n"
        "3,2025-12-19,梁某,居民,预算明细,未办结\n",
        encoding="utf-8",
    )
    result = read_ledger(p, p.name, 2025)
    assert result.ok
    assert result.cells[_A + "carried_over_from_prev.natural_person"] == 1
    assert result.cells[_A + "new_received.commercial_enterprise"] == 1
    assert result.cells[_A + "carried_to_next.natural_person"] == 1


def test_a_confirm_instead_of_the_types_asked_leaves_the_next_message_to_the_dialogue():
    from assistant.intake.followup import after_confirm

    assert after_confirm({"topic": "results.breakdown", "groups": []}) is None
    kept = {"topic": "row:applications.results.granted", "groups": []}
    assert after_confirm(kept) == kept  # 「三百多件」 asked exactly is still answered after a 确认


def test_these_five_names_the_row_whose_total_is_five():
    known = {_A + "carried_to_next.total": 5, _A + "new_received.total": 15}
    cells = _cells("这5件里企业3件个人2件", known)
    assert cells[_A + "carried_to_next.commercial_enterprise"] == 3
    assert cells[_A + "carried_to_next.natural_person"] == 2
    two = {_A + "carried_to_next.total": 5, _A + "new_received.total": 5}
    assert not _cells("这5件里企业3件个人2件", two)  # which row is meant is not known: nothing guessed


def test_a_published_compilation_asked_for_is_a_publication():
    cells = _cells("还有1件是要我们提供出版的税收法规汇编")
    assert cells == {_A + "results.not_processed.publication.total": 1}


def test_results_of_the_one_applicant_type_stay_on_the_model_path(ws):
    from assistant.app import chat
    from assistant.evals.scripted import ScriptedIntakeChat

    rid = ws.start("某县河口镇人民政府", 2023, "乡镇")
    for t in (
        "全年共收到申请6件，均为自然人申请，加上2022年结转的1件，共办理7件：予以公开4件，部分公开1件，"
        "本机关不掌握相关政府信息1件，年底还有1件没办完",
        "确认",
        "对了，结转的那1件也是个人申请的",
        "确认",
    ):
        chat.turn(ws, rid, t, ScriptedIntakeChat())
    assert ws.facts(rid).cells[_A + "results.granted.natural_person"] == 4  # 4 is not in the message
