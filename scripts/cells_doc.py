"""Write docs/cells.md: every cell key with its official label (generated from assistant/core/spec.py).

Usage: .venv/bin/python scripts/cells_doc.py [--check]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core import spec  # noqa: E402
from assistant.core.rules import RULES_BY_ID  # noqa: E402

TARGET = ROOT / "docs" / "cells.md"


def render() -> str:
    out = ["# 单元格键与规则（由 scripts/cells_doc.py 根据 assistant/core/spec.py 生成，请勿手改）", ""]
    for version, title in (("2021", "2021 年格式（国办公开办函〔2021〕30号）"), ("2019", "2019 年试行格式（已废止）")):
        out += [f"## {title}", ""]
        fs = spec.spec_for(version)
        for table in (1, 2, 3):
            out += [f"### {spec.TABLE_TITLES[table]}", "", "| 键 | 行 / 列 | 类型 | 合计 |", "| --- | --- | --- | --- |"]
            for c in fs.table_cells(table):
                kind = "万元（小数）" if c.type == spec.DECIMAL else ("整数（可为负）" if c.signed else "整数")
                out.append(f"| `{c.key}` | {c.label} | {kind} | {'程序可计算' if c.derived else ''} |")
            out.append("")
    out += ["## 规则", "", "| 规则 | 级别 | 依据 |", "| --- | --- | --- |"]
    for r in RULES_BY_ID.values():
        out.append(f"| `{r.id}` | {'错误' if r.severity == 'error' else '提醒'} | {r.source} |")
    return "\n".join(out) + "\n"


def main() -> int:
    text = render()
    if "--check" in sys.argv:
        return 0 if TARGET.exists() and TARGET.read_text(encoding="utf-8") == text else 1
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
