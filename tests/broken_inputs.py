"""Broken files as they arrive in practice, built from the reader's good fixtures (shared by
test_unreadable_inputs.py and the fuzz batch): truncated downloads, wrong extensions, damaged parts,
wrong encodings. Plain functions, no fixtures."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "reader"


def good(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def docx() -> bytes:
    return good("docx_merged_2023.docx")


def pdf() -> bytes:
    return good("pdf_text_2023.pdf")


def html() -> bytes:
    return good("html_page_2023.html")


def rezip(data: bytes, change) -> bytes:
    """The zip with each member passed through `change(name, body)` (None drops the member)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            body = change(info.filename, src.read(info.filename))
            if body is not None:
                z.writestr(info.filename, body)
    return buf.getvalue()


def docx_part(part: str, body: bytes | None) -> bytes:
    return rezip(docx(), lambda n, b: body if n == part else b)


def pdf_broken_xref() -> bytes:
    """startxref pointing past the end and the xref table cut away."""
    data = pdf()
    cut = data.rfind(b"xref")
    return data[:cut] + b"startxref\n99999999\n%%EOF\n"


def html_gb18030_says_utf8() -> bytes:
    """A CMS page saved in GB18030 whose meta still says UTF-8."""
    text = html().decode("utf-8")
    return ('<meta charset="utf-8">' + text).encode("gb18030")


def xlsx_ledger(rows: int = 50) -> bytes:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "收到申请时间", "申请人类型", "办理结果", "办结时间"])
    for i in range(rows):
        ws.append([i + 1, f"2023-03-{i % 28 + 1:02d}", "自然人", "予以公开", f"2023-04-{i % 28 + 1:02d}"])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def mutated(rng: random.Random, data: bytes) -> bytes:
    """One random damage: bytes overwritten, a cut tail, a hole, inserted junk, a reversed run."""
    b = bytearray(data)
    k = rng.randrange(5)
    if k == 0:
        for _ in range(rng.randrange(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
    elif k == 1:
        b = b[: rng.randrange(1, len(b))]
    elif k == 2:
        i = rng.randrange(len(b))
        del b[i : i + rng.randrange(1, 2000)]
    elif k == 3:
        i = rng.randrange(len(b))
        b[i:i] = rng.randbytes(rng.randrange(1, 500))
    else:
        i, j = sorted(rng.randrange(len(b)) for _ in range(2))
        b[i:j] = b[i:j][::-1]
    return bytes(b)
