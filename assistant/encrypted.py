"""Password-protected uploads (issue 15 item 13): said as such, never as "damaged".

Word and Excel's 「用密码进行加密」 (and WPS's) does not write a zip: the encrypted .docx/.xlsx is an
OLE compound file (CFB) holding an `EncryptionInfo` and an `EncryptedPackage` stream. An encrypted
PDF is a PDF whose user password pdfminer cannot guess (owner-only passwords open as usual).
"""

from __future__ import annotations

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")  # a CFB directory entry's name
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def message(name: str) -> str:
    """The one sentence every entry point says for a file with an open password."""
    return f"文件已加密（设置了打开密码），请去除密码后重新上传：{name}"


def is_ole(data: bytes) -> bool:
    """An OLE compound file: an old binary .doc/.xls/.et, or an encrypted .docx/.xlsx."""
    return data.startswith(OLE_MAGIC)


def is_encrypted_office(data: bytes) -> bool:
    """An Office Open XML document (docx/xlsx) encrypted with a password."""
    return is_ole(data) and _ENCRYPTED_PACKAGE in data and _ENCRYPTION_INFO in data


def is_password_error(e: BaseException | None) -> bool:
    """Whether pdfminer's PDFPasswordIncorrect is `e` or anywhere in its chain (pdfplumber wraps it)."""
    for _ in range(8):
        if e is None:
            return False
        if type(e).__name__ == "PDFPasswordIncorrect":
            return True
        e = e.__cause__ or e.__context__ or next((a for a in e.args if isinstance(a, BaseException)), None)
    return False
