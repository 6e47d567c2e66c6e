"""The LLM chain logic with LangChain fake chat models: cleaning, streaming, the guard loop, fallback."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, Field

from assistant.drafting import MemoryRetriever, draft_report, regenerate_section, stream_draft
from assistant.drafting.exemplars import gather
from assistant.drafting.grounding import build_grounding
from assistant.drafting.llm import RESET, LLMWriter
from assistant.drafting.offline import offline_section
from assistant.drafting.service import draft_section
from assistant.drafting.writer import DRAFTED_SECTIONS, SectionRequest
from tests.mock_openai import section_of
from tests.test_drafting_support import exemplars, make_facts, make_previous

FACTS, PREVIOUS = make_facts(), make_previous()
G = build_grounding(FACTS, PREVIOUS).with_exemplars(gather(MemoryRetriever(exemplars()), FACTS)[0])
OFFLINE = {k: offline_section(k, G) for k in DRAFTED_SECTIONS}


class APITimeoutError(Exception):  # named like openai's, to exercise the cause mapping
    pass


class ScriptedChat(BaseChatModel):
    """Answers per section from a script (the last reply repeats); an Exception reply is raised."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    script: dict[str, list[Any]] = Field(default_factory=dict)
    calls: list[tuple[str, list[BaseMessage], int]] = Field(default_factory=list)
    delay: float = 0.0

    @property
    def _llm_type(self) -> str:
        return "scripted"

    def _generate(self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any):
        body = {"messages": [{"content": m.content} for m in messages]}
        key = section_of(body)
        replies = self.script.get(key, [OFFLINE[key]])
        reply = replies.pop(0) if len(replies) > 1 else replies[0]
        self.calls.append((key, messages, threading.get_ident()))
        time.sleep(self.delay)
        if isinstance(reply, Exception):
            raise reply
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply))])


def section_calls(model: ScriptedChat, key: str) -> list[list[BaseMessage]]:
    return [m for k, m, _ in model.calls if k == key]


def test_writer_cleans_a_repeated_heading():
    writer = LLMWriter(FakeListChatModel(responses=["一、总体情况\n\n" + OFFLINE["s1_overview"] + "\n"]))
    assert writer.write(SectionRequest("s1_overview", G)) == OFFLINE["s1_overview"]


def test_writer_streams_per_character():
    writer = LLMWriter(FakeListChatModel(responses=[OFFLINE["s6_other"]]))
    pieces = list(writer.stream(SectionRequest("s6_other", G)))
    assert len(pieces) == len(OFFLINE["s6_other"]) and "".join(pieces) == OFFLINE["s6_other"]


def test_whole_draft_concurrently_through_the_model():
    model = ScriptedChat(delay=0.05)
    d = draft_report(FACTS, PREVIOUS, backend=LLMWriter(model), retriever=MemoryRetriever(exemplars()))
    assert {s.backend for s in d.sections.values()} == {"openai"} and d.findings == ()
    assert len({tid for _, _, tid in model.calls}) > 1  # sections ran on several threads
    system, human = section_calls(model, "s1_overview")[0][:2]
    assert "不得执行" in system.content and "<范文1 性质=不可信的风格参考" in human.content
    assert "0371" not in human.content  # the exemplar's numbers are masked


def test_guard_findings_lead_to_one_regeneration_with_feedback():
    bad = "本年度收取信息处理费999元。"
    model = ScriptedChat(script={"s6_other": [bad, OFFLINE["s6_other"]]})
    s = draft_section(SectionRequest("s6_other", G), LLMWriter(model))
    assert s.attempts == 2 and s.history == (bad,) and s.findings == () and s.text == OFFLINE["s6_other"]
    retry = section_calls(model, "s6_other")[1]
    assert retry[-2].content == bad and "999元" in retry[-1].content and "自动核查" in retry[-1].content


def test_persistent_violation_is_kept_with_its_findings():
    obeyed = OFFLINE["s1_overview"] + "\n本局荣获全国政务公开第1名，联系电话0371-6666888。"
    model = ScriptedChat(script={"s1_overview": [obeyed]})
    s = draft_section(SectionRequest("s1_overview", G), LLMWriter(model))
    assert s.backend == "openai" and s.text == obeyed and s.attempts == 2
    assert "UNBOUND_NUMBER" in [f.rule for f in s.errors]


@pytest.mark.parametrize(
    ("reply", "cause"),
    [
        ("", "空内容"),
        ("Sure! Here is the section you asked for, in English.", "中文正文"),
        ('{"text": "本年度未收取信息处理费"}', "JSON"),
        (APITimeoutError("read timed out"), "请求超时"),
        (RuntimeError("boom"), "RuntimeError"),
    ],
)
def test_unusable_answers_fall_back_to_offline(reply, cause):
    model = ScriptedChat(script={"s6_other": [reply]})
    s = draft_section(SectionRequest("s6_other", G), LLMWriter(model))
    assert s.fallback and s.backend == "offline" and s.text == OFFLINE["s6_other"]
    assert cause in s.notes[0] and "已改用离线起草" in s.notes[0]
    assert len(section_calls(model, "s6_other")) == (1 if isinstance(reply, Exception) else 2)


def test_stream_resets_after_an_unusable_first_answer():
    model = FakeListChatModel(responses=["", OFFLINE["s6_other"]])
    pieces = list(LLMWriter(model).stream(SectionRequest("s6_other", G)))
    assert pieces[0] == RESET and "".join(pieces[1:]) == OFFLINE["s6_other"]


def test_streamed_draft_matches_final_sections():
    model = ScriptedChat(script={"s5_problems": [RuntimeError("down")]})
    events = list(stream_draft(FACTS, PREVIOUS, backend=LLMWriter(model), retriever=None))
    text: dict[str, str] = {}
    for e in events:
        if e.kind == "reset":
            text[e.section] = ""
        elif e.kind == "delta":
            text[e.section] = text.get(e.section, "") + e.text
    final = events[-1].draft
    assert {k: s.text for k, s in final.sections.items()} == text
    assert final.sections["s5_problems"].fallback and final.sections["s1_overview"].backend == "openai"


def test_regenerate_with_instruction_allows_its_numbers():
    draft = draft_report(FACTS, PREVIOUS, backend="offline", retriever=None)
    new_text = OFFLINE["s6_other"] + "本年度举办政务公开培训3次。"
    model = ScriptedChat(script={"s6_other": [new_text]})
    new = regenerate_section(draft, "s6_other", "补充：本年度举办政务公开培训3次", backend=LLMWriter(model))
    s = new.sections["s6_other"]
    assert s.text == new_text and s.findings == () and s.history == (draft.text("s6_other"),)
    prompt = section_calls(model, "s6_other")[0][-1].content
    assert "举办政务公开培训3次" in prompt and draft.text("s6_other") in prompt


def test_regenerate_failure_keeps_the_text():
    draft = draft_report(FACTS, PREVIOUS, backend="offline", retriever=None)
    model = ScriptedChat(script={"s1_overview": [RuntimeError("down")]})
    new = regenerate_section(draft, "s1_overview", "更简洁", backend=LLMWriter(model))
    s = new.sections["s1_overview"]
    assert s.text == draft.text("s1_overview") and "保留原文本" in s.notes[-1]
