"""Narrative typed in the chat lands where the clerk means and moves/goes exactly as asked (task narr3)."""

from __future__ import annotations

from assistant.intake import narrative as N
from tests.factories import say


def _two_sentences(ws):
    rid = ws.start("某县水务局", 2025, "县级部门")
    ws.update_state(rid, topic="narrative.platform")  # as if the 平台建设 question was asked
    say(ws, rid, "我们在门户网站开设了节水专栏。局里每月通报一次各科室的信息报送情况。")
    return rid


def test_moving_the_last_sentence_moves_only_that_sentence(ws):
    rid = _two_sentences(ws)
    reply = say(ws, rid, "最后那句是监督保障的")
    narrative = ws.facts(rid).narrative
    assert "节水专栏" in narrative["platform"] and "通报" not in narrative["platform"]
    assert "每月通报一次" in narrative["supervision"]
    assert "从【政府信息公开平台建设】改放到【监督保障】" in reply and "局里每月通报" in reply


def test_moving_the_first_sentence_and_a_sentence_named_by_its_words(ws):
    rid = _two_sentences(ws)
    say(ws, rid, "第一句放错了，那是主动公开的")
    narrative = ws.facts(rid).narrative
    assert "节水专栏" in narrative["active"] and "节水专栏" not in narrative.get("platform", "")
    assert "每月通报一次" in narrative["platform"]
    say(ws, rid, "报送情况那个应该是监督保障的")  # named by its own words, not by position
    narrative = ws.facts(rid).narrative
    assert "每月通报一次" in narrative["supervision"] and not narrative.get("platform")


def test_not_this_part_but_that_moves_the_last_item_only(ws):
    rid = ws.start("某县水务局", 2025, "县级部门")
    say(ws, rid, "平台建设方面，水务局公众号今年完成了改版。")
    say(ws, rid, "局里把信息公开纳入了科室年度考核。")
    reply = say(ws, rid, "这个不是平台的，是监督保障的")
    narrative = ws.facts(rid).narrative
    assert "公众号今年完成了改版" in narrative["platform"]  # the earlier item stays
    assert "这个不是平台的" not in "".join(narrative.values())
    assert "年度考核" in narrative["supervision"] and "已在【监督保障】中" in reply


def test_where_it_is_not_is_no_target():
    assert N.placed_topic("这段是依申请的，你别放到信息管理") == "on_request"
    assert N.placed_topic("这条放监督保障里，不是政府信息管理") == "supervision"
    assert N.placed_topic("你别放到信息管理") is None


def test_remove_the_last_item_and_quote_its_start(ws):
    rid = ws.start("某县水务局", 2025, "县级部门")
    say(ws, rid, "平台建设方面，水务局公众号今年完成了改版。")
    say(ws, rid, "监督保障方面，局里组织了两次业务培训。")
    reply = say(ws, rid, "删掉这段")
    narrative = ws.facts(rid).narrative
    assert not narrative.get("supervision") and "完成了改版" in narrative["platform"]
    assert "已从【监督保障】删除“局里组织了两次业务培训" in reply


def test_remove_only_the_sentence_meant(ws):
    rid = _two_sentences(ws)
    reply = say(ws, rid, "刚才最后那句不要了")
    assert ws.facts(rid).narrative["platform"] == "我们在门户网站开设了节水专栏。"
    assert "局里每月通报" in reply


def test_removal_needs_a_pointer_and_is_short():
    from assistant.intake import refile

    assert refile.is_removal("刚才那段不要了") and refile.is_removal("删掉这段")
    assert not refile.is_removal("今年删除了过期信息120条，清理了僵尸栏目，不再保留的专栏全部下线")
    assert not refile.is_removal("不要了")


def _saved(ws, *turns):
    rid = ws.start("某县水务局", 2025, "县级部门")
    say(ws, rid, *turns)
    return ws.facts(rid).narrative


