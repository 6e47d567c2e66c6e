"""Table and page model for held-out set B (see `make_heldout_b_documents.py`).

Written from the official form (shared/format/FORMAT.md), independently of the product's reader: the three
tables as rows of cells (text, rowspan, colspan, header?) and renderers to CMS-style HTML, a crawled
one-cell-per-line text and a tab-separated copy-paste text.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from decimal import Decimal

T1_ROWS = [("art20_1.regulations", "规章"), ("art20_1.normative_docs", "行政规范性文件")]
T1_COLS = [("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")]
T2_COLS = [
    ("natural_person", "自然人"), ("commercial_enterprise", "商业企业"), ("research_institution", "科研机构"),
    ("social_welfare_org", "社会公益组织"), ("legal_service_org", "法律服务机构"), ("other_org", "其他"),
    ("total", "总计"),
]
T2_GROUPS = [  # (group label or None, [(row key, row label)])
    (None, [("results.granted", "（一）予以公开"),
            ("results.partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")]),
    ("（三）不予公开", [
        ("results.withheld.state_secret", "1.属于国家秘密"),
        ("results.withheld.other_law_prohibits", "2.其他法律行政法规禁止公开"),
        ("results.withheld.three_security_one_stability", "3.危及“三安全一稳定”"),
        ("results.withheld.third_party_rights", "4.保护第三方合法权益"),
        ("results.withheld.internal_affairs", "5.属于三类内部事务信息"),
        ("results.withheld.process_info", "6.属于四类过程性信息"),
        ("results.withheld.enforcement_file", "7.属于行政执法案卷"),
        ("results.withheld.admin_inquiry", "8.属于行政查询事项")]),
    ("（四）无法提供", [
        ("results.unable.not_held", "1.本机关不掌握相关政府信息"),
        ("results.unable.needs_creation", "2.没有现成信息需要另行制作"),
        ("results.unable.unclear_after_correction", "3.补正后申请内容仍不明确")]),
    ("（五）不予处理", [
        ("results.not_processed.petition_complaint", "1.信访举报投诉类申请"),
        ("results.not_processed.duplicate", "2.重复申请"),
        ("results.not_processed.publication", "3.要求提供公开出版物"),
        ("results.not_processed.massive_repeat", "4.无正当理由大量反复申请"),
        ("results.not_processed.confirm_or_reissue", "5.要求行政机关确认或重新出具已获取信息")]),
    ("（六）其他处理", [
        ("results.other.no_correction_overdue",
         "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("results.other.fee_unpaid_overdue",
         "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("results.other.other", "3.其他")]),
    (None, [("results.total", "（七）总计")]),
]
T3_PARTS = [("review", "行政复议"), ("litigation_direct", "未经复议直接起诉"),
            ("litigation_after_review", "复议后起诉")]
T3_OUTCOMES = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
               ("pending", "尚未审结"), ("total", "总计")]
FEE = "active.art20_8.admin_fees.amount_wan_yuan"
CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
SECTION_KEYS = ["s1_overview", "s2_active", "s3_applications", "s4_review_litig", "s5_problems", "s6_other"]
FULLWIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")


def all_keys() -> list[str]:
    keys = [f"active.{r}.{c}" for r, _ in T1_ROWS for c, _ in T1_COLS]
    keys += ["active.art20_5.admin_license.decisions", "active.art20_6.admin_penalty.decisions",
             "active.art20_6.admin_coercion.decisions", FEE]
    rows = ["new_received", "carried_over_from_prev"] + [k for _, rs in T2_GROUPS for k, _ in rs]
    keys += [f"applications.{r}.{c}" for r in rows + ["carried_to_next"] for c, _ in T2_COLS]
    keys += [f"{p}.{o}" for p, _ in T3_PARTS for o, _ in T3_OUTCOMES]
    return keys


@dataclass
class Style:
    """How a publisher prints numbers: zero form per table, digits, thousands comma, the fee."""

    zero: dict = field(default_factory=lambda: {"t1": "0", "t2": "0", "t3": "0"})
    fullwidth: bool = False
    thousands: bool = False
    fee_zero: str | None = None  # e.g. "0.00"; None: the table's zero form
    labels: dict = field(default_factory=dict)  # row key -> printed (wrong) label


def printed(key: str, value, style: Style) -> str:
    """The text a cell shows."""
    table = "t3" if not key.startswith(("active.", "applications.")) else (
        "t1" if key.startswith("active.") else "t2")
    if value == 0:
        text = style.fee_zero if key == FEE and style.fee_zero is not None else style.zero[table]
    elif isinstance(value, Decimal) or key == FEE:
        text = str(value)
    else:
        text = f"{value:,}" if style.thousands else str(value)
    return text.translate(FULLWIDTH) if style.fullwidth else text


def truth_of(text: str):
    """The truth-file form of a printed cell ("—" is a slash-like mark: the measure's "/")."""
    plain = text.translate({ord(c): ord(a) for c, a in zip("０１２３４５６７８９．", "0123456789.", strict=True)})
    if plain == "":
        return ""
    if plain in ("/", "—", "-"):
        return "/"
    plain = plain.replace(",", "")
    return plain if "." in plain else int(plain)


@dataclass
class Cell:
    text: str
    rs: int = 1
    cs: int = 1
    th: bool = False


def table1(v, st: Style) -> list[list[Cell]]:
    def p(k):
        return Cell(printed(k, v[k], st))
    rows = [[Cell("第二十条第（一）项", cs=4, th=True)],
            [Cell("信息内容", th=True)] + [Cell(lab, th=True) for _, lab in T1_COLS]]
    for rk, lab in T1_ROWS:
        rows.append([Cell(st.labels.get(rk, lab))] + [p(f"active.{rk}.{c}") for c, _ in T1_COLS])
    blocks = [("第二十条第（五）项", "本年处理决定数量", [("art20_5.admin_license.decisions", "行政许可")]),
              ("第二十条第（六）项", "本年处理决定数量", [("art20_6.admin_penalty.decisions", "行政处罚"),
                                                  ("art20_6.admin_coercion.decisions", "行政强制")]),
              ("第二十条第（八）项", "本年收费金额（单位：万元）", [("art20_8.admin_fees.amount_wan_yuan",
                                                           "行政事业性收费")])]
    for title, head, items in blocks:
        rows += [[Cell(title, cs=4, th=True)], [Cell("信息内容", th=True), Cell(head, cs=3, th=True)]]
        for k, lab in items:
            c = p(f"active.{k}")
            c.cs = 3
            rows.append([Cell(lab), c])
    return rows


def _t2_values(v, st, row):
    return [Cell(printed(f"applications.{row}.{c}", v[f"applications.{row}.{c}"], st)) for c, _ in T2_COLS]


def table2_head() -> list[list[Cell]]:
    return [[Cell(CORNER, rs=3, cs=3, th=True), Cell("申请人情况", cs=7, th=True)],
            [Cell("自然人", rs=2, th=True), Cell("法人或其他组织", cs=5, th=True), Cell("总计", rs=2, th=True)],
            [Cell(lab, th=True) for _, lab in T2_COLS[1:6]]]


def table2_body(v, st: Style) -> list[list[Cell]]:
    lab = st.labels.get
    rows = [[Cell(lab("new_received", "一、本年新收政府信息公开申请数量"), cs=3)] + _t2_values(v, st, "new_received"),
            [Cell(lab("carried_over_from_prev", "二、上年结转政府信息公开申请数量"), cs=3)]
            + _t2_values(v, st, "carried_over_from_prev")]
    first = True
    for group, items in T2_GROUPS:
        for i, (rk, rl) in enumerate(items):
            row = [Cell("三、本年度办理结果", rs=22)] if first else []
            first = False
            if group is None:
                row.append(Cell(lab(rk, rl), cs=2))
            else:
                row += ([Cell(group, rs=len(items))] if i == 0 else []) + [Cell(lab(rk, rl))]
            rows.append(row + _t2_values(v, st, rk))
    rows.append([Cell(lab("carried_to_next", "四、结转下年度继续办理"), cs=3)] + _t2_values(v, st, "carried_to_next"))
    return rows


def table3_one(v, st: Style) -> list[list[Cell]]:
    r1 = [Cell("行政复议", cs=5, th=True), Cell("行政诉讼", cs=10, th=True)]
    r2 = [Cell(lab, rs=2, th=True) for _, lab in T3_OUTCOMES] + [Cell(T3_PARTS[1][1], cs=5, th=True),
                                                                Cell(T3_PARTS[2][1], cs=5, th=True)]
    r3 = [Cell(lab, th=True) for _ in range(2) for _, lab in T3_OUTCOMES]
    r4 = [Cell(printed(f"{p}.{o}", v[f"{p}.{o}"], st)) for p, _ in T3_PARTS for o, _ in T3_OUTCOMES]
    return [r1, r2, r3, r4]


def table3_three(v, st: Style) -> list[list[list[Cell]]]:
    out = []
    for p, plab in T3_PARTS:
        title = plab if p == "review" else f"行政诉讼（{plab}）"
        out.append([[Cell(title, cs=5, th=True)], [Cell(lab, th=True) for _, lab in T3_OUTCOMES],
                    [Cell(printed(f"{p}.{o}", v[f"{p}.{o}"], st)) for o, _ in T3_OUTCOMES]])
    return out


TD = ("border:1px solid #000;padding:{pad};text-align:center;vertical-align:middle;"
      "font-size:{fs};font-family:宋体,SimSun,serif")


def table_html(rows, css: str = "", thead: int = 0, pad: str = "3px 4px", fs: str = "10.5pt") -> str:
    def cell(c: Cell) -> str:
        tag = "th" if c.th else "td"
        span = (f' rowspan="{c.rs}"' if c.rs > 1 else "") + (f' colspan="{c.cs}"' if c.cs > 1 else "")
        return f'<{tag}{span} style="{TD.format(pad=pad, fs=fs)}">{html.escape(c.text)}</{tag}>'
    trs = ["<tr>" + "".join(cell(c) for c in r) + "</tr>" for r in rows]
    head = f"<thead>{''.join(trs[:thead])}</thead>" if thead else ""
    return (f'<table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;'
            f'width:100%;{css}">{head}<tbody>{"".join(trs[thead:])}</tbody></table>')


def lines_of(rows) -> list[str]:
    """A crawled copy: tags stripped, each cell's text on its own line."""
    return [c.text for r in rows for c in r]


def tabbed(rows) -> list[str]:
    """A browser copy-paste: the cells of a row separated by tabs (spanned cells once)."""
    return ["\t".join(c.text for c in r) for r in rows]
