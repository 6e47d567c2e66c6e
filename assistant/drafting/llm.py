"""The LLM backend: any LangChain chat model; `ChatOpenAI` for OpenAI-compatible endpoints.

Transport errors (429, 5xx, timeouts) are retried by the client (`max_retries`); an unusable answer
(empty, not Chinese prose, JSON) is asked for once more. What still fails becomes a DraftingError
whose message says the cause in Chinese; the service then falls back to the offline draft.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from assistant.core import spec
from assistant.drafting.prompts import messages
from assistant.drafting.writer import DraftingError, SectionRequest
from assistant.llm import content_text, error_cause, strip_reasoning

RESET = "\x00reset"  # yielded by `stream` when a restarted attempt replaces what was streamed


TRUNCATED = "模型输出被截断（达到长度上限或连接提前结束）"


def finish_reason(message: Any) -> str:
    meta = getattr(message, "response_metadata", None) or {}
    return str(meta.get("finish_reason") or "")


class _ThinkFilter:
    """Streamed pieces with a leading <think>…</think> held back: reasoning never reaches a draft."""

    def __init__(self) -> None:
        self.buffer = ""
        self.open = True  # still deciding whether the answer starts with <think>

    def feed(self, piece: str) -> str:
        if not self.open:
            return piece
        self.buffer += piece
        head = self.buffer.lstrip()
        if "<think>".startswith(head[:7]) and len(head) < 7:
            return ""  # too early to tell
        if not head.startswith("<think>"):
            self.open = False
            return self.buffer
        if "</think>" not in head:
            return ""
        self.open = False
        return head.split("</think>", 1)[1].lstrip()


def malformed(text: str) -> str:
    """Why `text` is not a usable section text ("" if it is)."""
    body = text.strip()
    if not body:
        return "模型返回了空内容"
    if body[0] in "{[":
        try:
            json.loads(body)
            return "模型返回了 JSON 数据而不是正文"
        except ValueError:
            pass
    visible = re.sub(r"\s", "", body)
    cjk = sum(1 for ch in visible if "\u4e00" <= ch <= "\u9fff")
    if len(visible) >= 10 and cjk / len(visible) < 0.3:
        return "模型没有按要求输出中文正文"
    if cjk < 5:
        return "模型返回的内容过短"
    return ""


def clean(text: str, section: str) -> str:
    """Whitespace trimmed and a repeated section heading removed; nothing else is changed."""
    lines = [line.strip() for line in text.strip().splitlines()]
    heading = spec.SECTION_BY_KEY[section]
    while lines and lines[0].rstrip("：:。") in (heading.label, heading.title):
        lines.pop(0)
    return "\n".join(line for line in lines if line)


class LLMWriter:
    """The LLM backend (SectionWriter) over a LangChain chat model."""

    name = "openai"

    def __init__(
        self, model: Any, *, attempts: int = 2, timeout: float | None = None, finish_required: bool = False
    ) -> None:
        self.model = model
        self.finish_required = finish_required  # a stream without a finish_reason was cut off (OpenAI API)
        self.attempts = max(1, attempts)  # answers asked for when one is unusable
        self.timeout = timeout

    def write(self, request: SectionRequest) -> str:
        cause = ""
        for _ in range(self.attempts):
            try:
                reply = self.model.invoke(messages(request))
            except Exception as e:  # noqa: BLE001 - any client error becomes a fallback with its cause
                raise DraftingError(error_cause(e, self.timeout)) from e
            text = strip_reasoning(content_text(getattr(reply, "content", reply)))
            cause = TRUNCATED if finish_reason(reply) == "length" else malformed(text)
            if not cause:
                return clean(text, request.section)
        raise DraftingError(f"{cause}，重试后仍然如此")

    def stream(self, request: SectionRequest) -> Iterator[str]:
        cause = ""
        for attempt in range(self.attempts):
            if attempt:
                yield RESET
            parts: list[str] = []
            finish, think = "", _ThinkFilter()
            try:
                for chunk in self.model.stream(messages(request)):
                    finish = finish_reason(chunk) or finish
                    piece = think.feed(content_text(getattr(chunk, "content", chunk)))
                    if piece:
                        parts.append(piece)
                        yield piece
            except Exception as e:  # noqa: BLE001 - any client error becomes a fallback with its cause
                if "No generation chunks" not in str(e):  # LangChain's word for an empty stream
                    raise DraftingError(error_cause(e, self.timeout)) from e
            text = strip_reasoning("".join(parts) or think.buffer)
            cut = finish == "length" or (self.finish_required and not finish)
            cause = TRUNCATED if cut else malformed(text)
            if not cause:
                return
        raise DraftingError(f"{cause}，重试后仍然如此")


def openai_writer(settings: Any) -> LLMWriter:
    """ChatOpenAI against the configured endpoint, with an explicit timeout (its default is none)."""
    from assistant.llm import chat_openai

    model = chat_openai(settings, temperature=0.3)
    return LLMWriter(model, timeout=settings.llm_timeout, finish_required=True)
