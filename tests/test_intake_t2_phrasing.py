"""Table 2 phrasing classes of the chat intake: applicant lists answering the question asked, answers
to the balance question, re-splits of a confirmed column, parts of one cell said twice, everyday
outcome words, and corrections that 确认 applies once shown old → new."""

from __future__ import annotations

from decimal import Decimal

from assistant.intake import extract
from assistant.intake.accounting import unaccounted
from assistant.intake.model import ExtractionContext
from assistant.intake.phrases import numbers
from tests.factories import say

NEW = "applications.new_received"
GRANTED = "applications.results.granted"
NOT_HELD = "applications.results.unable.not_held"


def cells(text, **ctx):
    return extract(text, ExtractionContext(**ctx)).cells


def test_applicant_list_answers_the_row_asked_and_the_rest_is_people():
    got = cells(
        "公司3件，律所2件，协会1件，剩下的都是老百姓", topic="new_received", cells={f"{NEW}.total": 18}
    )
    assert got[f"{NEW}.commercial_enterprise"] == 3
    assert got[f"{NEW}.legal_service_org"] == 2
    assert got[f"{NEW}.social_welfare_org"] == 1
    assert got[f"{NEW}.natural_person"] == 12


def test_applicant_list_is_not_a_column_scope():
    # 「企业的3件：予以公开2件」 is a scope; 「公司3件，律所2件」 is only a list of types
    got = cells("公司3件，律所2件", topic="new_received", cells={f"{NEW}.total": 5})
    assert got == {f"{NEW}.commercial_enterprise": 3, f"{NEW}.legal_service_org": 2}


def test_column_said_in_answer_to_the_balance_question_goes_to_that_row():
    got = cells("那总数就是24件，我刚才总数也说错了", topic=f"row:{NEW}", cells={f"{NEW}.total": 23})
    assert got == {f"{NEW}.total": 24}
    ex = extract("那总数就是24件，我刚才总数也说错了", ExtractionContext(topic=f"row:{NEW}"))
    assert unaccounted("那总数就是24件，我刚才总数也说错了", ex) == []


def test_a_count_pointing_at_a_confirmed_cell_is_re_split():
    known = {
        f"{NEW}.commercial_enterprise": 2,
        "applications.carried_over_from_prev.commercial_enterprise": 0,
    }
    got = cells("企业那两件其实是一个企业一个律所", cells=known)
    assert got == {f"{NEW}.commercial_enterprise": 1, f"{NEW}.legal_service_org": 1}


def test_granted_named_before_its_count_and_types_after():
    got = cells("公开的10件里有2件是公司的，剩下的都是个人", cells={f"{GRANTED}.total": 10})
    assert got[f"{GRANTED}.commercial_enterprise"] == 2
    assert got[f"{GRANTED}.natural_person"] == 8


def test_yibufen_is_a_part_not_the_number_one():
    assert [m.value for m in numbers("给了9件，给了一部分的1件")] == [9, 1]
    got = cells("给了9件，给了一部分的1件")
    assert got[f"{GRANTED}.total"] == 9
    assert got["applications.results.partially_granted.total"] == 1


def test_two_parts_of_one_cell_said_with_haiyou_are_added():
    assert cells("查无此件2件，还有1件让他去别的单位问了")[f"{NOT_HELD}.total"] == 3
    # two different numbers for one cell without 还有 stay a question
    ex = extract("查无此件2件，查无此件3件")
    assert f"{NOT_HELD}.total" not in ex.cells and ex.questions


def test_a_companys_trade_secret_is_the_reason_not_the_applicant():
    text = "不给的2件：1件是人家公司的商业秘密，1件是内部的请示报告"
    ex = extract(text)
    assert ex.cells["applications.results.withheld.third_party_rights.total"] == 1
    assert ex.cells["applications.results.withheld.process_info.total"] == 1
    assert "applications.results.withheld.third_party_rights.commercial_enterprise" not in ex.cells
    assert unaccounted(text, ex) == []  # 「1件是内部的请示报告」 is the source of its number
    assert cells("没给的1件，涉及别人隐私")["applications.results.withheld.third_party_rights.total"] == 1


