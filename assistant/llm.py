"""The one place a chat model for the configured OpenAI-compatible endpoint is built, and the
provider-independent reading of its answers (content parts, reasoning, JSON in text, error causes)."""

from __future__ import annotations

import json
import re
from typing import Any

from assistant.config import Settings

NO_KEY = "no-key"  # sent when only a base URL is set (Ollama, local vLLM): the client insists on one
_THINK = re.compile(r"<think>.*?(?:</think>|\Z)", re.S)
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.S)


def chat_openai(settings: Settings, temperature: float) -> Any:
    """ChatOpenAI with an explicit timeout (its default is none) and retries, on Chat Completions
    (some model names would otherwise switch to the Responses API, which local servers lack)."""
    from langchain_openai import ChatOpenAI  # slow import: only when an endpoint is configured

    return ChatOpenAI(
        model=settings.model,
        base_url=settings.openai_base_url or None,
        api_key=settings.openai_api_key or NO_KEY,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        temperature=temperature,
        use_responses_api=False,
    )


def content_text(content: Any) -> str:
    """A message's content as text (some providers send a list of parts; reasoning parts are skipped)."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(_part_text(p) for p in content if p)
    return "" if content is None else str(content)


def _part_text(part: Any) -> str:
    if isinstance(part, str):
        return part
    if not isinstance(part, dict) or part.get("type") in ("reasoning", "thinking"):
        return ""
    return str(part.get("text", ""))


def strip_reasoning(text: str) -> str:
    """The answer without a reasoning model's <think>…</think> block (vLLM, Ollama put it in content)."""
    return _THINK.sub("", text) if "<think>" in text else text


def first_json_object(content: Any) -> dict[str, Any] | None:
    """The first JSON object in a model's text answer: reasoning dropped, ```json fences and prose
    around it tolerated, content parts joined. None if there is none."""
    text = strip_reasoning(content_text(content))
    candidates = [m.group(1) for m in _FENCE.finditer(text)] + [text]
    decoder = json.JSONDecoder()
    for candidate in candidates:
        start = candidate.find("{")
        while start != -1:
            try:
                value, _ = decoder.raw_decode(candidate, start)
            except ValueError:
                value = None
            if isinstance(value, dict):
                return value
            start = candidate.find("{", start + 1)
    return None


def rejected(e: BaseException) -> bool:
    """The endpoint refused the request's shape (HTTP 400/404/422: an unsupported field), as opposed
    to being down, slow or refusing the key; the same question can be asked another way."""
    return getattr(e, "status_code", None) in (400, 404, 415, 422) or "BadRequest" in type(e).__name__


def error_cause(e: BaseException, timeout: float | None = None) -> str:
    """A Chinese cause for an endpoint error (openai's exception classes, by name and status)."""
    status = getattr(e, "status_code", None)
    name = type(e).__name__
    if "Timeout" in name:
        return f"请求超时（{timeout:g} 秒无响应）" if timeout else "请求超时"
    if status == 429 or "RateLimit" in name:
        return "请求过于频繁或额度不足，HTTP 429"
    if status in (401, 403) or "Authentication" in name or "PermissionDenied" in name:
        return f"密钥无效或无权限，HTTP {status or 401}"
    if status == 404 or "NotFound" in name:
        return "模型或接口地址不存在，HTTP 404"
    if isinstance(status, int) and status >= 500:
        return f"模型服务出错，HTTP {status}"
    if "Connection" in name:
        return "无法连接模型服务"
    if isinstance(status, int):
        return f"模型服务返回错误，HTTP {status}"
    if "JSONDecode" in name or "Decode" in name:
        return "模型服务返回的数据无法解析"
    return f"调用模型失败：{name}"
