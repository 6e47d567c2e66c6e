"""The one place a chat model for the configured OpenAI-compatible endpoint is built."""

from __future__ import annotations

from typing import Any

from assistant.config import Settings


def chat_openai(settings: Settings, temperature: float) -> Any:
    """ChatOpenAI with an explicit timeout (its default is none) and retries, on Chat Completions
    (some model names would otherwise switch to the Responses API, which local servers lack)."""
    from langchain_openai import ChatOpenAI  # slow import: only when an endpoint is configured

    return ChatOpenAI(
        model=settings.model,
        base_url=settings.openai_base_url or None,
        api_key=settings.openai_api_key,
        timeout=settings.llm_timeout,
        max_retries=settings.llm_max_retries,
        temperature=temperature,
        use_responses_api=False,
    )
