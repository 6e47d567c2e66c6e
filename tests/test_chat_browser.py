"""One long chat conversation in a real browser at 1366×768, typed as a county clerk types (issue 11).

Several messages, a sentence the assistant cannot use (said back, not dropped), a correction that
breaks a table rule and the balance question it raises, the answer to that question, a named
narrative topic and a ledger with two open cases. Asserts the pending table is readable at 1366 px
(项目, 数值 and 来源 inside the panel, no cell text cut) and that what is saved ends in the 统计表 grids.
Screenshots: chat-pending-1366.png, chat-balance-question.png, chat-long-conversation.png.
"""

from __future__ import annotations

import re

import pytest

from tests.factories import grid_position
from tests.test_browser import ARGS, CHROMIUM, app_url, fill_form, shots  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

VIEWPORT = {"width": 1366, "height": 768}
CELL_SHOWN = """(sel) => {
  const box = document.querySelector(sel).getBoundingClientRect();
  const shown = (el) => el.offsetParent !== null && el.getBoundingClientRect().width > 0;
  const heads = [...document.querySelectorAll(sel + ' th')].filter(shown).map((th) => th.innerText.trim());
  const cut = [];
  for (const td of document.querySelectorAll(sel + ' [data-testid^="cell-"]')) {
    const r = td.getBoundingClientRect(), range = document.createRange();
    range.selectNodeContents(td);
    const t = range.getBoundingClientRect();
    const text = td.innerText.trim();
    if (!text || !shown(td)) continue;
    if (r.right > box.right + 1 || r.left < box.left - 1 || r.right > window.innerWidth
        || t.right > r.right + 1 || t.bottom > r.bottom + 1 || td.scrollWidth > td.clientWidth + 1) cut.push(text);
  }
  return {heads, cut, right: box.right};
}"""


