"""Structured intake on every endpoint shape, through the real chat handler and an HTTP mock.

JSON schema mode, tool calls only, neither (JSON asked for in the text: fenced, after <think>, as
content parts), reasoning_content, an endpoint that never answers in JSON, one that hangs, and an
Ollama-style endpoint with no key: each ends with the user's numbers proposed, the chat saying how
they were read, and nothing the user typed dropped.
"""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from assistant.app import chat
from assistant.intake import build_chat_model
from tests.mock_openai import MockOpenAI, Reply, think
from tests.test_drafting_http import settings

A = "applications.new_received."
MESSAGE = "今年共收到申请12件，其中自然人10件、企业2件"
ANSWER = {
    "cells": [
        {"key": A + "total", "value": 12, "source": "今年共收到申请12件"},
        {"key": A + "natural_person", "value": 10, "source": "自然人10件"},
        {"key": A + "commercial_enterprise", "value": 2, "source": "企业2件"},
    ],
    "narrative": [],
    "questions": [],
}
TEXT = json.dumps(ANSWER, ensure_ascii=False)


def endpoint(text_shape: str = "plain"):
    """A model that honours whatever the request asks for: JSON mode, a tool, or text."""

    def answer(body: dict) -> Reply:
        if "response_format" in body:
            return Reply(TEXT)
        if body.get("tools"):
            return Reply(tool_args=ANSWER)
        if text_shape == "fenced_think":
            return Reply(think("用户说了12件，我来整理", f"好的，结果如下：\n```json\n{TEXT}\n```\n以上。"))
        if text_shape == "parts":
            return Reply(TEXT, parts=True)
        if text_shape == "reasoning":
            return Reply(f"结果：{TEXT}", reasoning="先数一数：12件")
        return Reply("收到了，一共12件。")  # never JSON

    return answer


def _turn(ws, mock: MockOpenAI, s=None) -> tuple[str, dict]:
    rid = ws.start("青梧县测试局", 2024, "县级部门")
    chat.greet(ws, rid)
    v = chat.turn(ws, rid, MESSAGE, build_chat_model(s or settings(mock)))
    pending = {c["key"]: int(c["value"]) for c in ws.row(rid).state["pending"]["cells"]}
    return v.history[-1]["content"], pending


def _proposed(pending: dict) -> None:
    assert pending[A + "total"] == 12 and pending[A + "natural_person"] == 10
    assert pending[A + "commercial_enterprise"] == 2


def test_json_schema_endpoint_is_used_as_is(ws) -> None:
    with MockOpenAI(endpoint()) as mock:
        reply, pending = _turn(ws, mock)
    _proposed(pending)
    assert len(mock.requests) == 1 and mock.requests[0]["response_format"]["type"] == "json_schema"
    assert "离线" not in reply and "改用" not in reply


def test_endpoint_without_json_mode_uses_a_tool(ws) -> None:
    with MockOpenAI(endpoint(), rejects=("response_format",)) as mock:
        reply, pending = _turn(ws, mock)
    _proposed(pending)
    assert "改用工具调用方式识别" in reply
    assert [("response_format" in r, "tools" in r) for r in mock.requests] == [(True, False), (False, True)]


@pytest.mark.parametrize("shape", ["fenced_think", "parts", "reasoning"])
def test_endpoint_without_json_mode_or_tools_answers_json_in_text(ws, shape: str) -> None:
    with MockOpenAI(endpoint(shape), rejects=("response_format", "tools")) as mock:
        reply, pending = _turn(ws, mock)
    _proposed(pending)
    assert "改用文本中的 JSON方式识别" in reply and "用户说了" not in reply and "先数一数" not in reply
    asked = mock.requests[-1]
    assert "response_format" not in asked and "tools" not in asked
    assert "只输出一个 JSON 对象" in asked["messages"][-1]["content"]


def test_a_refused_method_is_not_tried_again_for_the_same_model(ws) -> None:
    with MockOpenAI(endpoint("fenced_think"), rejects=("response_format", "tools")) as mock:
        model = build_chat_model(settings(mock))
        rid = ws.start("青梧县测试局", 2024, "县级部门")
        chat.turn(ws, rid, MESSAGE, model)
        first = len(mock.requests)
        chat.turn(ws, rid, "取消", model)
        chat.turn(ws, rid, MESSAGE, model)
    assert first == 3 and len(mock.requests) == first + 1  # the second message goes straight to text


def test_endpoint_that_never_answers_json_falls_back_to_the_rules_and_says_so(ws) -> None:
    with MockOpenAI(endpoint("never"), rejects=("response_format", "tools")) as mock:
        reply, pending = _turn(ws, mock)
    _proposed(pending)  # the offline extractor read the same message
    assert "已改用离线规则识别" in reply and "不是所要求的 JSON" in reply


def test_hung_endpoint_falls_back_at_once_without_asking_other_ways(ws) -> None:
    with MockOpenAI(lambda body: Reply(TEXT, delay=5)) as mock:
        reply, pending = _turn(ws, mock, settings(mock, timeout=0.5))
    _proposed(pending)
    assert "请求超时" in reply and "已改用离线规则识别" in reply
    assert len(mock.requests) == 1


def test_ollama_needs_no_key(ws) -> None:
    with MockOpenAI(endpoint()) as mock:
        s = replace(settings(mock), openai_api_key="")
        assert s.has_llm
        reply, pending = _turn(ws, mock, s)
    _proposed(pending)
    assert len(mock.requests) == 1 and "离线" not in reply


def test_a_new_model_never_inherits_the_refusals_of_one_that_had_its_id(monkeypatch):
    from pydantic import BaseModel

    from assistant.intake import structured

    class Out(BaseModel):
        x: int = 0

    class BadRequest(Exception):
        status_code = 400

    def refuse_shapes(model, schema, messages, method):
        if method != structured.TEXT:
            raise BadRequest(method)
        return Out()

    monkeypatch.setattr(
        structured, "id", lambda _obj: 7, raising=False
    )  # the freed id given to the next model
    monkeypatch.setattr(structured, "_call", refuse_shapes)
    assert (
        structured.ask(object(), Out, []).method == structured.TEXT
    )  # the first model's endpoint refused two
    tried = []
    monkeypatch.setattr(
        structured, "_call", lambda model, schema, messages, method: tried.append(method) or Out()
    )
    assert structured.ask(object(), Out, []).method == structured.JSON_SCHEMA  # was: straight to text
    assert tried == [structured.JSON_SCHEMA]
