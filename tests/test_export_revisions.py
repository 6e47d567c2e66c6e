"""The 修订稿: an editor's changes to the clerk's text as real Word tracked changes (w:ins / w:del)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from lxml import etree

from assistant.app import files
from assistant.core.report import Report
from assistant.export import docx_bytes
from assistant.export.revisions import (
    DELETED,
    INSERTED,
    KEPT,
    Saved,
    final_text,
    original_text,
    replay,
    section_revisions,
)
from assistant.workspace import Workspace, WorkspaceError
from tests import factories

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S1 = "s1_overview"
CLERK_TEXT = (
    "本机关2024年主动公开政府信息120条。\n依申请公开办理及时，群众满意。\n（一）主动公开。按规定发布。"
)
EDITOR_TEXT = (
    "本机关2024年主动公开政府信息126条。\n全年收到申请3件，均按期答复。\n（一）主动公开。按规定发布。"
)


def test_an_edited_number_and_a_rewritten_sentence_are_attributed_to_the_editor():
    pieces = replay(CLERK_TEXT, [Saved(EDITOR_TEXT, "lisi", 1_700_000_000)])
    assert final_text(pieces) == EDITOR_TEXT
    assert original_text(pieces) == CLERK_TEXT
    changed = [(p.kind, p.text, p.author) for p in pieces if p.kind != KEPT]
    assert (DELETED, "0", "lisi") in changed and (INSERTED, "6", "lisi") in changed  # 120 → 126
    assert (DELETED, "依申请公开办理及时，群众满意。", "lisi") in changed  # a rewrite: whole sentence
    assert (INSERTED, "全年收到申请3件，均按期答复。", "lisi") in changed


def test_several_saves_keep_each_author_and_an_insertion_taken_out_leaves_nothing():
    versions = [
        Saved("甲。乙。", "zhangsan", 1),
        Saved("甲。乙。丙丙丙丙。", "lisi", 2),
        Saved("甲。乙改了。", "wangwu", 3),
    ]
    pieces = section_revisions(versions, frozenset({"lisi", "wangwu"}))
    assert pieces is not None
    assert final_text(pieces) == "甲。乙改了。" and original_text(pieces) == "甲。乙。"
    assert not any("丙" in p.text for p in pieces)  # inserted by lisi, taken out by wangwu
    assert {p.author for p in pieces if p.kind != KEPT} == {"wangwu"}


def test_a_section_no_editor_touched_has_no_revisions():
    versions = [Saved("甲。", "zhangsan", 1), Saved("甲乙。", "zhangsan", 2)]
    assert section_revisions(versions, frozenset({"lisi"})) is None


def _report(text: str) -> Report:
    return Report("r", "某县住建局2024年政府信息公开工作年度报告", "某县住建局", 2024, "2021", {S1: text}, {})


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml"))


def _section_text(root, accept: bool) -> str:
    """Section 一's text as Word shows it with every change accepted (or rejected)."""
    out = []
    for p in root.iter(f"{W}p"):
        texts = []
        for node in p.iter(f"{W}t", f"{W}delText"):
            inside = {a.tag for a in node.iterancestors(f"{W}ins", f"{W}del")}
            if accept and f"{W}del" in inside or not accept and f"{W}ins" in inside:
                continue
            texts.append(node.text or "")
        out.append("".join(texts))
    joined = "\n".join(out)
    return joined.split("一、总体情况\n", 1)[1].split("\n二、", 1)[0]


