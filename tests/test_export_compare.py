"""Comparing two versions of a report (pure: on Report objects)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from assistant.core.facts import BLANK, SLASH
from assistant.core.findings import ERROR, FAIL, NOT_ASSESSABLE, Finding
from assistant.export.compare import (
    ADDED,
    CHANGED,
    REMOVED,
    compare_reports,
    finding_delta,
    sentence_changes,
    show_value,
    split_sentences,
)
from tests.test_export_fixtures import full_report


def test_split_sentences_keeps_closing_quotes_and_paragraphs():
    text = "他说：“按期答复。”随后办结。\n第二段没有句号"
    assert split_sentences(text) == ["他说：“按期答复。”", "随后办结。", "第二段没有句号"]
    assert split_sentences("") == []


def test_sentence_changes_pair_replacements():
    a = ["甲。", "乙。", "丙。"]
    b = ["甲。", "乙改。", "丙。", "丁。"]
    changes = sentence_changes(a, b)
    assert [(c.kind, c.old, c.new) for c in changes] == [(CHANGED, "乙。", "乙改。"), (ADDED, "", "丁。")]
    assert [c.kind for c in sentence_changes(a, ["丙。"])] == [REMOVED, REMOVED]


def test_identical_reports_have_no_diff():
    r = full_report()
    diff = compare_reports(r, replace(r, source="other"))
    assert not diff.changed
    assert diff.to_json() == {"changed": False, "meta": [], "cells": [], "sections": []}


def test_cells_and_sentences_and_meta():
    old = full_report()
    cells = dict(old.cells)
    cells["applications.results.granted.natural_person"] = 999
    cells["review.upheld"] = SLASH
    cells["active.art20_8.admin_fees.amount_wan_yuan"] = Decimal("1.5")
    del cells["litigation_direct.total"]
    sections = dict(old.sections)
    sections["s6_other"] = "本年度未收取信息处理费。另有说明。"
    new = replace(old, cells=cells, sections=sections, title="新标题")
    diff = compare_reports(old, new)
    by_key = {c.key: c for c in diff.cells}
    assert set(by_key) == {
        "applications.results.granted.natural_person",
        "review.upheld",
        "active.art20_8.admin_fees.amount_wan_yuan",
        "litigation_direct.total",
    }
    granted = by_key["applications.results.granted.natural_person"]
    assert granted.table == 2 and granted.label == "三、本年度办理结果（一）予以公开 / 自然人"
    assert by_key["litigation_direct.total"].new is None
    assert diff.meta == (("标题", "", "新标题"),)
    (s6,) = diff.sections
    assert s6.label == "六、其他需要报告的事项" and s6.count(ADDED) == 1
    j = diff.to_json()
    assert j["cells"][0]["label"] and j["sections"][0]["changes"][0]["kind"] == ADDED


def test_equal_numbers_in_different_types_are_not_changes():
    old = full_report()
    cells = dict(old.cells)
    key = "applications.new_received.natural_person"
    cells[key] = Decimal(old.cells[key])
    assert not compare_reports(old, replace(old, cells=cells)).cells


def test_blank_is_not_zero():
    old = full_report()
    cells = dict(old.cells)
    cells["review.other"] = BLANK
    changes = compare_reports(old, replace(old, cells=cells)).cells
    assert [(c.key, show_value(c.new)) for c in changes] == [("review.other", "（空白）")]
    assert show_value(None) == "（缺失）" and show_value(SLASH) == "/"


def test_finding_delta():
    a = Finding("T2_ROW_TOTAL", ERROR, FAIL, "旧问题", ("x",))
    b = Finding("T2_STATED_BALANCE", ERROR, FAIL, "新问题", ("y",))
    c = Finding("T3_REVIEW_TOTAL", ERROR, NOT_ASSESSABLE, "无法核验", ("z",))
    introduced, resolved = finding_delta([a, c], [b])
    assert introduced == [b] and resolved == [a]
