"""The conversation: what to ask next, one topic at a time, in the order staff think about a report.

Pure. `next_question(state)` looks at what is confirmed and asks for the first topic still missing:
agency / level / year → 本年新收 (with applicant types) → 上年结转 → 办理结果 → 结转下年度 → applicant
types of the results → 行政复议 / 行政诉讼 → 主动公开 table → 收费 → 总体情况 sub-areas → 问题 / 改进
→ 其他事项 (信息处理费). A topic is done when its cells are present (a total column may be left to
the engine) or its narrative is given; topics in `state.skipped` are passed over.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import format_number, parse_decimal, to_halfwidth
from assistant.intake.answers import row_answered
from assistant.intake.lexicon import COLUMN_NAMES, ROW_BY_KEY
from assistant.intake.model import NARRATIVE_TOPIC_PREFIX, TOPIC_ROWS, IntakeState, Proposal, Question

_A = "applications."
_APPLICANTS = "自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他组织"
_NONE = "没有的可以直接回答“没有”。"


@dataclass(frozen=True)
class Topic:
    key: str
    text: str


def _leaf_names(group: str) -> str:
    return "、".join(ROW_BY_KEY[k].name for k in ROW_BY_KEY[group].leaves)


TABLE_TOPICS: tuple[Topic, ...] = (
    Topic("new_received", f"今年共收到多少件政府信息公开申请？其中{_APPLICANTS}各多少件？{_NONE}"),
    Topic("carried_over", f"上年结转到今年继续办理的申请有多少件（按{_APPLICANTS}分别说明）？{_NONE}"),
    Topic("results.main", "今年办结的申请中，予以公开、部分公开的各有多少件？"),
    Topic("results.withheld", f"有没有不予公开的申请？如有，请按理由说明件数：{_leaf_names('group:withheld')}。{_NONE}"),
    Topic("results.unable", f"有没有无法提供的申请？如有，请说明：{_leaf_names('group:unable')}各多少件。{_NONE}"),
    Topic("results.not_processed",
          f"有没有不予处理的申请？如有，请说明：{_leaf_names('group:not_processed')}各多少件。{_NONE}"),
    Topic("results.other", f"有没有其他处理的情形（{_leaf_names('group:other')}）？{_NONE}"),
    Topic("carried_to_next", f"截至12月31日尚未办结、结转下年度继续办理的申请有多少件？{_NONE}"),
    Topic("review", f"今年因政府信息公开被申请行政复议多少件？结果维持、结果纠正、其他结果、尚未审结各多少件？{_NONE}"),
    Topic("litigation", "今年因政府信息公开被提起行政诉讼多少件？请区分未经复议直接起诉和复议后起诉，并说明"
          f"结果维持、结果纠正、其他结果、尚未审结各多少件。{_NONE}"),
    Topic("active.docs", f"今年本机关制发、废止的规章和行政规范性文件各多少件？现行有效的各多少件？{_NONE}"),
    Topic("active.decisions", f"今年作出的行政许可、行政处罚、行政强制决定各多少个？{_NONE}"),
    Topic("active.fees", "今年行政事业性收费金额是多少（万元）？没有收费请回答“没有”。"),
)  # fmt: skip
NARRATIVE_QUESTIONS: dict[str, str] = {
    "active": "请简要介绍今年主动公开工作的做法和成效（如重点领域信息公开、政策解读等）。",
    "on_request": "请简要介绍依申请公开工作情况（如受理渠道、办理流程、答复质量等）。",
    "info_mgmt": "请简要介绍政府信息管理工作（如公开属性源头认定、规范性文件清理、保密审查等）。",
    "platform": "请简要介绍政府信息公开平台建设情况（如政府网站、政务新媒体、公开专栏等）。",
    "supervision": "请简要介绍监督保障工作（如工作机制、培训、考核、社会评议、责任追究等）。",
    "problems": "今年政府信息公开工作存在哪些主要问题或不足？",
    "improvements": "针对这些问题，采取了或计划采取哪些改进措施？",
    "other": "有没有其他需要报告的事项？例如收取信息处理费的情况（没有收取请说明）、人大代表建议和政协提案办理结果公开情况等。",
}
_GOVERNMENT_SUPERVISION = "作为人民政府，请一并说明工作考核、社会评议和责任追究结果情况。"


def next_question(state: IntakeState) -> Question | None:
    """The next question to ask, or None when everything has been given (or skipped)."""
    for ask in (_profile, _tables, _narrative):
        q = ask(state)
        if q is not None:
            return q
    return None


def _profile(state: IntakeState) -> Question | None:
    if not state.agency.strip() and "agency" not in state.skipped:
        return Question("agency", "请告诉我机关的全称（例如“某县自然资源局”）。")
    if not state.level.strip() and "level" not in state.skipped:
        return Question("level", "贵机关是人民政府（含政府办公室）还是政府部门？属于省、市、县、乡哪一级？")
    if state.year is None and "year" not in state.skipped:
        return Question("year", "这是哪一年度的年报？（例如 2024）")
    return None


def _tables(state: IntakeState) -> Question | None:
    cells = {k: v for k, v in state.cells.items() if k not in state.prefilled}
    for topic in TABLE_TOPICS:
        if topic.key in state.skipped or (topic.key == "active.docs" and DOCS_NORMATIVE in state.skipped):
            continue
        if _nothing_handled(topic.key, cells):
            continue  # no application this year nor carried over: no result or year-end question
        if topic.key == "carried_over" and state.prefilled:
            return _prefill_question(state)
        if topic.key == "active.docs" and not can_make_rules(state.level):
            topic = Topic(DOCS_NORMATIVE, _DOCS_ONLY)
        keys = topic_keys(topic.key, state.version, state.level)
        missing = [k for k in keys if not _given(k, cells)]
        if missing:
            if len(missing) < len(keys) and topic.key.startswith("results."):
                return _rest_question(topic.key, keys, missing)
            return _table_question(topic, keys, cells, state.version)
        if topic.key == "carried_to_next" and "results.breakdown" not in state.skipped:
            q = _breakdown(cells, state.version)
            if q is not None:
                return q
    return None


def _nothing_handled(topic: str, cells: Mapping[str, Value]) -> bool:
    """新收 0 and 上年结转 0: every result row and 结转下年度 is 0 by the table's identity, nothing to ask."""
    if not (topic.startswith("results.") or topic == "carried_to_next"):
        return False
    return all(_zero_row(f"{_A}{row}", cells) for row in ("new_received", "carried_over_from_prev"))


