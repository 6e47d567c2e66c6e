"""Applicant columns said in chat: a bare 「其他N件」 in a list of applicant types is the 其他 column,
and a parenthesis after its count (「（一个行业协会）」) is a gloss, not another count."""

from assistant.intake.extract import extract


def _cells(message: str) -> dict[str, object]:
    return {p.key: p.value for p in extract(message).proposals}


def test_bare_other_in_a_list_of_types_is_the_other_column():
    cells = _cells("依申请这块：今年新收20件，企业11件，个人7件，科研院所1件，其他1件")
    assert cells["applications.new_received.other_org"] == 1
    assert cells["applications.new_received.total"] == 20


def test_gloss_after_the_count_is_no_second_count():
    e = extract("依申请：新收20件，企业11件，个人7件，科研院所1件，其他1件（一个行业协会）")
    cells = {p.key: p.value for p in e.proposals}
    assert cells["applications.new_received.other_org"] == 1
    assert cells.get("applications.new_received.social_welfare_org", 0) == 0
    assert not e.questions
    assert any("一个行业协会" in n.text for n in e.narrative)  # the gloss is kept, not dropped


def test_other_as_remainder_word_still_gives_the_rest():
    cells = _cells("新收10件，企业2件，其他8件都是个人")
    assert cells["applications.new_received.natural_person"] == 8
    assert cells["applications.new_received.other_org"] == 0


def test_bare_other_without_types_before_is_not_an_applicant_column():
    e = extract("公开13件，部分公开3件，其他2件")
    assert not any(p.key.endswith("other_org") for p in e.proposals)
    assert any("2件" in q for q in e.questions)  # said back as not understood


def test_results_listed_after_jieguo_shi_keep_the_granted_count():
    """「结果是公开13件，部分公开3件」: 公开 right after 结果是 is 予以公开, not an unplaced number."""
    e = extract("结果是公开13件，部分公开3件，没有现成信息需要另行制作的2件")
    cells = {p.key: p.value for p in e.proposals}
    assert cells["applications.results.granted.total"] == 13
    assert cells["applications.results.partially_granted.total"] == 3
    assert not any("13件 没能确定" in q for q in e.questions)