def test_listed_replacement_of_a_confirmed_value_is_applied_by_confirm(ws):
    rid = ws.start("某县教育局", 2025, "县级部门")
    say(
        ws,
        rid,
        "新收8件，个人6件，企业2件",
        "确认",
        "上年结转没有",
        "确认",
        "予以公开6件，部分公开1件",
        "确认",
    )
    shown = say(ws, rid, "不对，予以公开是5件，部分公开是2件")
    assert "6 → 5" in shown and "1 → 2" in shown
    say(ws, rid, "确认")
    got = ws.facts(rid).cells
    assert got[f"{GRANTED}.total"] == 5 and got["applications.results.partially_granted.total"] == 2


UNABLE = "applications.results.unable"
NEXT = "applications.carried_to_next"
CARRIED = "applications.carried_over_from_prev"


def test_other_cases_none_zeroes_only_the_leaves_not_said():
    got = cells("还有1件是我们不掌握的，忘了说，其他无法提供的情形没有", topic="results.unable")
    assert got[f"{NOT_HELD}.total"] == 1
    assert got[f"{UNABLE}.needs_creation.total"] == 0
    pending = {f"{UNABLE}.needs_creation.total": 1}
    got = cells("无法提供别的情形没有", topic="results.unable", cells=pending)
    assert f"{UNABLE}.needs_creation.total" not in got and got[f"{NOT_HELD}.total"] == 0


def test_year_end_all_done_with_ye():
    got = cells("不予处理其他处理都没有，年底也都办完了")
    assert got[f"{NEXT}.total"] == 0


def test_all_granted_answers_the_partly_granted_row_too():
    known = {f"{NEW}.total": 12, f"{CARRIED}.total": 0}
    got = cells("都公开了", topic="results.main", cells=known)
    assert got[f"{GRANTED}.total"] == 12
    assert got["applications.results.partially_granted.total"] == 0


def test_yigong_laile_is_received():
    assert cells("今年一共来了12个申请，都是老百姓申请的")[f"{NEW}.natural_person"] == 12


def test_the_rest_still_open_is_what_the_balance_leaves():
    known = {f"{NEW}.total": 12, f"{CARRIED}.total": 0}
    got = cells("公开了8个，部分公开1个，剩下的年底还没办完", cells=known)
    assert got[f"{NEXT}.total"] == 3


def test_the_rest_of_the_results_go_to_the_row_named():
    known = {"applications.results.total.total": 21}
    got = cells("办完的里面公开了16件，部分公开3件，剩下的都是查无此件", cells=known)
    assert got[f"{NOT_HELD}.total"] == 2
    assert cells("办完了21件，年底还有2件没办完")["applications.results.total.total"] == 21


def test_the_rest_unknown_is_asked_not_guessed():
    ex = extract("剩下的年底还没办完")
    assert f"{NEXT}.total" not in ex.cells and any("算不出来" in q for q in ex.questions)


def test_row_named_before_bushi_takes_the_corrected_value():
    known = {f"{CARRIED}.total": 0, f"{CARRIED}.natural_person": 0, f"{NEW}.total": 10}
    got = cells("哦不对，上年结转不是0，是2件，都是个人，去年底收的", cells=known)
    assert got[f"{CARRIED}.total"] == 2 and got[f"{CARRIED}.natural_person"] == 2
    assert f"{NEW}.natural_person" not in got


def test_a_bare_applicant_type_after_a_total():
    assert cells("新收10件，个人")[f"{NEW}.natural_person"] == 10
    assert f"{NEW}.natural_person" not in cells("新收10件，个人隐私")


def test_quanshi_is_all_of_one_type():
    got = cells("全是群众申请的", topic="new_received", cells={f"{NEW}.total": 14})
    assert got[f"{NEW}.natural_person"] == 14


def test_bare_jiezhuan_answers_the_carry_over_question_asked():
    assert cells("没有结转", topic="carried_over") == {
        f"{CARRIED}.{c}": 0
        for c in ("total", "natural_person", "commercial_enterprise", "research_institution",
                  "social_welfare_org", "legal_service_org", "other_org")
    }  # fmt: skip
    assert f"{NEXT}.total" in cells("没有结转", topic="carried_to_next")


def test_everyday_duplicate_and_unable_words():
    assert cells("重复来问的2件")["applications.results.not_processed.duplicate.total"] == 2
    assert cells("还有一件没有现成的，得另外做")[f"{UNABLE}.needs_creation.total"] == 1
    for text in ("查了一下，是十四件", "还有1件通知他补材料一直不补，就不再处理了"):
        assert unaccounted(text, extract(text, ExtractionContext(topic="new_received"))) == []


