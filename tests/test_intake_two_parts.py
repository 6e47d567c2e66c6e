"""Two parts of one result row in one message (dev I i001): 「还有查无此信息的两件，都是村民的；另外有两件不是我们的，
告诉他去找住建局了，一个村民一个公司」 adds the parts type by type, not only in 总计 (before: 自然人 1, the first
part's 「都是村民的」 'not understood')."""

from __future__ import annotations

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

NH = "applications.results.unable.not_held."


def _cells(message):
    return extract_message(message, ExtractionContext()).cells


def test_two_parts_of_one_row_add_by_type():
    got = _cells(
        "还有查无此信息的两件，都是村民的；另外有两件不是我们的，告诉他去找住建局了，一个村民一个公司"
    )
    assert (
        got[NH + "natural_person"] == 3 and got[NH + "commercial_enterprise"] == 1 and got[NH + "total"] == 4
    )


def test_parts_about_different_rows_are_read_as_before():
    got = _cells("予以公开5件，都是个人的；另外部分公开2件，都是企业的")
    assert got["applications.results.granted.natural_person"] == 5
    assert got["applications.results.partially_granted.commercial_enterprise"] == 2
    assert got["applications.results.granted.total"] == 5
