"""Issue 15 item 13: a file with an open password is said as such — in `assistant check`, the app's
audit, last year's upload and the ledger upload — never as damaged or as an old .xls.

The encrypted files are made the way Word/Excel make them (ECMA-376 agile encryption, an OLE
container holding EncryptedPackage) with msoffcrypto-tool, and the PDF with reportlab's standard
encryption (a user password)."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx
import openpyxl
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from assistant.app import chat_uploads, files
from assistant.app.context import AppContext
from assistant.audit import check_paths
from assistant.config import load_settings
from assistant.intake import read_ledger
from assistant.store import Store

SAID = "文件已加密（设置了打开密码），请去除密码后重新上传"
AGENCY = "某县人民政府办公室"


def _encrypt(plain: io.BytesIO, path: Path) -> Path:
    plain.seek(0)
    with path.open("wb") as out:
        OOXMLFile(plain).encrypt("口令2024", out)
    return path


def _docx(path: Path) -> Path:
    d = docx.Document()
    d.add_heading("某县人民政府办公室2023年政府信息公开工作年度报告", 1)
    d.add_paragraph("一、总体情况")
    d.add_paragraph("2023年，本机关主动公开政府信息120条。")
    buf = io.BytesIO()
    d.save(buf)
    return _encrypt(buf, path)


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "收到申请时间", "申请人类型", "办理结果", "办结时间"])
    ws.append([1, "2023-03-02", "自然人", "予以公开", "2023-03-20"])
    buf = io.BytesIO()
    wb.save(buf)
    return _encrypt(buf, path)


def _pdf(path: Path, user_password: str = "口令") -> Path:
    c = canvas.Canvas(str(path), encrypt=StandardEncryption(user_password, "owner-secret"))
    c.drawString(72, 720, "2023 annual report")
    c.save()
    return path


MAKERS = {"加密年报.docx": _docx, "加密年报.pdf": _pdf}


@pytest.fixture
def ctx(tmp_path):
    store = Store(tmp_path / "db.sqlite3")
    yield AppContext(store, load_settings(env={}), auth=False, export_dir=tmp_path / "exports")
    store.close()


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_check_command_says_the_file_is_encrypted(tmp_path, name) -> None:
    path = MAKERS[name](tmp_path / name)
    run = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "check", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2, run.stderr
    assert f"{SAID}：{path}" in run.stdout, run.stdout
    assert "损坏" not in run.stdout and "Traceback" not in run.stderr


def test_a_good_file_beside_an_encrypted_one_is_still_audited(tmp_path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text(f"agency: {AGENCY}\nyear: 2023\n", "utf-8")
    results = check_paths([_docx(tmp_path / "enc.docx"), good])
    assert SAID in results[0].error and results[1].error == ""


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_app_audit_says_the_file_is_encrypted(tmp_path, name) -> None:
    path = MAKERS[name](tmp_path / name)
    found, summary, _, _ = files.audit([str(path)], None, tmp_path / "out")
    details = " ".join(found.astype(str).agg(" ".join, axis=1))
    assert f"{SAID}：{name}" in details, details
    assert str(tmp_path) not in details  # the server's folders stay hidden


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_last_year_upload_says_the_file_is_encrypted(ctx, tmp_path, name) -> None:
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2024, "")
    chat_uploads.previous(ws, rid, str(MAKERS[name](tmp_path / name)))
    last = ws.row(rid).state["chat"][-1]["content"]
    assert SAID in last and name in last, last
    assert not ws.row(rid).state.get("previous")


def test_encrypted_ledger_is_said_encrypted_not_old_excel(ctx, tmp_path) -> None:
    path = _xlsx(tmp_path / "台账.xlsx")
    assert read_ledger(path, year=2023).errors == (f"{SAID}：台账.xlsx",)
    ws = ctx.workspace(None)
    rid = ws.start(AGENCY, 2023, "")
    chat_uploads.ledger(ws, rid, str(path))
    last = ws.row(rid).state["chat"][-1]["content"]
    assert f"{SAID}：台账.xlsx" in last and ".xls）" not in last, last
    assert ws.row(rid).state.get("cells", {}) == {}


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path) -> None:
    """Restrictions on printing or copying are no open password: the file is read as usual."""
    results = check_paths([_pdf(tmp_path / "owner.pdf", user_password="")])
    assert SAID not in results[0].error


def test_an_old_doc_renamed_to_docx_is_said_so(tmp_path) -> None:
    path = tmp_path / "改名.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000 + "WordDocument".encode("utf-16-le"))
    (result,) = check_paths([path])
    assert "旧版 Word/WPS（.doc/.wps）" in result.error and "损坏" not in result.error
