"""The application ledger (台账) as data: column names, row parsing and the Table 2 it implies.

Pure (rows in, cells out; reading the file is `ledger.py`). Counting (FORMAT.md §3.4) for a report
year Y: received in Y → 一、本年新收; received before Y and still open on 1 January → 二、上年结转;
completed in Y → its result row of 三 and （七）总计; open on 31 December → 四、结转下年度继续办理.
Each application is counted in its applicant type's column and in 总计, so every column balances.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from assistant.core import spec
from assistant.core.numbers import to_halfwidth
from assistant.intake import ledger_words as W
from assistant.intake.lexicon import applicant_labels, normalise_label, outcome_examples, outcome_labels

RECEIVED, APPLICANT, OUTCOME, COMPLETED = "received", "applicant", "outcome", "completed"
REMARK = "remark"  # optional: 「不予处理」 with 备注「属信访投诉……」 names the case the outcome leaves open
FIELD_NAMES = {RECEIVED: "收到日期", APPLICANT: "申请人类型", OUTCOME: "办理结果", COMPLETED: "办结日期"}
FIELD_SYNONYMS: dict[str, tuple[str, ...]] = {
    RECEIVED: (
        "收到日期",
        "申请日期",
        "收到时间",
        "申请时间",
        "受理日期",
        "接收日期",
        "登记日期",
        "收件日期",
        "来件时间",
        "来件日期",
        "收件时间",
        "登记时间",
        "来文日期",
        "来文时间",
        "来信日期",
        "收文日期",
        "收文时间",
    ),
    APPLICANT: (
        "申请人类型",
        "申请人类别",
        "主体类别",
        "主体类型",
        "申请主体类别",
        "申请主体类型",
        "申请人性质",
        "申请主体类型",
        "申请人身份",
        "申请主体",
        "申请人情况",
        "类别",  # 「类别」 beside 「申请人姓名/名称」 (居民/企业)
    ),
    OUTCOME: (
        "办理结果",
        "答复类型",
        "答复结果",
        "处理结果",
        "办理结果类型",
        "结果类型",
        "答复情况",
        "处理情况",
        "办理情况",
    ),
    COMPLETED: ("办结日期", "答复日期", "办结时间", "答复时间", "完成日期", "办理完毕日期", "结案日期"),
    REMARK: (
        "备注",
        "说明",
        "备注说明",
        "情况说明",
        "处理说明",
        "答复说明",
        "理由",
        "不予公开理由",
        "告知情况",
    ),
}
MAX_LISTED = 20  # row problems listed one by one; the rest are counted
_BRACKETED = re.compile(r"[（(【\[].*?[）)】\]]")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+.*)?$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class LedgerEntry:
    row: int  # as the user sees it in Excel (1-based, header included)
    received: date
    applicant: str  # Table 2 column key
    outcome: str | None  # Table 2 result row key; None while open
    completed: date | None
    completed_known: bool = True  # False: the ledger has no 办结日期 column (an outcome means done this year)


@dataclass(frozen=True)
class LedgerTable:
    year: int
    cells: dict[str, int]
    sources: dict[str, tuple[int, ...]]  # cell key → ledger row numbers it counts
    counted: int
    notes: tuple[str, ...] = ()


@dataclass
class ParseResult:
    entries: list[LedgerEntry] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    mapped: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (as written, read as) → rows

    def note(self, written: str, read_as: str, row: int) -> None:
        self.mapped.setdefault((written, read_as), []).append(row)

    def mapping_lines(self) -> list[str]:
        """Every label read as something else, listed back: 「“律所”→法律服务机构（第3行）」."""
        return [f"“{w or '（空白）'}”→{r}（第{_rows(rows)}行）" for (w, r), rows in self.mapped.items()]


# A year-end outcome that is not an outcome: the application is still open (carried to next year).
OPEN_OUTCOMES = frozenset(
    normalise_label(w)
    for w in ("办理中", "在办", "未办结", "尚未办结", "正在办理", "处理中", "待答复", "未答复", "延期答复",
              "延期办理", "受理中", "在办理", "办理中未答复", "未完成", "待办", "正在处理")
)  # fmt: skip
OPEN_READ_AS = "尚未办结（计入结转下年度）"


def _norm_header(text: Any) -> str:
    return normalise_label(_BRACKETED.sub("", str(text or "")))


def map_columns(header: Sequence[Any]) -> dict[str, int]:
    """Field → column index for the fields whose name (or a synonym) heads a column."""
    names = [_norm_header(h) for h in header]
    found: dict[str, int] = {}
    for exact in (True, False):
        for fld, synonyms in FIELD_SYNONYMS.items():
            if fld in found:
                continue
            for syn in synonyms:
                idx = next(
                    (
                        i
                        for i, n in enumerate(names)
                        if n and i not in found.values() and (n == syn if exact else syn in n)
                    ),
                    None,
                )
                if idx is not None:
                    found[fld] = idx
                    break
    return found


def missing_columns_message(name: str, header: Sequence[Any], found: dict[str, int]) -> str:
    shown = "、".join(f"“{str(h).strip()}”" for h in header if str(h or "").strip()) or "（无）"
    missing = [f for f in FIELD_NAMES if f not in found]
    need = "；".join(f"{FIELD_NAMES[f]}（也可写作{'、'.join(FIELD_SYNONYMS[f][1:4])}）" for f in missing)
    return f"{name}：缺少必需的列：{need}。文件中找到的列：{shown}。台账每行一件申请，需要收到日期、申请人类型、办理结果、办结日期四列。"


def parse_date(value: Any) -> date | None | str:
    """A date from a cell: None if empty, the date, or the string "bad"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 20000 <= value <= 80000:  # an Excel serial day number (1954–2119)
            return _EXCEL_EPOCH + timedelta(days=int(value))
        value = str(int(value)) if float(value).is_integer() else str(value)
    text = to_halfwidth(str(value)).strip()
    m = _DATE.match(text) or _COMPACT_DATE.match(text)
    if not m:
        return "bad"
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return "bad"
    return d if 2000 <= d.year <= 2100 else "bad"


