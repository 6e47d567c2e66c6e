"""The one exception of the reader package."""

from __future__ import annotations


class ReaderError(Exception):
    """A document that cannot be read; the message is Chinese and names the file."""

    def __init__(self, name: str, reason: str):
        self.name = name
        self.reason = reason
        super().__init__(f"{name}：{reason}")


def encrypted(name: str) -> ReaderError:
    """A file with an open password, said in the one sentence every entry point uses."""
    from assistant.encrypted import message

    e = ReaderError(name, "文件已加密（设置了打开密码），请去除密码后重新上传")
    e.args = (message(name),)
    return e
