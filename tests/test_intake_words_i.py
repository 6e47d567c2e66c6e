"""Clerks' phrasings from dev set F, session 15: the carry-over's outcomes told in their own message after
this year's results are added to them."""

from __future__ import annotations

from assistant.intake.accounting import unaccounted
from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext
from tests.factories import last_year_file, say

A = "applications."
R = f"{A}results."
# this year: 6 new from villagers, 4 granted, 1 withheld (过程性), 1 open at year end; carried over: 2
YEAR = {
    f"{A}new_received.total": 6,
    f"{A}new_received.natural_person": 6,
    f"{R}granted.total": 4,
    f"{R}granted.natural_person": 4,
    f"{R}withheld.process_info.total": 1,
    f"{R}withheld.process_info.natural_person": 1,
    f"{R}total.total": 6,  # derived earlier from a carry-over of 1, since corrected to 2
    f"{R}total.natural_person": 6,
    f"{A}carried_to_next.total": 1,
    f"{A}carried_to_next.natural_person": 1,
    f"{A}carried_over_from_prev.total": 2,
    f"{A}carried_over_from_prev.natural_person": 2,
}
TOLD = "这两件今年都处理完了，一件给了，另一件让他补正材料，他一直没补，过了期限就不再处理了"


def _read(msg: str, cells: dict):
    ex = extract_message(msg, ExtractionContext(cells=cells))
    return {p.key: p.value for p in ex.proposals}, ex


def test_the_carry_overs_outcomes_add_to_this_years_results():
    got, ex = _read(TOLD, YEAR)
    assert got[f"{R}granted.total"] == 5 and got[f"{R}granted.natural_person"] == 5
    assert got[f"{R}other.no_correction_overdue.total"] == 1
    assert got[f"{R}total.total"] == 7 and got[f"{R}total.natural_person"] == 7  # summed, not 6 + 2 nor 2
    granted = next(p for p in ex.proposals if p.key == f"{R}granted.total")
    assert "原4件" in granted.note  # the change is said
    assert unaccounted(TOLD, ex) == []  # 「这两件今年都处理完了」「另一件让他补正材料」 accounted for


def test_outcomes_replace_when_the_results_do_not_yet_account_for_the_new_ones():
    early = {k: v for k, v in YEAR.items() if "withheld" not in k}  # 4 + 1 open ≠ 6 new
    got, _ = _read(TOLD, early)
    assert got[f"{R}granted.total"] == 1  # read as said (the chat shows 4 → 1)


def test_a_count_that_is_not_the_carry_overs_is_no_carry_story():
    got, _ = _read("这三件都处理完了，一件给了", YEAR)
    assert got.get(f"{R}granted.total") != 5


def _prefilled(ws, tmp_path):
    rid = ws.start("某县卫健委", 2024, "县级部门")
    ws.attach_previous(rid, last_year_file(tmp_path, "某县卫健委"))  # 2 natural persons carried
    return rid


def test_the_carry_count_said_as_prefilled_confirms_the_prefills_types(ws, tmp_path):
    rid = _prefilled(ws, tmp_path)
    say(ws, rid, "今年收到申请9件，都是个人申请的", "确认")
    say(ws, rid, "给了6件，一件涉及个人隐私没给，一件我们这里没有，查无此信息", "还有一件现在还在办", "确认")
    reply = say(ws, rid, "去年转过来的两件今年都答复了，都公开了，这两件不算在上面的6件里")
    assert "没能确定" not in reply and "未说明申请人类型" not in reply  # the prefill's types are known
    say(ws, rid, "确认")
    cells = ws.facts(rid).cells
    assert cells[f"{A}carried_over_from_prev.natural_person"] == 2
    assert cells[f"{R}granted.natural_person"] == 8 and cells[f"{R}granted.total"] == 8
    assert cells[f"{A}carried_to_next.natural_person"] == 1  # the open one was a villager's, as all were
    assert not ws.row(rid).state.get("prefilled")
    assert "预填为" not in say(ws, rid, "复议诉讼没有")  # not asked again


def test_a_carry_count_other_than_the_prefill_leaves_the_prefill_to_be_asked(ws, tmp_path):
    rid = _prefilled(ws, tmp_path)
    say(ws, rid, "今年收到申请9件，都是个人申请的", "确认")
    reply = say(ws, rid, "去年转过来的三件今年都答复了")
    assert "与上年年报的“结转下年度”一致" not in reply
    assert ws.row(rid).state.get("prefilled")  # nothing confirmed yet: the prefill is still the question


