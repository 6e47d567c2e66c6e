"""The national format of the 政府信息公开工作年度报告, as data.

Two versions: "2021" (国办公开办函〔2021〕30号, report years >= 2021) and the superseded "2019"
(国办公开办函〔2019〕60号 试行, report years 2019-2020). Every cell has a stable key (FORMAT.md §8), its
official label path, its type (integer count or 万元 decimal) and its unit. Labels are exact, with
full-width punctuation as in the official template.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

INT = "int"
DECIMAL = "decimal"

FORMAT_2021 = "2021"
FORMAT_2019 = "2019"
FORMATS = (FORMAT_2021, FORMAT_2019)


@dataclass(frozen=True)
class Section:
    key: str
    label: str
    number: str  # 一 … 六
    title: str  # label without the number


SECTIONS: tuple[Section, ...] = (
    Section("s1_overview", "一、总体情况", "一", "总体情况"),
    Section("s2_active", "二、主动公开政府信息情况", "二", "主动公开政府信息情况"),
    Section("s3_applications", "三、收到和处理政府信息公开申请情况", "三", "收到和处理政府信息公开申请情况"),
    Section(
        "s4_review_litig",
        "四、政府信息公开行政复议、行政诉讼情况",
        "四",
        "政府信息公开行政复议、行政诉讼情况",
    ),
    Section("s5_problems", "五、存在的主要问题及改进情况", "五", "存在的主要问题及改进情况"),
    Section("s6_other", "六、其他需要报告的事项", "六", "其他需要报告的事项"),
)
SECTION_BY_KEY = {s.key: s for s in SECTIONS}

OVERVIEW_SUBAREAS: tuple[tuple[str, str], ...] = (
    ("active", "主动公开"),
    ("on_request", "依申请公开"),
    ("info_mgmt", "政府信息管理"),
    ("platform", "政府信息公开平台建设"),
    ("supervision", "监督保障"),
)
NARRATIVE_KEYS: tuple[str, ...] = tuple(k for k, _ in OVERVIEW_SUBAREAS) + (
    "problems",
    "improvements",
    "other",
)
NARRATIVE_LABELS: dict[str, str] = dict(OVERVIEW_SUBAREAS) | {
    "problems": "存在的主要问题",
    "improvements": "改进情况",
    "other": "其他需要报告的事项",
}


@dataclass(frozen=True)
class Cell:
    """One table cell of the official form."""

    key: str
    table: int  # 1, 2 or 3
    row_path: tuple[str, ...]  # official row labels, outermost first
    col_path: tuple[str, ...]  # official column labels, outermost first
    type: str = INT
    unit: str = "件"
    signed: bool = False  # 2019 本年增/减 may be negative
    derived: bool = False  # a total that the engine may fill

    @property
    def row_label(self) -> str:
        """The row as one would name it in a finding, e.g. 三、本年度办理结果（七）总计.

        Table 3 has no row labels: its column groups (行政复议, 行政诉讼·复议后起诉) stand in.
        """
        if not self.row_path:
            return "·".join(self.col_path[:-1])
        return _join_labels(self.row_path)

    @property
    def col_label(self) -> str:
        return self.col_path[-1] if self.col_path else ""

    @property
    def label(self) -> str:
        if self.col_label:
            return f"{self.row_label} / {self.col_label}"
        return self.row_label


def _join_labels(parts: tuple[str, ...]) -> str:
    out = ""
    for p in parts:
        # Numbered items ("1.属于国家秘密") read better with a separator after a group label.
        if out and p[:1].isdigit():
            out += " " + p
        else:
            out += p
    return out


# ---------------------------------------------------------------- Table 1: 主动公开

T1_BLOCK_TITLES = {
    "art20_1": "第二十条第（一）项",
    "art20_5": "第二十条第（五）项",
    "art20_6": "第二十条第（六）项",
    "art20_8": "第二十条第（八）项",
    "art20_9": "第二十条第（九）项",
}
FIRST_COLUMN_HEADER = "信息内容"


def _t1(key: str, block: str, row: str, col: str, **kw) -> Cell:
    return Cell(key, 1, (T1_BLOCK_TITLES[block], row), (col,), **kw)


_T1_2021: tuple[Cell, ...] = (
    _t1("active.art20_1.regulations.issued", "art20_1", "规章", "本年制发件数"),
    _t1("active.art20_1.regulations.repealed", "art20_1", "规章", "本年废止件数"),
    _t1("active.art20_1.regulations.in_force", "art20_1", "规章", "现行有效件数"),
    _t1("active.art20_1.normative_docs.issued", "art20_1", "行政规范性文件", "本年制发件数"),
    _t1("active.art20_1.normative_docs.repealed", "art20_1", "行政规范性文件", "本年废止件数"),
    _t1("active.art20_1.normative_docs.in_force", "art20_1", "行政规范性文件", "现行有效件数"),
    _t1("active.art20_5.admin_license.decisions", "art20_5", "行政许可", "本年处理决定数量", unit="个"),
    _t1("active.art20_6.admin_penalty.decisions", "art20_6", "行政处罚", "本年处理决定数量", unit="个"),
    _t1("active.art20_6.admin_coercion.decisions", "art20_6", "行政强制", "本年处理决定数量", unit="个"),
    _t1(
        "active.art20_8.admin_fees.amount_wan_yuan",
        "art20_8",
        "行政事业性收费",
        "本年收费金额（单位：万元）",
        type=DECIMAL,
        unit="万元",
    ),
)


def _t1_2019() -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for doc, row in (("regulations", "规章"), ("normative_docs", "规范性文件")):
        for k, col in (
            ("new_made", "本年新制作数量"),
            ("new_published", "本年新公开数量"),
            ("total_published", "对外公开总数量"),
        ):
            cells.append(_t1(f"active2019.art20_1.{doc}.{k}", "art20_1", row, col))
    blocks = (
        ("art20_5", "admin_license", "行政许可"),
        ("art20_5", "other_mgmt_services", "其他对外管理服务事项"),
        ("art20_6", "admin_penalty", "行政处罚"),
        ("art20_6", "admin_coercion", "行政强制"),
    )
    for block, item, row in blocks:
        cells.append(
            _t1(f"active2019.{block}.{item}.prev_year_items", block, row, "上一年项目数量", unit="项")
        )
        cells.append(
            _t1(f"active2019.{block}.{item}.change", block, row, "本年增/减", unit="项", signed=True)
        )
        cells.append(_t1(f"active2019.{block}.{item}.decisions", block, row, "处理决定数量", unit="个"))
    cells.append(
        _t1(
            "active2019.art20_8.admin_fees.prev_year_items",
            "art20_8",
            "行政事业性收费",
            "上一年项目数量",
            unit="项",
        )
    )
    cells.append(
        _t1(
            "active2019.art20_8.admin_fees.change",
            "art20_8",
            "行政事业性收费",
            "本年增/减",
            unit="项",
            signed=True,
        )
    )
    cells.append(
        _t1(
            "active2019.art20_9.gov_procurement.projects",
            "art20_9",
            "政府集中采购",
            "采购项目数量",
            unit="项",
        )
    )
    cells.append(
        _t1(
            "active2019.art20_9.gov_procurement.total_amount",
            "art20_9",
            "政府集中采购",
            "采购总金额",
            type=DECIMAL,
            unit="",
        )
    )
    return tuple(cells)


# ---------------------------------------------------------------- Table 2: 申请

CORNER_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_GROUP = "申请人情况"
LEGAL_PERSON_GROUP = "法人或其他组织"

T2_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("natural_person", (APPLICANT_GROUP, "自然人")),
    ("commercial_enterprise", (APPLICANT_GROUP, LEGAL_PERSON_GROUP, "商业企业")),
    ("research_institution", (APPLICANT_GROUP, LEGAL_PERSON_GROUP, "科研机构")),
    ("social_welfare_org", (APPLICANT_GROUP, LEGAL_PERSON_GROUP, "社会公益组织")),
    ("legal_service_org", (APPLICANT_GROUP, LEGAL_PERSON_GROUP, "法律服务机构")),
    ("other_org", (APPLICANT_GROUP, LEGAL_PERSON_GROUP, "其他")),
    ("total", (APPLICANT_GROUP, "总计")),
)
T2_COLUMN_KEYS = tuple(k for k, _ in T2_COLUMNS)
T2_APPLICANT_COLUMNS = T2_COLUMN_KEYS[:-1]

RESULTS = "三、本年度办理结果"
WITHHELD = "（三）不予公开"
UNABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER = "（六）其他处理"

_T2_HEAD_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("new_received", ("一、本年新收政府信息公开申请数量",)),
    ("carried_over_from_prev", ("二、上年结转政府信息公开申请数量",)),
    ("results.granted", (RESULTS, "（一）予以公开")),
    ("results.partially_granted", (RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    ("results.withheld.state_secret", (RESULTS, WITHHELD, "1.属于国家秘密")),
    ("results.withheld.other_law_prohibits", (RESULTS, WITHHELD, "2.其他法律行政法规禁止公开")),
    ("results.withheld.three_security_one_stability", (RESULTS, WITHHELD, "3.危及“三安全一稳定”")),
    ("results.withheld.third_party_rights", (RESULTS, WITHHELD, "4.保护第三方合法权益")),
    ("results.withheld.internal_affairs", (RESULTS, WITHHELD, "5.属于三类内部事务信息")),
    ("results.withheld.process_info", (RESULTS, WITHHELD, "6.属于四类过程性信息")),
    ("results.withheld.enforcement_file", (RESULTS, WITHHELD, "7.属于行政执法案卷")),
    ("results.withheld.admin_inquiry", (RESULTS, WITHHELD, "8.属于行政查询事项")),
    ("results.unable.not_held", (RESULTS, UNABLE, "1.本机关不掌握相关政府信息")),
    ("results.unable.needs_creation", (RESULTS, UNABLE, "2.没有现成信息需要另行制作")),
    ("results.unable.unclear_after_correction", (RESULTS, UNABLE, "3.补正后申请内容仍不明确")),
    ("results.not_processed.petition_complaint", (RESULTS, NOT_PROCESSED, "1.信访举报投诉类申请")),
    ("results.not_processed.duplicate", (RESULTS, NOT_PROCESSED, "2.重复申请")),
    ("results.not_processed.publication", (RESULTS, NOT_PROCESSED, "3.要求提供公开出版物")),
    ("results.not_processed.massive_repeat", (RESULTS, NOT_PROCESSED, "4.无正当理由大量反复申请")),
    (
        "results.not_processed.confirm_or_reissue",
        (RESULTS, NOT_PROCESSED, "5.要求行政机关确认或重新出具已获取信息"),
    ),
)
_T2_OTHER_2021: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "results.other.no_correction_overdue",
        (RESULTS, OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ),
    (
        "results.other.fee_unpaid_overdue",
        (RESULTS, OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ),
    ("results.other.other", (RESULTS, OTHER, "3.其他")),
)
_T2_OTHER_2019: tuple[tuple[str, tuple[str, ...]], ...] = (("results.other_2019", (RESULTS, OTHER)),)
_T2_TAIL_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("results.total", (RESULTS, "（七）总计")),
    ("carried_to_next", ("四、结转下年度继续办理",)),
)

T2_ROWS_2021 = _T2_HEAD_ROWS + _T2_OTHER_2021 + _T2_TAIL_ROWS
T2_ROWS_2019 = _T2_HEAD_ROWS + _T2_OTHER_2019 + _T2_TAIL_ROWS
T2_RESULT_LEAVES_2021 = tuple(k for k, _ in _T2_HEAD_ROWS[2:] + _T2_OTHER_2021)
T2_RESULT_LEAVES_2019 = tuple(k for k, _ in _T2_HEAD_ROWS[2:] + _T2_OTHER_2019)
T2_GROUP_LABELS = (WITHHELD, UNABLE, NOT_PROCESSED, OTHER)


def t2_rows(version: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return T2_ROWS_2021 if version == FORMAT_2021 else T2_ROWS_2019


def t2_result_leaves(version: str) -> tuple[str, ...]:
    return T2_RESULT_LEAVES_2021 if version == FORMAT_2021 else T2_RESULT_LEAVES_2019


def _t2_cells(version: str) -> tuple[Cell, ...]:
    cells = []
    for row, row_path in t2_rows(version):
        for col, col_path in T2_COLUMNS:
            derived = col == "total" or row == "results.total"
            cells.append(Cell(f"applications.{row}.{col}", 2, row_path, col_path, derived=derived))
    return tuple(cells)


# ---------------------------------------------------------------- Table 3: 复议 / 诉讼

T3_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("review", ("行政复议",)),
    ("litigation_direct", ("行政诉讼", "未经复议直接起诉")),
    ("litigation_after_review", ("行政诉讼", "复议后起诉")),
)
T3_OUTCOMES: tuple[tuple[str, str], ...] = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)


def _t3_cells() -> tuple[Cell, ...]:
    cells = []
    for group, path in T3_GROUPS:
        for outcome, label in T3_OUTCOMES:
            cells.append(Cell(f"{group}.{outcome}", 3, (), path + (label,), derived=outcome == "total"))
    return tuple(cells)


# ---------------------------------------------------------------- the two versions


@dataclass(frozen=True)
class FormatSpec:
    version: str
    cells: tuple[Cell, ...]

    @property
    def by_key(self) -> dict[str, Cell]:
        return _index(self.version)

    def cell(self, key: str) -> Cell:
        return self.by_key[key]

    def table_cells(self, table: int) -> tuple[Cell, ...]:
        return tuple(c for c in self.cells if c.table == table)


@cache
def _index(version: str) -> dict[str, Cell]:
    return {c.key: c for c in spec_for(version).cells}


@cache
def spec_for(version: str) -> FormatSpec:
    """The spec of one format version ("2021" or "2019")."""
    if version == FORMAT_2021:
        return FormatSpec(version, _T1_2021 + _t2_cells(version) + _t3_cells())
    if version == FORMAT_2019:
        return FormatSpec(version, _t1_2019() + _t2_cells(version) + _t3_cells())
    raise ValueError(f"unknown format version {version!r}")


def version_for_year(year: int) -> str:
    """The format that applies to a report year."""
    return FORMAT_2021 if year >= 2021 else FORMAT_2019


@cache
def all_cell_keys() -> frozenset[str]:
    return frozenset(spec_for(FORMAT_2021).by_key) | frozenset(spec_for(FORMAT_2019).by_key)


TABLE_TITLES = {1: SECTIONS[1].label, 2: SECTIONS[2].label, 3: SECTIONS[3].label}
