"""Consistency of the numbers in one message, before anything is proposed.

Shared by the rule-based and the LLM extractor. A contradicted total (共12件 but 自然人10件、企业5件)
is not proposed and becomes a question; a total that its stated parts add up to exactly implies
zeros for the parts not mentioned (proposed as inferred); a total without parts is proposed for the
总计 column only, and the applicant types are asked for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import format_number
from assistant.intake.item_sums import is_closing, item_sum
from assistant.intake.lexicon import COLUMN_NAMES, ROW_BY_KEY
from assistant.intake.model import Proposal

_A = "applications."
T3_PARTS = tuple(k for k, _ in spec.T3_OUTCOMES if k != "total")


@dataclass(frozen=True)
class Statement:
    """A number the message gives for one cell (before checks)."""

    key: str
    value: int | Decimal
    source: str
    inferred: bool = False
    note: str = ""


@dataclass(frozen=True)
class GroupStatement:
    """A number for a group that has no cell (不予公开3件, 行政诉讼2件)."""

    group: str  # lexicon row key "group:…"
    col: str
    value: int
    source: str


def resolve(
    statements: Iterable[Statement],
    groups: Iterable[GroupStatement],
    version: str,
    confirmed: Mapping[str, Value] | None = None,
) -> tuple[list[Proposal], list[str], list[str]]:
    """(proposals, questions, notes) after merging duplicates and checking totals against parts;
    parts already `confirmed` count towards a total but are never asked for again."""
    fspec = spec.spec_for(version)
    questions: list[str] = []
    notes: list[str] = []
    final: dict[str, Statement] = {}
    by_key: dict[str, list[Statement]] = {}
    for s in statements:
        if s.key not in fspec.by_key:
            notes.append(f"“{s.source}”对应的栏目不属于{version}年表格格式，已忽略")
            continue
        by_key.setdefault(s.key, []).append(s)
    for key, items in by_key.items():
        explicit = [s for s in items if not s.inferred] or items
        values = list(dict.fromkeys(s.value for s in explicit))
        added = _added(explicit)
        if added is not None:  # 「查无此件2件，还有1件让他去别的单位问了」: two parts of one cell
            final[key] = added
            notes.append(
                f"{_label(fspec, key)}：{'＋'.join(format_number(s.value) for s in explicit if s.source in added.source and not is_closing(s.source))}，合计{format_number(added.value)}"
            )
            continue
        if len(values) > 1 and (whole := _whole_of_items(explicit)):  # 「复议有两起。一起……；另一起……」
            final[key] = whole
            continue
        if len(values) > 1:
            shown = "、".join(f"“{s.source}”" for s in explicit)
            questions.append(f"{_label(fspec, key)}：{shown}给出了不同的数字，请确认哪一个正确。")
            continue
        final[key] = explicit[0]
    unsplit: list[str] = []
    known = _Known(final, {k: v for k, v in (confirmed or {}).items() if isinstance(v, (int, Decimal))})
    for row, _ in spec.t2_rows(version):
        parts = tuple(f"{_A}{row}.{c}" for c in spec.T2_APPLICANT_COLUMNS)
        _check_parts(known, f"{_A}{row}.total", parts, questions, unsplit)
    for group, _ in spec.T3_GROUPS:
        parts = tuple(f"{group}.{o}" for o in T3_PARTS)
        _check_parts(known, f"{group}.total", parts, questions, unsplit)
    for g in groups:
        _check_group(known, g, questions, notes)
    _check_results_total(final, version, questions)
    if unsplit:
        questions.append(_unsplit_question(unsplit))
    proposals = [_proposal(fspec, final[c.key]) for c in fspec.cells if c.key in final]
    return proposals, questions, notes


_ADDED = re.compile(r"^(?:还有|另有|另外|此外|再有|以及|外加|加上)")
_CARRY_ALSO = re.compile(  # 「七件公开……；去年那件个人的也公开了」: the carry-over's outcome, one more
    r"^(?:另外)?(?:去年|上年|上一年)(?:结转|转过来)?的?(?:那|这)?[一两二三0-9]*[件个]?[^，,。；;\d]{0,8}?也"
)
_ITEM = re.compile(r"^(?:还有|另有|另外)?(?:[0-9]+|[一二两三四五六七八九十]+)(?:件|个)是")


def _added(items: list[Statement]) -> Statement | None:
    """Statements for one cell that add up: every one after the first begins 「还有/另有…」."""
    if len(items) >= 2 and (listed := item_sum(items)):  # 「A审批12件，B许可9件，C许可5件」
        return Statement(items[0].key, listed[0], listed[1], note=listed[2])
    enumerated = len({s.source for s in items}) == len(items) and all(_ITEM.match(s.source) for s in items)
    more = all(_ADDED.match(s.source) or _CARRY_ALSO.match(s.source) for s in items[1:])
    if len(items) < 2 or not (enumerated or more):
        return None  # 「1件是某大学……申请的，1件是高校申请的」: items listed one by one add up too
    total = sum((s.value for s in items), start=0)
    return Statement(items[0].key, total, "，".join(s.source for s in items), note="分几处说的件数相加")


_ANOTHER = re.compile(r"^另(?:外)?(?:一|1)(?:起|件|个|宗)")


def _whole_of_items(items: list[Statement]) -> Statement | None:
    """A count then 「另一起……」 naming one of the cases it counts: the count stands (not a rival of 1)."""
    first, rest = items[0], items[1:]
    if first.value >= 2 and rest and all(s.value == 1 and _ANOTHER.match(s.source) for s in rest):
        return first
    return None


def _label(fspec: spec.FormatSpec, key: str) -> str:
    return fspec.cell(key).label


def _name(key: str) -> str:
    """A short name of a row or cell for questions: 予以公开, 行政复议·结果维持."""
    prefix, _, col = key.rpartition(".")
    row = ROW_BY_KEY.get(prefix)
    base = row.name if row else prefix
    return base if col == "total" else f"{base}·{COLUMN_NAMES.get(col, col)}"


def _proposal(fspec: spec.FormatSpec, s: Statement) -> Proposal:
    return Proposal(s.key, s.value, _label(fspec, s.key), s.source, s.inferred, s.note)


@dataclass(frozen=True)
class _Known:
    """This message's statements (`final`, edited in place) and the values confirmed before."""

    final: dict[str, Statement]
    confirmed: dict[str, int | Decimal]

    def given(self, keys: Iterable[str]) -> dict[str, Statement]:
        out = {}
        for k in keys:
            if k in self.final:
                out[k] = self.final[k]
            elif k in self.confirmed:
                out[k] = Statement(k, self.confirmed[k], "已确认", inferred=True)
        return out