def test_last_years_problems_followed_up_are_improvements_kept_whole():
    text = "去年报告说的问题，专业人员不足，今年新配了1名专职人员"
    ex = extract_message(text, ExtractionContext())
    assert [(n.key, n.text.rstrip("。")) for n in ex.narrative] == [("improvements", text)]
    msg = "今年的问题是部分卫生院公开栏信息更新不及时"
    ex = extract_message(msg, ExtractionContext())
    assert ex.narrative[0].key == "problems" and unaccounted(msg, ex) == []


def test_a_fee_said_with_jiushi_is_the_fee():
    for msg in ("罚款收的钱不算行政事业性收费吧？那收费就是0", "收费就是零"):
        got, _ = _read(msg, {})
        assert got == {"active.art20_8.admin_fees.amount_wan_yuan": 0}


def test_a_row_of_zero_is_not_asked_for_its_types():
    from assistant.intake import IntakeState, next_question, topic_keys

    cells = {f"{A}new_received.total": 4, f"{A}new_received.natural_person": 1}
    cells |= {f"{A}new_received.{c}": 0 for c in ("research_institution", "social_welfare_org")}
    cells |= {f"{A}new_received.commercial_enterprise": 3, f"{A}new_received.legal_service_org": 0}
    cells |= {f"{A}new_received.other_org": 0, f"{A}carried_over_from_prev.total": 0}
    cells |= {f"{R}granted.total": 4, f"{A}carried_to_next.total": 0}
    cells |= {
        k.replace("new_received", "results.granted"): v for k, v in cells.items() if ".new_received." in k
    }
    for topic in (
        "results.main",
        "results.withheld",
        "results.unable",
        "results.not_processed",
        "results.other",
    ):
        cells |= {k: 0 for k in topic_keys(topic) if k not in cells}
    cells |= {f"{A}carried_to_next.research_institution": 0}  # one type given, the row total 0
    q = next_question(IntakeState("某县应急管理局", "县级部门", 2025, cells=cells))
    assert q is None or ("0件中" not in q.text and "共0件" not in q.text)  # 「上年结转0件中，……各多少件？」


def test_review_cases_told_one_by_one_add_to_their_outcomes():
    cells: dict = {"review.total": 3}
    for msg, col in (
        ("第一个，村民对公路征地信息的答复不服，县政府复议维持了", "upheld"),
        ("第二个，复议机关认为我们答复不全面，责令重新答复，我们已经重新答复了", "corrected"),
        ("第三个是12月份才申请的，复议到现在还没出结果", "pending"),
    ):
        got, ex = _read(msg, cells)
        assert got == {f"review.{col}": 1}, msg
        assert unaccounted(msg, ex) == [] and not ex.narrative  # a case, not section text
        cells |= got
    got, ex = _read("第四个，复议维持了", cells)  # more than the 3 said: asked, not added
    assert got == {} and ex.questions


def test_a_suit_told_as_a_case_is_placed_by_how_it_reached_court():
    msg = "诉讼的话，第一个那个村民复议维持以后又去法院起诉了，法院一审驳回了"
    got, _ = _read(msg, {"review.total": 3, "review.upheld": 1})
    assert got == {"litigation_after_review.upheld": 1, "litigation_after_review.total": 1}
    got, _ = _read("第二个是公司没经过复议直接起诉的，还在审", {"litigation_after_review.total": 1})
    assert got == {"litigation_direct.pending": 1, "litigation_direct.total": 1}
    got, _ = _read("第一件是个人申请的，给了", {"review.total": 1, "review.upheld": 1})
    assert not any(k.startswith(("review", "litigation")) for k in got)  # an application, not a case


def test_not_held_in_everyday_words():
    got, _ = _read("还有一件他要的是公交公司的运营成本，我们没有，让他去找公交公司", {})
    assert got == {f"{R}unable.not_held.total": 1}  # the company is where to ask, no applicant type
    got, _ = _read("两件我们这没有", {})
    assert got == {f"{R}unable.not_held.total": 2}
    got, _ = _read("规章和规范性文件我们都没有", {})
    assert not any(k.startswith(A) for k in got)


