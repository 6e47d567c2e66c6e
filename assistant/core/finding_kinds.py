"""What a finding is about, in Chinese, for users (rule ids stay in `check --json` only)."""

from __future__ import annotations

from assistant.core.findings import Finding

TABLE_KINDS = {1: "表一", 2: "表二", 3: "表三"}
# Rule-id prefixes → the kind of check, in the words of the 审核 tab.
PREFIX_KINDS = (
    ("PREVIOUS_", "与上年比对"),
    ("T1_IN_FORCE", "与上年比对"),
    ("T2_CROSS_YEAR", "与上年比对"),
    ("TEXT_COPIED", "与上年比对"),
    ("EXEMPLAR_COPY", "文字雷同"),
    ("TEXT_", "正文与表格"),
    ("TREND_", "正文与表格"),
    ("UNBOUND_", "正文与表格"),
    ("TOPIC_", "正文内容"),
    ("SECTION_", "正文内容"),
    ("EMPTY_SECTION", "正文内容"),
    ("UNREADABLE", "无法读取"),
    ("NEEDS_OCR", "无法读取"),
    ("FILE_", "无法读取"),
    ("AGENCY_", "机关与年度"),
    ("YEAR_UNREAD", "机关与年度"),
    ("ROW_RECOVERED", "数字拆分"),
    ("ROW_", "表格读取"),
    ("FORMAT_", "表式"),
    ("LABEL_", "表式"),
    ("NOTE_", "表式"),
    ("TABLE_", "表式"),
    ("BLANK_", "未填"),
    ("INVALID_", "填写内容"),
    ("UNKNOWN_", "填写内容"),
)


def kind_of(f: Finding) -> str:
    """「表二」「正文与表格」「与上年比对」… — never the rule id."""
    for prefix, kind in PREFIX_KINDS:
        if f.rule.startswith(prefix):
            return kind
    if f.table in TABLE_KINDS:
        return TABLE_KINDS[f.table]
    return "其他"


def tag_of(f: Finding) -> str:
    """「[与上年比对] 」 before a message in text output; empty where the group heading already names the table."""
    kind = kind_of(f)
    if f.table in TABLE_KINDS and kind == TABLE_KINDS[f.table]:
        return ""
    return f"[{kind}] "