def parse_rows(rows: Sequence[tuple[int, Sequence[Any]]], cols: dict[str, int], header: Sequence[Any],
               name: str, version: str) -> ParseResult:  # fmt: skip
    """Entries from (row number, values) pairs; every problem named by file, row and column."""
    out = ParseResult()
    unknown: dict[str, dict[str, list[int]]] = {APPLICANT: defaultdict(list), OUTCOME: defaultdict(list)}
    heads = {f: str(header[i]).strip() for f, i in cols.items()}
    for number, values in rows:
        cell = {f: (values[i] if i < len(values) else None) for f, i in cols.items()}
        if all(v is None or not str(v).strip() for v in cell.values()):
            continue
        if _total_row(values, cell):
            out.warnings.append(f"{name} 第{number}行是合计行，未作为申请计入")
            continue
        entry = _entry(number, cell, heads, name, version, out, unknown)
        if entry is not None:
            out.entries.append(entry)
    for fld, labels in unknown.items():
        if labels:
            out.errors.append(_unknown_message(fld, labels, heads[fld], name, version))
    return out


def _total_row(values: Sequence[Any], cell: dict[str, Any]) -> bool:
    """「合计」/「小计」 rows at the foot of a ledger: a sum, not an application."""
    label = any(str(v).strip().replace(" ", "") in _TOTAL_WORDS for v in values if v is not None)
    return label and not str(cell[RECEIVED] or "").strip()


_TOTAL_WORDS = frozenset({"合计", "小计", "总计", "共计", "合计：", "总计："})


def _entry(number, cell, heads, name, version, out: ParseResult, unknown) -> LedgerEntry | None:
    where = f"{name} 第{number}行"
    received = parse_date(cell[RECEIVED])
    completed = parse_date(cell.get(COMPLETED))
    ok = True
    for fld, value in ((RECEIVED, received), (COMPLETED, completed)):
        if value == "bad":
            out.errors.append(
                f"{where}“{heads[fld]}”列：“{cell[fld]}”不是有效日期（应为如 2024-03-15 的日期）"
            )
            ok = False
    if received is None:
        out.errors.append(f"{where}“{heads[RECEIVED]}”列为空，无法判断申请属于哪一年")
        ok = False
    applicant = _label(cell[APPLICANT], applicant_labels(), number, unknown[APPLICANT], W.applicant_column)
    if applicant is None and not str(cell[APPLICANT] or "").strip():
        out.errors.append(f"{where}“{heads[APPLICANT]}”列为空")
    elif applicant is not None:
        _note_synonym(out, str(cell[APPLICANT]).strip(), _applicant_name(applicant), number)
    outcome_text = str(cell[OUTCOME] or "").strip()
    if normalise_label(outcome_text) in OPEN_OUTCOMES and completed is None:  # 办理中: carried to next year
        out.note(outcome_text, OPEN_READ_AS, number)
        outcome_text = ""
    elif not outcome_text and completed is None:
        out.note("", OPEN_READ_AS, number)
    outcome = (
        _label(
            outcome_text,
            outcome_labels(version),
            number,
            unknown[OUTCOME],
            lambda t: W.outcome_row(t, version),
        )
        if outcome_text
        else None
    )
    if outcome is None and outcome_text:
        outcome = _with_remark(outcome_text, cell.get(REMARK), version, number, out, unknown[OUTCOME])
    elif outcome is not None:
        _note_synonym(out, outcome_text, _outcome_name(outcome, version), number)
    if completed and not isinstance(completed, str) and not outcome_text:
        out.errors.append(f"{where}已填写“{heads[COMPLETED]}”，但“{heads[OUTCOME]}”列为空")
        ok = False
    if not ok or applicant is None or (outcome_text and outcome is None):
        return None
    assert isinstance(received, date)
    if isinstance(completed, date) and completed < received:
        out.errors.append(f"{where}：“{heads[COMPLETED]}”{completed}早于“{heads[RECEIVED]}”{received}")
        return None
    if outcome is not None and COMPLETED not in cell:
        return LedgerEntry(number, received, applicant, outcome, received, completed_known=False)  # type: ignore[arg-type]
    if outcome_text and completed is None:
        out.warnings.append(f"{where}填写了办理结果但没有“{heads[COMPLETED]}”，按尚未办结计算")
        outcome = None
    return LedgerEntry(number, received, applicant, outcome, completed)  # type: ignore[arg-type]


