"""What the draft page shows besides the texts: the whole report's state, and a readable diff.

The state covers tables and prose together, so a section's own tick (which covers only its text) is
never read as 「the report is fine」. The diff is inline and highlighted in Chinese, not a unified diff.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Mapping
from typing import Any

from assistant.core import spec


def report_status(table_findings: tuple, sections: Mapping[str, Any]) -> str:
    """One Markdown block: 统计表 errors/warnings, then the prose: sections with errors, warnings, empty."""
    errors = [f for f in table_findings if f.is_error]
    warnings = [f for f in table_findings if not f.is_error]
    if errors:
        tables = (
            f"✗ 统计表有 {len(errors)} 处错误"
            + (f"、{len(warnings)} 条提示" if warnings else "")
            + "，请到“统计表”页修改"
        )
    elif warnings:
        tables = f"! 统计表无错误，有 {len(warnings)} 条提示"
    else:
        tables = "✓ 统计表核对无误"
    wrong, noted, empty = [], 0, []
    for s in spec.SECTIONS:
        row = sections.get(s.key)
        if row is None or not row.text.strip():
            empty.append(s.label.split("、")[0])
            continue
        found = row.findings or []
        if any(f.get("severity") == "error" for f in found):
            wrong.append(s.label.split("、")[0])
        noted += sum(1 for f in found if f.get("severity") != "error")
    parts = []
    if wrong:
        parts.append(f"✗ 第{'、'.join(wrong)}部分有错误")
    if noted:
        parts.append(f"! 共 {noted} 条提示")
    if empty:
        parts.append(f"第{'、'.join(empty)}部分尚无正文")
    prose = "；".join(parts) if parts else "✓ 各部分正文未发现问题"
    ready = not errors and not wrong and not empty
    head = "**整份报告**：" + ("可以导出定稿" if ready else "尚不能定稿")
    return f"{head}\n\n- 统计表：{tables}\n- 正文：{prose}"


_DEL = '<del style="background:#fde2e2;color:#a61b1b;text-decoration:line-through">'
_INS = '<ins style="background:#dcf5e3;color:#12612e;text-decoration:none;font-weight:600">'


def diff_html(old: str, new: str) -> str:
    """The change from `old` to `new`, inline: deleted words struck through in red, added in green."""
    if old == new:
        return "<p>（所选版本与当前文本相同）</p>"
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(html.escape(old[a0:a1]))
            continue
        if op in ("delete", "replace"):
            out.append(_DEL + html.escape(old[a0:a1]) + "</del>")
        if op in ("insert", "replace"):
            out.append(_INS + html.escape(new[b0:b1]) + "</ins>")
    body = "".join(out).replace("\n", "<br>")
    legend = f"<p>与当前文本相比：{_DEL}删去的文字</del> {_INS}新增的文字</ins></p>"
    return f'{legend}<div style="line-height:1.9;white-space:normal">{body}</div>'
