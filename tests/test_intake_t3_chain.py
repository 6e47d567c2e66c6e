"""表三 told in one breath: a suit kind named mid-sentence breaks the outcome chain of the kind before it;
a count of all suits that the kinds add up to is said as checked; bare 驳回 is the claim dismissed."""

from __future__ import annotations

from assistant.intake import extract_message


def test_a_kind_named_after_another_takes_its_own_outcome():
    ex = extract_message("直接起诉2件，1件维持，1件未审结，复议后起诉1件维持")
    cells = ex.cells
    assert cells["litigation_direct.upheld"] == 1
    assert cells["litigation_direct.pending"] == 1
    assert cells["litigation_after_review.total"] == 1
    assert cells["litigation_after_review.upheld"] == 1
    assert "没能理解" not in ex.reply()


def test_parenthesised_outcomes_then_the_other_kind():
    ex = extract_message("行政诉讼3件：直接起诉2件（1件驳回，1件未审结），复议后起诉1件维持")
    cells = ex.cells
    assert cells["litigation_direct.upheld"] == 1  # 驳回（诉讼请求）
    assert cells["litigation_after_review.upheld"] == 1
    reply = ex.reply()
    assert "没能理解" not in reply and "行政诉讼共3件" in reply


def test_dismissal_of_the_suit_itself_is_other():
    cells = extract_message("直接起诉1件，法院驳回起诉").cells
    assert cells["litigation_direct.other"] == 1
    assert "litigation_direct.upheld" not in cells or cells["litigation_direct.upheld"] == 0


def test_a_count_of_suits_the_kinds_do_not_reach_is_still_asked():
    reply = extract_message("行政诉讼3件：直接起诉2件，都维持了").reply()
    assert "其余1件属于哪种情形" in reply
