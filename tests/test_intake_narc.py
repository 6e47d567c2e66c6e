"""表一/表三/narrative filing phrasings (session narc): one test per class fixed."""

from assistant.intake import extract
from assistant.intake import narrative as N
from assistant.intake.model import ExtractionContext


def _cells(message: str, topic: str | None = None) -> dict:
    return {p.key: p.value for p in extract(message, ExtractionContext(topic=topic)).proposals}


def test_topic_named_with_filler_or_that_part():
    assert N.named_topic("问题和改进我一起说吧：一是人员少") == N.BOTH
    assert N.named_topic("网站那块今年换了新版") == "platform"
    assert N.strip_named("网站那块今年换了新版") == "今年换了新版"


def test_topic_named_mid_sentence_after_a_connector():
    parts = N.split_topics("网站那块今年换了新版，栏目从12个调整到8个，另外监督方面我们开了两次培训会")
    assert parts == ["网站那块今年换了新版，栏目从12个调整到8个", "另外监督方面我们开了两次培训会"]
    assert N.split_topics("主动公开这块，全年发了596条，网站上发了400条") == [
        "主动公开这块，全年发了596条，网站上发了400条"
    ]


def test_mid_sentence_topics_file_each_part_and_no_cell():
    ex = extract(
        "网站那块今年换了新版，栏目从12个调整到8个，另外监督方面我们开了两次培训会，还请了第三方来评议"
    )
    keys = {n.key: n.text for n in ex.narrative}
    assert "栏目从12个调整到8个" in keys["platform"] and "第三方来评议" in keys["supervision"]
    assert not ex.proposals and not ex.questions


def test_plain_weaknesses_are_problems_but_not_a_negated_one():
    assert N.classify("二是政策解读形式比较单一，以文字为主") == "problems"
    assert N.classify("部分股室公开意识还不强") == "problems"
    assert N.classify("今年都是按期答复的，没有超期") != "problems"


def test_year_on_year_change_is_no_cell():
    cells = _cells(
        "依申请公开方面，全年共收到申请23件，比去年少了7件，主要是我们把招生划片的信息都主动公开了"
    )
    assert cells == {"applications.new_received.total": 23}


def test_review_outcomes_in_everyday_words():
    cells = _cells("行政复议今年有3起，一起维持了原来的答复，一起让我们重新答复，还有一起申请人自己撤了")
    assert (cells["review.upheld"], cells["review.corrected"], cells["review.other"]) == (1, 1, 1)
    cells = _cells("打官司的有一起，是直接告到法院的，法院判我们赢了")
    assert cells["litigation_direct.upheld"] == 1


def test_sued_said_as_bei_gao_is_litigation():
    ex = extract("被告了一次，还没判")
    assert any("未经复议直接起诉、复议后起诉" in q for q in ex.questions)


def test_no_power_to_make_rules_zeroes_the_row_in_the_users_words():
    ex = extract("规章我们没权限制定，规范性文件今年出了两个")
    cells = {p.key: p.value for p in ex.proposals}
    assert cells["active.art20_1.regulations.in_force"] == 0
    assert cells["active.art20_1.normative_docs.issued"] == 2
    assert all("均无" not in p.source for p in ex.proposals)
    assert not extract("规章我们没有制发权限，都是零").questions