def test_scope_inside_a_sentence_and_that_one_withheld():
    known = {f"{NEW}.commercial_enterprise": 2, f"{NEW}.legal_service_org": 1}
    got = cells(
        "个人的7件都公开了，公司的2件公开1件、部分公开1件，律师事务所那件没公开，是行政执法案卷", cells=known
    )
    assert got[f"{GRANTED}.natural_person"] == 7
    assert got[f"{GRANTED}.commercial_enterprise"] == 1
    assert got["applications.results.partially_granted.commercial_enterprise"] == 1
    assert got["applications.results.withheld.enforcement_file.legal_service_org"] == 1


def test_types_without_applications_are_zero_in_the_rows_given():
    known = {f"{NEW}.{c}": 0 for c in ("research_institution", "social_welfare_org", "other_org")}
    known |= {f"{CARRIED}.{c}": 0 for c in ("research_institution", "social_welfare_org", "other_org")}
    got = cells("予以公开的个人5件", cells=known)
    assert got[f"{GRANTED}.natural_person"] == 5
    assert got[f"{GRANTED}.research_institution"] == 0 and got[f"{GRANTED}.other_org"] == 0
    assert f"{GRANTED}.commercial_enterprise" not in got


def test_last_years_report_said_right_takes_its_carry_over_row(ws):
    from assistant.app import chat_uploads
    from tests.test_intake_conversation import CASES

    rid = ws.start("桐安县农业农村局", 2025, "县级部门")
    say(ws, rid, "新收12件，都是个人", "确认", "上年没有结转", "确认")
    chat_uploads.previous(ws, rid, CASES / "prev_tongan_nongye_2024.yaml")
    shown = say(ws, rid, "哦去年报告写的结转1件是对的，我给忘了")
    assert "0 → 1" in shown and "上年年报" in shown
    say(ws, rid, "确认")
    got = ws.facts(rid).cells
    assert got[f"{CARRIED}.total"] == 1 and got[f"{CARRIED}.natural_person"] == 1
    assert f"{NEXT}.total" not in got


def test_typo_qiye_is_an_enterprise():
    assert cells("新收申请17见，自然人15 企也2")[f"{NEW}.commercial_enterprise"] == 2


def test_bare_count_in_a_longer_answer_answers_the_row_asked():
    got = cells("查了，是32件，个人27件，企业5件", topic="new_received")
    assert got[f"{NEW}.total"] == 32
    assert got[f"{NEW}.natural_person"] == 27 and got[f"{NEW}.commercial_enterprise"] == 5
    assert f"{NEW}.total" not in cells("查了，是32件", topic="narrative.platform")


def test_same_person_is_no_number_and_no_applicant_type():
    got = cells("2件是同一个人重复申请")
    assert got == {"applications.results.not_processed.duplicate.total": 2}


def test_other_also_none_zeroes_the_rest_of_the_group():
    got = cells("其他处理：有1件通知补正以后申请人一直没补正，我们就没再处理；没有收费的情况，其他也没有")
    assert got["applications.results.other.no_correction_overdue.total"] == 1
    assert got["applications.results.other.fee_unpaid_overdue.total"] == 0
    assert got["applications.results.other.other.total"] == 0


def test_numbers_about_last_year_are_context_not_values():
    text = "去年报告里那个4件是填错了，有2件其实去年12月就答复了，实际结转过来的就2件，都是个人"
    ex = extract(text, ExtractionContext(cells={f"{NEW}.natural_person": 12}))
    assert ex.cells[f"{CARRIED}.total"] == 2 and ex.cells[f"{CARRIED}.natural_person"] == 2
    assert f"{NEW}.natural_person" not in ex.cells and "applications.results.total.total" not in ex.cells
    assert unaccounted(text, ex) == []  # the context is said back in a note


def test_one_carried_over_whose_type_is_said_after():
    got = cells("上年结转1件是居民的")
    assert got[f"{CARRIED}.total"] == 1 and got[f"{CARRIED}.natural_person"] == 1
    got = cells("新收7件，6件是居民，1件是律所的")  # parts of a total, not a whole row each
    assert got[f"{NEW}.total"] == 7 and got[f"{NEW}.natural_person"] == 6


def test_prefilled_parts_do_not_block_a_new_total(ws):
    from assistant.app import chat_uploads
    from tests.test_intake_conversation import CASES

    rid = ws.start("某县林业局", 2024, "县级部门")
    chat_uploads.previous(ws, rid, CASES / "linye_2023.yaml")
    say(ws, rid, "今年新收申请10件，都是自然人", "确认")
    shown = say(ws, rid, "上年结转2件")
    assert "总数暂不记录" not in shown and "上年结转" in shown


