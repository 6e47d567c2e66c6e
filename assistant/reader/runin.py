"""Crawled text whose cell boundaries are lost: digits run together (issue 12, cause 7).

A crawler that strips a page's tags leaves 「规章000行政规范性文件2110第二十条第（五）项」 and
「一、本年新收政府信息公开申请数量425012151」. Each official row label is found in order after its
table's header, and the digits that follow it are split into the row's cells. A split is used only
when the official structure and the rules admit exactly one: 表二 rows add up (total = sum of the
six columns) and its column identities hold; 表三's group totals add up; a 表一 row is split only when
its digits leave one way (e.g. 000). Each recovered row is said back (ROW_RECOVERED, a warning
showing the split); where several splits fit, the row is the reader's gap and nothing is read. The
search is bounded: a run longer than `MAX_DIGITS`, or more than `MAX_WORK` candidates, is a gap.
"""

from __future__ import annotations

import re
from itertools import product

from assistant.core import spec
from assistant.core.findings import FAIL, READER, WARNING, Finding
from assistant.reader.labels import norm
from assistant.reader.tables import Observed, Read, T1Row, T2Row

MAX_DIGITS = 40  # digits in one row's run
MAX_WORK = 50_000  # candidate splits examined per table
_NUMBERING = re.compile(r"[.．、]")
_T1_TITLE = {
    "art20_1": "第二十条第（一）项",
    "art20_5": "第二十条第（五）项",
    "art20_6": "第二十条第（六）项",
    "art20_8": "第二十条第（八）项",
    "art20_9": "第二十条第（九）项",
}


class _Budget:
    def __init__(self) -> None:
        self.left = MAX_WORK

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def splits(digits: str, parts: int, budget: _Budget, decimals: bool = False) -> list[tuple[str, ...]] | None:
    """Every way to cut `digits` into `parts` numbers without leading zeros (None: over budget)."""
    out: list[tuple[str, ...]] = []

    def go(rest: str, acc: tuple[str, ...]) -> bool:
        if not budget.spend():
            return False
        if len(acc) == parts - 1:
            if rest and (rest == "0" or not rest.startswith("0") or decimals):
                out.append((*acc, rest))
            return True
        for cut in range(1, len(rest) - (parts - len(acc) - 1) + 1):
            head = rest[:cut]
            if len(head) > 1 and head.startswith("0"):
                break
            if not go(rest[cut:], (*acc, head)):
                return False
        return True

    return out if len(digits) <= MAX_DIGITS and go(digits, ()) else None


def _pattern(label: str) -> re.Pattern:
    """The label's words, with any punctuation or spacing between its characters."""
    sep = r"[（）()，,、“”\"'：:\s]*"
    return re.compile(sep.join(re.escape(ch) for ch in norm(label)) + sep)


def _run(text: str, label: str, pos: int, amount: bool = False) -> tuple[str, int, int] | None:
    """(digits after the label, where the label ends, where the digits end), searched from pos."""
    m = _pattern(label).search(text, pos)
    if m is None:
        return None
    d = re.compile(r"\d+(?:\.\d+)?" if amount else r"\d+").match(text, m.end())
    if d is None:
        return None
    digits, end = d.group(0), d.end()
    if text.startswith(SEPARATE, end):
        return None  # the numbers after the label stand apart: not a run-together row
    if not amount and end < len(text) and _NUMBERING.match(text, end) and len(digits) > 1:
        digits, end = digits[:-1], end - 1  # 「00000002.其他法律…」: the 2 numbers the next row
    return digits, m.end(), end


def recover(obs: Observed, texts: dict[str, str], version: str) -> list[Finding]:
    """Fill the tables the labels did not read from run-together digits; findings say what was done."""
    findings: list[Finding] = []
    if not obs.t2:
        findings += _t2(obs, _joined(texts.get("s3_applications", "")), version)
    if len(obs.t1) < len(_t1_items(version)):  # rows the order could not place (「规章000」)
        findings += _t1(obs, _joined(_lone_values(texts.get("s2_active", ""))), version)
    if obs.t3 is None:
        findings += _t3(obs, _joined(texts.get("s4_review_litig", "")))
    return findings


# digits apart, unless what follows is the next row's numbering (「…0000000」 / 「2.其他法律…」)
_SPACED_DIGITS = re.compile(r"(?<=\d)\s+(?=\d)(?!\d{1,2}[.．、](?!\d))")


