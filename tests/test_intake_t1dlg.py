"""表一 / 表三 cells in chat and short answers to the assistant's own questions (dev D failure classes):
vague mixed-unit amounts, the answer to a vague-count question, the answer to 「直接还是复议后」."""

from __future__ import annotations

from decimal import Decimal

from assistant.intake import extract
from assistant.intake.model import ExtractionContext, Followup
from assistant.intake.phrases import numbers
from tests.factories import say

FEE = "active.art20_8.admin_fees.amount_wan_yuan"
PENALTY = "active.art20_6.admin_penalty.decisions"
AFTER = "litigation_after_review"


def _ex(text, **ctx):
    return extract(text, ExtractionContext(**ctx))


# ------------------------------------------------------------ digits with 千/百/万 are one number


def test_digits_with_magnitude_characters_are_one_number():
    got = [(m.value, m.approximate) for m in numbers("收费今年是12万6千多")]
    assert got == [(Decimal(126000), True)]
    got = [(m.value, m.unit, m.approximate) for m in numbers("许可加起来4千多件")]
    assert got == [(Decimal(4000), "件", True)]
    assert [m.value for m in numbers("收了1万2千元")] == [Decimal(12000)]


def test_a_vague_mixed_amount_is_asked_never_stored():
    ex = _ex("行政事业性收费今年是9万3千多")
    assert FEE not in ex.cells and ex.questions and "金额" in ex.questions[0]
    ex = _ex("许可这些加起来3千多件")
    assert "active.art20_5.admin_license.decisions" not in ex.cells and ex.questions


# ------------------------------------------------------------ the answer to a vague-count question


def test_a_vague_count_question_remembers_the_row_it_asks_about():
    ex = _ex("收费大概7万5千多")
    assert ex.followup and ex.followup.topic == "row:active.art20_8.admin_fees"
    ex = _ex("处罚今年八百来件")
    assert ex.followup and ex.followup.topic == "row:active.art20_6.admin_penalty"


def test_the_exact_value_answers_the_row_asked_about():
    asked = Followup("row:active.art20_8.admin_fees")
    assert _ex("准确的是75320元", followup=asked).cells[FEE] == Decimal("7.532")
    asked = Followup("row:active.art20_6.admin_penalty")
    assert _ex("具体的数是812件", followup=asked).cells[PENALTY] == 812


def test_an_exact_count_with_applicant_types_answers_the_topic():
    got = _ex("准确的数是45件，个人40件，企业5件", topic="new_received").cells
    assert got["applications.new_received.total"] == 45
    assert got["applications.new_received.natural_person"] == 40


def test_vague_then_exact_in_the_chat(ws):
    rid = ws.start("某市城管局", 2024, "市级部门")
    say(ws, rid, "收费这块今年大概是8万4千多")
    say(ws, rid, "查了账，准确是84210元", "确认")
    assert ws.facts(rid).cells[FEE] == Decimal("8.421")


# ------------------------------------------------------------ 「是直接告的还是复议后告的」


SUED = (("group:litigation", "total", 2), ("group:litigation", "pending", 2))


def test_the_kind_of_suit_answers_the_count_asked_about():
    got = _ex("都是复议以后不服又告到法院的", followup=Followup(None, SUED)).cells
    assert got[f"{AFTER}.total"] == 2 and got[f"{AFTER}.pending"] == 2
    assert got["litigation_direct.total"] == 0


def test_a_review_outcome_is_not_the_courts():
    got = _ex("是复议维持以后他不服又去告的", followup=Followup(None, SUED[:1] + (SUED[1][:2] + (2,),))).cells
    assert got.get(f"{AFTER}.upheld", 0) == 0 and got[f"{AFTER}.pending"] == 2


def test_an_unanswered_suit_kind_is_remembered():
    ex = _ex("今年被人告了一次，法院还没判")
    assert ex.followup and ("group:litigation", "total", 1) in ex.followup.groups


def test_the_kind_of_suit_in_the_chat(ws):
    rid = ws.start("某县市场监管局", 2024, "县级部门")
    say(ws, rid, "今年被起诉了一次，还在审")
    say(ws, rid, "没走复议，直接起诉的", "确认")
    cells = ws.facts(rid).cells
    assert cells["litigation_direct.total"] == 1 and cells["litigation_direct.pending"] == 1


# ------------------------------------------------------------ 表一 negations and decision words


