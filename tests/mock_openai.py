"""A small OpenAI-compatible chat server on 127.0.0.1 (a free port), for tests and benchmarks.

Serves POST /v1/chat/completions, plain JSON or server-sent events when the request streams. What
it answers is decided by a `responder(body) -> Reply | str` (default: a fixed Chinese sentence);
a Reply can also be an HTTP error, a delay (for timeouts and benchmarks) or raw, malformed bytes.
Every request body is kept in `requests`.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from assistant.core import spec

DEFAULT_TEXT = "本年度政府信息公开工作总体平稳有序。"


@dataclass(frozen=True)
class Reply:
    content: str = DEFAULT_TEXT
    status: int = 200
    delay: float = 0.0  # seconds before answering
    raw: bytes | None = None  # sent as the body instead of a well-formed completion
    finish_reason: str = "stop"  # "length": the answer was cut at max_tokens
    finish_marker: bool = True  # False: a stream that ends without a finish_reason or [DONE]
    reasoning: str = ""  # sent as `reasoning_content` (DeepSeek-R1, Qwen3 on vLLM) before the content
    parts: bool = False  # content as a list of {"type": "text", "text": ...} parts
    tool_args: dict[str, Any] | None = None  # answered as a call of the request's first tool


Responder = Callable[[dict[str, Any]], "Reply | str"]


def section_of(body: dict[str, Any]) -> str:
    """The section key a drafting request is about ("" if none), from its section prompt."""
    for message in body.get("messages", []):
        m = re.search(r"请起草“(.+?)”部分", str(message.get("content", "")))
        if m:
            return next((s.key for s in spec.SECTIONS if s.label == m.group(1)), "")
    return ""


def think(reasoning: str, content: str) -> str:
    """Content as reasoning models on vLLM/Ollama send it: the reasoning in <think> tags first."""
    return f"<think>\n{reasoning}\n</think>\n\n{content}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, *args: Any) -> None:  # quiet
        pass

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length", 0))
        body = json.loads(self.rfile.read(length) or b"{}")
        mock = self.server.mock
        with mock.lock:
            mock.requests.append(body)
        refused = [k for k in mock.rejects if k in body]
        reply = mock.responder(body) if not refused else Reply(status=400)
        if isinstance(reply, str):
            reply = Reply(reply)
        time.sleep(reply.delay or mock.delay)
        try:
            self._answer(body, reply)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            pass

    def _answer(self, body: dict[str, Any], reply: Reply) -> None:
        if reply.status != 200:
            what = ",".join(k for k in self.server.mock.rejects if k in body) or reply.status
            error = {"error": {"message": f"mock error {what}", "type": "mock", "code": None}}
            return self._send(reply.status, json.dumps(error).encode(), {"retry-after": "0"})
        if reply.raw is not None:
            return self._send(200, reply.raw)
        if body.get("stream"):
            return self._stream(body, reply)
        message: dict[str, Any] = {"role": "assistant", "content": reply.content}
        if reply.parts:
            message["content"] = [{"type": "text", "text": reply.content}]
        if reply.reasoning:
            message["reasoning_content"] = reply.reasoning
        finish = reply.finish_reason
        if reply.tool_args is not None and body.get("tools"):
            name = body["tools"][0]["function"]["name"]
            arguments = json.dumps(reply.tool_args, ensure_ascii=False)
            call = {"id": "call_mock", "type": "function", "function": {"name": name, "arguments": arguments}}
            message.update(content=None, tool_calls=[call])
            finish = "tool_calls"
        completion = {
            "id": "chatcmpl-mock",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": body.get("model", ""),
            "choices": [
                {
                    "index": 0,
                    "message": message,
                    "finish_reason": finish,
                }
            ],
            "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
        }
        self._send(200, json.dumps(completion, ensure_ascii=False).encode())

    def _send(self, status: int, data: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _stream(self, body: dict[str, Any], reply: Reply) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        content = reply.content
        pieces = [content[i : i + 8] for i in range(0, len(content), 8)]
        thoughts = [
            {"reasoning_content": reply.reasoning[i : i + 8]} for i in range(0, len(reply.reasoning), 8)
        ]
        deltas = [{"role": "assistant", "content": ""}, *thoughts] + [{"content": p} for p in pieces]
        if reply.finish_marker:
            deltas.append({})
        for i, delta in enumerate(deltas):
            last = reply.finish_marker and i == len(deltas) - 1
            chunk = {
                "id": "chatcmpl-mock",
                "object": "chat.completion.chunk",
                "created": int(time.time()),
                "model": body.get("model", ""),
                "choices": [
                    {"index": 0, "delta": delta, "finish_reason": reply.finish_reason if last else None}
                ],
            }
            self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
            self.wfile.flush()
        if reply.finish_marker:
            self.wfile.write(b"data: [DONE]\n\n")
            self.wfile.flush()
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    mock: MockOpenAI


class MockOpenAI:
    """Use as a context manager: `with MockOpenAI(responder) as mock: ... mock.base_url ...`."""

    def __init__(
        self, responder: Responder | None = None, delay: float = 0.0, rejects: tuple[str, ...] = ()
    ) -> None:
        self.responder: Responder = responder or (lambda body: Reply())
        self.delay = delay
        self.rejects = (
            rejects  # request fields answered with HTTP 400 (stream_options, response_format, tools)
        )
        self.requests: list[dict[str, Any]] = []
        self.lock = threading.Lock()
        self._server: _Server | None = None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> MockOpenAI:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.mock = self
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> MockOpenAI:
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()
