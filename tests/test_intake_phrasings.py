"""Phrasing families of the chat intake: remainders, column scopes, corrections in the same message,
bare numerals, named rows before 都是零, fees said plainly, 同上."""

from decimal import Decimal

from assistant.intake import extract
from assistant.intake.accounting import unaccounted
from assistant.intake.answers import repeat_previous
from assistant.intake.model import ExtractionContext
from assistant.intake.phrases import numbers

NEW = "applications.new_received"
GRANTED = "applications.results.granted"
PARTIAL = "applications.results.partially_granted"


def cells(text, **ctx):
    return extract(text, ExtractionContext(**ctx)).cells


def test_bare_numerals_without_measure_word():
    got = {m.raw: m.value for m in numbers("行政许可今年一千二，行政处罚三十八，强制两百五")}
    assert got == {"一千二": 1200, "三十八": 38, "两百五": 250}
    assert numbers("统一，进一步加强，党的二十大，") == []
    assert [m.value for m in numbers("公司俩，研究所1宗")] == [2, 1]


def test_decisions_said_without_measure_word():
    got = cells("行政许可办了两百五十个，行政处罚三十八，行政强制4个")
    assert got["active.art20_6.admin_penalty.decisions"] == 38
    assert got["active.art20_5.admin_license.decisions"] == 250


def test_zero_goes_to_the_row_named_before_not_the_topic_asked():
    got = cells("规章我们没有制发权限，都是零", topic="new_received")
    assert got == {f"active.art20_1.regulations.{c}": 0 for c in ("issued", "repealed", "in_force")}


def test_fee_said_plainly():
    assert cells("收费的话十二万五")["active.art20_8.admin_fees.amount_wan_yuan"] == Decimal("12.5")
    assert cells("收费也没有", topic="new_received") == {"active.art20_8.admin_fees.amount_wan_yuan": 0}
    got = cells("许可十五个，处罚两个，也不收费")
    assert got["active.art20_8.admin_fees.amount_wan_yuan"] == 0


def test_negated_column_of_the_row_just_named():
    got = cells("规范性文件今年发了2件，没有废止的，现行有效的9件")
    assert got["active.art20_1.normative_docs.repealed"] == 0
    assert got["active.art20_1.normative_docs.in_force"] == 9
    assert cells("今年没收到依申请公开的申请")[f"{NEW}.total"] == 0


def test_remainder_is_total_minus_known_types():
    got = cells("今年收到申请20件，其中企业3件，其余都是个人")
    assert got[f"{NEW}.natural_person"] == 17
    assert got[f"{NEW}.commercial_enterprise"] == 3
    assert got[f"{NEW}.legal_service_org"] == 0


def test_remainder_without_a_known_total_is_asked_not_guessed():
    ex = extract("其余都是个人", ExtractionContext(topic="carried_over"))
    assert not ex.cells


def test_column_scope_keeps_pending_totals():
    ctx = ExtractionContext(cells={f"{GRANTED}.total": 15, f"{PARTIAL}.total": 3})
    ex = extract("企业的3件：予以公开2件、部分公开1件，其余都是自然人", ctx)
    got = ex.cells
    assert f"{GRANTED}.total" not in got and f"{PARTIAL}.total" not in got
    assert got[f"{GRANTED}.commercial_enterprise"] == 2
    assert got[f"{GRANTED}.natural_person"] == 13
    assert got[f"{PARTIAL}.commercial_enterprise"] == 1
    assert got[f"{PARTIAL}.natural_person"] == 2


def test_type_answer_after_a_total_goes_to_the_row_asked():
    ctx = ExtractionContext(topic="new_received", cells={f"{NEW}.total": 14})
    assert extract("自然人11件", ctx).cells == {f"{NEW}.natural_person": 11}


def test_correction_in_the_same_message_shows_old_and_new():
    ex = extract("新收15件，不对，是16件，都是个人申请的")
    assert ex.cells[f"{NEW}.total"] == 16
    assert ex.cells[f"{NEW}.natural_person"] == 16
    assert "15 → 16" in ex.reply()


def test_correction_names_the_value_being_replaced():
    ctx = ExtractionContext(
        topic="results.withheld",
        cells={f"{NEW}.total": 10, f"{NEW}.natural_person": 9, f"{GRANTED}.total": 9},
    )
    ex = extract("刚才那个说错了，是7不是9", ctx)
    assert ex.cells == {f"{GRANTED}.total": 7}


def test_correction_column_before_the_number_wins():
    ctx = ExtractionContext(
        cells={f"{NEW}.total": 11, f"{NEW}.natural_person": 8, f"{NEW}.commercial_enterprise": 3}
    )
    got = extract("刚才说错了，个人是9件企业2件", ctx).cells
    assert got[f"{NEW}.natural_person"] == 9 and got[f"{NEW}.commercial_enterprise"] == 2


def test_total_all_of_one_type_at_the_end():
    got = cells("上年结转2件都是个人的")
    assert got["applications.carried_over_from_prev.total"] == 2
    assert got["applications.carried_over_from_prev.natural_person"] == 2
    assert got["applications.carried_over_from_prev.commercial_enterprise"] == 0
    assert cells("新收5件都是个人")[f"{NEW}.natural_person"] == 5


def test_spaces_and_everyday_applicant_names():
    got = cells("今年新收的申请一共十五 个人十三 公司两家")
    assert (got[f"{NEW}.total"], got[f"{NEW}.natural_person"], got[f"{NEW}.commercial_enterprise"]) == (
        15,
        13,
        2,
    )
    got = cells("今年收到申请21件：老百姓14件，公司3件，律所2件，有个公益协会1件，还有村委会来申请的1件")
    assert (
        got[f"{NEW}.social_welfare_org"] == 1 and got[f"{NEW}.other_org"] == 1 and got[f"{NEW}.total"] == 21
    )


def test_leaf_named_after_a_group_takes_the_next_clause():
    got = cells("不予公开2件，都是国家秘密，都是自然人")
    assert got["applications.results.withheld.state_secret.natural_person"] == 2


def test_named_parts_and_table_prefaces_are_not_reported_as_not_understood():
    msg = "平台建设方面，今年把局里的政务新媒体整合了"
    assert unaccounted(msg, extract(msg)) == []
    ex = extract("主动公开这块主要是在县政府网站镇级专栏发布，全年发了96条")
    assert [n.key for n in ex.narrative] == ["active"]


def test_same_as_above_repeats_a_short_answer_only():
    assert repeat_previous("同上", ["新收5件", "确认", "没有", "确认"]) == "没有"
    assert repeat_previous("没有", ["3件"]) == "没有"
    long = "今年收到申请20件，其中企业3件，其余都是个人，上年结转2件"
    assert repeat_previous("同上", [long]) == "同上"


def test_full_width_number_before_bu_fen_is_no_measure_word():
    got = cells("予以公开１７ 部分公开３")
    assert got == {f"{GRANTED}.total": 17, f"{PARTIAL}.total": 3}