def _with_remark(text: str, remark: Any, version: str, number: int, out: ParseResult, unknown) -> str | None:
    """「不予处理」 that the 备注 explains (「属信访投诉按信访程序办理」): the outcome read from both, listed back;
    None (the outcome stays unknown) when the remark names no one case inside the outcome's group."""
    note = str(remark or "").strip()
    outcome = W.outcome_row(f"{text}，{note}", version) if note else None
    if outcome is None:
        return None
    unknown[text].remove(number)
    if not unknown[text]:
        del unknown[text]
    out.note(f"{text}（备注：{note}）", _outcome_name(outcome, version), number)
    return outcome


def _applicant_name(col: str) -> str:
    return dict(spec.T2_COLUMNS)[col][-1]


def _outcome_name(row: str, version: str) -> str:
    path = dict(spec.t2_rows(version)).get(row)
    return " ".join(p for p in path[1:]) if path else row


def _note_synonym(out: ParseResult, written: str, official: str, row: int) -> None:
    if (
        normalise_label(written) != normalise_label(official)
        and normalise_label(official).find(normalise_label(written)) != 0
    ):
        out.note(written, official, row)


def _label(
    value: Any, table: dict[str, str], number: int, unknown: dict[str, list[int]], guess=lambda _: None
) -> str | None:
    text = str(value or "").strip()
    if not text:
        return None
    key = (
        table.get(normalise_label(text))
        or _shortened(normalise_label(text), table)
        or table.get(normalise_label(_BRACKETED.sub("", text)))  # 「部分公开（涉及商业秘密的部分未提供）」
        or guess(text)
    )
    if key is None:
        unknown[text].append(number)
    return key


_GROUPS = ("不予公开", "无法提供", "不予处理", "其他处理")


def _shortened(text: str, table: dict[str, str]) -> str | None:
    """「不予公开-第三方权益」: a group and a shortened reason that fits exactly one official row."""
    if not text.startswith(_GROUPS) or len(text) < len(_GROUPS[0]) + 2:
        return None
    rows = {key for label, key in table.items() if _in_order(text, label)}
    return rows.pop() if len(rows) == 1 else None


def _in_order(short: str, label: str) -> bool:
    rest = iter(label)
    return all(ch in rest for ch in short)


def _unknown_message(fld: str, labels: dict[str, list[int]], head: str, name: str, version: str) -> str:
    listed = "、".join(f"“{t}”（第{_rows(rows)}行）" for t, rows in list(labels.items())[:MAX_LISTED])
    if fld == APPLICANT:
        hint = "可用：自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他组织"
    else:
        hint = f"请改为官方名称，如：{outcome_examples(version)}；不予公开、无法提供、不予处理、其他处理须注明具体情形"
    return f"{name}“{head}”列有无法识别的内容：{listed}。{hint}。"


def _rows(numbers: list[int]) -> str:
    shown = "、".join(str(n) for n in numbers[:10])
    return shown + (f"等{len(numbers)}" if len(numbers) > 10 else "")


def compute_table2(entries: Sequence[LedgerEntry], year: int, version: str | None = None) -> LedgerTable:
    """Table 2 of `year` from the ledger entries, with the ledger rows behind every cell."""
    version = version or spec.version_for_year(year)
    start, end = date(year, 1, 1), date(year, 12, 31)
    cells: dict[str, int] = {c.key: 0 for c in spec.spec_for(version).table_cells(2)}
    sources: dict[str, list[int]] = defaultdict(list)
    later = earlier = 0

    def add(row: str, e: LedgerEntry) -> None:
        for col in (e.applicant, "total"):
            key = f"applications.{row}.{col}"
            cells[key] += 1
            sources[key].append(e.row)

    for e in entries:
        if e.received > end:
            later += 1
            continue
        if e.completed is not None and e.completed < start and e.completed_known:
            earlier += 1
            continue
        add("new_received" if e.received >= start else "carried_over_from_prev", e)
        if e.completed is not None and (e.completed <= end or not e.completed_known) and e.outcome:
            add(e.outcome, e)
            add("results.total", e)
        else:
            add("carried_to_next", e)
    notes = []
    if later:
        notes.append(f"{later}件申请收到日期在{year}年以后，未计入本年度")
    if earlier:
        notes.append(f"{earlier}件申请在{year}年以前已办结，未计入本年度")
    counted = len(entries) - later - earlier
    return LedgerTable(year, cells, {k: tuple(v) for k, v in sources.items()}, counted, tuple(notes))
