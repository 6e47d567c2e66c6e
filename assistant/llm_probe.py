"""One tiny request per capability of the configured endpoint, reported in Chinese.

Shared by `assistant config --test` and the app's 「测试连接」 button: the model, the latency of
each request and which capabilities worked (plain, streamed, JSON mode, tool calls). Nothing here
raises: every failure is a line with its cause.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.config import Settings

PROBE = [("user", "请只回答：好")]
PLAIN = "普通请求"
PROBE_TOKENS = 16
PROBE_TIMEOUT = 20.0  # seconds per request at most, and no retries: a probe must answer promptly


@dataclass
class ProbeResult:
    lines: list[str] = field(default_factory=list)
    tested: bool = False  # a request was sent
    usable: bool = False  # the plain request worked: drafting can use the model

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def probe_endpoint(settings: Settings, out: Callable[[str], None] | None = None) -> ProbeResult:
    """Probe the endpoint of `settings`; each line also goes to `out` as soon as it is known."""
    result = ProbeResult()

    def say(line: str) -> None:
        result.lines.append(line)
        if out is not None:
            out(line)

    if not settings.has_llm:
        say(
            "连接测试：未设置模型接口密钥（OPENAI_API_KEY）或接口地址（OPENAI_BASE_URL），未测试（将使用离线起草）"
        )
        return result
    from assistant.llm import chat_openai

    settings = replace(settings, llm_timeout=min(settings.llm_timeout, PROBE_TIMEOUT), llm_max_retries=0)
    model = chat_openai(settings, temperature=0).bind(max_tokens=PROBE_TOKENS)
    say(f"连接测试：{settings.openai_base_url or 'OpenAI 官方接口'}，模型 {settings.model}")
    if not settings.openai_api_key:
        say("  未设置密钥：按无密钥方式连接（Ollama 等本地服务无需密钥）")
    result.tested = result.usable = True
    for label, call in _probes(model):
        t0 = time.perf_counter()
        try:
            detail = _detail(call())
            say(f"  ✓ {label}：可用，{time.perf_counter() - t0:.2f} 秒，{detail}")
        except Exception as e:  # noqa: BLE001 - each capability is reported, none stops the test
            from assistant.llm import error_cause

            say(f"  ✗ {label}：不可用（{error_cause(e, settings.llm_timeout)}）")
            if label == PLAIN:
                result.usable = False
                break  # the others would fail the same way (and a hung endpoint would cost each a timeout)
    say("结论：可以用模型起草" if result.usable else "结论：模型服务不可用，将使用离线起草")
    return result


def _detail(reply: Any) -> str:
    from assistant.llm import content_text, strip_reasoning

    if getattr(reply, "tool_calls", None):
        return "已调用工具"
    text = strip_reasoning(content_text(getattr(reply, "content", reply))).strip()
    return f"回复“{text[:20]}”" if text else "已响应"


def _probes(model: Any) -> list[tuple[str, Callable[[], Any]]]:
    from assistant.llm import content_text

    def stream() -> Any:
        return "".join(content_text(getattr(c, "content", c)) for c in model.stream(PROBE))

    def json_mode() -> Any:
        return model.bind(response_format={"type": "json_object"}).invoke(
            [("user", '请用 JSON 回答：{"ok": true}')]
        )

    def tools() -> Any:
        spec = {"type": "function", "function": {"name": "answer", "description": "回答",
                "parameters": {"type": "object", "properties": {"ok": {"type": "boolean"}}}}}  # fmt: skip
        return model.bind(tools=[spec]).invoke([("user", "请调用 answer 工具，ok 为 true")])

    return [
        (PLAIN, lambda: model.invoke(PROBE)),
        ("流式输出", stream),
        ("JSON 模式", json_mode),
        ("工具调用", tools),
    ]
