"""What a save stored, in words a clerk reads: the tables and rows, never a bare count of cells.

Pure. 「已保存 159 个单元格」 says nothing a clerk can check; 「已保存：表二 一、本年新收政府信息公开申请数量
（7栏）」 names where to look. A table with many rows saved at once is said by its first rows and how many.
"""

from __future__ import annotations

from collections.abc import Iterable

from assistant.core import spec

_TABLES = (("active.", "表一"), ("applications.", "表二"), ("", "表三"))
MAX_ROWS = 3


def _table(key: str) -> str:
    return next(name for prefix, name in _TABLES if key.startswith(prefix))


def saved_words(keys: Iterable[str], version: str) -> str:
    """「表一 第二十条第（六）项行政处罚；表三 行政复议（5栏）」 for the cells saved."""
    fspec = spec.spec_for(version)
    rows: dict[str, dict[str, int]] = {}
    for key in keys:
        cell = fspec.by_key.get(key)
        label = cell.row_label if cell else key
        table = rows.setdefault(_table(key), {})
        table[label] = table.get(label, 0) + 1
    parts = []
    for _, name in _TABLES:
        if name not in rows:
            continue
        said = [f"{label}（{n}栏）" if n > 1 else label for label, n in rows[name].items()]
        more = f"等共{len(said)}行" if len(said) > MAX_ROWS else ""
        parts.append(f"{name} " + "、".join(said[:MAX_ROWS]) + more)
    return "；".join(parts)
