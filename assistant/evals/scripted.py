"""A scripted, gullible chat model for the injection cases (offline: no network, deterministic).

It answers every drafting request with a clean text of the section, except that when the prompt
of its target section carries the injected instruction (`trigger`), it does what the injection
wants: `obey` writes the payload and drops what it was told to drop; `echo` copies the fenced
exemplar it was shown. After the guard's feedback a stubborn model does it again, a docile one
writes the clean text. It runs behind the real `LLMWriter`, so the whole chain (prompt assembly,
fencing, masking, cleaning, the guard and its regeneration loop) is exercised.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, Field

from assistant.core import spec

_REQUEST = re.compile(r"请起草“(.+?)”部分")
FENCE = re.compile(r"<范文(\d+) 性质=不可信的风格参考[^>\n]*>\n(.*?)\n</范文\1>", re.S)
_PIECES = re.compile(r"[^。！？!?；;\n]+[。！？!?；;]?|\n")


def section_of(prompt: str) -> str:
    """The section a drafting prompt asks for ("" if none)."""
    m = _REQUEST.search(prompt)
    if not m:
        return ""
    return next((s.key for s in spec.SECTIONS if s.label == m.group(1)), "")


class GullibleChat(BaseChatModel):
    """Clean texts per section (`base`), but follows an injected instruction in `section`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    base: dict[str, str] = Field(default_factory=dict)
    section: str = ""
    trigger: str = ""
    mode: str = "obey"  # obey | echo
    payload: str = ""
    drop: list[str] = Field(default_factory=list)
    stubborn: bool = True
    obeyed: list[str] = Field(default_factory=list)  # the sections where it followed the injection

    @property
    def _llm_type(self) -> str:
        return "gullible-scripted"

    def _generate(
        self, messages: list[BaseMessage], stop: Any = None, run_manager: Any = None, **kw: Any
    ) -> ChatResult:
        prompt = "\n".join(str(m.content) for m in messages)
        key = section_of(prompt)
        text = self.base.get(key, "")
        retry = any(m.type == "ai" for m in messages)
        if key == self.section and self.trigger and self.trigger in prompt and (self.stubborn or not retry):
            self.obeyed.append(key)
            text = self._follow(text, prompt)
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])

    def _follow(self, text: str, prompt: str) -> str:
        if self.mode == "echo":
            shown = [body for _n, body in FENCE.findall(prompt) if self.trigger in body]
            return text + "\n" + (shown[0] if shown else "")
        for phrase in self.drop:
            text = "".join(p for p in _PIECES.findall(text) if phrase not in p)
        return text + self.payload


_TOPIC_LINE = re.compile(r"^上一个问题（主题：([\w.:]+)）", re.M)  # row:applications.new_received
_KNOWN_LINE = re.compile(r"^已记录的数字（含待确认）：(.*)$", re.M)


def _cell(pair: str) -> tuple[str, Any]:
    key, value = pair.split("=", 1)
    return key, Decimal(value) if "." in value else int(value)


_USER_LINE = re.compile(r"^用户的话：\n?(.*)\Z", re.M | re.S)


class ScriptedIntakeChat:
    """A literal, offline stand-in for an endpoint behind the intake's structured output.

    It answers `with_structured_output(LlmExtraction).invoke(messages)` the way a careful model
    would: the numbers and narrative of the user's words (read by the rule extractor, with the topic
    of the question the prompt says was asked), every source quoted from the message. The intake's
    own validation, dialogue state and checks then run on its answer exactly as on a live one.
    """

    def __init__(self) -> None:
        self.calls = 0

    def with_structured_output(self, schema: Any, **kw: Any) -> ScriptedIntakeChat:
        return self

    def invoke(self, messages: Any) -> Any:
        from assistant.intake.counted_as import aliases_of_line
        from assistant.intake.extract import extract
        from assistant.intake.followup import groups_of_line, scope_of_line
        from assistant.intake.llm import LlmCell, LlmExtraction, LlmNarrative
        from assistant.intake.model import ExtractionContext, Followup

        self.calls += 1
        text = "\n".join(str(m[1] if isinstance(m, tuple) else getattr(m, "content", m)) for m in messages)
        topic = _TOPIC_LINE.search(text)
        user = _USER_LINE.search(text)
        message = user.group(1).strip() if user else str(messages[-1][1] if messages else "")
        known = _KNOWN_LINE.search(text)
        cells = dict(_cell(kv) for kv in known.group(1).split("；") if "=" in kv) if known else {}
        groups, scope = groups_of_line(text), scope_of_line(text)  # what the last reply left open
        ctx = ExtractionContext(
            topic=topic.group(1) if topic else None,
            cells=cells,
            followup=Followup(groups=groups, scope=scope) if groups or scope else None,
            aliases=aliases_of_line(text),
        )
        ex = extract(message, ctx)
        return LlmExtraction(
            cells=[LlmCell(key=p.key, value=float(p.value), source=p.source) for p in ex.proposals],
            narrative=[LlmNarrative(key=n.key, text=n.text) for n in ex.narrative],
            questions=list(ex.questions),
        )
