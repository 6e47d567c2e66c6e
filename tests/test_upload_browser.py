"""Uploads show their progress in Chinese (issue 13): 批量审核 over six corpus reports and last year's
report in the chat. Screenshot: docs/images/app-upload-progress.png (with UPDATE_SCREENSHOTS=1).
"""

from __future__ import annotations

import re

import pytest

from tests.test_browser import ARGS, CHROMIUM, ROOT, app_url, english_labels, shots  # noqa: F401  (fixtures)
from tests.test_chat_browser import CELL_SHOWN, VIEWPORT, login_and_start

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPORTS = sorted((ROOT / "corpus" / "reports").iterdir())
PROGRESS = re.compile(r"审核中|处理中|正在")


def test_upload_progress_is_shown_in_chinese(app_url, shots):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport=VIEWPORT, locale="zh-CN")
        page.set_default_timeout(30_000)
        login_and_start(page, app_url, "青梧县生态环境分局", "2024")

        open_tab(page, "批量审核", "#review_btn")
        page.locator("#review_files input[type=file]").set_input_files([str(f) for f in REPORTS[:6]])
        assert page.get_by_text(re.compile(r"Uploading|files\.\.\.")).filter(visible=True).count() == 0
        expect(page.locator("#review_files")).to_contain_text(REPORTS[5].stem, timeout=30_000)
        page.locator("#review_btn").click()
        busy = page.get_by_text(PROGRESS).filter(visible=True).first
        busy.wait_for(timeout=15_000)  # the run's progress, over the results it is making
        page.screenshot(path=str(shots / "app-upload-progress.png"))
        assert page.get_by_text(re.compile(r"processing|queue:")).filter(visible=True).count() == 0
        expect(page.locator("#review_msg")).to_contain_text("6 份已审核", timeout=90_000)
        shown = page.evaluate(CELL_SHOWN, "#review_table")  # all 11 columns readable at 1366 px
        assert shown["heads"][-5:] == ["待处理错误", "须整改", "已排除", "提醒", "状态"], shown["heads"]
        assert shown["cut"] == [], shown["cut"][:5]
        assert english_words(page) == []

        page.get_by_role("tab", name="对话填报").click()
        docx = next(f for f in REPORTS if f.suffix == ".docx")
        page.locator("#chat_previous input[type=file]").set_input_files(str(docx))
        replies = page.locator('#chatbot [data-testid="bot"]')
        expect(replies.last).to_contain_text(docx.name, timeout=60_000)  # read and answered, never silent
        assert page.get_by_text(re.compile(r"processing|queue:")).filter(visible=True).count() == 0
        assert english_words(page) == []
        browser.close()


def open_tab(page, name: str, shown: str) -> None:
    """Click a tab until `shown` is visible: the app's load event selects the last tab used, and under load it
    can land after the click (the tab then stayed hidden and #review_btn was never clickable)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    for _ in range(4):
        page.get_by_role("tab", name=name).filter(visible=True).first.click()
        try:
            page.locator(shown).wait_for(state="visible", timeout=7_500)
            return
        except PlaywrightTimeout:
            continue
    page.locator(shown).wait_for(state="visible", timeout=1_000)  # fails with the locator named


def english_words(page) -> list[str]:
    """English accessibility labels and titles, file names (the user's own) and format names aside."""
    names = re.compile(r"[\w.-]*\.?(txt|md|html?|docx|pdf|csv|xlsx|zip|Word|Excel)\b")
    return [v for v in english_labels(page) if re.search(r"[A-Za-z]{3,}", names.sub("", v))]
