"""Clerks' verbs and phrases as 公文 (`prompts/lexicon.yaml`), and what the offline draft makes of them."""

from __future__ import annotations

import pytest

from assistant.drafting import draft_report
from assistant.drafting.formal import formalize
from assistant.drafting.lint import lint_prose
from assistant.drafting.phrasing import drop_repeats
from tests.test_drafting_support import make_facts, make_previous


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("然后还开设两场新闻发布会", "并召开2场新闻发布会"),
        ("还开设两场发布会", "并召开2场新闻发布会"),
        ("还整了一个惠农政策专栏", "并开设一个惠农政策专栏"),
        ("微信公众号整了个政策问答栏目", "微信公众号开设政策问答栏目"),
        ("政策解读搞了二十篇", "政策解读发布20篇"),
        ("局里把历史文件弄了一遍", "我局对历史文件进行了全面梳理"),
        ("局里把老档案整理了一下", "我局对历史档案进行了整理"),
        ("那个镇里弄了一个公开目录", "我镇编制了一个公开目录"),
        ("我们局里建了公开属性源头认定制度", "我局建立了公开属性源头认定制度"),
        ("依申请今年收了六件", "依申请本年度接收6件"),
        ("收到两件，一件公开了，一件我们这没有", "收到2件，1件公开，1件我镇不掌握"),
        ("村务公开栏也搞了", "村务公开栏也同步更新"),
        ("下一步多搞一些图解和短视频", "下一步增加图解和短视频"),
        ("下一步把征地公告模板定下来", "下一步制定征地公告模板"),
        ("工作人员就2个人，还兼着别的活", "工作人员仅2人，还兼任其他工作"),
        ("开了四次专题会研究公开工作", "召开4次专题会研究公开工作"),
    ],
)
def test_a_clerks_phrase_is_written_as_a_report_says_it(typed: str, written: str) -> None:
    me = "我镇" if "镇" in typed or "我们这" in typed or "公开栏" in typed else "我局"
    out = formalize(typed, me)
    assert out == written
    assert lint_prose(out) == []


def test_a_clause_that_only_echoes_the_table_goes_with_the_number_it_leaned_on() -> None:
    stated = "本年度新收政府信息公开申请1件，均由自然人提出。全年办理完毕1件，其中予以公开1件。"
    assert drop_repeats("仅收到1件申请，已公开", stated) == ""
    assert drop_repeats("仅收到1件申请，均按时答复", stated) == "仅收到1件申请，均按时答复"


def _draft(**notes: str):
    facts = make_facts(narrative={"other": "没收过信息处理费", **notes})
    return draft_report(facts, make_previous(), backend="offline")


def test_the_problems_lead_in_is_not_said_twice() -> None:
    text = _draft(problems="问题就是人手不够，信息更新有时候不及时").text("s5_problems")
    assert "工作力量不足" in text and "问题就是" not in text and "：问题" not in text


def test_not_held_is_no_broken_clause_in_the_draft() -> None:
    text = _draft(on_request="收到两件，一件公开了，一件我们这没有").text("s1_overview")
    assert "这无" not in text and "这没有" not in text


def test_a_decision_count_keeps_the_staffs_measure_word() -> None:
    assert "行政许可处理决定120个" in _draft(active="网站发了86条").text("s1_overview")
    text = _draft(active="今年行政许可一百二十件都公开了").text("s1_overview")
    assert "行政许可处理决定120件" in text and "行政处罚处理决定35个" in text
