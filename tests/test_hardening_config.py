"""`assistant config --test`: one tiny request per capability, reported in Chinese."""

from __future__ import annotations

from dataclasses import replace

from assistant.commands.config import test_endpoint as probe
from tests.mock_openai import MockOpenAI, Reply, think
from tests.test_drafting_http import settings


def _run(mock: MockOpenAI, s=None) -> tuple[int, str]:
    lines: list[str] = []
    code = probe(s or settings(mock), lines.append)
    return code, "\n".join(lines)


def test_working_endpoint_reports_model_latency_and_capabilities() -> None:
    with MockOpenAI(lambda body: Reply(think("想想", "好"), tool_args={"ok": True})) as mock:
        code, text = _run(mock)
    assert code == 0
    assert "mock-model" in text and "✓ 普通请求：可用" in text and "秒" in text
    assert "✓ 流式输出" in text and "✓ JSON 模式" in text and "想想" not in text
    assert "✓ 工具调用：可用" in text and "已调用工具" in text


def test_endpoint_without_json_mode_is_reported_but_usable() -> None:
    with MockOpenAI(lambda body: Reply("好"), rejects=("response_format", "tools")) as mock:
        code, text = _run(mock)
    assert code == 0 and "✗ JSON 模式：不可用" in text and "✓ 普通请求" in text
    assert "✗ 工具调用：不可用" in text


def test_unreachable_endpoint_says_offline() -> None:
    with MockOpenAI(lambda body: Reply(status=401)) as mock:
        code, text = _run(mock)
    assert code == 2 and "✗ 普通请求：不可用（密钥无效" in text and "离线起草" in text
    assert len(mock.requests) == 1  # the other capabilities are not tried against a dead endpoint


def test_ollama_base_url_without_key_is_tested() -> None:
    with MockOpenAI(lambda body: Reply("好")) as mock:
        code, text = _run(mock, replace(settings(mock), openai_api_key=""))
        sent = len(mock.requests)
    assert code == 0 and "无需密钥" in text and "✓ 普通请求" in text and sent >= 1


def test_nothing_configured_is_not_tested() -> None:
    with MockOpenAI() as mock:
        lines: list[str] = []
        s = replace(settings(mock), openai_api_key="", openai_base_url="")
        assert probe(s, lines.append) == 2
    assert "未设置模型接口密钥（OPENAI_API_KEY）" in lines[0] and not mock.requests
