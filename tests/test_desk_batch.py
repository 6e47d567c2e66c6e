"""Batch audits: the process pool, zips (slip, bomb), duplicates, too many files, unreadable files."""

from __future__ import annotations

import zipfile

import pytest

from assistant.audit import check_paths
from assistant.desk import batch
from assistant.desk.batch import run_batch
from tests.test_desk_support import make_batch, planted_yaml


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    make_batch(d / "reports", 9)
    planted_yaml(d / "reports")
    return d / "reports"


def _summary(results):
    return [(r.source, r.facts.agency if r.facts else None, [f.to_json() for f in r.findings], r.error)
            for r in results]  # fmt: skip


def test_pool_gives_the_same_results_in_the_same_order(folder, tmp_path):
    serial = run_batch([folder], jobs=1, work_dir=tmp_path)
    pooled = run_batch([folder], jobs=2, work_dir=tmp_path)
    assert len(serial) == 10
    assert _summary(pooled) == _summary(serial) == _summary(check_paths([folder]))
    assert any(r.errors for r in pooled)  # the planted report


def test_progress_reaches_the_end(folder, tmp_path):
    seen = []
    run_batch([folder], jobs=2, on_progress=lambda d, t, n: seen.append((d, t)), work_dir=tmp_path)
    assert seen[-1] == (10, 10) and all(d <= t for d, t in seen)


def test_zip_with_paths_outside_and_a_bomb(folder, tmp_path):
    z = tmp_path / "上报材料.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(next(folder.glob("*.txt")), "县直部门/好报告.txt")
        zf.writestr("../../逃逸.txt", "x")
        zf.writestr("/etc/绝对路径.txt", "x")
        zf.writestr("炸弹.txt", b"0" * (60 * 2**20))
    work = tmp_path / "data"
    results = run_batch([z], jobs=1, work_dir=work)
    errors = [r.error for r in results if r.error]
    assert len(errors) == 3
    assert sum("指向压缩包之外" in e for e in errors) == 2 and any("压缩炸弹" in e for e in errors)
    good = [r for r in results if not r.error]
    assert len(good) == 1 and good[0].facts.year
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != z]
    assert written and all(p.is_relative_to(work) for p in written)
    assert not (tmp_path / "逃逸.txt").exists()


def test_a_zip_that_is_not_a_zip(tmp_path):
    z = tmp_path / "坏.zip"
    z.write_bytes(b"not a zip at all")
    [r] = run_batch([z], jobs=1, work_dir=tmp_path / "data")
    assert "不是有效的 zip" in r.error


def test_duplicates_of_the_same_body_and_year_are_all_audited(folder, tmp_path):
    d = tmp_path / "dup"
    d.mkdir()
    a = planted_yaml(d, out_name="a.yaml")
    planted_yaml(d, out_name="b.yaml")
    planted_yaml(d, extra={"review.total": 9}, out_name="c.yaml")
    results = run_batch([d], jobs=1, work_dir=tmp_path)
    assert len(results) == 3
    notes = [" ".join(r.notes) for r in results]
    assert all("重复" in n and "另有 2 份" in n for n in notes)
    assert "表格数据不同" in notes[0] and str(a.name) not in notes[0]


def test_too_many_files_are_said_back_not_dropped(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(batch, "MAX_BATCH_FILES", 4)
    results = run_batch([folder], jobs=2, work_dir=tmp_path)
    assert len(results) == 5
    assert "文件过多：共 10 个" in results[-1].error and "其余 6 个" in results[-1].error


def test_unreadable_files_do_not_stop_the_batch(folder, tmp_path):
    d = tmp_path / "mixed"
    d.mkdir()
    for p in list(folder.glob("*.txt"))[:3]:
        (d / p.name).write_bytes(p.read_bytes())
    (d / "坏.docx").write_bytes(b"PK\x03\x04 broken")
    (d / "旧.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (d / "空.pdf").write_bytes(b"")
    results = run_batch([d], jobs=2, work_dir=tmp_path)
    assert len(results) == 6
    bad = {r.source.rsplit("/", 1)[-1]: r.error for r in results if r.error}
    assert set(bad) == {"坏.docx", "旧.doc", "空.pdf"} and all(bad.values())
