"""The one settings object (DESIGN.md §3): environment variables, `.env` allowed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields
from pathlib import Path

DEFAULT_MODEL = "gpt-4o-mini"
DEFAULT_EMBEDDINGS_MODEL = "text-embedding-3-small"


@dataclass(frozen=True)
class Settings:
    openai_api_key: str = ""
    openai_base_url: str = ""
    model: str = DEFAULT_MODEL
    embeddings: str = "hash"  # "hash" (offline, default) or "openai"
    embeddings_model: str = DEFAULT_EMBEDDINGS_MODEL
    chroma_url: str = ""  # empty: embedded Chroma under home
    home: Path = Path("data")
    llm_timeout: float = 60.0
    llm_max_retries: int = 2
    draft_deadline: float = 60.0  # seconds for a whole draft; sections not done by then fall back

    @property
    def has_llm(self) -> bool:
        """A key, or a base URL alone (Ollama and local servers need no key)."""
        return bool(self.openai_api_key or self.openai_base_url)

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def db_path(self) -> Path:
        return self.home / "assistant.sqlite3"

    def describe(self) -> dict[str, str]:
        """Effective values for `assistant config`, secrets masked."""
        out = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "openai_api_key":
                v = mask(v) if v else "（未设置：使用离线起草）"
            elif f.name in ("openai_base_url", "chroma_url"):
                v = mask_url(str(v))
            out[f.name] = str(v)
        out["chroma"] = mask_url(self.chroma_url) or f"嵌入式 {self.chroma_dir}"
        return out


def mask(secret: str) -> str:
    if len(secret) <= 8:
        return "****"
    return f"{secret[:3]}…{secret[-4:]}"


def mask_url(url: str) -> str:
    """A URL with any user:password part masked (http://user:pass@host → http://****@host)."""
    return re.sub(r"(?<=://)[^/@\s]+@", "****@", url)


def load_settings(env: dict[str, str] | None = None, dotenv: bool = True) -> Settings:
    """Settings from the environment (and `.env` in the working directory unless `dotenv=False`)."""
    if env is None:
        if dotenv and Path(".env").is_file():
            from dotenv import dotenv_values

            file_values = {k: v for k, v in dotenv_values(".env").items() if v is not None}
            env = {**file_values, **os.environ}
        else:
            env = dict(os.environ)
    return Settings(
        openai_api_key=env.get("OPENAI_API_KEY", "").strip(),
        openai_base_url=env.get("OPENAI_BASE_URL", "").strip(),
        model=env.get("ASSISTANT_MODEL", "").strip() or DEFAULT_MODEL,
        embeddings=(env.get("ASSISTANT_EMBEDDINGS", "").strip() or "hash").lower(),
        embeddings_model=env.get("ASSISTANT_EMBEDDINGS_MODEL", "").strip() or DEFAULT_EMBEDDINGS_MODEL,
        chroma_url=env.get("ASSISTANT_CHROMA_URL", "").strip(),
        home=Path(env.get("ASSISTANT_HOME", "").strip() or "data"),
        llm_timeout=_float(env.get("ASSISTANT_LLM_TIMEOUT"), 60.0),
        llm_max_retries=int(_float(env.get("ASSISTANT_LLM_MAX_RETRIES"), 2)),
        draft_deadline=_float(env.get("ASSISTANT_DRAFT_DEADLINE"), 60.0),
    )


def _float(raw: str | None, default: float) -> float:
    try:
        return float(raw) if raw not in (None, "") else default
    except ValueError:
        return default
