"""Everyday words a clerk and a ledger use (issue 11): a ledger's 来文日期 and an outcome with a remark
(「不属于本机关公开职责（已告知向县自然资源局申请）」); greetings and the agency's name are fillers, not
「没能理解」; 「去年年报里算的结转」 is no 「还在办」."""

from __future__ import annotations

from assistant.intake.accounting import unaccounted
from assistant.intake.extract import extract
from assistant.intake.ledger_table import FIELD_SYNONYMS, RECEIVED
from assistant.intake.ledger_words import outcome_row
from assistant.intake.model import Extraction, ExtractionContext


def test_a_ledger_outcome_with_a_remark_is_read():
    assert (
        outcome_row("不属于本机关公开职责（已告知向县自然资源局申请）", "2021") == "results.unable.not_held"
    )
    assert outcome_row("告知向县住建局申请", "2021") == "results.unable.not_held"


def test_laiwen_riqi_is_the_date_received():
    assert "来文日期" in FIELD_SYNONYMS[RECEIVED]


def test_greetings_and_agency_names_need_no_account():
    assert unaccounted("农业农村局，2025年年报，台账我先传", Extraction()) == []
    assert unaccounted("你好 我是林业局办公室的 来填2025年的年报", Extraction()) == []
    assert unaccounted("信访举报转交县信访局", Extraction()) == ["信访举报转交县信访局"]


def test_a_carry_named_in_passing_is_not_still_open():
    ex = extract("第一行那件是2024年12月27号收到的，去年年报里算的结转，今年1月答复的", ExtractionContext())
    assert not any(p.key.startswith("applications.carried_to_next") for p in ex.proposals)
    still = extract("新收1件，现在还在办", ExtractionContext())
    assert {p.key: p.value for p in still.proposals}.get("applications.carried_to_next.total") == 1
