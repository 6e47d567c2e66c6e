"""The LLM path reads what the rules read (dev F f001, f002, f007 through the scripted model, session 20): a count
told in two places (「查无此信息2件，还有一件……不归我们管」: 3, its source joined) and 「合作社那两件和村委会那件」
(2 + 1) are sums of numbers said, not numbers the model invented; one application moved between types (其他 2 → 3)
stands; the type the clerk is still telling is in the prompt; a question is asked once."""

from __future__ import annotations

from assistant.evals.scripted import ScriptedIntakeChat
from assistant.intake import ExtractionContext, extract_message
from assistant.intake.followup import followup_kept, followup_line, scope_of_line
from assistant.intake.model import Followup

A = "applications."


def _both(message, cells, followup=None):
    ctx = ExtractionContext(cells=cells, followup=followup)
    return extract_message(message, ctx), extract_message(message, ctx, ScriptedIntakeChat())


def _cells(ex):
    return {p.key: p.value for p in ex.proposals}


def test_a_count_told_in_two_places_stands_on_the_llm_path():
    rules, llm = _both(
        "村民的：给了5件，查无此信息2件，还有一件要的是土地承包的材料，不归我们管，让他去农业农村局问了",
        {A + "new_received.natural_person": 9, A + "new_received.total": 12},
    )
    assert (
        _cells(llm)[A + "results.unable.not_held.natural_person"]
        == 3
        == _cells(rules)[A + "results.unable.not_held.natural_person"]
    )
    assert not [n for n in llm.notes if "没有出现在您的话中" in n]


def test_that_one_counts_one_in_a_sum():
    rules, llm = _both(
        "合作社那两件和村委会那件都公开了", {A + "new_received.other_org": 3, A + "new_received.total": 23}
    )
    assert _cells(llm)[A + "results.granted.other_org"] == 3
    assert not [n for n in llm.notes if "没有出现在您的话中" in n]  # was: 「数字 3 没有出现……，已忽略」


def test_one_moved_between_types_stands_on_the_llm_path():
    cells = {
        A + "new_received.natural_person": 20,
        A + "new_received.other_org": 2,
        A + "new_received.total": 23,
    }
    rules, llm = _both("不对，村民是十九件，有一件是村委会替村里申请的，不算村民个人", cells)
    assert _cells(llm)[A + "new_received.other_org"] == 3 == _cells(rules)[A + "new_received.other_org"]


def test_the_type_still_told_goes_into_the_prompt_and_is_kept():
    fu = Followup(scope=("natural_person", 5))
    assert scope_of_line("x\n" + followup_line(fu)) == ("natural_person", 5)
    assert followup_kept(fu, []) == fu
    rules, llm = _both(
        "有两件要的是征地补偿方案，属于过程性信息没给", {A + "new_received.natural_person": 20}, fu
    )
    assert _cells(llm) == _cells(rules) == {A + "results.withheld.process_info.natural_person": 2}


def test_a_question_is_asked_once():
    _, llm = _both("新收申请28件", {})
    assert len(llm.questions) == len(set(llm.questions)) >= 1


def test_every_application_of_a_type_had_one_outcome_on_the_llm_path():
    cells = {
        A + "new_received.natural_person": 2,
        A + "new_received.commercial_enterprise": 1,
        A + "new_received.total": 3,
    }
    rules, llm = _both("个人的都公开了，企业那件涉及商业秘密，不予公开，属于保护第三方合法权益", cells)
    assert (
        _cells(llm)[A + "results.granted.natural_person"]
        == 2
        == _cells(rules)[A + "results.granted.natural_person"]
    )


def test_one_moved_from_a_row_with_a_long_label_stands():
    cells = {
        A + "results.partially_granted.natural_person": 2,
        A + "results.partially_granted.total": 2,
        A + "results.granted.natural_person": 8,
        A + "results.granted.total": 11,
    }
    rules, llm = _both("哦对了 部分公开那行个人是1不是2，多出来那件其实是予以公开的，我表格填错了", cells)
    assert (
        _cells(llm)[A + "results.granted.natural_person"]
        == 9
        == _cells(rules)[A + "results.granted.natural_person"]
    )
