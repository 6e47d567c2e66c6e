"""What an upload really is, from its first bytes (issue 15 item 13): a PDF named .docx, a workbook
named .docx, a picture or an archive is said as what it is instead of "damaged"."""

from __future__ import annotations

import io
import zipfile

from assistant import encrypted

LABELS = {
    "pdf": "PDF 文件",
    "docx": "Word 文档（.docx）",
    "xlsx": "Excel 表格（.xlsx）",
    "ole": "旧版 Word/Excel 文件（.doc/.xls/.et）",
    "image": "图片",
    "archive": "压缩包",
    "html": "网页（HTML）",
}
_IMAGES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")


def kind(data: bytes) -> str:
    """pdf | docx | xlsx | zip | encrypted | ole | image | archive | html | "" (text or unknown)."""
    head = data[:1024]
    if encrypted.is_encrypted_office(data):
        return "encrypted"
    if encrypted.is_ole(data):
        return "ole"
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_IMAGES):
        return "image"
    if data.startswith(_ARCHIVES):
        return "archive"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return "html"
    return ""


def _zip_kind(data: bytes) -> str:
    """docx / xlsx by their main part; a zip whose directory cannot be read (truncated) is "zip"."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    return "archive" if not any(n.startswith(("word/", "xl/", "ppt/")) for n in names) else "zip"


def misnamed(found: str, suffix: str) -> str:
    """The reason for a file whose content is `found` but whose name ends in `suffix`."""
    right = {"pdf": ".pdf", "docx": ".docx", "xlsx": ".xlsx", "html": ".html"}.get(found)
    if right:
        label = LABELS[found]
        return f"文件内容是{' ' * label[0].isascii()}{label}，扩展名却是“{suffix or '无'}”，请把扩展名改为 {right} 后再上传"
    if found == "image":
        return "这是图片文件，不是年报文档；扫描件请先用 OCR 识别成文字，或上传 Word/PDF 原件"
    if found == "archive":
        return "这是压缩包，请解压后上传其中的文件"
    return f"文件内容是{LABELS.get(found, '其他格式的文件')}，与扩展名“{suffix or '无'}”不符"
