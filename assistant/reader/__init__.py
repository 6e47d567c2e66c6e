"""Reading published reports (txt, md, html, docx, pdf) into `core.report.Report`.

`read_report(path)` / `read_report_bytes(data, name)` return the title, agency, year, format
version, the six sections' text, the table cells keyed as in `core.spec` with provenance, and the
reader's conformance findings. A file that cannot be read raises `ReaderError` (Chinese message
naming the file): corrupt or truncated files, empty files, files over `MAX_BYTES`, binary junk,
scanned PDFs without a text layer (需要OCR) and documents with no report structure at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from assistant.core.report import Report
from assistant.reader import errors
from assistant.reader.blocks import Document
from assistant.reader.errors import ReaderError

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")

__all__ = ["MAX_BYTES", "SUFFIXES", "ReaderError", "read_report", "read_report_bytes"]


def read_report(path: str | Path) -> Report:
    """Read one report document from disk."""
    p = Path(path)
    name = str(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise ReaderError(name, "这是一个文件夹，不是年报文件")
        _check_size(size, name)
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReaderError(name, "文件不存在") from None
    except PermissionError:
        raise ReaderError(name, "没有读取权限") from None
    except OSError as e:
        raise ReaderError(name, f"无法读取（{e.strerror or e}）") from None
    return read_report_bytes(data, name)


def read_report_bytes(data: bytes, name: str) -> Report:
    """Read one report from its bytes (uploads); `name` gives the format by its suffix."""
    _check_size(len(data), name)
    if not data.strip():
        raise ReaderError(name, "文件是空的")
    _check_container(data, name)
    parse = _parser(name)
    _check_unpacked(data, name)
    doc = parse(data, name)
    from assistant.reader.assemble import assemble

    return assemble(doc)


def _check_container(data: bytes, name: str) -> None:
    """A file whose content is not what its name says (an encrypted Word file, an old .doc, a PDF or a
    workbook under another suffix, a picture, an archive) is said as what it is before any parser
    calls it damaged."""
    from assistant import sniff

    found, suffix = sniff.kind(data), Path(name).suffix.lower()
    if found == "encrypted":
        raise errors.encrypted(name)
    if found in ("", "zip") or found in _EXPECTED.get(suffix, ()):
        return  # text, or what the suffix promises: the parser reads it (and says what is broken)
    if found == "ole":
        raise ReaderError(
            name, "这其实是旧版 Word/WPS（.doc/.wps）格式的文件，请在 Word/WPS 中另存为 .docx 后再核对"
        )
    if found == "xlsx":
        raise ReaderError(name, "这是 Excel 表格（.xlsx），不是年报文档（申请台账请在“对话填报”页上传）")
    raise ReaderError(name, sniff.misnamed(found, suffix))


_EXPECTED = {".pdf": ("pdf",), ".docx": ("docx",), ".html": ("html",), ".htm": ("html",), ".txt": ("html",)}


def _check_unpacked(data: bytes, name: str) -> None:
    """A docx whose members would unpack to gigabytes is refused before it is opened (issue 15)."""
    if not name.lower().endswith(".docx") or not data.startswith(b"PK"):
        return
    import io

    from assistant.limits import LimitError, check_zip

    try:
        check_zip(io.BytesIO(data))
    except LimitError as e:
        raise ReaderError(name, str(e)) from None


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise ReaderError(
            name,
            f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_BYTES // 1024 // 1024} MB），"
            "年报文件一般只有几百 KB，请确认文件是否正确",
        )
    if size == 0:
        raise ReaderError(name, "文件是空的")


def _parser(name: str) -> Callable[[bytes, str], Document]:
    suffix = Path(name).suffix.lower()
    if suffix == ".txt":
        from assistant.reader.textfile import read_text

        return read_text
    if suffix in (".md", ".markdown"):
        from assistant.reader.textfile import read_text

        return lambda data, n: read_text(data, n, markdown=True)
    if suffix in (".html", ".htm"):
        from assistant.reader.htmlfile import read_html

        return read_html
    if suffix == ".docx":
        from assistant.reader.docxfile import read_docx

        return read_docx
    if suffix == ".pdf":
        from assistant.reader.pdffile import read_pdf

        return read_pdf
    if suffix == ".doc":
        raise ReaderError(name, "不支持旧版 Word（.doc）格式，请在 Word/WPS 中另存为 .docx 后再核对")
    raise ReaderError(name, f"不支持的文件类型“{suffix or '无扩展名'}”（支持 txt、md、html、docx、pdf）")
