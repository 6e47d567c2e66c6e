"""Chinese wording for what YAML and JSON parsers report in English (facts files), and for the kind
of a value found where another was expected. Nothing English reaches the user (issue 15 item 13)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any

# PyYAML's `problem` texts, by their beginning (scanner and parser messages are fixed strings).
_YAML = (
    ("did not find expected node content", "缺少值（括号、逗号或冒号后面没有内容）"),
    ("mapping values are not allowed", "此处不能再出现冒号（一行只能写一个“键: 值”，含冒号的文字请加引号）"),
    ("did not find expected key", "缩进不一致（同一层的键应左对齐）"),
    ("did not find expected ',' or ']'", "方括号 [ ] 没有闭合"),
    ("did not find expected ',' or '}'", "花括号 { } 没有闭合"),
    ("found unexpected end of stream", "文件意外结束（引号或括号没有闭合）"),
    (
        "found character that cannot start any token",
        "含有不能作为开头的字符（如 Tab 缩进、@、%，请改用空格缩进或给文字加引号）",
    ),
    ("found undefined alias", "含有未定义的引用（*别名）"),
    ("could not determine a constructor", "含有不支持的标签（!!…），请直接写出文字或数字"),
    ("found duplicate anchor", "含有重复的锚点（&名称）"),
    ("expected <block end>", "缩进不一致（同一层的键应左对齐）"),
    ("expected <document start>", "文件结构有误（顶层应是“键: 值”）"),
    ("found unknown escape character", "引号内有无法识别的转义符（反斜杠 \\）"),
    ("found a tab character", "含有 Tab 字符，请改用空格"),
    ("could not find expected ':'", "缺少冒号（应为“键: 值”）"),
    ("found unexpected ':'", "冒号位置不对（含冒号的文字请加引号）"),
)

# json.JSONDecodeError.msg texts (fixed strings in the json module).
_JSON = (
    ("Expecting property name enclosed in double quotes", "键应使用英文双引号（或多了一个逗号）"),
    ("Expecting ':' delimiter", "缺少冒号"),
    ("Expecting ',' delimiter", "缺少逗号"),
    ("Expecting value", "缺少值（或值的写法不对，文字要加英文双引号）"),
    ("Unterminated string", "引号没有闭合"),
    ("Invalid control character", "引号内有控制字符（如换行），请删除"),
    ("Invalid \\escape", "引号内有无法识别的转义符（反斜杠 \\）"),
    ("Invalid \\uXXXX escape", "引号内有无法识别的转义符（\\u）"),
    ("Extra data", "内容结束后还有多余的文字"),
)


def yaml_problem(problem: str | None) -> str:
    """PyYAML's problem in Chinese ("语法错误" when it gave none or one not listed)."""
    if not problem:
        return "语法错误（可能含有不可见的控制字符）"
    if any("\u4e00" <= ch <= "\u9fff" for ch in problem):  # our own loader's words (duplicate keys …)
        return problem
    return _lookup(_YAML, problem)


def json_problem(msg: str) -> str:
    return _lookup(_JSON, msg)


def _lookup(table: tuple[tuple[str, str], ...], text: str) -> str:
    return next((zh for en, zh in table if text.startswith(en)), "语法错误")


def kind(x: Any) -> str:
    """What a parsed value is, in Chinese (for "应是…，实际是…")."""
    if isinstance(x, bool):
        return "是/否（true/false）"
    if isinstance(x, (int, float, Decimal)):
        return "一个数字"
    if isinstance(x, str):
        return "一段文字"
    if isinstance(x, (list, tuple)):
        return "列表"
    if isinstance(x, dict):
        return "键值对"
    if isinstance(x, (_dt.date, _dt.datetime)):
        return "日期"
    if isinstance(x, (set, frozenset)):
        return "集合"
    if isinstance(x, bytes):
        return "二进制数据"
    if x is None:
        return "空值"
    return "无法识别的内容"