def test_that_one_counts_as_said_on_the_llm_path():
    from assistant.intake.llm import numbers_in

    assert Decimal(1) in numbers_in("村委会那件部分给了")
    assert Decimal(1) not in numbers_in("村委会那边部分给了")


def test_the_rest_after_types_placed_in_several_rows_is_every_open_row():
    known = {
        f"{GRANTED}.total": 12,
        "applications.results.partially_granted.total": 3,
        f"{NOT_HELD}.total": 2,
    }
    got = cells("企业的3件都是予以公开，其他组织那件是部分公开，剩下的都是个人", cells=known)
    assert got[f"{GRANTED}.natural_person"] == 9 and got[f"{GRANTED}.commercial_enterprise"] == 3
    assert got["applications.results.partially_granted.natural_person"] == 2
    assert got[f"{NOT_HELD}.natural_person"] == 2


def test_the_rest_of_one_row_stays_in_that_row():
    known = {"applications.results.partially_granted.total": 3}
    got = cells("公开了10件，其中个人7件，其余是企业的", cells=known)
    assert got[f"{GRANTED}.commercial_enterprise"] == 3
    assert "applications.results.partially_granted.commercial_enterprise" not in got


def test_all_answered_closes_the_year():
    got = cells("今年就收了5件申请，都是居民个人的，去年没有剩下的，都答复了，4件公开，1件我们这没有这个信息")
    assert got[f"{NEXT}.total"] == 0
    assert got["applications.results.total.total"] == 5
    assert got[f"{GRANTED}.total"] == 4 and got[f"{NOT_HELD}.total"] == 1
    # an explanation without numbers is no statement about the table
    assert f"{NEXT}.total" not in cells("申请少主要是因为去年有一批集中申请，今年那些事都处理完了")


def test_all_granted_after_the_types_of_the_year():
    got = cells("今年就收了3件，2个居民1个物业公司的，都给公开了，上年没有结转的，年底也没剩下的")
    assert got[f"{GRANTED}.total"] == 3
    # not the last number (the 1 enterprise) carried alone: each type's share, by the year's arithmetic
    assert (got[f"{GRANTED}.natural_person"], got[f"{GRANTED}.commercial_enterprise"]) == (2, 1)
    assert got[f"{NEXT}.total"] == 0


def test_yige_meiyou_is_none_only_at_the_end_of_a_clause():
    assert cells("复议诉讼一个没有")["review.total"] == 0
    got = cells("还有一个没有现成的，得另外做")
    assert got[f"{UNABLE}.needs_creation.total"] == 1


def test_everyday_outcome_and_applicant_words_second_round():
    assert cells("12月底有1件还没答复")[f"{NEXT}.total"] == 1
    got = cells("属于信访的1件，重复的1件", topic="results.not_processed")
    assert got["applications.results.not_processed.duplicate.total"] == 1
    assert (
        cells("有一件要我们确认之前给的材料，不予处理")[
            "applications.results.not_processed.confirm_or_reissue.total"
        ]
        == 1
    )
    got = cells("个体工商户3件，学校1件", topic="new_received", cells={f"{NEW}.total": 4})
    assert got[f"{NEW}.commercial_enterprise"] == 3 and got[f"{NEW}.other_org"] == 1


def test_the_leaf_of_a_group_said_before_or_after_its_count():
    assert cells("不予公开的都是过程性信息，2件", topic="results.withheld") == {
        "applications.results.withheld.process_info.total": 2
    }
    got = cells("无法提供的3件都是信息不存在")
    assert got[f"{NOT_HELD}.total"] == 3 and got[f"{UNABLE}.needs_creation.total"] == 0


def test_a_clause_explaining_the_number_just_said_is_its_source():
    text = "还有一件没有现成的，得另外做，就没提供"
    ex = extract(text)
    assert ex.cells[f"{UNABLE}.needs_creation.total"] == 1
    assert "得另外做" in ex.proposals[0].source
    assert unaccounted(text, ex) == []


def test_a_bare_ling_or_mei_answers_the_question_asked():
    for text in ("零", "没", "没得"):
        assert cells(text, topic="carried_over")[f"{CARRIED}.total"] == 0
    assert cells("零", topic=None) == {}
