"""The one exception of the reader package."""

from __future__ import annotations


class ReaderError(Exception):
    """A document that cannot be read; the message is Chinese and names the file."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}：{reason}")