def test_the_docx_carries_w_ins_and_w_del_with_author_and_date():
    pieces = replay(CLERK_TEXT, [Saved(EDITOR_TEXT, "lisi", 1_764_700_000)])
    data = docx_bytes(_report(EDITOR_TEXT), (), {S1: pieces})
    root = _body(data)
    ins, dels = root.findall(f".//{W}ins"), root.findall(f".//{W}del")
    assert ins and dels
    for el in ins + dels:
        assert el.get(f"{W}author") == "lisi"
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", el.get(f"{W}date"))
    ids = [el.get(f"{W}id") for el in ins + dels]
    assert len(ids) == len(set(ids))  # every revision has its own id
    deleted = "".join(t.text for t in root.iter(f"{W}delText"))
    assert "依申请公开办理及时，群众满意。" in deleted
    assert not [t for d in dels for t in d.iter(f"{W}t")]  # deleted text is never a plain w:t
    assert _section_text(root, accept=True) == EDITOR_TEXT
    assert _section_text(root, accept=False) == CLERK_TEXT
    Document(io.BytesIO(data))  # python-docx opens it


def test_a_line_break_the_editor_added_is_a_tracked_paragraph_mark():
    pieces = replay("甲句。乙句。", [Saved("甲句。\n乙句。", "lisi", 1_764_700_000)])
    root = _body(docx_bytes(_report("甲句。\n乙句。"), (), {S1: pieces}))
    marks = root.findall(f".//{W}pPr/{W}rPr/{W}ins")
    assert len(marks) == 1 and marks[0].get(f"{W}author") == "lisi"


@pytest.fixture
def office(tmp_path):
    store, _, _, rid = factories.office(tmp_path, CLERK_TEXT, S1)
    yield store, rid
    store.close()


def test_the_app_exports_the_editors_changes_as_a_revision_copy(office, tmp_path):
    store, rid = office
    editor = Workspace(store, store.user_id("lisi"))
    editor.save_section(rid, S1, EDITOR_TEXT, base=CLERK_TEXT)
    path, msg = files.export(editor, rid, ".docx", tmp_path / "out", files.TRACKED)
    assert "修订稿" in path and "一、总体情况 中审核人的修改以 Word 修订显示" in msg
    root = _body(open(path, "rb").read())
    assert {el.get(f"{W}author") for el in root.iter(f"{W}ins")} == {"lisi"}
    assert _section_text(root, accept=True) == EDITOR_TEXT
    clean, _ = files.export(editor, rid, ".docx", tmp_path / "out", False)  # the 定稿 stays clean
    assert not _body(open(clean, "rb").read()).findall(f".//{W}ins")


def test_without_an_editors_change_the_copy_says_so(office, tmp_path):
    store, rid = office
    clerk = Workspace(store, store.user_id("zhangsan"))
    _, msg = files.export(clerk, rid, ".docx", tmp_path / "out", files.TRACKED)
    assert "审核人尚未修改经办人的正文" in msg


def test_a_revision_copy_in_another_format_is_refused_in_chinese(office, tmp_path):
    store, rid = office
    with pytest.raises(WorkspaceError, match="修订稿只能导出为 Word"):
        files.export(Workspace(store, store.user_id("lisi")), rid, ".html", tmp_path, files.TRACKED)


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("libreoffice"), reason="libreoffice is not installed")
def test_libreoffice_opens_the_revision_copy(tmp_path):
    pieces = replay(CLERK_TEXT, [Saved(EDITOR_TEXT, "lisi", 1_764_700_000)])
    src = tmp_path / "修订稿.docx"
    src.write_bytes(docx_bytes(_report(EDITOR_TEXT), (), {S1: pieces}))
    subprocess.run(
        # its own profile: a LibreOffice already running under the default one would take (or hold) the job
        ["libreoffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(src)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = tmp_path / "修订稿.pdf"
    assert pdf.exists() and pdf.stat().st_size > 5000


def test_the_reader_reads_a_revision_copy_as_its_accepted_text(tmp_path):
    from assistant.reader import read_report

    pieces = replay(CLERK_TEXT, [Saved(EDITOR_TEXT, "lisi", 1_764_700_000)])
    path = tmp_path / "修订稿.docx"
    path.write_bytes(docx_bytes(_report(EDITOR_TEXT), (), {S1: pieces}))
    assert read_report(path).section(S1) == EDITOR_TEXT  # insertions read, deletions not (as Word shows)