def _zero_row(row: str, cells: Mapping[str, Value]) -> bool:
    if f"{row}.total" in cells:
        return cells[f"{row}.total"] == 0
    return all(cells.get(f"{row}.{c}") == 0 for c in spec.T2_APPLICANT_COLUMNS)


def _given(key: str, cells: Mapping[str, Value]) -> bool:
    """A cell is given when confirmed; a Table 2 总计 also when every applicant type is."""
    if key in cells:
        return True
    prefix, _, col = key.rpartition(".")
    if prefix.startswith(_A) and col != "total" and cells.get(f"{prefix}.total") == 0:
        return True  # a row of 0: each type is 0 (`core.zeros`), nothing to ask
    return col == "total" and prefix.startswith(_A) and row_answered(prefix, cells)


def _rest_question(topic: str, keys: tuple[str, ...], missing: list[str]) -> Question:
    """Only the rows of a result topic still missing: 「部分公开的有多少件？」 after 予以公开 was saved."""
    names = [ROW_BY_KEY[k.rpartition(".")[0]].name.split("·")[-1] for k in missing]
    ask = f"{names[0]}的有多少件？" if len(names) == 1 else f"{'、'.join(names)}各有多少件？"
    group = ROW_BY_KEY[TOPIC_ROWS[topic][0]]
    lead = f"{group.name}的申请中，还有" if group.is_group else "今年办结的申请中，"
    return Question(topic, f"{lead}{ask}{_NONE}", keys)


