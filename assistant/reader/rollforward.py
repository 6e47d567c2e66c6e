"""Run-together 表一 digits settled by last year's report (issue 12, cause 7: roll-forward).

「行政规范性文件2110」 splits three ways (2/1/10, 2/11/0, 21/1/0), so the reader leaves the row as its
gap. With last year's report given (`check --previous`), 现行有效件数 = 上年现行有效件数 + 本年制发 −
本年废止 may leave one split: then it is read, and said back (ROW_RECOVERED) with the rule it used;
when several still fit (2110 after 9: 2/1/10 and 2/11/0), the row stays the reader's gap.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.reader.runin import _Budget, said_recovered, splits

ROWS = {"regulations": "规章", "normative_docs": "行政规范性文件"}
KEYS = tuple(f"active.art20_1.normative_docs.{c}" for c in ("issued", "repealed", "in_force"))


def settle(loaded, previous):
    """`loaded` (an audit.Loaded of a document) with its 规章 / 行政规范性文件 rows settled where one
    split rolls forward from last year's 现行有效件数."""
    for item, label in ROWS.items():
        loaded = _settle_row(
            loaded,
            previous,
            tuple(f"active.art20_1.{item}.{c}" for c in ("issued", "repealed", "in_force")),
            label,
        )
    return loaded


def _settle_row(loaded, previous, keys: tuple[str, ...], label: str):
    before = previous.facts.number(keys[2]) if previous is not None else None
    gap = next((f for f in loaded.findings if f.rule == "ROW_UNREADABLE" and f.cells == keys), None)
    if before is None or gap is None or not isinstance(gap.reported, str) or not gap.reported.isdigit():
        return loaded
    found = splits(gap.reported, 3, _Budget()) or []
    fits = [o for o in found if before + int(o[0]) - int(o[1]) == int(o[2])]
    if len(fits) != 1:
        return loaded
    values = dict(zip(keys, (int(x) for x in fits[0]), strict=True))
    shown = "、".join(fits[0])
    said = said_recovered(
        1,
        f"表一“{label}”的数字连在一起（“{gap.reported}”），按上年现行有效件数 {before} + 本年制发 − "
        f"本年废止 = 现行有效件数，只有一种拆分：{shown}，已按此读取，请核对原文",
        keys,
        gap.reported,
        shown,
    )
    findings = tuple(said if f is gap else f for f in loaded.findings)
    facts = loaded.facts.with_cells({**loaded.facts.cells, **values})
    report = replace(loaded.report, cells={**loaded.report.cells, **values}, findings=findings)
    return replace(loaded, facts=facts, report=report, findings=findings)
