"""Files that cannot be read: a clear Chinese message naming the file, never a traceback."""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

import pytest

from assistant.reader import MAX_BYTES, ReaderError, read_report, read_report_bytes
from tests.fixtures.reader import render_html, render_office
from tests.fixtures.reader.truth import AGENCIES, make_truth

FIXTURE_DIR = Path(__file__).parent / "fixtures" / "reader"
TRUTH = make_truth(AGENCIES[1], 2023, seed=41)


def _refused(data: bytes, name: str, *words: str) -> str:
    with pytest.raises(ReaderError) as info:
        read_report_bytes(data, name)
    message = str(info.value)
    assert message.startswith(name + "：")
    for w in words:
        assert w in message
    return message


def test_empty_files_are_refused():
    for name in ("a.txt", "a.html", "a.docx", "a.pdf", "a.md"):
        _refused(b"", name, "空")
        _refused(b"  \n\n ", name, "空")


def test_a_50_mb_file_is_refused_quickly_without_reading_it(tmp_path):
    big = tmp_path / "huge.pdf"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written
    start = time.perf_counter()
    with pytest.raises(ReaderError, match="文件过大") as info:
        read_report(big)
    assert time.perf_counter() - start < 1.0
    assert str(big) in str(info.value) and "50.0 MB" in str(info.value)


def test_bytes_over_the_limit_are_refused():
    _refused(b"x" * (MAX_BYTES + 1), "upload.txt", "文件过大")


def test_corrupt_and_truncated_docx():
    good = render_office.docx_bytes(TRUTH)
    _refused(good[: len(good) // 2], "cut.docx", "Word")
    _refused(b"PK\x03\x04" + os.urandom(2000), "junk.docx", "Word")
    _refused("一、总体情况\n这其实是文本".encode(), "renamed.docx", "不是有效的 Word 文档")


def test_a_zip_that_is_not_a_word_document(tmp_path):
    path = tmp_path / "archive.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(ReaderError, match="压缩包"):
        read_report(path)


def test_corrupt_and_truncated_pdf():
    good = render_office.pdf_bytes(TRUTH)
    _refused(b"%PDF-1.4\n" + os.urandom(3000), "junk.pdf", "PDF")
    _refused(os.urandom(3000).replace(b"%PDF", b"xxxx"), "noise.pdf", "不是有效的 PDF")
    for cut in (len(good) // 3, len(good) // 2, len(good) - 400):
        try:
            report = read_report_bytes(good[:cut], "cut.pdf")
        except ReaderError as e:
            assert "PDF" in str(e)
        else:  # pdfminer may recover the pages it has: then the loss must show as findings
            assert report.findings


def test_scanned_pdf_says_it_needs_ocr():
    message = _refused(render_office.scanned_pdf_bytes(), "scan.pdf", "需要OCR", "扫描件")
    assert "扫描" in message


def test_binary_junk_and_wrong_encodings():
    _refused(os.urandom(4000), "junk.txt")
    _refused(os.urandom(4000), "junk.html")
    _refused(b"\xff\xd8\xff\xe0" + b"\x00" * 100 + os.urandom(500), "photo.txt", "图片")


def test_gbk_text_without_declaration_is_read():
    text = "某机关2023年政府信息公开工作年度报告\n\n一、总体情况\n\n本年度工作平稳。\n\n五、存在的主要问题及改进情况\n\n人员不足。\n"
    report = read_report_bytes(text.encode("gbk"), "gbk.txt")
    assert report.year == 2023 and "人员不足" in report.sections["s5_problems"]


def test_utf16_text_with_bom_is_read():
    text = "某机关2023年政府信息公开工作年度报告\n一、总体情况\n本年度工作平稳。\n"
    report = read_report_bytes(text.encode("utf-16"), "u16.txt")
    assert report.sections["s1_overview"] == "本年度工作平稳。"


def test_a_document_that_is_not_a_report():
    story = "从前有座山，山里有座庙。\n\n庙里有个老和尚在给小和尚讲故事。\n" * 20
    _refused(story.encode(), "story.txt", "不是政府信息公开工作年度报告")
    page = "<html><body><div class='nav'>首页</div><p>欢迎访问本网站。</p><table><tr><td>甲</td><td>1</td></tr></table></body></html>"
    _refused(page.encode(), "index.html", "未识别出年报结构")


def test_a_report_without_tables_gets_table_missing_findings():
    text = "某局2023年政府信息公开工作年度报告\n\n" + "\n\n".join(
        f"{n}、{title}\n\n内容。"
        for n, title in zip(
            "一二三四五六",
            [
                "总体情况",
                "主动公开政府信息情况",
                "收到和处理政府信息公开申请情况",
                "政府信息公开行政复议、行政诉讼情况",
                "存在的主要问题及改进情况",
                "其他需要报告的事项",
            ],
            strict=True,
        )
    )
    report = read_report_bytes(text.encode(), "notables.txt")
    assert [f.rule for f in report.findings] == ["TABLE_MISSING"] * 3
    assert sorted(f.table for f in report.findings) == [1, 2, 3]
    assert report.cells == {}


def test_truncated_html_is_read_as_far_as_it_goes_and_says_so():
    page = render_html.page(TRUTH)
    cut = page[: page.index("（四）无法提供")]
    report = read_report_bytes(cut.encode(), "cut.html")
    rules = [f.rule for f in report.findings]
    assert "FILE_TRUNCATED" in rules and "TABLE_MISSING" in rules and "ROW_MISSING" in rules
    assert "SECTION_MISSING" in rules
    assert (
        report.cells["applications.results.granted.total"]
        == TRUTH.cells["applications.results.granted.total"]
    )


def test_missing_file_folder_and_unsupported_types(tmp_path):
    with pytest.raises(ReaderError, match="文件不存在"):
        read_report(tmp_path / "nope.docx")
    with pytest.raises(ReaderError, match="文件夹"):
        read_report(tmp_path)
    _refused(b"\xd0\xcf\x11\xe0" + b"\x00" * 600, "old.doc", ".docx")
    _refused(b"a,b\n1,2\n", "table.csv", "不支持的文件类型")


def test_damaged_copies_of_every_fixture_give_a_report_or_a_reader_error():
    import random

    rng = random.Random(3)
    for path in sorted(p for p in FIXTURE_DIR.iterdir() if p.suffix != ".py" and p.is_file()):
        data = path.read_bytes()
        for kind in range(4):
            damaged = bytearray(data)
            if kind == 0:
                damaged = damaged[: rng.randint(1, len(damaged))]
            elif kind in (1, 2):
                for _ in range(rng.randint(1, 20)):
                    damaged[rng.randrange(len(damaged))] = rng.randrange(256)
            else:
                start = rng.randrange(len(damaged))
                del damaged[start : start + rng.randint(1, 2000)]
            try:
                read_report_bytes(bytes(damaged), path.name)
            except ReaderError as e:
                assert str(e).startswith(path.name + "：")