def test_fee_negations_in_everyday_words():
    for said in ("我们单位不涉及收费", "收费这块从来没收过", "收费填0", "收费项目我们没有"):
        assert _ex(said).cells.get(FEE) == 0, said


def test_a_document_row_not_issued_is_issued_zero_only():
    got = _ex("规范性文件今年没发，现行有效的还有5件").cells
    assert got == {"active.art20_1.normative_docs.issued": 0, "active.art20_1.normative_docs.in_force": 5}
    got = _ex("规范行文件都没有").cells  # 性/行: the same syllable typed with a pinyin IME
    assert got["active.art20_1.normative_docs.in_force"] == 0


def test_seizure_words_are_coercion():
    assert _ex("查封扣押一共11起").cells == {"active.art20_6.admin_coercion.decisions": 11}
    assert _ex("暂扣物品6起").cells == {"active.art20_6.admin_coercion.decisions": 6}


def test_a_decision_that_is_what_an_appeal_or_a_request_is_about_is_no_count():
    got = _ex("复议今年有2起，都是个体户对处罚决定不服申请的").cells
    assert PENALTY not in got and got["review.total"] == 2
    got = _ex("还有1件是要求我们再出具一份许可决定书，不予处理").cells
    assert "active.art20_5.admin_license.decisions" not in got
    assert _ex("处罚决定书开了15份").cells[PENALTY] == 15


def test_a_tail_negation_without_you():
    got = _ex("诉讼也没").cells
    assert got["litigation_direct.total"] == 0 and got["litigation_after_review.total"] == 0


def test_the_item_asked_back_then_answered():
    got = _ex("复议？没有。", topic="carried_over").cells
    assert got["review.total"] == 0 and "applications.carried_over_from_prev.total" not in got


# ------------------------------------------------------------ what a save stored, in words


def test_a_save_says_the_tables_and_rows_not_a_bare_count(ws):
    rid = ws.start("某县林业局", 2024, "县级部门")
    reply = say(ws, rid, "处罚12件，强制没有，复议没有", "确认")
    assert "个单元格" not in reply
    assert "表一 第二十条第（六）项行政处罚" in reply and "表三 行政复议（5栏）" in reply


def test_sued_directly_in_plain_words():
    got = _ex("官司打了1场，是直接告的，判我们输了，算纠正").cells
    assert got["litigation_direct.total"] == 1 and got["litigation_direct.corrected"] == 1
    assert "litigation_direct.total" not in _ex("我直接告诉你吧，复议没有").cells


def test_a_zero_for_two_document_rows_named_before_it():
    got = _ex("规章、行政规范性文件今年都是0").cells
    assert (
        got["active.art20_1.regulations.issued"] == 0 and got["active.art20_1.normative_docs.in_force"] == 0
    )


def test_not_yet_concluded_in_everyday_words():
    got = _ex("复议有2起，到年底都还没审结").cells
    assert got["review.pending"] == 2 and got["review.upheld"] == 0
    assert _ex("复议1起，还没有结案").cells["review.pending"] == 1


# ------------------------------------------------------------ 表一 document rows as a bare list of numbers

DOCS = "active.art20_1.normative_docs"
REGS = "active.art20_1.regulations"


def test_a_slash_list_under_the_rows_own_header():
    got = _ex("规范性文件（本年制发/本年废止/现行有效）：4/1/17").cells
    assert (got[f"{DOCS}.issued"], got[f"{DOCS}.repealed"], got[f"{DOCS}.in_force"]) == (4, 1, 17)
    got = _ex("规章（有效、制发、废止）6/0/2").cells  # the header's own order
    assert (got[f"{REGS}.in_force"], got[f"{REGS}.issued"], got[f"{REGS}.repealed"]) == (6, 0, 2)


def test_a_pasted_grid_row_under_a_header_line():
    ex = _ex("栏目 制发件数 废止件数 有效件数\n规章 1 0 5\n行政规范性文件 3 2 9")
    assert ex.cells[f"{REGS}.in_force"] == 5 and ex.cells[f"{DOCS}.repealed"] == 2
    assert {p.source for p in ex.proposals if p.key.startswith(DOCS)} == {"行政规范性文件 3 2 9"}


def test_numbers_without_a_header_stay_asked():
    ex = _ex("规范性文件 3 2 9")
    assert not any(k.startswith(DOCS) for k in ex.cells) and ex.questions


