"""Clerks' phrasings from dev set H, session 17: a scope's count run into the next, outcomes said in the clause
after the count, one application of a type, an application left out and added, restated totals."""

from __future__ import annotations

from assistant.intake.accounting import unaccounted
from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext
from tests.factories import say

A = "applications."
NEW = f"{A}new_received."
RECEIVED = {f"{NEW}natural_person": 6, f"{NEW}commercial_enterprise": 1, f"{NEW}research_institution": 1}
RECEIVED[f"{NEW}total"] = 8


def _read(message: str, cells: dict | None = None) -> dict:
    ex = extract_message(message, ExtractionContext(cells=RECEIVED if cells is None else cells))
    return {p.key: p.value for p in ex.proposals}


def _started(ws):
    from assistant.app import chat

    rid = ws.start("某县卫健委", 2025, "县级部门")
    chat.greet(ws, rid)
    return rid


def _cells(ws, rid) -> dict:
    return ws.row(rid).state.get("cells", {})


def _pending(ws, rid) -> dict:
    return {c["key"]: int(c["value"]) for c in (ws.row(rid).state.get("pending") or {}).get("cells", [])}


STORY = (
    "个人的六件四件给了，一件问的是某诊所的处罚记录，那个是县市场监管局查处的我们没有，"
    "还有一件要的是统计年鉴，属于公开出版物，让他去书店买了"
)


def test_a_scope_count_run_into_the_next_count_is_two_clauses():
    got = _read(STORY)
    assert got[f"{A}results.granted.natural_person"] == 4  # not 6 filed as 公开出版物
    assert got[f"{A}results.unable.not_held.natural_person"] == 1  # 「……查处的我们没有」
    assert got[f"{A}results.not_processed.publication.natural_person"] == 1
    assert not any(v == 6 for k, v in got.items() if ".results." in k)


def test_the_clause_saying_we_do_not_hold_it_is_accounted_for():
    ex = extract_message(STORY, ExtractionContext(cells=RECEIVED))
    lost = unaccounted(STORY, ex)
    assert "那个是县市场监管局查处的我们没有" not in lost


def test_we_do_not_have_it_after_a_row_word_is_not_not_held():
    got = _read("规章我们没有，规范性文件发了2件")  # no count before 我们没有: no 不掌握
    assert not any(".unable.not_held." in k for k in got)


def test_another_hospitals_information_is_not_the_applicants_type():
    got = _read("公司那件涉及别家医院的信息，征求意见后人家不同意，没公开")
    assert got == {f"{A}results.withheld.third_party_rights.commercial_enterprise": 1}


def test_a_hospital_applying_is_still_other_org():
    got = _read("医院申请了1件，予以公开", cells={})
    assert got.get(f"{A}results.granted.other_org") == 1


def test_the_one_application_of_a_type_told_without_a_count():
    assert _read("研究所的给了") == {f"{A}results.granted.research_institution": 1}


def test_a_type_with_several_applications_needs_its_count():
    cells = {**RECEIVED, f"{NEW}research_institution": 2, f"{NEW}total": 9}
    assert _read("研究所的给了", cells) == {}


def test_who_came_and_asked_names_the_type_of_the_count():
    got = _read("一个村民11月来问医保报销政策的，给了", cells={})
    assert got.get(f"{A}results.granted.natural_person") == 1
    assert f"{A}results.granted.total" not in got or got[f"{A}results.granted.total"] == 1


def _all_results_told(ws):
    rid = _started(ws)
    say(ws, rid, "8件", "个人6件，一家医药公司1件，还有省里一个研究所1件", "确认", "没有，去年的都办完了")
    say(ws, rid, STORY, "公司那件涉及别家医院的信息，征求意见后人家不同意，没公开；研究所的给了", "确认")
    return rid


def test_nothing_left_from_last_year_is_carried_over_zero(ws):
    rid = _started(ws)
    say(ws, rid, "8件", "个人6件，一家医药公司1件，还有省里一个研究所1件", "确认")
    reply = say(ws, rid, "没有，去年的都办完了")
    assert "二、上年结转政府信息公开申请数量 / 总计：0" in reply
    assert _pending(ws, rid)[f"{A}carried_over_from_prev.total"] == 0
    assert not any(k.startswith(NEW) for k in _pending(ws, rid))  # this year's count untouched


