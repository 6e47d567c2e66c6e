"""Issue 15 item 3 and real endpoints: truncated output, reasoning, content parts, rejected options."""

from __future__ import annotations

import pytest

from assistant.drafting import draft_report, stream_draft
from assistant.drafting.llm import _ThinkFilter, strip_reasoning
from assistant.drafting.writer import DRAFTED_SECTIONS
from tests.mock_openai import MockOpenAI, Reply, section_of, think
from tests.test_drafting_http import FACTS, OFFLINE, PREVIOUS, settings

CUT = "本机关本年度主动公开政"


def _run(mock: MockOpenAI, stream: bool):
    s = settings(mock)
    if not stream:
        return draft_report(FACTS, PREVIOUS, backend="openai", retriever=None, settings=s)
    events = list(stream_draft(FACTS, PREVIOUS, backend="openai", retriever=None, settings=s))
    return events[-1].draft


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize(
    "reply",
    [Reply(CUT * 3, finish_reason="length"), Reply(CUT * 3, finish_marker=False)],
    ids=["length", "no_marker"],
)
def test_truncated_output_is_retried_once_then_falls_back(reply: Reply, stream: bool) -> None:
    if not stream and not reply.finish_marker:
        pytest.skip("a plain completion always has its finish_reason")
    with MockOpenAI(lambda body: reply) as mock:
        d = _run(mock, stream)
    for key in DRAFTED_SECTIONS:
        s = d.sections[key]
        assert s.fallback and s.backend == "offline", key
        assert CUT not in s.text
        assert any("截断" in n for n in s.notes)
    assert len(mock.requests) == 2 * len(DRAFTED_SECTIONS)  # one retry each


def test_truncated_first_answer_then_a_full_one_is_kept() -> None:
    seen: dict[str, int] = {}

    def answer(body: dict) -> Reply:
        key = section_of(body)
        seen[key] = seen.get(key, 0) + 1
        return Reply(CUT, finish_reason="length") if seen[key] == 1 else Reply(OFFLINE[key])

    with MockOpenAI(answer) as mock:
        d = _run(mock, stream=True)
    for key in DRAFTED_SECTIONS:
        assert d.text(key) == OFFLINE[key] and not d.sections[key].fallback


@pytest.mark.parametrize("stream", [False, True])
@pytest.mark.parametrize("shape", ["think", "reasoning_content", "parts"])
def test_reasoning_models_and_content_parts(shape: str, stream: bool) -> None:
    def answer(body: dict) -> Reply:
        text = OFFLINE[section_of(body)]
        if shape == "think":
            return Reply(think("先想想：用户要求起草，数字是99999件。", text))
        if shape == "reasoning_content":
            return Reply(text, reasoning="先想想：数字是99999件。")
        return Reply(text, parts=True)

    with MockOpenAI(answer) as mock:
        d = _run(mock, stream)
    for key in DRAFTED_SECTIONS:
        assert d.text(key) == OFFLINE[key], (shape, key)
        assert "先想想" not in d.text(key) and not d.sections[key].fallback


def test_think_filter_holds_back_reasoning_across_pieces() -> None:
    f = _ThinkFilter()
    out = "".join(f.feed(p) for p in ["<thi", "nk>想", "一想</th", "ink>\n\n正文", "继续"])
    assert out == "正文继续"
    g = _ThinkFilter()
    assert "".join(g.feed(p) for p in ["正", "文<think>不是开头"]) == "正文<think>不是开头"
    assert strip_reasoning("<think>没有结束") == ""
