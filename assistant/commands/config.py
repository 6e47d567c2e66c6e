"""`assistant config [--test]`: the effective settings, secrets masked; --test probes the endpoint."""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

from assistant.config import Settings, load_settings

PROBE = [("user", "请只回答：好")]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="显示当前生效的设置（密钥已遮盖）")
    p.add_argument("--test", action="store_true", help="向模型服务发一个很小的请求，报告模型、耗时和可用的能力")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = load_settings()
    for k, v in settings.describe().items():
        print(f"{k:18} {v}")
    if getattr(args, "test", False):
        return test_endpoint(settings)
    return 0


def test_endpoint(settings: Settings, out: Callable[[str], None] = print) -> int:
    """One tiny request per capability; exit 0 if the plain request worked, else 2."""
    if not settings.has_llm:
        out("连接测试：未设置模型接口密钥（OPENAI_API_KEY），未测试（将使用离线起草）")
        return 2
    from assistant.drafting.llm import content_text, error_cause, strip_reasoning
    from assistant.llm import chat_openai

    model = chat_openai(settings, temperature=0).bind(max_tokens=16)
    out(f"连接测试：{settings.openai_base_url or 'OpenAI 官方接口'}，模型 {settings.model}")
    ok = True
    for label, call in _probes(model):
        t0 = time.perf_counter()
        try:
            reply = call()
            text = strip_reasoning(content_text(getattr(reply, "content", reply))).strip()
            detail = f"回复“{text[:20]}”" if text else "已响应"
            out(f"  ✓ {label}：可用，{time.perf_counter() - t0:.2f} 秒，{detail}")
        except Exception as e:  # noqa: BLE001 - each capability is reported, none stops the test
            out(f"  ✗ {label}：不可用（{error_cause(e, settings.llm_timeout)}）")
            ok = ok and label != "普通请求"
    out("结论：可以用模型起草" if ok else "结论：模型服务不可用，将使用离线起草")
    return 0 if ok else 2


def _probes(model: Any) -> list[tuple[str, Callable[[], Any]]]:
    def stream() -> Any:
        parts = [content_text_of(c) for c in model.stream(PROBE)]
        return "".join(parts)

    def json_mode() -> Any:
        return model.bind(response_format={"type": "json_object"}).invoke(
            [("user", '请用 JSON 回答：{"ok": true}')]
        )

    return [("普通请求", lambda: model.invoke(PROBE)), ("流式输出", stream), ("JSON 模式", json_mode)]


def content_text_of(chunk: Any) -> str:
    from assistant.drafting.llm import content_text

    return content_text(getattr(chunk, "content", chunk))
