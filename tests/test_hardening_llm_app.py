"""The app's 「测试连接」 button: the config --test probe, shown line by line (handler and browser)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.app.connection import WAITING, probe_lines
from tests.mock_openai import MockOpenAI, Reply, think
from tests.test_drafting_http import settings


def test_button_handler_reports_model_latency_and_capabilities() -> None:
    with MockOpenAI(lambda body: Reply(think("想想", "好")), rejects=("tools",)) as mock:
        shown = list(probe_lines(settings(mock)))
    assert shown[0] == WAITING and len(shown) > 3  # the page sees progress before the end
    final = shown[-1]
    assert "mock-model" in final and "✓ 普通请求：可用" in final and "秒" in final
    assert "✓ JSON 模式" in final and "✗ 工具调用：不可用" in final and "可以用模型起草" in final
    assert "想想" not in final and WAITING not in final


def test_button_handler_without_endpoint_says_offline() -> None:
    with MockOpenAI() as mock:
        shown = list(probe_lines(replace(settings(mock), openai_api_key="", openai_base_url="")))
    assert "未测试" in shown[-1] and "离线起草" in shown[-1] and not mock.requests


@pytest.mark.browser
@pytest.mark.slow
def test_button_in_the_browser(tmp_path) -> None:
    from tests.test_browser import ARGS, CHROMIUM, _free_port

    if not Path(CHROMIUM).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("REQUIRE_BROWSER=1 but chromium is not installed")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import expect, sync_playwright

    from assistant.app.server import launch, prepare
    from assistant.config import load_settings

    with MockOpenAI(lambda body: Reply("好")) as mock:
        env = {
            "ASSISTANT_HOME": str(tmp_path),
            "OPENAI_BASE_URL": mock.base_url,
            "ASSISTANT_MODEL": "mock-qwen",
        }
        ctx = prepare("127.0.0.1", ingest=False, settings=load_settings(env=env, dotenv=False))
        port = _free_port()
        demo = launch(ctx, "127.0.0.1", port, block=False)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                page = browser.new_page(locale="zh-CN")
                page.set_default_timeout(30_000)
                page.goto(f"http://127.0.0.1:{port}/")
                accordion = page.get_by_text("模型连接")
                for _ in range(6):  # the page's load may still switch to the last-used tab: click again
                    page.get_by_role("tab", name="起草与修改").click()
                    try:
                        accordion.wait_for(state="visible", timeout=5_000)
                        break
                    except Exception:
                        continue
                accordion.click()
                page.locator("#test_connection_btn").click()
                result = page.locator("#test_connection_result")
                expect(result).to_contain_text("结论：可以用模型起草", timeout=30_000)
                expect(result).to_contain_text("mock-qwen")
                expect(result).to_contain_text("无需密钥")
                page.screenshot(path=str(tmp_path / "test-connection.png"), full_page=True)
                browser.close()
        finally:
            demo.close()