def topic_keys(topic: str, version: str = spec.FORMAT_2021, level: str = "") -> tuple[str, ...]:
    """The non-derived cells a table topic covers (Table 2 rows count as given when their total is);
    规章 only for bodies that can make them."""
    fspec = spec.spec_for(version)
    out: list[str] = []
    for row in TOPIC_ROWS.get(topic, ()):
        rows = ROW_BY_KEY[row].leaves or (row,)
        for r in rows:
            if r.startswith(_A):
                out.append(f"{r}.total")  # applicant types are asked for in results.breakdown
            else:
                out += [c.key for c in fspec.cells if c.key.startswith(r + ".") and not c.derived]
    if topic in ("new_received", "carried_over", "carried_to_next"):
        out = [f"{TOPIC_ROWS[topic][0]}.{c}" for c in spec.T2_APPLICANT_COLUMNS]
    if version == spec.FORMAT_2019 and topic == "results.other":
        out = [f"{_A}results.other_2019.total"]
    if topic in ("active.docs", DOCS_NORMATIVE) and not can_make_rules(level):
        out = [k for k in out if not k.startswith("active.art20_1.regulations.")]
    return tuple(k for k in out if k in fspec.by_key)


def _table_question(
    topic: Topic, keys: tuple[str, ...], cells: Mapping[str, Value], version: str
) -> Question:
    row = TOPIC_ROWS.get(topic.key, ("",))[0]
    total = cells.get(f"{row}.total")
    if (
        row.startswith(_A)
        and isinstance(total, int)
        and topic.key in ("new_received", "carried_over", "carried_to_next")
    ):
        return _row_breakdown(topic.key, row, total, cells, keys, version)
    return Question(topic.key, topic.text, keys)


def _row_breakdown(
    topic: str, row: str, total: int, cells: Mapping[str, Value], keys: tuple, version: str
) -> Question:
    name = ROW_BY_KEY[row].name
    if any(k in cells for k in keys):
        return _rest_of_parts(topic, name, total, cells, keys, version)
    single = _single_type(cells)
    if single and row != f"{_A}new_received":
        return _single_type_question(topic, row, total, single, version)
    return Question(topic, f"{name}{total}件中，{_APPLICANTS}各多少件？", keys)


def _breakdown(cells: Mapping[str, Value], version: str) -> Question | None:
    """A result row whose total is known but not its applicant types."""
    single = _single_type(cells)
    for row, _ in spec.t2_rows(version):
        prefix = f"{_A}{row}"
        total = cells.get(f"{prefix}.total")
        keys = tuple(f"{prefix}.{c}" for c in spec.T2_APPLICANT_COLUMNS)
        if not isinstance(total, int) or total == 0 or all(k in cells for k in keys):
            continue  # a zero total needs no breakdown: every part is 0
        label = spec.spec_for(version).cell(f"{prefix}.total").row_label
        if any(k in cells for k in keys):
            return _rest_of_parts("results.breakdown", f"“{label}”", total, cells, keys, version)
        if single:
            return _single_type_question("results.breakdown", prefix, total, single, version)
        return Question("results.breakdown", f"“{label}”共{total}件，其中{_APPLICANTS}各多少件？", keys)
    return None


def _rest_of_parts(
    topic: str, name: str, total: int, cells: Mapping[str, Value], keys: tuple, version: str
) -> Question:
    """Some applicant types confirmed: ask only for the others, or confirm they are 0 when the
    confirmed ones already add up to the total."""
    fspec = spec.spec_for(version)
    known = {k: cells[k] for k in keys if k in cells}
    rest = [k for k in keys if k not in cells]
    done = sum(v for v in known.values() if isinstance(v, int))
    listed = "、".join(f"{_col_name(k)}{format_number(v)}件" for k, v in known.items() if isinstance(v, int))
    others = "、".join(_col_name(k) for k in rest)
    if done > total:
        text = f"{name}共{total}件，已确认{listed}，合计{done}件，超过了总数。请核对总数和各类型的件数。"
        return Question(topic, text, tuple(rest))
    if done == total:
        source = f"{name}共{total}件，已确认{listed}"
        proposals = tuple(Proposal(k, 0, fspec.cell(k).label, source, inferred=True) for k in rest)
        text = (
            f"{source}，合计已等于总数，表中{others}按总数推算为0。回复“是”确认；如不对，请告诉我正确的数字。"
        )
        return Question(topic, text, tuple(rest), proposals)
    text = f"{name}共{total}件，已确认{listed}，其余{total - done}件中{others}各多少件？"
    return Question(topic, text, tuple(rest))


def _col_name(key: str) -> str:
    return COLUMN_NAMES[key.rpartition(".")[2]]