def test_the_carry_overs_outcome_adds_to_a_row_given_by_types():
    cells = {
        f"{A}new_received.total": 23,
        f"{A}new_received.natural_person": 19,
        f"{A}new_received.commercial_enterprise": 1,
        f"{A}new_received.other_org": 3,
        f"{R}granted.other_org": 3,  # 「合作社那两件和村委会那件都公开了」
        f"{R}granted.natural_person": 13,  # 「村民的，公开了13件」: no 总计 said
        f"{R}partially_granted.natural_person": 2,
        f"{R}unable.needs_creation.commercial_enterprise": 1,
        f"{R}not_processed.petition_complaint.total": 2,
        f"{R}not_processed.duplicate.total": 1,
        f"{A}carried_to_next.natural_person": 1,
        f"{A}carried_to_next.total": 1,
        f"{A}carried_over_from_prev.natural_person": 1,  # last year's one was a villager's
    }
    got, ex = _read("去年转过来的那一件，今年1月份就答复了，给他公开了，上面说的13件不包括这件", cells)
    assert got[f"{R}granted.natural_person"] == 14 and got[f"{R}granted.total"] == 17
    assert not any("两者不一致" in q for q in ex.questions)
    del cells[f"{R}granted.natural_person"]  # the type's count not given: only the 总计 grows
    cells[f"{R}granted.total"] = 16
    got, _ = _read("去年转过来的那一件，今年1月份就答复了，给他公开了", cells)
    assert got[f"{R}granted.total"] == 17 and f"{R}granted.natural_person" not in got


def _chat(ws, *turns):
    rid = ws.start("某县自然资源局", 2025, "县级部门")
    replies = [say(ws, rid, t) for t in turns]
    return rid, replies


def test_a_scope_with_a_count_goes_on_in_the_next_messages(ws):
    rid, replies = _chat(
        ws,
        "新收申请28件，个人21件，公司4件，律所2件，研究所1件",
        "确认",
        "个人的21件：给了10件，一部分给了3件",
        "有两件要的是征地补偿方案，还在研究没定下来，属于过程性信息没给",
        "三件是查别人家房子的不动产登记信息，这个属于行政查询事项，告诉他按不动产登记的程序去查了",
        "两件我们这没有，查无此信息，还有一件让他补正，他过了期限也没补",
        "确认",
        "公司4件：两件给了，一件也是查不动产登记的，同样按查询处理，还有一件现在还在办",
        "确认",
    )
    cells = ws.facts(rid).cells
    assert cells[f"{R}withheld.process_info.natural_person"] == 2
    assert cells[f"{R}withheld.admin_inquiry.natural_person"] == 3
    assert cells[f"{R}unable.not_held.natural_person"] == 2
    assert cells[f"{R}other.no_correction_overdue.natural_person"] == 1
    assert cells[f"{R}withheld.admin_inquiry.commercial_enterprise"] == 1  # a new scope: the company's
    assert "接着上面说的自然人的申请" in replies[3]
    assert not any("没能理解" in r for r in replies[3:])  # what was asked, the answer given: accounted


def test_a_scope_ends_when_its_count_is_told_or_a_type_is_named():
    from assistant.intake.model import Followup

    ctx = ExtractionContext(followup=Followup(scope=("natural_person", 2)))
    ex = extract_message("有两件属于过程性信息没给", ctx)
    assert {p.key: p.value for p in ex.proposals}[f"{R}withheld.process_info.natural_person"] == 2
    assert ex.followup is None or ex.followup.scope is None  # all told
    ex = extract_message("公司的一件属于过程性信息没给", ctx)  # a type of its own: no scope
    assert f"{R}withheld.process_info.natural_person" not in {p.key for p in ex.proposals}


def test_a_new_sentence_naming_its_own_row_does_not_take_the_previous_ones():
    got, _ = _read("律所那件给了。合作社那件要的是别人家的房屋征收补偿协议，涉及个人隐私，没给", {})
    assert got[f"{R}granted.legal_service_org"] == 1
    assert got[f"{R}withheld.third_party_rights.other_org"] == 1
    assert f"{R}granted.other_org" not in got  # not granted too


def test_a_suit_decided_against_us_in_everyday_words_is_corrected():
    got, _ = _read("诉讼有一件，业主直接起诉我们，法院判决确认我们的答复违法", {})
    assert got["litigation_direct.corrected"] == 1 and got["litigation_direct.total"] == 1


