"""Kept for imports from app code: the mapping lives in `assistant.core.finding_kinds` (shared with the CLI)."""

from assistant.core.finding_kinds import PREFIX_KINDS, TABLE_KINDS, kind_of

__all__ = ["PREFIX_KINDS", "TABLE_KINDS", "kind_of"]
