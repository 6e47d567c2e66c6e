"""Session 18 intake readings (dev I i012): 表一 「没出」 and a re-issued copy told in everyday words."""

from assistant.intake.llm import extract_message
from assistant.intake.model import ExtractionContext

_A = "applications.results.not_processed.confirm_or_reissue."
_HAD = {
    "applications.new_received.natural_person": 11,
    "applications.new_received.commercial": 1,
    "applications.new_received.total": 12,
}


def _values(message, cells=None):
    ex = extract_message(message, ExtractionContext(topic=None, cells=cells or {}))
    return {p.key: p.value for p in ex.proposals}, ex.questions


def test_normative_docs_not_issued_is_zero():
    got, _ = _values("表一：规范性文件今年没出，废止了两个，现行有效五个")
    assert got["active.art20_1.normative_docs.issued"] == 0
    assert got["active.art20_1.normative_docs.repealed"] == 2
    assert got["active.art20_1.normative_docs.in_force"] == 5


def test_a_result_not_yet_out_is_no_zero_issue():
    got, _ = _values("规范性文件没出来")
    assert "active.art20_1.normative_docs.issued" not in got


def test_stamped_copy_again_is_confirm_or_reissue_and_one_copy_is_no_count():
    got, questions = _values(
        "呃，有一件没给，他要的是我们以前已经给过他的那份文件，让我们再盖章重新出一份，个人的", _HAD
    )
    assert got[_A + "natural_person"] == 1
    assert got[_A + "total"] == 1
    assert not any("一份" in q for q in questions)