def test_an_application_left_out_grows_its_type_and_the_count(ws):
    rid = _all_results_told(ws)
    assert _cells(ws, rid)[f"{A}results.granted.research_institution"] == 1
    reply = say(ws, rid, "还有一件漏了，一个村民11月来问医保报销政策的，给了")
    assert "4 → 5" in reply and "6 → 7" in reply and "8 → 9" in reply
    assert "没能理解" not in reply  # the clause saying it was left out is said back as read
    assert "还有一件漏了" in reply
    pending = _pending(ws, rid)
    assert pending[f"{A}results.granted.natural_person"] == 5
    assert pending[f"{NEW}natural_person"] == 7 and pending[f"{NEW}total"] == 9
    assert f"{A}results.granted.total" not in pending  # no second value for the same application


def test_a_restated_total_agrees_and_keeps_the_pending_values(ws):
    rid = _all_results_told(ws)
    say(ws, rid, "还有一件漏了，一个村民11月来问医保报销政策的，给了")
    reply = say(ws, rid, "对，总共9件")
    assert "没能确定" not in reply
    assert _pending(ws, rid)[f"{NEW}natural_person"] == 7  # the addition still waits for 确认


def test_an_older_zero_question_is_not_answered_after_a_proposal(ws):
    rid = _all_results_told(ws)  # its last reply asks to agree that the other types are 0
    say(ws, rid, "还有一件漏了，一个村民11月来问医保报销政策的，给了")
    say(ws, rid, "都没有")  # meant 复议和诉讼, not the zero question two replies back
    assert _pending(ws, rid)[f"{NEW}natural_person"] == 7  # the addition is not dropped
    say(ws, rid, "确认")
    assert _cells(ws, rid)[f"{NEW}natural_person"] == 7 and _cells(ws, rid)[f"{NEW}total"] == 9


def test_applications_by_channel_are_added_up_as_received():
    ex = extract_message(
        "网上申请10件、信函2件、当面来的3件", ExtractionContext(topic="row:" + NEW.rstrip("."))
    )
    assert {p.key: p.value for p in ex.proposals} == {f"{NEW}total": 15}
    assert (
        ex.proposals[0].source == "网上申请10件、信函2件、当面来的3件"
    )  # the clerk's words, not the rewrite
    assert any("10＋2＋3＝15" in n for n in ex.notes)
    assert unaccounted("网上申请10件、信函2件、当面来的3件", ex) == []


def test_applications_by_quarter_are_added_up():
    got = _read("一季度20件，二季度18件，三季度22件，四季度20件", cells={})
    assert got == {f"{NEW}total": 80}


def test_periods_of_another_row_are_not_applications_received():
    got = _read("行政处罚上半年9件下半年7件", cells={})
    assert got.get(f"{NEW}total") != 16


def test_a_list_with_applicant_types_is_not_summed_as_channels():
    got = _read("网上申请10件其中个人8件", cells={})
    assert got.get(f"{NEW}total") == 10


def test_we_gave_it_to_him_is_granted():
    got = _read("一个居民来问老旧小区改造补助标准的，我们给他了", cells={f"{NEW}total": 1})
    assert got[f"{A}results.granted.natural_person"] == 1
    assert _read("没给他", cells={}) == {}


def test_the_balance_question_never_suggests_a_negative_count():
    from assistant.core import spec
    from assistant.core.facts import ReportFacts
    from assistant.intake.balance import imbalances

    cells = {f"{NEW}total": 10, f"{NEW}natural_person": 11, f"{NEW}commercial_enterprise": 3}
    cells[f"{NEW}legal_service_org"] = 1
    questions = [
        i.question
        for i in imbalances(ReportFacts(agency="某局", year=2025, format=spec.FORMAT_2021, cells=cells))
    ]
    assert questions and all("-" not in q for q in questions)
    assert any("总计是15件" in q for q in questions)


def test_talk_alone_is_answered_with_what_still_waits(ws):
    rid = _started(ws)
    reply = say(ws, rid, "你好，今年的年报我来弄一下，先弄申请那块")
    assert reply.startswith("好的") and "今年共收到多少件" in reply  # the question asked, again
    assert "没能理解" not in reply and "没有识别出" not in reply
    say(ws, rid, "网上申请10件、信函2件、当面来的3件")
    reply = say(ws, rid, "等一下我查一下申请人")
    assert reply.startswith("好的") and "1 项数据待确认" in reply
    assert _pending(ws, rid) == {f"{NEW}total": 15}  # nothing dropped meanwhile
    assert "没能理解" not in say(ws, rid, "查到了，村民是11个")


def test_a_message_that_is_not_talk_still_says_what_was_not_understood(ws):
    rid = _started(ws)
    reply = say(ws, rid, "窗口那边换了新的叫号机器")
    assert not reply.startswith("好的。")