def test_a_colon_before_none_is_the_rows_answer():
    got = _ex("规章：无；行政强制：没有").cells
    assert got[f"{REGS}.issued"] == 0 and got["active.art20_6.admin_coercion.decisions"] == 0


# ------------------------------------------------------------ a suit told as a sequence after a review


def test_a_review_then_a_suit_in_later_clauses_is_after_review():
    got = _ex("复议4件，其中1件不服又起诉了").cells
    assert got["review.total"] == 4 and got[f"{AFTER}.total"] == 1
    got = _ex("三起都是先走的复议，后来又到法院起诉").cells  # 先…后来: the count is the suits'
    assert got[f"{AFTER}.total"] == 3 and "review.total" not in got


def test_a_review_and_a_suit_without_a_sequence_stay_apart():
    ex = _ex("复议2件，诉讼1件")
    assert ex.cells["review.total"] == 2 and f"{AFTER}.total" not in ex.cells and ex.questions


def test_the_outcome_asked_goes_to_the_kind_named_with_the_count():
    ex = _ex("两起都是先申请了复议，不服再去起诉的", followup=Followup(None, SUED))
    assert ex.cells[f"{AFTER}.pending"] == 2  # SUED: 2 suits, 2 not yet judged
    assert ex.cells[f"{AFTER}.total"] == 2 and ex.cells["litigation_direct.total"] == 0


def test_a_suit_without_its_kind_is_asked_in_the_users_words():
    from assistant.intake.accounting import unaccounted

    text = "今年我们当被告的官司有3起，到年底一个都没判"
    ex = _ex(text)
    assert any("“到年底一个都没判”" in q for q in ex.questions) and unaccounted(text, ex) == []


# ------------------------------------------------------------ a vague amount in Chinese numerals


def test_a_vague_amount_in_chinese_numerals_is_asked_for_the_fee_row():
    for text in ("收费大约七万多", "收费大概是三万来块", "收费九千多块"):
        ex = _ex(text)
        assert FEE not in ex.cells and "不是确切金额" in ex.questions[0], text
        assert ex.followup and ex.followup.topic == "row:active.art20_8.admin_fees", text


def test_the_fee_word_before_a_later_clause_with_the_amount():
    assert _ex("收费主要是工本费，全年4.15万元").cells[FEE] == Decimal("4.15")
    assert _ex("收费一共1.2万元").cells[FEE] == Decimal("1.2")


# ------------------------------------------------------------ 「1起维持1起还没判」: each number's words follow it


def test_outcomes_told_number_first_in_one_clause():
    got = _ex("复议5起，2起维持1起纠正2起还没结案").cells
    assert (got["review.upheld"], got["review.corrected"], got["review.pending"]) == (2, 1, 2)
    got = _ex("诉讼3起，其中2起是复议后又起诉的，1起维持1起还在审").cells
    assert got[f"{AFTER}.upheld"] == 1 and got[f"{AFTER}.pending"] == 1


# ------------------------------------------------------------ a pasted draft: plain 「无…」 sentences answer


def test_plain_none_sentences_in_a_draft_with_enumerations():
    draft = "一是宣传还不够深入。全县无行政强制；未收取行政事业性收费。没有发生行政复议。"
    got = _ex(draft).cells
    assert got["active.art20_6.admin_coercion.decisions"] == 0 and got["review.total"] == 0


def test_a_described_shortfall_in_a_draft_is_no_zero():
    draft = "二是部分科室没有及时更新行政许可信息。三是队伍不稳定。"
    assert "active.art20_5.admin_license.decisions" not in _ex(draft).cells


# ------------------------------------------------------------ one decision row told item by item


def test_decision_counts_of_named_items_add_up():
    ex = _ex("处罚：超限运输罚款31件，无证经营处罚8件，就这两项")
    assert ex.cells[PENALTY] == 39 and "2项相加" in ex.proposals[0].note
    assert any("31＋8，合计39" in n for n in ex.notes)


def test_a_second_number_naming_no_item_is_no_part():
    ex = _ex("许可40件，后来核对是38件")
    assert ex.cells.get("active.art20_5.admin_license.decisions") != 78


def test_a_total_with_its_items_is_not_added_again():
    ex = _ex("许可一共30件，其中建设审批20件、占道许可10件")
    assert ex.cells.get("active.art20_5.admin_license.decisions") != 60