def _check_parts(
    known: _Known, total_key: str, parts: tuple[str, ...], questions: list[str], unsplit: list
) -> None:
    final = known.final
    total = final.get(total_key)
    if total is None or (total.inferred and total.value == 0):
        return
    given = known.given(parts)
    t = total.value
    if not given:
        if t != 0 and total_key.startswith(_A):
            unsplit.append(f"{_name(total_key)}{format_number(t)}件")
        elif t != 0:
            questions.append(
                f"{_name(total_key)}{format_number(t)}件，请说明其中结果维持、结果纠正、其他结果、尚未审结各多少件。"
            )
        return
    s = sum(x.value for x in given.values())
    listed = "、".join(f"{_name(k).split('·')[-1]}{format_number(x.value)}件" for k, x in given.items())
    if s > t or (len(given) == len(parts) and s != t):
        del final[total_key]
        questions.append(
            f"您说“{total.source}”，{_name(total_key)}共{format_number(t)}件，但{listed}合计"
            f"{format_number(s)}件，两者不一致。请核对后重新告诉我{_name(total_key)}的总数和分项数字"
            "（总数暂不记录）。"
        )
    elif s == t:
        for k in parts:
            if k not in given:
                _infer_zero(final, k, total.source, "分项之和已等于总数，其余按0计")
    else:
        missing = "、".join(_name(k).split("·")[-1] for k in parts if k not in given)
        questions.append(
            f"{_name(total_key)}共{format_number(t)}件，已知{listed}，其余{format_number(t - s)}件"
            f"属于哪一项（{missing}）？"
        )


def _infer_zero(final: dict[str, Statement], key: str, source: str, note: str) -> None:
    """A zero total implies zero parts (no negative counts)."""
    final[key] = Statement(key, 0, source, inferred=True, note=note)
    prefix, _, col = key.rpartition(".")
    if col != "total":
        return
    parts = spec.T2_APPLICANT_COLUMNS if prefix.startswith(_A) else T3_PARTS
    for part in parts:
        final.setdefault(f"{prefix}.{part}", Statement(f"{prefix}.{part}", 0, source, True, "总数为0"))


def _check_group(known: _Known, g: GroupStatement, questions: list[str], notes: list[str]) -> None:
    final = known.final
    row = ROW_BY_KEY[g.group]
    keys = [f"{leaf}.{g.col}" for leaf in row.leaves]
    given = known.given(keys)
    names = "、".join(_name(k).split("·")[0] for k in keys)
    head = f"{row.name}{'' if g.col == 'total' else '·' + COLUMN_NAMES.get(g.col, g.col)}"
    if not given:
        said = f"“{g.source}”：" if g.source else ""  # the clause asked about is accounted for
        questions.append(f"{said}{head}{g.value}件，请说明分别属于哪种情形：{names}。")
        return
    s = sum(x.value for x in given.values())
    if s == g.value:
        for k in keys:
            if k not in given:
                _infer_zero(final, k, g.source, f"{row.name}各情形之和已等于{g.value}件")
        if g.source:  # 「行政诉讼3件：直接起诉2件……复议后起诉1件」: the count said is checked, and said so
            notes.append(f"“{g.source}”：{head}共{g.value}件，与各情形合计相符")
    elif s > g.value:
        questions.append(f"您说“{g.source}”，{head}共{g.value}件，但各情形合计{format_number(s)}件，请核对。")
    else:
        questions.append(
            f"{head}共{g.value}件，已说明{format_number(s)}件，其余{g.value - s}件属于哪种情形？"
        )


def _check_results_total(final: dict[str, Statement], version: str, questions: list[str]) -> None:
    for col, _ in spec.T2_COLUMNS:
        key = f"{_A}results.total.{col}"
        total = final.get(key)
        if total is None:
            continue
        leaves = [final[k] for leaf in spec.t2_result_leaves(version) if (k := f"{_A}{leaf}.{col}") in final]
        s = sum(x.value for x in leaves)
        if s > total.value:
            del final[key]
            questions.append(
                f"您说“{total.source}”（办结{format_number(total.value)}件），但各项办理结果合计"
                f"{format_number(s)}件，请核对办结总数（暂不记录）。"
            )


def _unsplit_question(items: list[str]) -> str:
    return (
        f"以下数字未说明申请人类型，暂记入“总计”栏：{'、'.join(items)}。请说明其中自然人、商业企业、"
        "科研机构、社会公益组织、法律服务机构、其他组织各多少件（如全部来自自然人，回复“都是自然人”即可）。"
    )