def test_one_by_one_is_how_it_is_told_not_two_counts():
    ex = extract_message(
        "我们医保局申请很少，今年就三件，我一件一件说", ExtractionContext(topic="row:" + NEW.rstrip("."))
    )
    assert {p.key: p.value for p in ex.proposals} == {f"{NEW}total": 3}
    assert not ex.questions or all("不同的数字" not in q for q in ex.questions)


def test_an_application_told_as_a_story_counts_its_type_and_outcome_once():
    got = _read(
        "第二件是个医药公司问集采中选结果和价格的，一部分给了，涉及企业报价的没给", {f"{NEW}total": 3}
    )
    assert got == {f"{NEW}commercial_enterprise": 1, f"{A}results.partially_granted.commercial_enterprise": 1}


def test_stories_add_to_what_the_earlier_stories_gave(ws):
    rid = _started(ws)
    say(ws, rid, "今年就三件，我一件一件说", "第一件是个老人问门诊慢特病报销政策的，给了", "确认")
    assert _cells(ws, rid)[f"{NEW}natural_person"] == 1
    assert _cells(ws, rid)[f"{A}results.granted.natural_person"] == 1
    reply = say(ws, rid, "第二件也是个村民，问低保的，给了")
    assert "1 → 2" in reply
    say(ws, rid, "确认")
    assert _cells(ws, rid)[f"{NEW}natural_person"] == 2 and _cells(ws, rid)[f"{NEW}total"] == 3


def test_a_story_once_the_types_make_up_the_total_adds_only_its_outcome():
    cells = {f"{NEW}total": 2, f"{NEW}natural_person": 2}
    got = _read("第二件是个村民问低保的，给了", cells)
    assert f"{NEW}natural_person" not in got and got[f"{A}results.granted.natural_person"] == 1


def test_a_review_story_is_not_an_application_story():
    got = _read("第一件是个村民申请复议的，复议维持", {})
    assert not any(k.startswith(NEW) for k in got)


def test_what_was_asked_stays_asked_over_talk(ws):
    rid = _started(ws)
    say(ws, rid, "今年没有人来申请", "确认")
    reply = say(ws, rid, "许可都是在便民服务中心办的，大概三百多件吧")
    assert "不是确切数字" in reply
    assert say(ws, rid, "等一下我查一下系统").startswith("好的")
    reply = say(ws, rid, "准确的是347件")
    assert "第二十条第（五）项行政许可 / 本年处理决定数量：347" in reply


def test_a_pharmacy_is_a_commercial_enterprise():
    got = _read("另外两件是药店申请的", {f"{NEW}total": 12, f"{NEW}natural_person": 10})
    assert got == {f"{NEW}commercial_enterprise": 2}


def test_an_agency_name_with_jiao_is_talk():
    ex = extract_message("交通局的，今年申请十二件", ExtractionContext(topic="row:" + NEW.rstrip(".")))
    assert unaccounted("交通局的，今年申请十二件", ex) == []
    assert unaccounted("转交给住建局", extract_message("转交给住建局", ExtractionContext())) != []


def test_a_question_back_about_the_fee_column_is_answered(ws):
    rid = _started(ws)
    say(ws, rid, "行政事业性收费一共收了一万两千四百元")
    reply = say(ws, rid, "你刚才说的是什么意思？万元那栏要怎么写")
    assert "以万元为单位" in reply and "1.24" in reply
    assert "1 项数据" in reply and "没能理解" not in reply
    assert len((ws.row(rid).state.get("pending") or {}).get("cells", [])) == 1  # still waiting


def test_talk_and_counts_are_no_report_text(ws):
    rid = _started(ws)
    reply = say(
        ws, rid, "市政府本级的年报，依申请的数据我先按季度报：一季度18件，二季度22件，三季度15件，四季度25件"
    )
    assert "本年新收政府信息公开申请数量 / 总计：80" in reply
    assert "已记入" not in reply and "没能理解" not in reply
    say(ws, rid, "确认")
    reply = say(ws, rid, "按申请人分的话，个人62件，公司11件，律所4件，行业协会2件，研究所1件")
    assert "已记入" not in reply and "自然人：62" in reply
    assert not any(ws.row(rid).state.get("narrative", {}).values())


def test_narrative_with_a_count_is_still_kept():
    ex = extract_message("依申请方面，今年共收到申请12件，我们认真答复，群众满意", ExtractionContext())
    assert [n.key for n in ex.narrative] == ["on_request"]


def test_an_enumerated_problem_ending_in_a_count_stays_report_text():
    message = "存在的问题主要是：一是公开内容偏少；二是解读材料比较单调；三是专职人员只有一个"
    ex = extract_message(message, ExtractionContext())
    assert "三是专职人员只有一个" in "".join(n.text for n in ex.narrative)