def _joined(text: str) -> str:
    """The text without its spacing, but numbers apart stay apart (「0 1」 is not 「01」: plain
    pdftotext prints each cell on its own line, and digits run together only where nothing stood
    between them). A row's numbering on the next line is a label's, not a number: a crawl that
    keeps each table row on a line of its own runs on as if the rows were one line."""
    return re.sub(r"\s+", "", _SPACED_DIGITS.sub(SEPARATE, text))


SEPARATE = "|"  # not whitespace: Python's \s matches the ASCII separators
_LONE = re.compile(r"^[ \t\u3000]*(\d+(?:\.\d+)?)[ \t\u3000]*$", re.M)


def _lone_values(text: str) -> str:
    """A number alone on its line is one printed cell, not digits run together: plain pdftotext of a
    LibreOffice PDF prints 「行政许可」 and then that row's first cell 「512」 on the next line."""
    return _LONE.sub(lambda m: SEPARATE + m.group(1) + SEPARATE, text)


def said_recovered(table: int, message: str, keys, reported, shown: str) -> Finding:
    """The ROW_RECOVERED warning: values the reader placed by the rules, not read in place (the reader's)."""
    return Finding(
        "ROW_RECOVERED", WARNING, FAIL, message, tuple(keys), reported, shown, table=table, source=READER
    )


def _recovered(table: int, label: str, digits: str, parts: tuple[str, ...], keys) -> Finding:
    shown = "、".join(parts)
    return said_recovered(
        table,
        f"表{'一二三'[table - 1]}“{label}”的数字连在一起（“{digits}”），按官方行列和勾稽关系只有一种拆分："
        f"{shown}，已按此读取，请核对原文",
        keys,
        digits,
        shown,
    )


def _ambiguous(table: int, label: str, digits: str, options: list | None, keys) -> Finding:
    if options is None:
        why = f"可能的拆分超过 {MAX_WORK} 种或数字超过 {MAX_DIGITS} 位，已停止尝试"
    elif not options:
        why = "没有一种拆分能使本行（组）合计等于各分项之和"
    else:
        shown = " / ".join("、".join(o) for o in options[:3])
        why = f"可拆分为 {shown}" + (f" 等 {len(options)} 种" if len(options) > 3 else "") + "，无法确定"
    return Finding(
        "ROW_UNREADABLE",
        WARNING,
        FAIL,
        f"本工具未能读取表{'一二三'[table - 1]}“{label}”：数字连在一起（“{digits}”），{why}，未读取，请人工核对",
        tuple(keys),
        digits,
        table=table,
        source=READER,
    )


def _t2(obs: Observed, text: str, version: str) -> list[Finding]:
    rows = spec.t2_rows(version)
    start = text.find("申请人情况")
    if start < 0:
        return []
    runs: dict[str, tuple[str, int]] = {}
    pos = start
    for key, path in rows:
        got = _run(text, path[-1], pos)
        if got is None:
            continue
        runs[key], pos = (got[0], got[1]), got[2]
    if len(runs) < len(rows) // 2:
        return []  # not a run-together table
    budget = _Budget()
    options = {k: _row_options(d, budget) for k, (d, _) in runs.items()}
    chosen = _t2_choose(rows, options, budget)
    return _t2_store(obs, rows, runs, options, chosen)


def _row_options(digits: str, budget: _Budget) -> list[tuple[str, ...]] | None:
    found = splits(digits, 7, budget)
    if found is None:
        return None
    return [o for o in found if sum(int(x) for x in o[:6]) == int(o[6])]


def _t2_choose(rows, options, budget: _Budget) -> dict[str, tuple[str, ...]]:
    """The rows whose split is settled: one split adds up, or one choice among the ambiguous rows
    makes every column identity hold (that needs every row found and splittable)."""
    keys = [k for k, _ in rows]
    chosen = {k: o[0] for k, o in options.items() if o is not None and len(o) == 1}
    ambiguous = [k for k in keys if options.get(k) and len(options[k]) > 1]
    if not ambiguous or len(chosen) + len(ambiguous) != len(keys):
        return chosen
    failing: list[tuple[dict, frozenset[int]]] = []
    for combo in product(*(options[k] for k in ambiguous)):
        if not budget.spend():
            return chosen
        pick = chosen | dict(zip(ambiguous, combo, strict=True))
        failing.append((pick, _t2_failing(rows, pick)))
    # a column that fails whatever the split is the report's; the split must make the others hold
    always = frozenset.intersection(*(f for _, f in failing))
    fits = [pick for pick, f in failing if f == always]
    return fits[0] if len(fits) == 1 else chosen


