"""Narrative as clerks type it: the part named at the end, fillers and 先说 before the part's name, two
parts in one sentence, an earlier year's text said back (task narr4)."""

from __future__ import annotations

from assistant.intake import narrative as N
from tests.factories import say


def test_part_named_at_the_end_files_the_material_before_it():
    assert N.tail_named("全年开了三次专题会研究公开工作，这个算监督保障吧") == (
        "supervision",
        "全年开了三次专题会研究公开工作",
    )
    assert N.tail_named("把历年文件都重新过了一遍，这是信息管理的")[0] == "info_mgmt"
    assert N.tail_named("群众来电都登记在册，这个也放依申请那块")[0] == "on_request"


def test_a_filing_instruction_about_saved_text_is_no_tail_naming():
    assert N.tail_named("放错了，这是平台的") is None
    assert N.tail_named("第一句放错了，那是主动公开的") is None
    assert N.tail_named("这段不是主动公开的，应该放到信息管理里") is None
    assert N.tail_named("局里开了会，这个放到") is None


def test_tail_named_in_the_chat_stores_the_material_without_the_tail(ws):
    rid = ws.start("某县林业局", 2025, "县级部门")
    reply = say(ws, rid, "每月把各股室报送情况通报一次，这个算监督保障吧")
    narrative = ws.facts(rid).narrative
    assert "通报一次" in narrative["supervision"] and "算监督保障" not in narrative["supervision"]
    assert "没能理解" not in reply


def test_filler_and_first_before_the_part_name():
    assert N.named_topic("ok 问题的话 主要是经费紧张") == "problems"
    assert N.named_topic("好的，平台建设方面，网站改版了") == "platform"
    assert N.named_topic("先说平台吧，乡里网站改版了") == "platform"
    assert N.strip_named("先说平台吧，乡里网站改版了") == "乡里网站改版了"


def test_a_bare_part_name_after_a_comma_starts_another_part():
    parts = N.split_topics("信息管理上做了一次保密审查，监督这块开展了一次专项督查")
    assert parts == ["信息管理上做了一次保密审查", "监督这块开展了一次专项督查"]
    assert N.split_topics("网站新开了专栏，平台那块还接入了集约化平台")[1].startswith("平台那块")


def test_narrative_of_an_earlier_year_is_not_stored_and_said_back(ws):
    rid = ws.start("某县应急管理局", 2025, "县级部门")
    reply = say(ws, rid, "主动公开方面，2024年我局公开应急预案6件。")
    assert "应急预案" not in ws.facts(rid).narrative.get("active", "")
    assert "写的是2024年的情况，没有记入今年的年报" in reply


def test_a_quoted_earlier_year_sentence_goes_and_this_years_stays(ws):
    rid = ws.start("某县统计局", 2025, "县级部门")
    reply = say(ws, rid, "平台建设这块，上年报告里写的是2024年网站改版一次。今年新开了数据发布专栏")
    platform = ws.facts(rid).narrative.get("platform", "")
    assert "数据发布专栏" in platform and "改版一次" not in platform
    assert "2024年的情况" in reply


def test_what_requests_were_about_is_kept_when_the_count_is_vague(ws):
    rid = ws.start("某县人力资源和社会保障局", 2025, "县级部门")
    reply = say(ws, rid, "申请今年收了五十来件，多数是咨询社保缴费年限的")
    assert "咨询社保缴费年限" in ws.facts(rid).narrative.get("on_request", "")
    assert "不是确切数字" in reply  # the count is still asked for exactly


def test_an_unread_clause_beside_table_values_goes_to_the_part_it_names(ws):
    rid = ws.start("某县城市管理局", 2025, "县级部门")
    say(ws, rid, "处罚决定38件，全部在门户网站双公示栏目公布了")
    assert "双公示栏目公布了" in ws.facts(rid).narrative.get("active", "")
    assert ws.row(rid).state["pending"]["cells"]  # the count waits for 确认