def test_a_pasted_heading_names_the_part_of_what_follows_and_is_not_stored(ws):
    narrative = _saved(
        ws,
        "（三）政府信息管理。对近三年制发的文件逐件开展公开属性复核，动态更新公开指南。"
        "（四）政府信息公开平台建设。门户网站节水专栏完成改版。二、主动公开政府信息情况。本局没有收费项目。",
    )
    assert "逐件开展公开属性复核" in narrative["info_mgmt"] and "动态更新公开指南" in narrative["info_mgmt"]
    assert "（三）" not in "".join(narrative.values()) and "完成改版" in narrative["platform"]
    assert "没有收费项目" not in narrative["platform"]  # a heading of another part ends the one before


def test_the_part_named_before_an_info_fee_clause_names_the_rest(ws):
    narrative = _saved(ws, "其他事项：信息处理费今年没有收；另外牵头编制了水务领域公开标准目录")
    assert "牵头编制了水务领域公开标准目录" in narrative["other"] and not narrative.get("active")


def test_publishing_through_a_channel_is_active_and_building_it_is_platform():
    assert N.classify("公众号发了二百来条") == "active"
    assert N.classify("网站发布信息三百多条") == "active"
    assert N.classify("局网站今年完成改版上线") == "platform"


def test_a_vague_count_no_row_takes_stays_narrative_and_is_never_a_value(ws):
    rid = ws.start("某县水务局", 2025, "县级部门")
    reply = say(ws, rid, "水务公众号全年推送了四百来条")
    assert "不是确切数字" not in reply and "四百来条" in ws.facts(rid).narrative["active"]
    assert not ws.facts(rid).cells
    assert "不是确切数字" in say(ws, rid, "处罚今年三十来件")  # a row named: asked for exactly


def _ex(message, topic=None):
    from assistant.intake.extract import extract
    from assistant.intake.model import ExtractionContext

    return [(n.key, n.text) for n in extract(message, ExtractionContext(topic=topic)).narrative]


def test_a_topic_lead_in_names_the_part_and_the_clerk_keeps_the_time_word():
    assert _ex("本年度主动公开这块，我们公开了预算决算信息", "narrative.on_request") == [
        ("active", "本年度我们公开了预算决算信息。")
    ]
    assert _ex("本年度另外平台建设方面，我局新开了视频号", "narrative.active")[0][0] == "platform"
    assert _ex("对了依申请那段再加一句：对来电咨询逐一解释") == [("on_request", "对来电咨询逐一解释。")]


def test_problems_named_win_over_the_question_and_stay_whole_in_order():
    got = _ex("问题主要是：一是答复说理不充分；二是人员变动频繁；三是培训不够", "narrative.on_request")
    assert got == [("problems", "一是答复说理不充分；二是人员变动频繁；三是培训不够。")]
    got = _ex("存在的问题主要是答复的规范性有待提高，有1件答复书没写救济途径，明年会加强法制审核")
    assert got[0][0] == "problems" and "没写救济途径" in got[0][1]
    assert got[1] == ("improvements", "明年会加强法制审核。")


def test_a_short_answer_to_the_question_asked_is_never_section_text(ws):
    for answer in ("没有", "都是", "对", "12条", "没有问题"):
        rid = ws.start("某县水务局", 2025, "县级部门")
        ws.update_state(rid, topic="narrative.problems", question="今年工作中存在哪些主要问题？")
        reply = say(ws, rid, answer)
        assert not any(ws.facts(rid).narrative.values()), answer
        if answer != "对":  # 「对」 with nothing pending is answered as such
            assert "没有作为【存在的主要问题】的文字记入" in reply
            assert "narrative.problems" in ws.row(rid).state["skipped"]  # not asked again


def test_spoken_time_and_sequence_are_linted_and_formalised():
    from assistant.drafting.formal import formalize
    from assistant.drafting.lint import lint_prose

    for spoken, formal in (
        ("发文的时候就标注公开属性", "发文时标注公开属性"),
        ("报送信息的时候便审核", "报送信息时审核"),
        ("改进就是下一步加强培训", "下一步加强培训"),
        ("整改主要是今后每季度抽查一次", "今后每季度抽查一次"),
    ):
        assert [i.kind for i in lint_prose(spoken + "。")], spoken
        assert formalize(spoken, "我局") == formal and not lint_prose(formal + "。")