def ledger_csv(path) -> None:
    """24 applications, as an office keeps them: 个人/公司 short forms, two still open (办理中)."""
    rows = ["序号,申请人,申请人类型,收到日期,申请内容,办理结果,答复日期"]
    plan = [("个人", "予以公开")] * 14 + [("自然人", "部分公开")] * 3 + [("个人", "无法提供-没有现成信息")]
    plan += [("个人", "办理中")] * 2 + [("公司", "予以公开")] * 3 + [("企业", "不予公开-第三方权益")]
    for n, (kind, outcome) in enumerate(plan, 1):
        reply = "" if outcome == "办理中" else "2024-12-20"
        name = f"青梧某置业有限公司{n}" if kind in ("公司", "企业") else f"张某{n}"
        rows.append(f"{n},{name},{kind},2024-{n % 11 + 1:02d}-0{n % 8 + 1},住房保障信息,{outcome},{reply}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def test_long_conversation_at_1366(app_url, shots, tmp_path):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport=VIEWPORT, locale="zh-CN")
        page.set_default_timeout(30_000)
        login_and_start(page, app_url)
        bot, box = page.locator("#chatbot"), page.locator("#chat_box textarea")

        replies = page.locator('#chatbot [data-testid="bot"]')

        def say(text: str, expected: str) -> None:
            """Send one message; the assistant's new reply (not an earlier one) says `expected`."""
            n = replies.count()
            box.fill(text)
            box.press("Enter")
            expect(replies).not_to_have_count(n, timeout=30_000)
            expect(replies.last).to_contain_text(expected, timeout=30_000)

        say("你好，我是县住建局办公室的，今年年报的数我先报一下", "这部分没能理解")
        say("今年依申请公开一共收到23件，个人的20件，企业3件", "请确认后保存")
        pending_readable(page)
        page.screenshot(path=str(shots / "chat-pending-1366.png"))
        say("确认", "已保存：表二 一、本年新收政府信息公开申请数量（7栏）")
        say("不对，企业是4件不是3件", "3 → 4")
        pending_readable(page)
        say("覆盖", "数字不一致")  # the save breaks 总计 = sum of the applicant types: asked, not silent
        expect(replies.last).to_contain_text("按自然人及法人或其他组织各分项合计应为 24")
        expect(replies.last).to_contain_text("哪个数字不对")
        page.screenshot(path=str(shots / "chat-balance-question.png"))
        say("那总数是24件，刚才说错了", "23 → 24")
        say("覆盖", "上年结转")
        say("没有", "二、上年结转政府信息公开申请数量")
        say("确认", "予以公开、部分公开")
        say(
            "平台建设方面，今年把县政府网站住建局专栏改版了，政务新媒体账号也整合成了一个",
            "已记入【政府信息公开平台建设】",
        )  # fmt: skip (saved at once, no 确认)

        ledger = tmp_path / "住建局申请台账.csv"
        ledger_csv(ledger)
        page.locator("#ledger input[type=file]").set_input_files(str(ledger))
        expect(bot).to_contain_text("共读取 24 件申请记录", timeout=30_000)
        expect(bot).to_contain_text("结转下年度2件")
        expect(bot).to_contain_text("“办理中”→尚未办结")
        expect(page.locator("#pending")).to_contain_text("台账第")
        pending_readable(page)
        page.locator("#confirm_btn").click()
        expect(page.locator("#pending")).not_to_contain_text("台账第", timeout=30_000)
        expect(bot).to_contain_text("行政复议", timeout=30_000)  # the next question
        page.screenshot(path=str(shots / "chat-long-conversation.png"), full_page=True)

        page.get_by_role("tab", name="统计表").click()
        expect(page.locator("#tables_summary")).to_contain_text("已填")
        saved = {
            "applications.new_received.natural_person": "20",
            "applications.new_received.commercial_enterprise": "4",  # the correction, not the first 3
            "applications.new_received.total": "24",  # the answer to the balance question
            "applications.carried_over_from_prev.total": "0",
            "applications.results.granted.total": "17",  # from the ledger
            "applications.results.withheld.third_party_rights.commercial_enterprise": "1",
            "applications.carried_to_next.total": "2",  # 办理中 ×2
        }
        for key, value in saved.items():
            row, col = grid_position(key, 2)
            cell = page.locator(f'#grid2 [data-testid="cell-{row}-{col}"]')
            expect(cell).to_have_text(value, timeout=30_000)  # the grid refreshes after the tab shows
        expect(page.locator("#table_findings")).not_to_contain_text("表二")  # the saved table balances
        browser.close()


def login_and_start(page, url: str, agency: str = "青梧县住房和城乡建设局", year: str = "2024") -> None:
    from playwright.sync_api import expect

    page.goto(url)
    page.locator('input[data-testid="password"]').wait_for()
    page.locator('input[data-testid="textbox"]').fill("zhangsan")
    page.locator('input[data-testid="password"]').fill("mima-12345")
    page.locator("button.primary").first.click()
    page.locator("#new_report").click()  # a new report opens the chat, whatever tab the app reopened on
    fill_form(page, {"#new_agency textarea, #new_agency input": agency, "#new_year input": year})
    page.locator("#start_btn").click()
    # the year too: with the form's default year (2025) the 2024 ledger reads as 本年新收 0 and its whole-
    # table confirm turns the chat's 20 into 0 (the CI failure of test_long_conversation_at_1366)
    expect(page.locator("#status")).to_contain_text(f"{agency} {year}年度", timeout=30_000)
    expect(page.locator("#chatbot")).to_contain_text("收到多少件")
    expect(page.locator("#chat_box textarea")).to_be_visible(timeout=30_000)


def pending_readable(page) -> None:
    """All three columns of the pending table inside its panel and the window; no cell's text cut."""
    page.locator('#pending [data-testid="cell-0-1"]').wait_for()
    shown = page.evaluate(CELL_SHOWN, "#pending")
    assert shown["heads"][:3] == ["项目", "数值", "来源"], shown["heads"]
    assert shown["right"] <= VIEWPORT["width"], shown
    assert shown["cut"] == [], f"cut off at 1366 px: {shown['cut'][:5]}"


NOTES = [  # typed as a clerk types: topic first, colloquial, numbers inside narrative
    ("本年度主动公开这块，我们今年在县政府网站住建局专栏发了大概186条信息，重点是保障性住房分配、老旧小区改造、"
     "建筑市场信用这些", "【主动公开】"),
    ("依申请公开方面，今年承办的申请都按时答复了，没有超期的", "【依申请公开】"),
    ("信息管理方面，发文的时候就标注公开属性，今年没出过泄密问题", "【政府信息管理】"),
    ("平台建设方面，县政府网站住建局专栏改版了，政务新媒体账号整合成了一个", "【政府信息公开平台建设】"),
    ("监督保障：局里成立了政务公开领导小组，全年培训2次，今年没有责任追究的情况", "【监督保障】"),
    ("问题主要是：一是有的股室报送信息不及时；二是政策解读形式比较单一", "【存在的主要问题】"),
    ("改进就是明年建立信息报送月通报制度，多搞图解和视频解读", "【改进情况】"),
    ("信息处理费没收过，建议提案今年承办了11件，都按时办结了", "【其他需要报告的事项】"),
]  # fmt: skip
LINT_WORDS = ("口语化表述", "句子重复出现", "序号不连贯", "混用", "出现英文", "Markdown")


def test_draft_from_colloquial_notes_and_the_diff_view(app_url, shots):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport=VIEWPORT, locale="zh-CN")
        page.set_default_timeout(30_000)
        login_and_start(page, app_url, "青梧县城市管理局", "2025")
        replies, box = page.locator('#chatbot [data-testid="bot"]'), page.locator("#chat_box textarea")
        for text, expected in [
            ("今年收到申请5件，都是个人的", "请确认后保存"),
            ("确认", "已保存"),
            *[(note, "已记入" + where) for note, where in NOTES],
        ]:  # fmt: skip (narrative saved at once)
            n = replies.count()
            box.fill(text)
            box.press("Enter")
            expect(replies).not_to_have_count(n, timeout=30_000)
            expect(replies.last).to_contain_text(expected, timeout=30_000)

        page.get_by_role("tab", name="起草与修改").click()
        page.locator("#generate_btn").click()
        s6 = page.locator("#text_s6_other textarea")
        expect(s6).to_have_value(re.compile("信息处理费"), timeout=90_000)
        expect(page.locator("#draft_notes")).not_to_contain_text("正在起草", timeout=90_000)  # ended
        expect(page.locator("#text_s1_overview textarea")).to_have_value(re.compile("约186条"))
        for key in (
            "s1_overview",
            "s2_active",
            "s3_applications",
            "s4_review_litig",
            "s5_problems",
            "s6_other",
        ):
            shown = page.locator(f"#findings_{key}")
            expect(shown).to_contain_text("本部分文字未发现问题", timeout=30_000)
            text = shown.inner_text()
            assert not [w for w in LINT_WORDS if w in text], (key, text)
        for key in ("s1_overview", "s5_problems", "s6_other"):  # the clerk's fillers did not travel
            value = page.locator(f"#text_{key} textarea").input_value()
            assert not re.search(r"这块|我们今年|大概|发了|没出过|没收过|局里|这些", value), (key, value)

        s5 = page.locator("#text_s5_problems textarea")
        s5.fill(s5.input_value().replace("部分股室报送信息不及时", "个别股室报送信息不够及时"))
        page.locator("#save_s5_problems").click()
        expect(page.locator("#draft_notes")).to_contain_text("已保存并重新核对", timeout=30_000)
        page.get_by_text("版本历史").click()
        choose_section(page, "五、存在的主要问题及改进情况")
        diff = page.locator("#hist_diff")
        expect(diff.locator("ins").filter(has_text="个别")).to_have_count(
            1, timeout=30_000
        )  # the edit, inline
        expect(diff.locator("del").filter(has_text="部分")).to_have_count(1)
        expect(diff).to_contain_text("与当前文本相比")
        assert not re.search(r"^[+-]{1,3} |@@", diff.inner_text(), re.M)  # not a raw unified diff
        diff.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / "app-diff.png"))
        browser.close()


def choose_section(page, label: str) -> None:
    """Pick a section in the version history's 章节 dropdown."""
    page.get_by_label("章节").click()
    page.get_by_role("option", name=label).click()
