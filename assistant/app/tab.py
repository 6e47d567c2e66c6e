"""A tab of the app: its components refreshed on report change, and how to compute their values."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from assistant.workspace import Workspace


@dataclass
class Tab:
    outputs: list[Any] = field(default_factory=list)  # components set when the current report changes
    refresh: Callable[[Workspace, int | None], list[Any]] = lambda ws, rid: []
    # events after which the report's header may have changed (e.g. last year's report uploaded)
    changes: list[Any] = field(default_factory=list)
