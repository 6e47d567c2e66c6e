"""The draft page's honest status: the whole report at the top, a section tick that says what it covers,
and a readable diff of versions (issue 13)."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.app import draft
from assistant.app.draft_status import diff_html, report_status
from assistant.core.findings import ERROR, FAIL, WARNING, Finding


def _row(text, findings=()):
    return SimpleNamespace(text=text, findings=list(findings), locked=False)


def _all(text="正文。", findings=()):
    return {k: _row(text, findings) for k in draft.SECTION_KEYS}


def test_table_errors_are_shown_even_when_every_section_is_clean():
    table = (Finding("T2_STATED_BALANCE", ERROR, FAIL, "（七）总计：填报3，应为4"),)
    status = report_status(table, _all())
    assert "✗ 统计表有 1 处错误" in status and "尚不能定稿" in status
    assert "T2_STATED_BALANCE" not in status  # no rule ids for users


def test_clean_report_is_ready_and_gaps_are_named():
    assert "可以导出定稿" in report_status((), _all())
    rows = _all()
    rows["s6_other"] = _row("")
    status = report_status((Finding("X", WARNING, FAIL, "提示"),), rows)
    assert "第六部分尚无正文" in status and "1 条提示" in status and "尚不能定稿" in status


def test_prose_errors_name_the_section():
    rows = _all()
    rows["s1_overview"] = _row("正文。", [{"severity": "error", "message": "数字无来源"}])
    assert "✗ 第一部分有错误" in report_status((), rows)


def test_section_tick_says_it_covers_only_the_text():
    clean = draft.findings_markdown([])
    assert "✓" in clean and "统计表" in clean and "核对通过" not in clean
    flagged = draft.findings_markdown([{"severity": "warning", "message": "口语化表述“我们”"}])
    assert flagged.startswith("! 口语化表述") and "只核对本部分文字" in flagged


def test_diff_is_inline_highlighted_and_escaped():
    out = diff_html("本年度发布信息200条。<b>", "本年度发布信息约214条。<b>")
    assert "<del" in out and "<ins" in out and "&lt;b&gt;" in out
    assert "@@" not in out and "---" not in out
    assert "相同" in diff_html("同样的文字", "同样的文字")


def test_section_findings_are_shown_one_a_paragraph():
    """Seen at 1366: an error and a warning under 五 ran on in one paragraph (「无法核实 ! 五、…」)."""
    import markdown_it

    text = draft.findings_markdown(
        [
            {"severity": "error", "message": "“两次”无法核实"},
            {"severity": "warning", "message": "请补充整改做法"},
        ]
    )
    html = markdown_it.MarkdownIt().render(text)
    assert html.count("<p>") == 3  # the two findings and the scope note
    assert "<p>✗ “两次”无法核实</p>" in html and "<p>! 请补充整改做法</p>" in html
