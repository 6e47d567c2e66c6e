"""The real HTTP path: ChatOpenAI against the local mock server (plain, streaming, 429, 500, timeout)."""

from __future__ import annotations

import pytest

from assistant.config import Settings
from assistant.drafting import draft_report, resolve_backend, stream_draft
from assistant.drafting.grounding import build_grounding
from assistant.drafting.offline import offline_section
from assistant.drafting.writer import DRAFTED_SECTIONS
from tests.mock_openai import MockOpenAI, Reply, section_of
from tests.test_drafting_support import make_facts, make_previous

FACTS, PREVIOUS = make_facts(), make_previous()
OFFLINE = {k: offline_section(k, build_grounding(FACTS, PREVIOUS)) for k in DRAFTED_SECTIONS}


def settings(mock: MockOpenAI, timeout: float = 5, retries: int = 0) -> Settings:
    return Settings(
        openai_api_key="sk-local-test",
        openai_base_url=mock.base_url,
        model="mock-model",
        llm_timeout=timeout,
        llm_max_retries=retries,
    )


def good(body: dict) -> Reply:
    return Reply(OFFLINE[section_of(body)])


def draft_via(mock: MockOpenAI, **kw):
    return draft_report(FACTS, PREVIOUS, backend="openai", retriever=None, settings=settings(mock, **kw))


def test_plain_requests_through_chat_openai():
    with MockOpenAI(good) as mock:
        d = draft_via(mock)
    assert {s.backend for s in d.sections.values()} == {"openai"} and d.findings == ()
    assert d.notes[0] == "使用模型 mock-model 起草"
    assert len(mock.requests) == len(DRAFTED_SECTIONS)
    body = mock.requests[0]
    assert body["model"] == "mock-model" and not body.get("stream")
    assert body["messages"][0]["role"] == "system"


def test_streaming_over_sse():
    with MockOpenAI(good) as mock:
        events = list(
            stream_draft(FACTS, PREVIOUS, backend="openai", retriever=None, settings=settings(mock))
        )
    assert all(b.get("stream") for b in mock.requests)
    deltas = [e for e in events if e.kind == "delta"]
    assert len(deltas) > len(DRAFTED_SECTIONS)  # several pieces per section
    final = events[-1].draft
    for key in DRAFTED_SECTIONS:
        assert "".join(e.text for e in deltas if e.section == key) == final.text(key) == OFFLINE[key]


@pytest.mark.parametrize(
    ("reply", "cause", "calls"),
    [
        (Reply(status=429), "HTTP 429", 2),  # one retry by the client, then the fallback
        (Reply(status=500), "HTTP 500", 2),
        (Reply(raw=b"<html>bad gateway</html>"), "无法解析", 1),
        (Reply(""), "空内容", 2),  # asked once more, then the fallback
        (Reply("OK."), "过短", 2),
    ],
)
def test_endpoint_errors_fall_back_with_the_cause(reply, cause, calls):
    with MockOpenAI(lambda body: reply if section_of(body) == "s1_overview" else good(body)) as mock:
        d = draft_via(mock, retries=1)
    s1 = d.sections["s1_overview"]
    assert s1.fallback and s1.text == OFFLINE["s1_overview"] and cause in s1.notes[0]
    assert sum(section_of(b) == "s1_overview" for b in mock.requests) == calls
    assert d.sections["s6_other"].backend == "openai"  # the other sections are unaffected


def test_timeout_falls_back():
    with MockOpenAI(lambda body: Reply(OFFLINE[section_of(body)], delay=1.5)) as mock:
        d = draft_via(mock, timeout=0.2)
    assert all(s.fallback for s in d.sections.values())
    assert "请求超时（0.2 秒无响应）" in d.sections["s5_problems"].notes[0]
    assert all(s.text for s in d.sections.values())


def test_flaky_server_recovers_with_retries():
    state = {"n": 0}

    def flaky(body: dict) -> Reply:
        state["n"] += 1
        return Reply(status=500) if section_of(body) == "s6_other" and state["n"] <= 3 else good(body)

    with MockOpenAI(flaky) as mock:
        d = draft_via(mock, retries=3)
    assert not d.sections["s6_other"].fallback and d.text("s6_other") == OFFLINE["s6_other"]


def test_model_that_ignores_the_rules_is_regenerated_once():
    bad = "## 六、其他需要报告的事项\n**本年度** XX"

    def answer(body: dict) -> Reply:
        return Reply(bad) if section_of(body) == "s6_other" and len(body["messages"]) == 2 else good(body)

    with MockOpenAI(answer) as mock:
        d = draft_via(mock)
    s6 = d.sections["s6_other"]
    assert s6.attempts == 2 and s6.findings == () and s6.history == (bad,)
    feedback = [b for b in mock.requests if section_of(b) == "s6_other"][1]["messages"][-1]["content"]
    assert "Markdown" in feedback and "占位符" in feedback


def test_openai_backend_without_key_is_offline():
    writer, notes = resolve_backend("openai", Settings())
    assert writer.name == "offline" and notes == ("未设置模型接口密钥（OPENAI_API_KEY），使用离线起草",)
    writer, _ = resolve_backend("openai", Settings(openai_base_url="http://127.0.0.1:9/v1"))
    assert writer.name == "openai"  # a base URL alone is an endpoint (Ollama needs no key)