def _t2_failing(rows, pick: dict[str, tuple[str, ...]]) -> frozenset[int]:
    """The columns whose identities (results add up to 总计; 一 + 二 = 三 + 四) do not hold."""
    v = {k: [int(x) for x in pick[k]] for k in pick}
    leaves = [k for k, _ in rows if k.startswith("results.") and k != "results.total"]
    bad = set()
    for c in range(7):
        total = v["results.total"][c]
        if sum(v[k][c] for k in leaves) != total:
            bad.add(c)
        if v["new_received"][c] + v["carried_over_from_prev"][c] != total + v["carried_to_next"][c]:
            bad.add(c)
    return frozenset(bad)


def _t2_store(obs: Observed, rows, runs, options, chosen) -> list[Finding]:
    out: list[Finding] = []
    for key, path in rows:
        keys = [f"applications.{key}.{c}" for c in spec.T2_COLUMN_KEYS]
        if key not in runs:
            continue
        digits, _ = runs[key]
        parts = chosen.get(key)
        if parts is None:
            out.append(_ambiguous(2, path[-1], digits, options[key], keys))
            continue
        reads = [Read(x, f"表2“{path[-1]}”第{j + 1}列（由连写数字拆分）") for j, x in enumerate(parts)]
        obs.t2[key] = T2Row(key, _match(key, path[-1]), path[-1], reads, reads[0].where)
        if len(digits) > 7:
            out.append(_recovered(2, path[-1], digits, parts, keys))
    if chosen:
        obs.seen.add(2)
    return out


def _match(key: str, official: str):
    from assistant.reader.labels import LabelMatch

    return LabelMatch(key, official, True)


def _t1_items(version: str) -> dict[tuple[str, str], list]:
    """(block, item) → its cells, in the official order."""
    items: dict[tuple[str, str], list] = {}
    for c in spec.spec_for(version).table_cells(1):
        items.setdefault((c.key.split(".")[1], c.key.split(".")[2]), []).append(c)
    return items


def _t1(obs: Observed, text: str, version: str) -> list[Finding]:
    """The rows of 表一 not read yet, from the digits after their labels."""
    read = {(r.block, r.item) for r in obs.t1}
    out: list[Finding] = []
    pos = 0
    budget = _Budget()
    for block in dict.fromkeys(b for b, _ in _t1_items(version)):
        at = text.find(_T1_TITLE.get(block, "\0"), pos)
        if at < 0:
            continue
        pos = at
        for (b, item), icells in _t1_items(version).items():
            if b != block:
                continue
            label = icells[0].row_path[-1]
            amount = icells[0].key.endswith("amount_wan_yuan")
            got = _run(text, label, pos, amount)
            if got is None:
                continue
            digits, _, pos = got
            if (block, item) in read:
                continue
            options = [(digits,)] if len(icells) == 1 else splits(digits, len(icells), budget)
            keys = [c.key for c in icells]
            if options is None or len(options) != 1:
                out.append(_ambiguous(1, label, digits, options, keys))
                continue
            values = [
                (None, Read(x, f"表1“{label}”第{j + 1}列（由连写数字拆分）"))
                for j, x in enumerate(options[0])
            ]
            obs.t1.append(T1Row(block, item, label, values, values[0][1].where))
            obs.seen.add(1)
            if len(digits) > len(icells) and len(icells) > 1:
                out.append(_recovered(1, label, digits, options[0], keys))
    return out


def _t3(obs: Observed, text: str) -> list[Finding]:
    at = text.rfind("尚未审结总计")
    if at < 0 or "行政复议" not in text[:at]:
        return []
    d = re.compile(r"\d+").match(text, at + len("尚未审结总计"))
    if d is None or text.startswith(SEPARATE, d.end()):
        return []  # no number, or numbers that stand apart: not run together
    digits = d.group(0)
    keys = [c.key for c in spec.spec_for(spec.FORMAT_2021).table_cells(3)]
    budget = _Budget()
    found = splits(digits, 15, budget)
    options = None if found is None else [o for o in found if _t3_adds_up(o)]
    if options is None or len(options) != 1:
        return [_ambiguous(3, "行政复议、行政诉讼", digits, options, keys)]
    obs.t3 = [Read(x, f"表3第{j + 1}列（由连写数字拆分）") for j, x in enumerate(options[0])]
    obs.seen.add(3)
    return [_recovered(3, "行政复议、行政诉讼", digits, options[0], keys)] if len(digits) > 15 else []


def _t3_adds_up(o: tuple[str, ...]) -> bool:
    v = [int(x) for x in o]
    return all(sum(v[g : g + 4]) == v[g + 4] for g in (0, 5, 10))