def test_problems_and_plans_told_together_split_at_each_plan(ws):
    rid = ws.start("某县退役军人事务局", 2025, "县级部门")
    say(ws, rid, "问题和改进一起说：一是解读不够通俗，今后多用图解；二是栏目更新慢，下一步实行周更新")
    narrative = ws.facts(rid).narrative
    assert "解读不够通俗" in narrative["problems"] and "栏目更新慢" in narrative["problems"]
    assert "多用图解" in narrative["improvements"] and "实行周更新" in narrative["improvements"]
    assert "周更新" not in narrative["problems"] and "通俗" not in narrative["improvements"]


def test_section_six_matters_win_over_the_part_asked(ws):
    rid = ws.start("某县水利局", 2025, "县级部门")
    ws.update_state(rid, topic="narrative.platform")  # as if the 平台建设 question was asked
    say(ws, rid, "政协提案今年办了3件，答复都公开了")
    narrative = ws.facts(rid).narrative
    assert "政协提案今年办了3件" in narrative["other"] and not narrative.get("platform")


def test_this_is_that_part_files_what_was_not_understood(ws):
    rid = ws.start("某县市场监督管理局", 2025, "县级部门")
    first = say(ws, rid, "今年开通了12315热线转办公开申请的渠道")
    assert "没能理解" in first and "12315" not in ws.row(rid).state.get("pending", {}).get("cells", [])
    reply = say(ws, rid, "这个是依申请那块的")
    assert "12315热线转办公开申请的渠道" in ws.facts(rid).narrative["on_request"]
    assert "已记入【依申请公开】" in reply


def test_a_hotline_number_is_no_count():
    from assistant.intake.phrases import numbers

    assert numbers("群众可拨打12345政务服务便民热线申请") == []
    assert [m.value for m in numbers("12345热线转来申请3件")] == [3]


def test_no_text_for_a_part_stores_nothing_and_is_not_asked_again(ws):
    rid = ws.start("某县档案馆", 2025, "县级部门")
    ws.update_state(rid, topic="narrative.on_request")  # as if the 依申请公开 question was asked
    reply = say(ws, rid, "这块今年没什么可说的，先不写了")
    assert not ws.facts(rid).narrative.get("on_request")
    assert "没有记入" in reply and "narrative.on_request" in ws.row(rid).state["skipped"]


def test_a_restated_zero_goes_to_the_part_named_not_the_part_asked(ws):
    rid = ws.start("某县档案馆", 2025, "县级部门")
    say(ws, rid, "今年没有收到申请")
    say(ws, rid, "确认")
    ws.update_state(rid, topic="narrative.active")  # as if the 主动公开 question was asked
    say(ws, rid, "依申请方面，今年没有收到申请")
    narrative = ws.facts(rid).narrative
    assert "没有收到申请" in narrative.get("on_request", "") and "没有收到" not in narrative.get("active", "")


def test_section_five_opening_a_later_sentence_leaves_the_part_named_first(ws):
    rid = ws.start("某县商务局", 2025, "县级部门")
    say(ws, rid, "平台方面，商务局网站全年稳定运行。存在问题是栏目分类不够清晰。下一步将重新梳理栏目")
    narrative = ws.facts(rid).narrative
    assert "全年稳定运行" in narrative["platform"] and "栏目分类" not in narrative["platform"]
    assert "栏目分类不够清晰" in narrative["problems"] and "重新梳理栏目" in narrative["improvements"]


def test_a_weakness_then_a_plan_in_one_sentence_split():
    assert N.split_topics("短板是基层人员变动频繁，今后加强岗前培训") == [
        "短板是基层人员变动频繁",
        "今后加强岗前培训",
    ]


def test_more_ways_to_name_a_part():
    assert N.named_topic("我们局的问题和下一步打算：经费不足") == N.BOTH
    assert N.named_topic("另外说下监督，局里开了会") == "supervision"
    assert N.named_topic("平台建设这块写一下：网站改版") == "platform"
    assert N.tail_named("今年获评全省先进单位，这个也放其他里面")[0] == "other"
    assert N.split_topics("公众号推送政策解读20篇，网站这边开了专题")[1] == "网站这边开了专题"


