"""LLM extraction: fake chat models (no network) and a stdlib OpenAI-compatible mock on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage

from assistant.config import Settings
from assistant.intake import ExtractionContext, build_chat_model, extract_message
from assistant.intake.llm import system_prompt
from assistant.intake.model import LLM, RULES

A = "applications."
MESSAGE = "今年共收到申请12件，其中自然人10件、企业2件；予以公开8件，部分公开1件，结转下年度3件"


class ToolFake(GenericFakeChatModel):
    """A fake chat model that supports with_structured_output (STACK.md §5)."""

    seen: list = []

    def bind_tools(self, tools, **kw):
        return self

    def _generate(self, messages, *args, **kwargs):
        self.seen.append(messages)
        return super()._generate(messages, *args, **kwargs)


class Broken(ToolFake):
    def _generate(self, messages, *args, **kwargs):
        raise TimeoutError("endpoint timed out")


def fake(cells=(), narrative=(), questions=(), raw_args=None) -> ToolFake:
    args = raw_args if raw_args is not None else {
        "cells": [{"key": k, "value": v, "source": s} for k, v, s in cells],
        "narrative": [{"key": k, "text": t} for k, t in narrative],
        "questions": list(questions),
    }  # fmt: skip
    call = {"name": "LlmExtraction", "args": args, "id": "call_1"}
    return ToolFake(messages=iter([AIMessage(content="", tool_calls=[call])]), seen=[])


def test_valid_structured_output_is_proposed_with_labels():
    model = fake(
        cells=[
            (A + "new_received.total", 12, "今年共收到申请12件"),
            (A + "new_received.natural_person", 10, "自然人10件"),
            (A + "new_received.commercial_enterprise", 2, "企业2件"),
            (A + "results.granted.total", 8, "予以公开8件"),
        ],
        narrative=[("other", "无")],
    )
    ex = extract_message(MESSAGE, ExtractionContext(), model=model)
    assert ex.method == LLM
    assert ex.cells[A + "new_received.total"] == 12
    assert ex.cells[A + "results.granted.total"] == 8
    assert ex.cells[A + "new_received.other_org"] == 0  # parts add up: zeros inferred by code
    p = next(p for p in ex.proposals if p.key == A + "new_received.natural_person")
    assert p.label == "一、本年新收政府信息公开申请数量 / 自然人" and p.source == "自然人10件"
    assert [n.key for n in ex.narrative] == ["other"]


def test_prompt_lists_cell_keys_and_is_sent_as_system_message():
    model = fake(cells=[(A + "results.granted.total", 8, "予以公开8件")])
    extract_message(MESSAGE, None, model=model)
    (messages,) = model.seen
    assert messages[0].type == "system" and A + "new_received.total" in messages[0].content
    assert messages[1].content.endswith(MESSAGE) and "上一个问题" not in messages[1].content


def test_the_question_asked_goes_with_the_message():
    from assistant.intake import ExtractionContext

    model = fake(cells=[])
    ctx = ExtractionContext(topic="new_received", question="今年共收到多少件政府信息公开申请？")
    extract_message("都是自然人", ctx, model=model)
    (messages,) = model.seen
    assert "主题：new_received" in messages[1].content and "今年共收到多少件" in messages[1].content
    assert messages[1].content.endswith("都是自然人")
    assert "一、本年新收政府信息公开申请数量 / 自然人" in system_prompt()


def test_unknown_keys_and_bad_values_are_dropped_with_notes():
    model = fake(
        cells=[
            ("applications.new_received.everyone", 12, "共收到申请12件"),
            (A + "results.granted.total", -8, "予以公开8件"),
            (A + "results.partially_granted.total", 1.5, "部分公开1件"),
            (A + "carried_to_next.total", 3, "结转下年度3件"),
        ],
        narrative=[("weather", "晴")],
    )
    ex = extract_message(MESSAGE, None, model=model)
    assert ex.cells == {A + "carried_to_next.total": 3}
    notes = "\n".join(ex.notes)
    assert "everyone" in notes and "不是表格中的单元格" in notes
    assert "“-8.0”不是有效的非负整数" in notes and "“1.5”不是有效的非负整数" in notes
    assert "weather" in notes


def test_numbers_not_in_the_message_are_dropped():
    model = fake(
        cells=[
            (A + "new_received.total", 15, "共收到申请15件"),  # hallucinated
            (A + "results.granted.total", 8, "予以公开8件"),
            (A + "results.total.total", 9, "办结9件"),  # computed 8+1: not said
            ("review.total", 0, "没有行政复议"),  # zero is fine only if said: the message has no 0 / 没有
        ]
    )
    ex = extract_message(MESSAGE, None, model=model)
    assert ex.cells == {A + "results.granted.total": 8}
    notes = "\n".join(ex.notes)
    assert "数字 15 没有出现在您的话中" in notes and "数字 9 没有出现" in notes and "数字 0 没有出现" in notes


def test_chinese_numerals_and_amounts_count_as_said():
    model = fake(
        cells=[
            (A + "results.granted.total", 12, "予以公开十二件"),
            ("active.art20_8.admin_fees.amount_wan_yuan", 0.3, "行政事业性收费3000元"),
        ]
    )
    ex = extract_message("予以公开十二件，行政事业性收费3000元", None, model=model)
    assert ex.cells[A + "results.granted.total"] == 12
    assert str(ex.cells["active.art20_8.admin_fees.amount_wan_yuan"]) == "0.3"


def test_contradiction_from_the_model_is_caught_by_code():
    model = fake(
        cells=[
            (A + "new_received.total", 12, "共收到申请12件"),
            (A + "new_received.natural_person", 10, "自然人10件"),
            (A + "new_received.commercial_enterprise", 5, "企业5件"),
        ]
    )
    ex = extract_message("共收到申请12件，其中自然人10件、企业5件", None, model=model)
    assert A + "new_received.total" not in ex.cells
    assert any("两者不一致" in q for q in ex.questions)


def test_model_questions_are_kept_and_capped():
    model = fake(
        cells=[(A + "results.granted.total", 8, "")], questions=["问题一", "问题二", "问题三", "问题四"]
    )
    ex = extract_message(MESSAGE, None, model=model)
    assert ex.questions[-3:] == ("问题一", "问题二", "问题三")
    assert ex.proposals[0].source == MESSAGE  # an empty source falls back to the message


def test_failure_falls_back_to_rules():
    ex = extract_message(MESSAGE, None, model=Broken(messages=iter([]), seen=[]))
    assert ex.method == RULES
    assert ex.cells[A + "new_received.total"] == 12
    assert any("已改用离线规则识别" in n for n in ex.notes)


def test_malformed_output_falls_back_to_rules():
    ex = extract_message(MESSAGE, None, model=fake(raw_args={"cells": "十二"}))
    assert ex.method == RULES and ex.cells[A + "results.granted.total"] == 8


def test_nothing_usable_falls_back_and_keeps_the_notes():
    ex = extract_message(MESSAGE, None, model=fake(cells=[(A + "new_received.total", 99, "99件")]))
    assert ex.method == RULES
    assert ex.cells[A + "new_received.total"] == 12
    assert any("数字 99 没有出现" in n for n in ex.notes)


def test_no_model_means_rules():
    assert extract_message(MESSAGE).method == RULES


def test_build_chat_model_sets_timeout_and_retries():
    assert build_chat_model(Settings()) is None
    llm = build_chat_model(
        Settings(
            openai_api_key="sk-test",
            openai_base_url="http://127.0.0.1:9/v1",
            llm_timeout=7,
            llm_max_retries=1,
        )
    )
    assert llm.request_timeout == 7 and llm.max_retries == 1 and llm.temperature == 0


# ---------------------------------------------------------------- the real HTTP path, locally


class _Mock(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    answer: dict = {}
    delay = 0.0

    def log_message(self, *a):
        pass

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        time.sleep(self.server.delay)  # type: ignore[attr-defined]
        assert body["response_format"]["type"] == "json_schema"
        msg = {"role": "assistant", "content": json.dumps(self.server.answer, ensure_ascii=False)}  # type: ignore[attr-defined]
        data = json.dumps(
            {"id": "c1", "object": "chat.completion", "created": 0, "model": body["model"],
             "choices": [{"index": 0, "message": msg, "finish_reason": "stop", "logprobs": None}],
             "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}
        ).encode()  # fmt: skip
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (the timeout test)


@pytest.fixture
def mock_server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Mock)
    srv.daemon_threads = True
    srv.answer, srv.delay = {}, 0.0
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _settings(srv, timeout=5.0):
    url = f"http://127.0.0.1:{srv.server_address[1]}/v1"
    return Settings(
        openai_api_key="sk-local", openai_base_url=url, model="mock", llm_timeout=timeout, llm_max_retries=0
    )


def test_chat_openai_structured_output_over_http(mock_server):
    mock_server.answer = {
        "cells": [{"key": A + "results.granted.total", "value": 8, "source": "予以公开8件"}],
        "narrative": [],
        "questions": [],
    }
    ex = extract_message(MESSAGE, None, model=build_chat_model(_settings(mock_server)))
    assert ex.method == LLM and ex.cells == {A + "results.granted.total": 8}


def test_chat_openai_timeout_falls_back(mock_server):
    mock_server.delay = 1.5
    ex = extract_message(MESSAGE, None, model=build_chat_model(_settings(mock_server, timeout=0.3)))
    assert ex.method == RULES and ex.cells[A + "new_received.total"] == 12
