"""Asking an endpoint for a structured answer whatever it supports.

Endpoints differ: OpenAI takes `response_format` with a JSON schema, many OpenAI-compatible servers
take only tool calls, some (older vLLM, Ollama models without tools, gateways) refuse both with an
HTTP 400. The chain asks in JSON-schema mode, then with a tool, then for JSON in plain text (the
first JSON object of the answer, past reasoning, fences and prose); a method an endpoint refused is
remembered for that model and not tried again. Slow, down or unauthorised endpoints are not asked
again another way: the caller falls back to the offline rules with the cause.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from assistant.llm import content_text, error_cause, first_json_object, rejected

log = logging.getLogger(__name__)

JSON_SCHEMA = "json_schema"
TOOLS = "function_calling"
TEXT = "text"
METHODS = (JSON_SCHEMA, TOOLS, TEXT)
METHOD_LABELS = {JSON_SCHEMA: "JSON 结构化输出", TOOLS: "工具调用", TEXT: "文本中的 JSON"}

# id(model) → (the model, the methods its endpoint refused: HTTP 400 etc.). The model is held so that its id is
# never reused by another one (a new model with a freed id inherited the refusals: a flaky test found it)
_REFUSED: dict[int, tuple[Any, set[str]]] = {}


@dataclass(frozen=True)
class Answer:
    parsed: BaseModel | None
    method: str = ""  # the method that gave `parsed`
    cause: str = ""  # Chinese: why there is none (endpoint error, nothing parseable)


def ask(model: Any, schema: type[BaseModel], messages: list[Any], timeout: float | None = None) -> Answer:
    """`schema` filled by the model, by the first method its endpoint accepts."""
    held = _REFUSED.get(id(model))
    if held is None or held[0] is not model:
        held = _REFUSED[id(model)] = (model, set())
    refused = held[1]
    cause = "模型没有按格式回答"
    for method in METHODS:
        if method in refused:
            continue
        try:
            parsed = _call(model, schema, messages, method)
        except Exception as e:  # noqa: BLE001 - each failure is sorted below, none escapes
            if rejected(e):
                log.info("endpoint refused %s: %s", method, e)
                refused.add(method)
                cause = f"模型接口不接受{METHOD_LABELS[method]}"
                continue
            if _unparseable(e):
                cause = "模型的回答不是所要求的 JSON"
                continue
            return Answer(None, cause=error_cause(e, timeout))
        if parsed is not None:
            return Answer(parsed, method)
        cause = "模型的回答不是所要求的 JSON"
    return Answer(None, cause=cause)


def _call(model: Any, schema: type[BaseModel], messages: list[Any], method: str) -> BaseModel | None:
    if method == TEXT:
        reply = model.invoke([*messages, ("human", json_instruction(schema))])
        return _validate(schema, first_json_object(getattr(reply, "content", reply)))
    runnable = _structured(model, schema, method)
    if runnable is None:
        return None
    out = runnable.invoke(messages)
    if isinstance(out, dict) and "raw" in out:  # include_raw: the parse, or the text the model sent
        if out.get("parsed") is not None:
            return _validate(schema, out["parsed"])
        raw = getattr(out.get("raw"), "content", "")
        return _validate(schema, first_json_object(raw)) if content_text(raw).strip() else None
    return _validate(schema, out)


def _structured(model: Any, schema: type[BaseModel], method: str) -> Any:
    """The model's structured-output runnable for `method`; a chat model whose
    `with_structured_output` takes no method (a test double, a non-OpenAI class) gets its own one once."""
    try:
        return model.with_structured_output(schema, method=method, include_raw=True)
    except (TypeError, ValueError, NotImplementedError):
        return model.with_structured_output(schema) if method == JSON_SCHEMA else None


def _validate(schema: type[BaseModel], value: Any) -> BaseModel | None:
    if value is None or isinstance(value, schema):
        return value
    try:
        return schema.model_validate(value)
    except ValidationError:
        return None


def _unparseable(e: BaseException) -> bool:
    """The endpoint answered, but not in the schema (the OpenAI client's own parse failed)."""
    return isinstance(e, ValidationError | json.JSONDecodeError) or "OutputParser" in type(e).__name__


def json_instruction(schema: type[BaseModel]) -> str:
    """The request for JSON in plain text, with the schema's fields (for endpoints without JSON mode)."""
    fields = json.dumps(schema.model_json_schema(), ensure_ascii=False)
    return (
        "请只输出一个 JSON 对象，不要输出其他文字，不要使用代码块。JSON 必须符合以下结构（JSON Schema）：\n"
        f"{fields}"
    )


def method_note(method: str) -> str:
    """What the chat says when the answer came another way than the endpoint's JSON mode ("" if not)."""
    if method in ("", JSON_SCHEMA):
        return ""
    return f"模型接口不支持 JSON 结构化输出，已改用{METHOD_LABELS[method]}方式识别"
