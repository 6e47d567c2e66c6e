"""The review tab's handlers (plain functions, no server): upload, rows, filter, detail, decide, downloads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PIL import Image

from assistant.app import review_tab
from assistant.app.context import AppContext
from assistant.config import load_settings
from assistant.desk import board
from assistant.store import Store
from tests.test_desk_support import make_batch, planted_yaml, render

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def uploads(tmp_path_factory):
    d = tmp_path_factory.mktemp("uploads")
    files = make_batch(d / "batch", 5)
    bad = render(planted_yaml(d), d / "有错.docx")
    z = d / "上报.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for p in files[:3]:
            zf.write(p, f"乡镇/{p.name}")
        zf.writestr("../逃逸.txt", "x")
    return [str(p) for p in files[3:]] + [str(bad), str(z)]


@pytest.fixture
def ctx(tmp_path):
    settings = load_settings(env={"ASSISTANT_HOME": str(tmp_path)}, dotenv=False)
    return AppContext(Store(tmp_path / "db.sqlite3"), settings, auth=False, export_dir=tmp_path / "exports")


def test_upload_rows_filter_sort_and_chart(ctx, uploads, tmp_path):
    seen = []
    b, msg = review_tab.run_audit(ctx, "org", uploads, lambda d, t, n: seen.append((d, t)))
    assert "共 7 项：6 份已审核，1 项无法读取或被拒绝" in msg
    assert seen and seen[-1][0] == seen[-1][1]
    frame, chart = review_tab.views(ctx, "org", b, "", "全部", "待处理错误")
    assert list(frame.columns) == board.COLUMNS and len(frame) == 7
    assert frame.iloc[0]["机关"] == "青梧县自然资源局" and frame.iloc[0]["待处理错误"] == 5
    assert frame.iloc[0]["状态"] == "待审核" and "/" not in "".join(frame["文件"])  # no server folders shown
    assert (frame["状态"] == "无法读取").sum() == 1
    only, _ = review_tab.views(ctx, "org", b, "自然资源", "全部", "原顺序")
    assert set(only["机关"]) == {"青梧县自然资源局"}
    failing, _ = review_tab.views(ctx, "org", b, "", "无法读取", "原顺序")
    assert len(failing) == 1
    img = Image.open(chart)
    assert img.size[0] == 900 and img.size[1] > 200


def test_detail_decide_and_downloads(ctx, uploads):
    b, _ = review_tab.run_audit(ctx, "org", uploads)
    index = next(i for i, r in enumerate(b.results, 1) if r.errors)
    html, found = review_tab.show_detail(ctx, "org", b, index)
    assert "表格中有问题的单元格" in html and "<mark>" in html and "<b>63</b>" in html
    assert len(found) == 5 and set(found["处理意见"]) == {"待处理"}
    assert "须附理由" in review_tab.save_decision(ctx, "org", b, index, "全部", "误报", "", "李")
    assert "无法识别" in review_tab.save_decision(ctx, "org", b, index, "一", "误报", "x", "李")
    assert "超出范围" in review_tab.save_decision(ctx, "org", b, index, "9", "误报", "x", "李")
    assert "已将 2 条" in review_tab.save_decision(ctx, "org", b, index, "1-2", "确认（须整改）", "", "李")
    assert "已将 3 条" in review_tab.save_decision(ctx, "org", b, index, "3,4，5", "误报", "口径", "李")
    _, found = review_tab.show_detail(ctx, "org", b, index)
    assert sorted(found["处理意见"]) == ["确认（须整改）"] * 2 + ["误报"] * 3 and set(found["审核人"]) == {
        "李"
    }
    frame, _ = review_tab.views(ctx, "org", b, "", "须整改", "原顺序")
    assert len(frame) == 1 and frame.iloc[0]["须整改"] == 2
    other, _ = review_tab.views(ctx, "another-org", b, "", "须整改", "原顺序")
    assert len(other) == 0  # decisions are per organisation
    files, msg = review_tab.make_downloads(ctx, "org", b, "2024年4月15日")
    assert "1 份审核意见" in msg and len(files) == 2
    assert load_workbook(files[0]).sheetnames == ["汇总", "问题清单", "处理意见"]
    with zipfile.ZipFile(files[1]) as zf:
        assert len(zf.namelist()) == 1


def test_nothing_uploaded(ctx):
    b, msg = review_tab.run_audit(ctx, "org", [])
    assert "请先上传" in msg and b.results == []
    assert "请先选择" in review_tab.save_decision(ctx, "org", b, None, "1", "误报", "x", "")


def test_the_app_builds_with_the_review_tab(ctx):
    from assistant.app.ui import build

    demo = build(ctx)
    assert any(getattr(b, "elem_id", None) == "review_btn" for b in demo.blocks.values())


def test_decisions_belong_to_the_users_organisation(ctx, tmp_path):
    assert review_tab.org_of(ctx, None) == "user:本机用户"
    store = ctx.store
    oid = store.add_org("青梧县政务公开办", office=True)
    store.add_user("wang", "mima-12345", org="青梧县政务公开办")
    store.add_user("li", "mima-12345", org="青梧县政务公开办")
    store.add_user("solo", "mima-12345")
    authed = AppContext(store, ctx.settings, auth=True, export_dir=tmp_path / "exports")
    assert review_tab.org_of(authed, "wang") == review_tab.org_of(authed, "li") == f"org:{oid}"
    assert review_tab.org_of(authed, "solo") == "user:solo"


def test_unreadable_files_are_named_with_their_reason_under_the_count(ctx, tmp_path):
    """Seen at 1366: 「共 3 项：1 份已审核，2 项无法读取或被拒绝」 and the table's 「无法读取」, but why only
    after clicking each row. The message now lists each file with its reason (Markdown signs kept)."""
    empty = tmp_path / "空_文件_.pdf"
    empty.write_bytes(b"")
    junk = tmp_path / "乱码.txt"
    junk.write_text("q8Zr1kVx 0aPq== mm3Lz9 " * 40, encoding="utf-8")
    good = ROOT / "corpus" / "reports" / "qingwu_hezhuzhen_2024.txt"
    b, msg = review_tab.run_audit(ctx, "org", [str(good), str(empty), str(junk)])
    assert "共 3 项：1 份已审核，2 项无法读取或被拒绝" in msg
    assert "未能审核：" in msg and r"- 空\_文件\_.pdf：文件是空的" in msg
    assert "- 乱码.txt：" in msg and "不是政府信息公开工作年度报告" in msg
    assert str(tmp_path) not in msg  # no server folders
    _, clean = review_tab.run_audit(ctx, "org", [str(good)])
    assert "未能审核" not in clean


def test_a_long_list_of_unreadable_files_is_cut_with_a_count():
    from types import SimpleNamespace

    results = [SimpleNamespace(error=f"坏{i}.pdf：文件是空的") for i in range(13)]
    text = review_tab.unreadable_list(results)
    assert text.count("\n- ") == review_tab.SHOWN_UNREADABLE + 1 and "另有 3 项" in text
