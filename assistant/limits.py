"""Resource limits on untrusted input (issue 15): YAML without alias bombs, zip members and XML
without decompression bombs, parsing under a memory and time budget.

Each check raises `LimitError` with a Chinese reason (the caller prefixes the file name).
"""

from __future__ import annotations

import zipfile
from typing import Any

MAX_YAML_EVENTS = 200_000  # a facts file has ~250 cells: a few thousand events
MAX_NESTING = 32
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024  # all members of a docx/xlsx together
MAX_MEMBER_RATIO = 200  # a member's uncompressed/compressed size; XML compresses ~10x
MAX_ZIP_MEMBERS = 2_000


class LimitError(ValueError):
    """Input beyond a resource limit; the message is Chinese and says which limit."""


def base_loader() -> type:
    """PyYAML's safe loader, the C one where built. PyYAML is imported here, when YAML is read:
    `assistant check` of a document never pays for it (issue 15, start-up)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def check_yaml_events(text: str, loader: type | None = None) -> None:
    """Refuse aliases (the 378-byte billion-laughs file), deep nesting and huge documents before
    anything is built: events are parsed one by one, nothing is expanded."""
    import yaml

    loader = loader or base_loader()
    depth = count = 0
    for event in yaml.parse(text, Loader=loader):
        count += 1
        if isinstance(event, yaml.AliasEvent):
            raise LimitError("含有 YAML 引用（*别名），数据文件不支持引用，请直接写出每个值")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_NESTING:
                raise LimitError(f"嵌套超过 {MAX_NESTING} 层，不是年报数据文件的结构")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        if count > MAX_YAML_EVENTS:
            raise LimitError("内容过多（超过 20 万个条目），不是年报数据文件")


def safe_yaml_load(text: str, loader: type | None = None) -> Any:
    """yaml.load with a safe loader (default `base_loader()`) after `check_yaml_events`."""
    import yaml

    loader = loader or base_loader()
    check_yaml_events(text, loader)
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader (C or pure Python)


def check_zip(path: Any, limit: int = MAX_UNZIPPED_BYTES) -> None:
    """Refuse a docx/xlsx whose members would decompress beyond `limit` bytes or a sane ratio.

    The sizes are the ones the archive declares; readers that stream members should still read
    with `read_member` (which stops at the declared size), so a lying header gains nothing."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # not a zip at all: the reader says so in its own words
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitError(f"压缩包内文件过多（{len(infos)} 个），不像 Word/Excel 文档")
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > MAX_MEMBER_RATIO:
            raise LimitError(f"文档内“{info.filename[:40]}”解压后异常膨胀（{ratio:.0f} 倍），疑似压缩炸弹")
    if total > limit:
        raise LimitError(f"文档解压后过大（{total // 1024 // 1024} MB，上限 {limit // 1024 // 1024} MB）")


MAX_PDF_STREAM = 64 * 1024 * 1024  # a page's content is < 1 MB; a full-page scan image ~25 MB


class _CappedInflate:
    """A zlib decompressobj that refuses to produce more than MAX_PDF_STREAM bytes in all."""

    def __init__(self, *args: Any) -> None:
        import zlib

        self._d = zlib.decompressobj(*args)
        self._out = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = MAX_PDF_STREAM - self._out + 1
        out = self._d.decompress(data, min(max_length, room) if max_length else room)
        self._out += len(out)
        if self._out > MAX_PDF_STREAM:
            raise LimitError(_stream_message())
        return out

    def flush(self, *args: Any) -> bytes:
        return self._d.flush(*args)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._d, attr)


def _stream_message() -> str:
    return f"PDF 内有数据流解压后超过 {MAX_PDF_STREAM // 1024 // 1024} MB，疑似压缩炸弹，已停止读取"


class _CappedZlib:
    """What pdfminer sees as `zlib`: the same functions, with inflation capped per stream."""

    def __init__(self) -> None:
        import zlib

        self._zlib = zlib
        self.error = zlib.error

    def decompress(self, data: bytes, *args: Any) -> bytes:
        d = _CappedInflate(*args[:1])
        out = d.decompress(data)
        if not d.eof:
            if d.unconsumed_tail:  # more output than the cap allows
                raise LimitError(_stream_message())
            raise self._zlib.error("incomplete or truncated stream")
        return out

    def decompressobj(self, *args: Any) -> _CappedInflate:
        return _CappedInflate(*args)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._zlib, attr)


def cap_pdf_streams() -> None:
    """Cap every Flate stream pdfminer decodes at MAX_PDF_STREAM (idempotent; below the cap the
    behaviour is zlib's own). A 1 MB stream inflating to gigabytes raises LimitError at the cap,
    before the memory is taken."""
    from pdfminer import pdftypes

    if not isinstance(pdftypes.zlib, _CappedZlib):
        pdftypes.zlib = _CappedZlib()  # type: ignore[assignment]