def _single_type(cells: Mapping[str, Value]) -> str | None:
    """The one applicant type of all applications this year (new and carried over), if there is one."""
    seen: set[str] = set()
    for row in ("new_received", "carried_over_from_prev"):
        for col in spec.T2_APPLICANT_COLUMNS:
            v = cells.get(f"{_A}{row}.{col}")
            if v is None:
                return None
            if isinstance(v, int) and v > 0:
                seen.add(col)
    return seen.pop() if len(seen) == 1 else None


def _single_type_question(topic: str, prefix: str, total: int, col: str, version: str) -> Question:
    name = dict(spec.T2_COLUMNS)[col][-1]
    fspec = spec.spec_for(version)
    label = fspec.cell(f"{prefix}.total").row_label
    source = f"今年的申请全部来自{name}"
    keys = [f"{prefix}.{c}" for c in spec.T2_APPLICANT_COLUMNS]
    proposals = tuple(
        Proposal(k, total if k.endswith("." + col) else 0, fspec.cell(k).label, source, inferred=True)
        for k in keys
    )
    text = f"今年的申请全部来自{name}，“{label}”的{format_number(total)}件是否都计入“{name}”一栏？回复“是”即可确认。"
    return Question(topic, text, tuple(p.key for p in proposals), proposals)


DOCS_NORMATIVE = "active.docs.normative"
_DOCS_ONLY = f"今年本机关制发、废止的行政规范性文件各多少件？现行有效的有多少件？{_NONE}"
_NO_RULES = re.compile(r"县|乡|镇|街道|旗|区级|区人民政府|区政府")


def can_make_rules(level: str) -> bool:
    """规章 are made by ministries and by provincial and 设区的市 governments only (立法法): a county,
    township or 街道 body has none, so it is not asked about them."""
    return not _NO_RULES.search(level or "")


def _prefill_question(state: IntakeState) -> Question:
    """Last year's 结转下年度 prefilled as this year's 上年结转: shown with its source, to be confirmed."""
    fspec = spec.spec_for(state.version)
    values = dict(state.prefilled)
    total = sum(v for v in values.values() if isinstance(v, int))
    parts = "、".join(f"{_col_name(k)}{format_number(v)}件" for k, v in values.items() if v)
    source = state.prefill_source or "上年年报"
    proposals = tuple(
        Proposal(k, v, fspec.cell(k).label, f"{source}“四、结转下年度继续办理”", inferred=True)  # type: ignore[arg-type]
        for k, v in values.items()
    )
    text = (
        f"“二、上年结转”已按{source}“四、结转下年度继续办理”预填为{total}件"
        f"{'（' + parts + '）' if parts else ''}，尚未确认。是否正确？回复“是”确认；不对请直接告诉我正确的件数。"
    )
    return Question("carried_over", text, tuple(values), proposals)


def _narrative(state: IntakeState) -> Question | None:
    for key in spec.NARRATIVE_KEYS:
        topic = NARRATIVE_TOPIC_PREFIX + key
        if topic in state.skipped or state.narrative.get(key, "").strip():
            continue
        text = NARRATIVE_QUESTIONS[key]
        if key == "supervision" and is_government(state.level):
            text += _GOVERNMENT_SUPERVISION
        return Question(topic, text, (key,))
    return None


def is_government(level: str) -> bool:
    """人民政府 (and its 办公室/办公厅) must report 考核、评议、责任追究 under 监督保障 (FORMAT.md §1.3)."""
    return "政府" in level and "部门" not in level


def parse_profile(topic: str, text: str) -> tuple[str | int | None, str | None]:
    """The answer to an agency / level / year question: (value, None) or (None, Chinese message)."""
    answer = to_halfwidth(text).strip().strip("。.！!")
    if topic == "year":
        raw = answer.removesuffix("年度").removesuffix("年").removesuffix("年度报告")
        value = parse_decimal(raw)
        if value is None or value != value.to_integral_value() or not 2008 <= value <= 2100:
            return None, f"“{text.strip()}”不是有效的年度，请回答四位年份，例如 2024。"
        return int(value), None
    if len(answer) < 2:
        what = "机关全称" if topic == "agency" else "机关层级"
        return None, f"请告诉我{what}。"
    return answer[:100], None