def test_a_move_after_a_save_moves_the_saved_text_not_an_unread_clause(ws):
    rid = ws.start("某县司法局", 2025, "县级部门")
    first = say(ws, rid, "我是办公室小王。平台建设方面，把两个不用的政务新媒体账号注销了")
    assert "没能理解" in first and "小王" in first  # saved text and an unread clause in one reply
    say(ws, rid, "这个是信息管理的")
    narrative = ws.facts(rid).narrative
    assert "账号注销了" in narrative["info_mgmt"] and "小王" not in narrative["info_mgmt"]


def test_a_saved_sentence_corrected_is_replaced_old_to_new(ws):
    rid = ws.start("某县气象局", 2025, "县级部门")
    say(ws, rid, "问题和改进一起说：预警信息发布渠道偏少，下一步拓展短信渠道")
    reply = say(ws, rid, "那个问题写错了，应该是：气象科普信息更新慢")
    narrative = ws.facts(rid).narrative
    assert "气象科普信息更新慢" in narrative["problems"] and "渠道偏少" not in narrative["problems"]
    assert "拓展短信渠道" in narrative["improvements"]
    assert "“预警信息发布渠道偏少”改为“气象科普信息更新慢”" in reply


def test_a_move_is_no_correction():
    from assistant.intake import refile

    assert refile.replacement("这段应该是主动公开的内容") is None
    assert refile.replacement("放错了，应该是平台建设那块的") is None
    assert refile.replacement("改成：网站改版") is None  # points at nothing


def test_a_numbered_item_is_no_heading_and_never_dropped(ws):
    assert N.other_heading("三、复议诉讼情况")
    assert not N.other_heading("二、信息更新慢")
    rid = ws.start("某县医疗保障局", 2025, "县级部门")
    say(ws, rid, "问题这块：一、经办人员少；二、政策宣传弱")
    problems = ws.facts(rid).narrative["problems"]
    assert "经办人员少" in problems and "政策宣传弱" in problems


def test_this_too_files_under_the_part_saved_last(ws):
    rid = ws.start("某县民政局", 2025, "县级部门")
    say(ws, rid, "监督保障方面，每半年开展一次公开工作自查")
    say(ws, rid, "这个也是：年底对各股室公开工作进行了考评")
    assert "进行了考评" in ws.facts(rid).narrative["supervision"]


def test_a_lead_in_names_its_sentence_not_every_later_one(ws):
    rid = ws.start("某县林业局", 2025, "县级部门")
    say(ws, rid, "依申请方面都在期限内答复。林业局网站完成了适老化改造。全年组织业务培训3次。")
    narrative = ws.facts(rid).narrative
    assert "期限内答复" in narrative["on_request"] and "适老化" not in narrative["on_request"]
    assert "适老化改造" in narrative["platform"] and "业务培训3次" in narrative["supervision"]


def test_under_a_heading_alone_the_paragraph_stays_whole(ws):
    rid = ws.start("某县林业局", 2025, "县级部门")
    say(ws, rid, "（四）政府信息公开平台建设\n局网站运行平稳。全年对网站编辑开展培训1次。")
    assert "开展培训1次" in ws.facts(rid).narrative["platform"]


def test_proposals_handled_are_section_six_not_a_table_count(ws):
    rid = ws.start("某县城管局", 2025, "县级部门")
    say(ws, rid, "另外我们办理的人大代表建议6件都公开了")
    assert "人大代表建议6件都公开了" in ws.facts(rid).narrative["other"]
    assert not (ws.row(rid).state.get("pending") or {}).get("cells")


def test_a_plan_after_a_pointer_and_a_part_to_be_written():
    assert N.named_topic("还有个问题要写：窗口人员少") == "problems"
    assert N.split_topics("宣传不到位，对此明年将印发宣传册")[1] == "对此明年将印发宣传册"
