"""A real browser on the 批量审核 tab with 30 reports: the table, the chart, a report's detail.

Screenshots go to a temporary folder, or to docs/images/ with UPDATE_SCREENSHOTS=1.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from assistant.config import load_settings
from tests.test_browser import ARGS, CHROMIUM, ROOT, _free_port
from tests.test_desk_support import make_batch, planted_yaml, render

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed")
    home = tmp_path_factory.mktemp("home")
    from assistant.app.server import launch, prepare

    settings = load_settings(env={"ASSISTANT_HOME": str(home)}, dotenv=False)
    ctx = prepare("127.0.0.1", ingest=False, settings=settings)
    port = _free_port()
    demo = launch(ctx, "127.0.0.1", port, block=False)
    yield f"http://127.0.0.1:{port}/"
    demo.close()


def test_review_tab_with_30_reports(app_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    files = make_batch(tmp_path / "batch", 29)
    files.append(render(planted_yaml(tmp_path), tmp_path / "有错的报告.docx"))
    shots = ROOT / "docs" / "images" if os.environ.get("UPDATE_SCREENSHOTS") else tmp_path
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(app_url)
        page.locator("#report_pick").wait_for()
        page.wait_for_timeout(3000)  # the app's load event selects the last tab: let it run first
        page.get_by_role("tab", name="批量审核").click()
        expect(page.locator("#review_btn")).to_be_visible()
        page.locator("#review_files input[type=file]").set_input_files([str(f) for f in files])
        page.locator("#review_btn").click()
        expect(page.locator("#review_msg")).to_contain_text("共 30 项：30 份已审核", timeout=180_000)
        table = page.locator("#review_table")
        expect(table).to_contain_text("r_000")
        chart = page.locator("#review_chart img")
        expect(chart).to_have_attribute("src", re.compile(r"chart-\d+\.png"))
        chart.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "desk-review-table.png"), full_page=True)
        page.locator("#review_query textarea, #review_query input").first.fill("有错的报告")
        expect(table).not_to_contain_text("r_000", timeout=30_000)
        table.get_by_test_id("cell-0-1").click()
        detail = page.locator("#review_detail")
        expect(detail).to_contain_text("表格中有问题的单元格", timeout=30_000)
        expect(detail.locator("mark").first).to_be_visible()
        page.locator("#review_numbers textarea, #review_numbers input").first.fill("1-2")
        page.locator("#review_save").click()
        expect(page.locator("#review_save_msg")).to_contain_text("已将 2 条标记为“确认（须整改）”")
        page.screenshot(path=str(shots / "desk-review-detail.png"), full_page=True)
        browser.close()
