"""Issue 15 item 13: inputs that used to get 「读取时出现意外错误（X）」, a wrong cause ("damaged" for a
PDF named .docx, "old .xls" for an HTML export) or English parser words now get a Chinese message
saying what is wrong, naming the file."""

from __future__ import annotations

import random
import re
import subprocess
import sys

import pytest

from assistant.audit import audit_path
from assistant.intake import read_ledger
from tests import broken_inputs as b

ENGLISH = re.compile(
    r"[A-Za-z]{4,}"
)  # parser words (expected, found, Expecting …); PDF/HTML/YAML are shorter
ALLOWED_WORDS = {"agency", "cells", "narrative", "sections", "active", "docx", "html", "xlsx", "JSON", "YAML", "HTML", "true", "false", "Word", "Excel", "yaml", "json", "level", "title", "year", "overview"}  # fmt: skip

DOCUMENTS = {
    "PDF改名.docx": (b.pdf, "文件内容是 PDF 文件，扩展名却是“.docx”"),
    "Word改名.pdf": (b.docx, "文件内容是 Word 文档（.docx），扩展名却是“.pdf”"),
    "网页另存.pdf": (b.html, "文件内容是网页（HTML），扩展名却是“.pdf”"),
    "台账.docx": (lambda: b.xlsx_ledger(), "这是 Excel 表格（.xlsx），不是年报文档"),
    "扫描.pdf": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(3000), "这是图片文件"),
    "打包.docx": (lambda: _zip(), "这是压缩包"),
    "下载中断.docx": (lambda: b.docx()[: len(b.docx()) // 2], "Word 文档已损坏或不完整"),
    "正文非XML.docx": (
        lambda: b.docx_part("word/document.xml", b"<w:document><<oops"),
        "Word 文档已损坏或不完整",
    ),
    "缺正文.docx": (lambda: b.docx_part("word/document.xml", None), "Word 文档结构已损坏"),
    "交叉引用表损坏.pdf": (b.pdf_broken_xref, "PDF 文件已损坏或不完整"),
    "空文件.pdf": (lambda: b"", "文件是空的"),
}
FACTS = {
    "列表键.yaml": (b"agency: x\nyear: 2023\n? [a, b]\n: 1\n", "第 3 行的键是列表，键应是文字"),
    "缺值.yaml": (b"agency: [\n", "缺少值"),
    "冒号.yaml": (b"agency: a: b\nyear: 2023\n", "此处不能再出现冒号"),
    "缩进.yaml": (b"agency: x\n  year: 2023\n bad: 1\n", "YAML 格式错误"),
    "标签.yaml": (b"agency: !!python/object:os.system x\nyear: 2023\n", "不支持的标签"),
    "引号.json": (b'{agency: "x"}', "键应使用英文双引号"),
    "多余.json": ('{"agency": "x", "year": 2023} 附注'.encode(), "内容结束后还有多余的文字"),
    "机关是数字.json": (b'{"agency": 1, "year": 2023}', "agency（机关名称）应是一段文字，实际是一个数字"),
    "日期.yaml": (b"agency: x\nyear: 2023\nnarrative: {active: 2023-01-01}\n", "实际是日期"),
    "布尔.yaml": (b"agency: x\nyear: 2023\nsections: {s1_overview: true}\n", "实际是是/否"),
}


def _zip() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("年报/说明.txt", "见附件")
    return buf.getvalue()


def _said(message: str, name: str) -> None:
    assert name in message, message
    assert "意外错误" not in message and "Traceback" not in message, message
    english = set(ENGLISH.findall(message.split("：", 1)[-1])) - ALLOWED_WORDS
    assert not english, message


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_broken_document_is_said_as_what_is_wrong(tmp_path, name) -> None:
    make, expected = DOCUMENTS[name]
    path = tmp_path / name
    path.write_bytes(make())
    result = audit_path(path)
    assert result.error, result
    _said(result.error, name)
    if expected:
        assert expected in result.error, result.error


@pytest.mark.parametrize("name", sorted(FACTS))
def test_broken_facts_file_is_said_in_chinese(tmp_path, name) -> None:
    data, expected = FACTS[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = audit_path(path)
    _said(result.error, name)
    assert expected in result.error, result.error


def test_facts_file_saved_as_unicode_by_notepad_is_read(tmp_path) -> None:
    path = tmp_path / "记事本.yaml"
    path.write_bytes("agency: 某县统计局\nyear: 2023\n".encode("utf-16"))
    result = audit_path(path)
    assert result.error == "" and result.facts.agency == "某县统计局"


def test_gb18030_page_with_a_utf8_meta_is_read(tmp_path) -> None:
    path = tmp_path / "网页.html"
    path.write_bytes(b.html_gb18030_says_utf8())
    result = audit_path(path)
    assert result.error == "" and result.facts.agency


LEDGERS = {
    "导出.xls": (
        lambda: "<html><body><table><tr><td>收到申请时间</td></tr></table></body></html>".encode(),
        "网页（HTML）格式导出的表格",
    ),
    "台账.pdf": (b.pdf, "这是 PDF 文件，不是申请台账"),
    "台账.docx": (b.docx, "这是 Word 文档（.docx），不是申请台账"),
    "下载中断.xlsx": (lambda: b.xlsx_ledger()[:3000], "文件不完整或已损坏"),
    "文本改名.xlsx": (
        lambda: "收到申请时间,申请人类型,办理结果\n2023-01-02,自然人,予以公开\n".encode(),
        "扩展名是 .xlsx，内容却不是 Excel 表格",
    ),
    "二进制.csv": (lambda: bytes(range(256)) * 20, "不是文本格式的 CSV 文件"),
}


@pytest.mark.parametrize("name", sorted(LEDGERS))
def test_ledger_that_is_no_ledger_is_said_as_what_it_is(name) -> None:
    make, expected = LEDGERS[name]
    result = read_ledger(make(), name, 2023)
    assert len(result.errors) == 1 and expected in result.errors[0], result.errors
    _said(result.errors[0], name)


def test_seeded_damaged_ledgers_each_get_a_chinese_message() -> None:
    rng = random.Random(12)
    good_xlsx = b.xlsx_ledger()
    good_csv = (b.FIXTURES.parent / "intake" / "ledger_2024_gbk.csv").read_bytes()
    for i in range(60):
        name = f"台账{i}.xlsx" if i % 2 else f"台账{i}.csv"
        result = read_ledger(b.mutated(rng, good_xlsx if i % 2 else good_csv), name, 2024)
        for message in result.errors:
            assert "意外" not in message and any("\u4e00" <= ch <= "\u9fff" for ch in message), message
        assert result.errors or result.entries


def test_check_on_an_empty_folder_says_so_and_exits_2(tmp_path) -> None:
    (tmp_path / "空").mkdir()
    run = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "check", str(tmp_path / "空")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 2 and "文件夹中没有可核对的文件" in run.stdout, run.stdout