def test_the_carry_overs_outcome_counts_a_year_end_row_given_by_type():
    cells = {
        f"{A}new_received.total": 3,
        f"{A}new_received.commercial_enterprise": 3,
        f"{R}granted.commercial_enterprise": 2,
        f"{A}carried_to_next.commercial_enterprise": 1,  # 「还有1件12月底收的，现在还在办」 by type only
    }
    msg = "另外去年结转过来一件，是个公司的，今年2月份给了，这件不在上面说的里面"
    got, ex = _read(msg, cells)
    assert got[f"{R}granted.commercial_enterprise"] == 3 and got[f"{R}granted.total"] == 3
    assert unaccounted(msg, ex) == []


def _all(msg: str, cells: dict | None = None) -> dict:
    ex = extract_message(msg, ExtractionContext(cells=cells or {}))
    return {p.key: p.value for p in ex.proposals}


def test_normative_documents_by_their_short_name():
    got = _all("规范性 发了２件 废止３件 现行有效１９件")
    assert [got.get(f"active.art20_1.normative_docs.{c}") for c in ("issued", "repealed", "in_force")] == [
        2,
        3,
        19,
    ]
    got = _all("表一：规范性没有发 现行有效3件")
    assert (
        got["active.art20_1.normative_docs.issued"] == 0
        and got["active.art20_1.normative_docs.in_force"] == 3
    )
    assert not any(k.startswith("active.") for k in _all("加强规范性审查2次"))  # no row without a number word


def test_none_of_review_and_litigation_typed_fast():
    for msg in ("复议 诉讼 都没有", "复议没有诉讼没有", "复议没有 诉讼没有"):
        got = _all(msg)
        assert got["review.total"] == 0 and got["litigation_direct.total"] == 0, msg
        assert got["litigation_after_review.total"] == 0, msg
    got = _all("规章和规范性文件都没有")
    assert got["active.art20_1.regulations.issued"] == 0 and got["active.art20_1.normative_docs.issued"] == 0


def test_several_rows_none_in_one_breath():
    got = _all("许可 处罚 强制 收费 都没有")
    assert [got.get(k) for k in (
        "active.art20_5.admin_license.decisions", "active.art20_6.admin_penalty.decisions",
        "active.art20_6.admin_coercion.decisions", "active.art20_8.admin_fees.amount_wan_yuan",
    )] == [0, 0, 0, 0]  # fmt: skip
    assert not any(k.startswith(A) for k in _all("企业和个人都没有"))  # types, no rows: not this rule


def test_information_published_counted_is_active_disclosure():
    ex = extract_message("总体情况：今年通过政务公开栏和微信公众号公开信息186条", ExtractionContext())
    assert [n.key for n in ex.narrative] == ["active"]


def test_one_case_told_with_dates_and_names_is_one_case():
    msg = (
        "3月12日张某某因为申请旧改项目补偿方案，对我们的答复不服向市政府申请复议，6月份市政府维持了我们的答复"
    )
    got, ex = _read(msg, {})
    assert got == {"review.upheld": 1, "review.total": 1} and not ex.narrative
    cells = {"review.upheld": 1, "review.total": 1}
    got, _ = _read("然后他又不服，7月去区法院起诉了，这个案子现在还没判", cells)
    assert got == {"litigation_after_review.pending": 1, "litigation_after_review.total": 1}
    got, _ = _read("还有一个公司9月申请复议，复议机关让我们重新答复，算纠正吧", cells)
    assert got == {"review.corrected": 1, "review.total": 2}  # one more than said: the total grows
    two = "责令重新答复的那个申请人后来又去法院起诉了，到现在还没判。没有直接起诉到法院的"
    got, _ = _read(two, cells)
    assert got.get("litigation_direct.total") in (None, 0)  # two sentences: not one case


def test_an_application_left_out_after_the_results_added_up_is_a_new_one_too():
    cells = {
        f"{A}new_received.total": 5,
        f"{A}new_received.natural_person": 5,
        f"{R}granted.total": 5,
        f"{R}granted.natural_person": 5,
        f"{A}carried_over_from_prev.total": 0,
    }
    got, _ = _read("对了还有一件漏了，是一个养老服务协会来申请的，问补贴标准，我们给了", cells)
    assert got[f"{R}granted.total"] == 6 and got[f"{A}new_received.total"] == 6
    cells[f"{A}new_received.total"] = 6  # the results did not yet add up: 本年新收 is left as said
    got, _ = _read("对了还有一件漏了，我们给了", cells)
    assert f"{A}new_received.total" not in got
