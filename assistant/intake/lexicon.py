"""The words staff use for the rows and columns of the tables, as data.

Two uses: regular expressions that find a row or column in free chat text (`ROWS`, `COLUMNS`), and
exact synonym tables for ledger labels (`APPLICANT_LABELS`, `OUTCOME_LABELS`), where nothing is
guessed: a label is either listed here or reported back as unknown. Official labels come from
`assistant.core.spec`; only the synonyms live here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from assistant.core import spec
from assistant.core.numbers import to_halfwidth

T2 = "t2"  # columns: applicant types and 总计
T3 = "t3"  # columns: 结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计
T1_DOC = "t1doc"  # columns: 本年制发件数 / 本年废止件数 / 现行有效件数
SINGLE = "single"  # one cell per row (行政许可 … 行政事业性收费)

LEGAL_PERSONS = "legal_persons"  # 法人或其他组织: a header, not a data column


@dataclass(frozen=True)
class RowDef:
    """A row of a table as staff name it. A group (`leaves`) has no cell of its own."""

    key: str  # cell key prefix ("applications.new_received", "review", …) or "group:<name>"
    pattern: re.Pattern[str]
    kind: str
    default_col: str | None  # column when none is named; None: must be named
    name: str  # short Chinese name used in questions
    leaves: tuple[str, ...] = ()
    weak: bool = False  # a bare 「申请」: only used when nothing better applies

    @property
    def is_group(self) -> bool:
        return bool(self.leaves)


def _row(key, pattern, kind, default, name, leaves=(), weak=False) -> RowDef:
    return RowDef(key, re.compile(pattern), kind, default, name, tuple(leaves), weak)


_A = "applications."
_WITHHELD = tuple(k for k, _ in spec.T2_ROWS_2021 if k.startswith("results.withheld."))
_UNABLE = tuple(k for k, _ in spec.T2_ROWS_2021 if k.startswith("results.unable."))
_NOT_PROCESSED = tuple(k for k, _ in spec.T2_ROWS_2021 if k.startswith("results.not_processed."))
_OTHER = tuple(k for k, _ in spec.T2_ROWS_2021 if k.startswith("results.other."))

# Colloquial wording of the rows whose official names staff rarely use.
_SUED = r"(?:起诉|诉讼|告到法院|告上法庭|打官司|官司|告(?:了)?我们|(?:去|上|到|找)法院|(?:再|又|去|还)告)"
_AFTER_REVIEW = (
    r"复议后(?:提起|再)?(?:行政)?(?:诉讼|起诉)|经(?:行政)?复议后|复议(?:以?后|之后|完)的(?!结果|决定)"
    rf"|复议[^，。；\d]{{0,6}}?(?:以后|之后|后|完了|完|结束)[^，。；\d]{{0,8}}?{_SUED}"  # 复议后又起诉的案件
    rf"|不服(?:行政)?复议[^，。；\d]{{0,8}}?{_SUED}|复议(?:决定|结果)?[^，。；\d]{{0,4}}?不服[^，。；\d]{{0,6}}?{_SUED}"
)
_DIRECT = (
    r"直接(?:提起)?(?:行政)?(?:诉讼|起诉)|未经(?:行政)?复议"
    rf"|没(?:有)?(?:经过?|走)(?:行政)?复议|直接[^，。；\d]{{0,6}}?{_SUED}"  # 没走复议直接去法院起诉
    r"|直接(?:就)?告(?!诉)"  # 「是直接告的」; 直接告诉 is telling
)
_LAST_YEAR = r"(?:去年|上一?年度?)(?:年底|年末|底|末)?"
_CARRIED_OVER = (
    r"上一?年度?(?:结转|遗留|未办结)|去年结转|结转自上一?年"
    r"|(?:去年|上一?年度?)的?(?:年报|报告|年度报告)(?:里|上|中)?(?:写的|填的|报的|的)?(?:那个)?结转"  # 去年报告写的结转1件
    rf"|{_LAST_YEAR}(?:还|尚|仍)?(?:剩|剩下|剩余|遗留|留下|积压)"  # 去年还剩2件
    rf"|{_LAST_YEAR}(?:还|尚|仍)有|{_LAST_YEAR}(?:还|尚|仍)?(?:没|未|没有)(?:办完|办结|答复完|处理完)"
    rf"|(?:从)?{_LAST_YEAR}(?:转过来|转来|结转过来|带过来|延续过来|延续下来)"
    r"|(?:去年|上一?年度?)(?:[0-9一二两三四五六七八九十]+月(?:底|末|份|下旬)?|年底|年末|底)(?:才|就)?(?:收到|受理|接到|登记)"
    r"|转过来|(?:转|结转|带|留|延续)(?:到|至|入)(?:今年|本年)"  # …没办完转过来 / 转到今年
)


def _decision(word: str) -> str:
    """A kind of decision counted in 表一, not when it is what an application or an appeal is about
    (「要求重新出具处罚决定书」 ending the clause, 「一个企业对处罚决定不服」)."""
    about = r"(?!决定书(?:[，,。；;]|$)|[^，。；\d]{0,4}?不服)"  # 「处罚决定书开了15份」 is a count
    return rf"(?<!对)行政{word}{about}|(?<![对政]){word}{about}"


# Most specific first: the first row whose pattern occurs in a phrase wins.
ROWS: tuple[RowDef, ...] = (
    _row("litigation_after_review", _AFTER_REVIEW, T3, "total", "复议后起诉"),
    _row("litigation_direct", _DIRECT, T3, "total", "未经复议直接起诉"),
    _row("review", r"行政复议|复议", T3, "total", "行政复议"),
    _row("group:litigation", r"行政诉讼|诉讼|起诉|应诉|打官司|官司|告到法院|告上法庭|(?:去|上|到)法院|被(?:人)?告|被诉", T3, "total", "行政诉讼",
         ("litigation_direct", "litigation_after_review")),
    _row("active.art20_8.admin_fees", r"行政事业性收费|事业性收费|行政收费|收费(?=金额|总额|收入|这一?块|这边|情况|项目|填|就填|就是|就|是|为|共|合计|约|大约|大概|主要|全年|今年|一年|总共|一共|的话|方面|也|都|没|无|[0-9０-９零一二两三四五六七八九十]|$)", SINGLE, "amount_wan_yuan", "行政事业性收费"),
    _row("active.art20_5.admin_license", _decision("许可"), SINGLE, "decisions", "行政许可"),
    _row("active.art20_6.admin_penalty", _decision("处罚"), SINGLE, "decisions", "行政处罚"),
    _row("active.art20_6.admin_coercion", _decision("强制") + "|查封|扣押|暂扣", SINGLE, "decisions", "行政强制"),
    _row("active.art20_1.normative_docs", r"规范[性行]文件|规范性(?=$|\s|[，,：:]|今年|本年|全年|没|未|发|制发|新发|印发|出台|[0-9０-９])", T1_DOC, None, "行政规范性文件"),  # 「规范性 发了２件」
    _row("active.art20_1.regulations", r"规章(?!制度)", T1_DOC, None, "规章"),
    _row(_A + "carried_over_from_prev", _CARRIED_OVER, T2, "total", "上年结转"),
    _row(_A + "carried_to_next",
         r"结转(?:至|到|入)?(?:下一?年|明年)|转入下一?年|顺延(?:至|到)下一?年|(?:转|带|留)(?:到|至|入)(?:下一?年|明年)|尚未办结|未办结|尚未答复|仍在办理|正在办理|继续办理"
         r"|(?:年底|年末|12月31日|12月底|年终)(?:还|仍|尚)?(?:有|剩|剩下|在办)|(?:还|仍|尚)没(?:有)?答复(?!完)|(?:年底|年末|年终)(?=[^，。；\d]{0,4}结转)|(?<!上年)(?<!去年)(?<!上一年)(?<!上年度)(?<![转从])结转(?![自过来到至入]|下)|(?:没|未)(?:有)?办完|还在办|在办的?(?:还有|还剩|有)|没有?答复完",
         T2, "total", "结转下年度"),
    _row(_A + "results.partially_granted", r"部分公开|区分处理|部分给了|给了一部分|给了部分|公开了一部分", T2, "total", "部分公开"),
    _row(_A + "results.withheld.state_secret", r"国家秘密|涉密", T2, "total", "属于国家秘密"),
    _row(_A + "results.withheld.other_law_prohibits", r"法律、?行政法规禁止|法律法规禁止", T2, "total", "其他法律行政法规禁止公开"),
    _row(_A + "results.withheld.three_security_one_stability", r"三安全一稳定|国家安全|公共安全|经济安全|社会稳定",
         T2, "total", "危及“三安全一稳定”"),
    _row(_A + "results.withheld.third_party_rights", r"第三方|商业秘密|个人隐私|(?:别人|他人|当事人|人家)的?隐私|隐私|涉及(?:别的|别家|其他|其它)(?:公司|企业|单位|医院|人)的?(?:信息|资料|数据|情况)", T2, "total", "保护第三方合法权益"),
    _row(_A + "results.withheld.internal_affairs", r"内部事务|人事管理|后勤管理|内部工作流程|内部管理", T2, "total", "属于三类内部事务信息"),
    _row(_A + "results.withheld.process_info", r"过程性|请示报告|讨论记录|过程稿|磋商信函|讨论稿|征求意见稿|(?:还在|正在|尚在)(?:研究|讨论|论证|审议)[^，。；\d]{0,4}?(?:没定|未定|没有定|没确定|未确定|没出来)", T2, "total", "属于四类过程性信息"),
    _row(_A + "results.withheld.enforcement_file", r"执法案卷|执法卷宗|执法档案", T2, "total", "属于行政执法案卷"),
    _row(_A + "results.withheld.admin_inquiry", r"查询事项|按(?:行政)?查询(?:事项)?(?:的?程序)?(?:办理|处理|答复)", T2, "total", "属于行政查询事项"),
    _row(_A + "results.unable.not_held", r"不掌握|非本机关|没有相关(?:政府)?信息|信息不存在|没(?:有)?这个信息|没(?:有)?这方面的信息|查无此信息|不归我们管|不归本机关|不属于(?:我们|本机关|本单位|本部门|我局|本局)(?:的)?(?:公开)?(?:职责|管|职权|范围)|(?:已)?告知(?:其|申请人|他|她)?向[^，。；\d]{1,12}?(?:申请|咨询|查询)|查无此件|查无(?:相关)?(?:信息|资料|档案|记录)|(?:让|叫|告诉|告知)(?:他|她|其|申请人)?(?:们)?(?:去|到|向)(?:别的|其他|有关|相关)(?:单位|部门|机关)|(?:让|叫|告诉|告知|建议)(?:他|她|其|申请人)(?:们)?(?:去|到|向|找)[^，。；\d\s]{1,10}?(?:局|委员会|委|办|部门|单位|机关|政府)|不是我们(?:单位|部门)?的(?:信息|事)", T2, "total", "本机关不掌握相关政府信息"),
    _row(_A + "results.unable.needs_creation", r"(?:没有现成信息)?(?:需要|需)?另行制作|需要制作|需要加工|没有?现成(?:的)?(?:信息)?|无现成信息|另外做|另外制作", T2, "total", "没有现成信息需要另行制作"),
    _row(_A + "results.unable.unclear_after_correction", r"不明确|补正后(?:还是|仍然?|依然|也)?(?:说不清|讲不清|不清楚|没说清|没讲清)", T2, "total", "补正后申请内容仍不明确"),
    _row(_A + "results.not_processed.petition_complaint", r"信访|举报|投诉", T2, "total", "信访举报投诉类申请"),
    _row(_A + "results.not_processed.duplicate", r"重复申请|重复的(?=\s*[0-9０-９一二两三四五六七八九十]|$)|重复(?:来|去)?(?:问|提出|提交|申请|要)|同一(?:个)?(?:人|申请人)[^，。；\d]{0,6}重复", T2, "total", "重复申请"),
    _row(_A + "results.not_processed.publication", r"出版物|(?:提供|要|索取|买)[^，。；\d]{0,6}?(?:公开)?出版的|已出版的", T2, "total", "要求提供公开出版物"),
    _row(_A + "results.not_processed.massive_repeat", r"(?:无正当理由)?大量、?反复", T2, "total", "无正当理由大量反复申请"),
    _row(_A + "results.not_processed.confirm_or_reissue", r"重新出具|(?:再|重新)盖(?:个)?章|要求(?:行政机关)?确认|要(?:我们|求我们|本机关)确认", T2, "total",
         "要求行政机关确认或重新出具已获取信息"),
    _row(_A + "results.other.no_correction_overdue", r"(?:无正当理由)?逾期不补正|不补正|未补正|未按期补正|(?:补充材料|补正|补材料|补充)[^，。；\d]{0,10}(?:没补|不补|未补|没有补)|补正通知[^，。；\d]{0,8}?(?:没有?|未)(?:回|回复|理睬|理|补)|(?:一直|始终|到期|逾期|他|对方|申请人)(?:一直|始终)?(?:都)?(?:没有?|未|不)补(?![贴助偿])|(?:逾期|过了期限|超过期限|超期|到期)[^，。；\d]{0,6}不再处理|(?:让|要求|通知|叫|告知)(?:他|她|其|申请人)(?:们)?补(?:正|充)(?:材料)?[^。；\d]{0,12}?(?:没补|不补|未补|没有补)|(?:过了期限|逾期|到期|超过期限)(?:了)?(?:也|都|还)?(?:没有?|未|不)补", T2, "total", "逾期不补正"),
    _row(_A + "results.other.fee_unpaid_overdue", r"未(?:按(?:收费通知)?要求)?缴(?:纳)?(?:费|信息处理费)|不缴费|没(?:有)?(?:交|缴)(?:费|钱)|(?<=没有)收费的情况"
         r"|(?<=收费通知)[^，。；\d]{0,12}?(?:没|未|不)(?:有)?(?:交|缴)|(?:过了期限|逾期|到期)(?:了)?(?:也|都|还)?(?:没|未|不)(?:有)?(?:交|缴)(?![正材补])",
         T2, "total", "逾期未缴纳费用"),
    _row(_A + "results.other.other", r"其他处理[中的之]*其他(?:情形)?|其他情形|申请人(?:自己|主动)?撤回|自己撤回|撤回(?:了)?(?:申请|的申请)|主动撤回", T2, "total", "其他处理·其他"),
    _row(_A + "results.granted", r"(?:^(?:是|为|都是)?|(?<=结果)|(?<=结果是)|(?<=结果为)|(?<=结果[：:]))公开(?=\s*[0-9０-９一二两三四五六七八九十]|$)|予以公开|全部公开|同意公开|准予公开|已公开|依法公开|(?<!不予)(?<!部分)(?<!不)(?<!主动)公开了|(?<!不予)(?<!部分)(?<!不)(?<!主动)公开的(?=(?:是|有|为)?(?:[那这]?[0-9０-９一二两三四五六七八九十]|$))|(?:都|均|全)(?:已|给)?公开|(?<!部分)(?<!没)(?<!不)(?<!没有)给了(?!一?部分)|(?:都是|都|全是|全|全都|全部)给的|(?<!没)(?<!不)(?:都)?(?:提供)?给(?:他|她|对方|人家|申请人)(?:们)?了(?!一?部分)", T2, "total", "予以公开"),
    _row("group:withheld", r"不予公开|(?<!部分)没(?:有)?(?:予以)?公开(?!的信息)|不给(?:公开)?的|没给(?:公开)?的|不公开的", T2, "total", "不予公开", tuple(_A + k for k in _WITHHELD)),
    _row("group:unable", r"无法提供|不能提供", T2, "total", "无法提供", tuple(_A + k for k in _UNABLE)),
    _row("group:not_processed", r"不予处理", T2, "total", "不予处理", tuple(_A + k for k in _NOT_PROCESSED)),
    _row("group:other", r"其他处理", T2, "total", "其他处理", tuple(_A + k for k in _OTHER)),
    _row(_A + "results.total", r"(?<![没未])(?:办完|处理完|答复完)(?:了|的)|已办结|办结|办理完毕|处理完毕|已答复|予以答复|作出答复|答复了", T2, "total", "办结"),
    _row(_A + "new_received", r"新收|(?:一共|共|总共|全年)(?:来了|来过)|收到|(?<![不没费])收了(?!费)|(?<!不予)受理|接收|接到|新增申请|申请总数|申请数量|申请量", T2, "total", "本年新收"),
    _row(_A + "new_received", r"申请(?!人)", T2, "total", "本年新收", weak=True),
)  # fmt: skip
ROW_BY_KEY: dict[str, RowDef] = {}
for _r in ROWS:
    ROW_BY_KEY.setdefault(_r.key, _r)

_COLUMN_PATTERNS: dict[str, tuple[tuple[str, str], ...]] = {
    T2: (
        (LEGAL_PERSONS, r"法人或其他组织|法人和其他组织|(?<!其他)法人"),
        (  # universities are reported as 科研机构 (their students apply as 自然人)
            "research_institution",
            r"科研机构|科研院所|研究机构|研究院|研究所|科研所|(?:大学|高校|高等院校|学院)(?!生|学生|毕业生|老师|教师|教授)",
        ),
        (
            "social_welfare_org",
            r"社会公益组织|公益组织|公益机构|公益协会|基金会|慈善会|慈善组织|志愿者协会|(?<!律师|行业|养殖|种植|产业|专业)(?<!用水户)协会|学会|社会组织|社会团体|社工(?:机构|组织|站)|社会工作服务",
        ),
        ("legal_service_org", r"法律服务机构|律师事务所|律所|律师|法律服务所"),
        (
            "other_org",
            r"其他组织|其他单位|其他法人|其他机构|村委会|居委会|村委|业委会|业主委员会|合作社|事业单位|(?<!别家)(?<!别的)(?<!其他)(?:学校|医院)|行业协会|用水户协会|(?:养殖|种植|产业|专业)协会|商会",
        ),
        (
            "commercial_enterprise",
            r"(?<!人家)(?<!别人)(?<!他人)(?<!别的)(?<!别家)(?<!涉及其他)(?:商业企业|企业|企也|公司|个体工商户|个体户|培训机构|培训班|药店|商店|商户|门店|超市|饭店|餐馆|酒店|工厂|厂家|厂商)(?!的?(?:商业秘密|商业机密|隐私|经营信息|内部))",
        ),
        (
            "natural_person",
            r"自然人|(?<!同一)个人(?!隐私|信息)|公民|群众|市民|居民|村民|老百姓|百姓|老乡|学生|家长|教师|老人|老大爷|大爷|大妈|阿姨|老太太|患者|病人|参保人|退休职工|(?:小区)?业主(?!委员会|大会|代表大会)",
        ),
        ("total", r"共|合计|总计|总数|累计"),
    ),
    T3: (
        (
            "pending",
            r"尚未审结|未审结|(?:还)?没(?:有)?(?:审结|结案)|(?:还)?(?:没|未)(?:有)?审完|(?:还)?(?:没|未)(?:有)?判(?:下来)?|(?:还|正)在审|审理中|正在审理|尚未结案|未结案|未结|还没(?:有)?出结果|没出结果|(?:还|都还|暂时)没(?:有)?结果|还没(?:有)?判|还在审|尚无结果|结果还没出来|(?:还|尚)(?:没|未)(?:有)?(?:开庭|宣判|审理)",
        ),
        (
            "corrected",
            r"纠正|撤销|确认(?:[^，,。；;\d]{0,8}?)违法|责令|败诉|重新(?:作出)?答复|重新作出|重新处理|重新办理|改判|判(?:我们)?输|输了|(?:让|要求|叫)我们(?:改|重新)",
        ),
        (
            "upheld",
            r"维持|驳回(?:诉讼)?请求|胜诉|(?:判|裁)(?:我们)?赢|赢了|支持了?我们|驳回(?![^，。；]{0,6}起诉)",  # 驳回 (of the claim): 驳回起诉 is 其他结果
        ),
        (
            "other",
            r"其他结果|其他|撤诉|撤回|(?<!复议机关)(?<!法院)(?:自己|主动)?撤了|撤案|终止|驳回起诉|不予受理|和解|调解",
        ),
        ("total", r"共|合计|总计|总数"),
    ),
    T1_DOC: (
        ("repealed", r"废止|废除|失效|废了|废掉"),
        ("in_force", r"现行有效|现行|有效"),
        (
            "issued",
            r"制发|出台|印发|制定|发布|新制|新发|发了|新出|出了|下发|(?<![出下新印制])发(?=$|过)|^出(?=$|过)",
        ),
    ),
    SINGLE: (),
}
COLUMNS: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {
    kind: tuple((col, re.compile(p)) for col, p in pats) for kind, pats in _COLUMN_PATTERNS.items()
}
COLUMN_NAMES = {
    LEGAL_PERSONS: "法人或其他组织",
    **{k: path[-1] for k, path in spec.T2_COLUMNS},
    **dict(spec.T3_OUTCOMES),
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
}
COLUMN_NAMES["other_org"] = "其他组织"
COLUMN_NAMES["total"] = "总计"

# Negations that make a statement zero (「没有行政复议」, 「未收到申请」).
NEGATION = re.compile(
    r"没有|没(?=收到|接到|发生|出现|受理|制发|印发|废止|发过|收过|发(?:$|[了的哈呢啊])|出(?:$|过)|$|[了哈呢啊]$)"
    r"|不(?=制发|印发|制定|出台)|不涉及|没人|无人|没有人|未发生|未出现|未|无|尚无|均无|不存在"
)
# 「规章我们没权限制定」「没有制发权限」: the body cannot make them, so none (a negation of the row).
NO_POWER = re.compile(
    r"(?:没有?|无|不具备|不具有)(?:制定|制发|立法)?的?(?:权限|权力|职权|资格|权)(?:制定|制发)?的?"
    r"|无权(?:制定|制发)|没(?:有)?(?:权|资格)(?:制定|制发)|不能制定|制定不了"
    r"|(?<=规章)(?:这一?项|这块|方面)?(?:不适用|不涉及)"  # 「规章不适用」: a body that makes none
)
# 「均为自然人」「全部予以公开」「结果维持」: the previous number applies to this row / column.
_NAMED_RESULT = "".join(  # 「采矿权出让结果」「中选结果」: the result of something else, no all-of
    f"(?<!{w})"
    for w in (
        "出让",
        "中选",
        "检查",
        "抽查",
        "审批",
        "评估",
        "考核",
        "招标",
        "拍卖",
        "监测",
        "调查",
        "验收",
        "评审",
        "检测",
        "考试",
        "录取",
        "选举",
        "评比",
        "公示",
        "办理",
    )
)
ALL_OF = re.compile(rf"均|全部|都|全都|一律|{_NAMED_RESULT}结果|全(?=是|为|系|属|给|公开|答复|办)")
CASE_OF = re.compile(  # 「复议有1件，就是个人不掌握那件，……」: which application a case was about, no 表二 value
    r"(?:(?<=^)|(?<=[，,。；;]))(?:就|也|即)?是[^，,。；;\d]{1,14}?那(?:1|一)?[件个](?:申请)?(?=$|[，,。；;])"
)
SUIT_WORD = re.compile(r"复议|诉讼|起诉|告到|告了")
# Phrases with numerals that are names, not numbers (masked before number extraction).
WE_HOLD_NONE = r"(?:我们|我局|本局|本机关|我们单位)(?:这里?|这边)?(?:也|都)?没有"  # 「我们这没有」
REFERENCE = (
    r"(?:不在|不包括在?|没算在|不算在|没包括在|未包括在|没有算在)(?:上面|前面|刚才|之前)(?:说|讲|报)?的?[0-9一二两三四五六七八九十]+件"
    r"|(?:上面|前面|刚才|之前)(?:说|讲|报)?的?[0-9一二两三四五六七八九十]+件(?=[里中内]?(?:不包括|不含|没算|没包括|不算))"
    r"|(?:这|那)(?:[0-9一二两三四五六七八九十]+|俩|几)件(?=(?:都|也)?(?:不在|不包括在?|没算在|不算在|没包括在|未包括在|没有算在)"
    r"(?:上面|前面|刚才|之前))"  # 「这两件不算在上面的6件里」: the two just said, pointed at
    r"|(?:不在|不包括在?|没算在|不算在|没包括在|未包括在)(?:上面|前面|刚才|之前)(?:说|讲|报)?的?(?:那些|那几件)?(?:里面|里头|里|中|之内|当中)"
)
NAMED_NUMERALS = re.compile(
    r"三安全一稳定|三类内部|四类过程|一事一申请|一次性|同一个?(?:人|申请人|单位|公司|事项)"
    r"|(?<=费)一项(?=就|是|为|共|收|合计)"  # 登记费一项就是…: that item
    r"|(?<!\d)\d{5}(?=(?:政务)?(?:服务)?(?:便民)?(?:服务)?(?:热线|专线|平台))"  # 12345热线: a line's name, no count
    rf"|{REFERENCE}"  # 「这件不在上面的4件里」「上面说的13件不包括这件」: a count said before, pointed at
)

# ---------------------------------------------------------------- exact labels (ledger)

_APPLICANT_SYNONYMS: dict[str, tuple[str, ...]] = {
    "natural_person": ("自然人", "个人", "公民", "群众", "市民", "居民", "村民", "老百姓", "百姓"),
    "commercial_enterprise": ("商业企业", "企业", "公司", "法人或其他组织商业企业"),
    "research_institution": ("科研机构", "科研院所", "研究机构", "法人或其他组织科研机构"),
    "social_welfare_org": ("社会公益组织", "公益组织", "公益协会", "基金会", "法人或其他组织社会公益组织"),
    "legal_service_org": ("法律服务机构", "律师事务所", "律所", "律师", "法人或其他组织法律服务机构"),
    "other_org": ("其他组织", "其他", "其他单位", "村委会", "居委会", "法人或其他组织其他"),
}

_OUTCOME_SYNONYMS: dict[str, tuple[str, ...]] = {
    "results.granted": ("公开", "全部公开", "同意公开", "准予公开", "已公开"),
    "results.partially_granted": ("部分公开", "区分处理"),
    "results.withheld.state_secret": ("国家秘密", "涉密", "涉及国家秘密"),
    "results.withheld.other_law_prohibits": ("法律行政法规禁止公开", "其他法律法规禁止公开"),
    "results.withheld.three_security_one_stability": ("危及三安全一稳定", "三安全一稳定"),
    "results.withheld.third_party_rights": ("第三方合法权益", "涉及第三方合法权益"),
    "results.withheld.internal_affairs": ("三类内部事务信息", "内部事务信息"),
    "results.withheld.process_info": ("四类过程性信息", "过程性信息"),
    "results.withheld.enforcement_file": ("行政执法案卷", "执法案卷"),
    "results.withheld.admin_inquiry": ("行政查询事项", "查询事项"),
    "results.unable.not_held": (
        "本机关不掌握",
        "不掌握",
        "不掌握相关政府信息",
        "不掌握相关信息",
        "本机关不掌握相关信息",
        "信息不存在",
    ),
    "results.unable.needs_creation": ("需要另行制作", "需另行制作", "另行制作", "没有现成信息"),
    "results.unable.unclear_after_correction": ("补正后仍不明确", "补正后申请内容不明确"),
    "results.not_processed.petition_complaint": (
        "信访举报投诉",
        "信访举报投诉类",
        "信访类申请",
        "信访举报",
        "信访",
        "信访件",
        "信访投诉",
    ),
    "results.not_processed.duplicate": ("重复提交申请", "重复", "重复申请"),
    "results.not_processed.publication": ("公开出版物", "要求提供出版物", "出版物", "要求提供公开出版物"),
    "results.not_processed.massive_repeat": ("大量反复申请", "无正当理由大量反复"),
    "results.not_processed.confirm_or_reissue": ("确认或重新出具", "要求确认或重新出具", "重新出具"),
    "results.other.no_correction_overdue": ("逾期不补正", "逾期未补正", "无正当理由逾期不补正"),
    "results.other.fee_unpaid_overdue": (
        "逾期未缴费",
        "逾期未缴纳费用",
        "逾期未按收费通知要求缴纳费用",
        "逾期未缴纳信息处理费",
        "逾期不缴费",
    ),
    "results.other.other": (
        "其他处理其他",
        "申请人撤回",
        "撤回申请",
        "主动撤回",
        "申请人主动撤回",
        "已撤回",
        "撤回",
    ),
}
_GROUP_LABEL = {
    "results.withheld.": spec.WITHHELD,
    "results.unable.": spec.UNABLE,
    "results.not_processed.": spec.NOT_PROCESSED,
    "results.other.": spec.OTHER,
}
_LABEL_NOISE = re.compile(r"[\s\-—－–_:：/／·.、，,()（）\[\]【】“”\"'‘’]+")
_NUMBERING = re.compile(r"^(?:[（(]?[一二三四五六七八九十]+[）)、.]|\d+[.、])")
_INNER_NUMBERING = re.compile(r"[（(][一二三四五六七八九十]+[）)]|(?<!\d)\d{1,2}[.、．](?!\d)")


def normalise_label(text: str) -> str:
    """A ledger label in canonical form: half-width, no numbering, spaces, brackets or separators."""
    s = to_halfwidth(str(text)).strip()
    s = _INNER_NUMBERING.sub("", _NUMBERING.sub("", s))  # （三）不予公开 1.属于国家秘密
    return _LABEL_NOISE.sub("", s)


def _strip_group(label: str) -> str:
    return _NUMBERING.sub("", label)


@cache
def outcome_labels(version: str = spec.FORMAT_2021) -> dict[str, str]:
    """Normalised outcome label → result row key of `version` (official labels and synonyms)."""
    out: dict[str, str] = {}
    for row, path in spec.t2_rows(version):
        if not row.startswith("results.") or row == "results.total":
            continue
        leaf = _NUMBERING.sub("", path[-1])
        names = {leaf, *(_OUTCOME_SYNONYMS.get(row, ()))}
        if row == "results.other.other":
            names.discard("其他")  # bare 其他 is ambiguous; 其他处理-其他 is listed
        group = next((g for p, g in _GROUP_LABEL.items() if row.startswith(p)), None)
        for name in names:
            out[normalise_label(name)] = row
            if group and group != path[-1]:
                out[normalise_label(_strip_group(group) + name)] = row
    if version == spec.FORMAT_2019:
        for row in _OTHER:
            for name in _OUTCOME_SYNONYMS[row]:
                out[normalise_label(name)] = "results.other_2019"
        out[normalise_label("其他处理")] = "results.other_2019"
    return out


@cache
def applicant_labels() -> dict[str, str]:
    """Normalised applicant type → Table 2 column key."""
    out: dict[str, str] = {}
    for col, names in _APPLICANT_SYNONYMS.items():
        for name in names:
            out[normalise_label(name)] = col
    return out


def outcome_examples(version: str = spec.FORMAT_2021) -> str:
    """Accepted outcome labels in short form, for messages that list what is accepted."""
    names = []
    for row, _ in spec.t2_rows(version):
        if not row.startswith("results.") or row == "results.total":
            continue
        rdef = ROW_BY_KEY.get(_A + row)
        name = rdef.name.split("·")[-1] if rdef else "其他处理"
        group = next((g for p, g in _GROUP_LABEL.items() if row.startswith(p)), None)
        names.append(f"{_strip_group(group)}-{name}" if group else name)
    return "、".join(names)
