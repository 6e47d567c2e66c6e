"""Offline regeneration with an instruction: each declared instruction really changes the text,
and what the offline drafter cannot do is said plainly (issue 13: 更简洁 returned the same text)."""

from __future__ import annotations

import pytest

from assistant.core.facts import ReportFacts
from assistant.core.numbers import extract_numbers
from assistant.drafting import draft_report, regenerate_section
from assistant.drafting.lint import lint_prose
from assistant.drafting.revise import parse, revise

NOTES = {
    "active": "主动公开这块，我们今年在门户网站发了大概1260条信息。政策解读发了36篇。",
    "on_request": "申请都按时答复了，没有超期的。",
    "info_mgmt": "今年清理了一遍规范性文件。保密审查都做了，没出过泄密问题。",
    "platform": "网站去年改版了，今年把老的链接都修好了。政务新媒体这块我们管着2个号。",
    "supervision": "把政务公开放进了年度绩效考核。今年搞了2次业务培训。今年没有责任追究的情况。",
    "problems": "问题主要是：一是有的乡镇标准目录用得不深。二是解读形式还是偏文字。",
    "improvements": "打算明年一是搞一次标准目录的专项督查，二是多做图解和短视频解读。",
    "other": "今年没收过信息处理费。",
}


@pytest.fixture(scope="module")
def draft():
    facts = ReportFacts(
        agency="测试县人民政府办公室", year=2024, format="2021",
        cells={"applications.new_received.natural_person": 3, "applications.results.granted.total": 3},
        narrative=NOTES,
    )  # fmt: skip
    return draft_report(facts, None, backend="offline", retriever=None)


def _regen(draft, section, instruction):
    return regenerate_section(draft, section, instruction, backend="offline").sections[section]


def _numbers(text):
    return sorted(m.value for m in extract_numbers(text))


def test_more_concise_is_shorter_and_keeps_every_number(draft):
    old = draft.sections["s1_overview"].text
    new = _regen(draft, "s1_overview", "更简洁")
    assert len(new.text) < len(old)
    assert _numbers(new.text) == _numbers(old)
    assert any("精简" in n for n in new.notes)
    assert lint_prose(new.text) == []


def test_more_detailed_is_longer(draft):
    old = draft.sections["s1_overview"].text
    new = _regen(draft, "s1_overview", "请写得更详细一些")
    assert len(new.text) > len(old) and old.split("\n")[0] in new.text
    assert any("补充" in n for n in new.notes)


def test_highlight_moves_the_item_first_and_renumbers(draft):
    new = _regen(draft, "s1_overview", "突出培训")
    supervision = next(p for p in new.text.split("\n") if p.startswith("（五）"))
    assert supervision.index("一是开展2次业务培训") < supervision.index("二是")
    assert lint_prose(new.text) == []


def test_highlight_of_what_the_text_lacks_says_so(draft):
    old = draft.sections["s6_other"].text
    new = _regen(draft, "s6_other", "突出人大建议办理")
    assert new.text == old
    assert any("没有“人大建议办理”" in n for n in new.notes)


def test_an_instruction_it_cannot_follow_is_named(draft):
    new = _regen(draft, "s5_problems", "写得生动活泼一点")
    assert new.text == draft.sections["s5_problems"].text
    assert any("无法执行" in n and "生动活泼" in n for n in new.notes)
    assert not any("已换一种表述" in n for n in new.notes)


def test_more_formal_rewrites_colloquial_words():
    new = revise("本年度我们发了大概30条信息，局里没出过泄密问题。", "更正式")
    assert "发布约30条" in new.text and "未发生" in new.text and "我们" not in new.text


def test_parse_declared_instructions():
    found, rest = parse("更简洁，突出信息处理费情况")
    assert ("concise", "") in found and ("highlight", "信息处理费") in found and rest == ""
