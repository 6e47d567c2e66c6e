"""Clause accounting: every clause of a message ends as a proposal, narrative, a question about it,
or is said back as not understood (「这部分没能理解：……」). Pure; the same for the rules and the LLM.

A clause counts as accounted for when most of its characters lie inside the source phrase of a
proposal, a narrative text, or a phrase quoted in a question or note of the extraction. Fillers
(「好的」「我们是县级部门」) are not material and need no account.
"""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.intake import narrative as N
from assistant.intake.lexicon import CASE_OF, COLUMNS, REFERENCE, ROW_BY_KEY, SUIT_WORD, T3, WE_HOLD_NONE
from assistant.intake.model import Extraction
from assistant.intake.phrases import find_col, find_row, numbers

_CLAUSE = re.compile(r"[^，,。；;！!？?\n：:（）()]+")
_QUOTED = re.compile(r"“([^”]{2,})”")
_FILLER = re.compile(
    rf"^(?:(?:这件|这一件|这个|那件)?(?:{REFERENCE})(?:里|中|内|里面|当中|之内)?(?:不包括|不含|没算|没包括|不算)?(?:这|那)?(?:一)?件?|嗯+|啊|哦|好的?|对的?|是的|(?:哦|噢|喔|啊|嗯)?对了|那个|这个|然后|另外|还有|就这些|就这样|没了|谢谢|麻烦了?|你好|您好"
    r"|(?:先|再|接着|下面)?(?:说|讲|填)?(?:一下)?[^，。]{0,8}(?:那张表|那个表|这张表|这个表|表的数|那张表的数|表格)(?:吧|的|的话)?"
    r"|(?:主动公开|依申请公开?|复议诉讼)的?(?:统计)?表(?:格|一|二|三)?(?:的数)?|表[一二三123]"  # 「主动公开表：」
    r"|我?(?:刚才|前面|上面|之前)?[^，。\d]{0,6}?也?(?:说错了|搞错了|写错了|弄错了|填错了|记错了|数错了|看错了|算错了|看错行了|记混了|搞混了|弄混了|不对)(?:了|啊|哦)?|更正一下|改一下"
    r"|我?(?:查|看|核)(?:了)?一下|我?(?:查|看|翻|核对)(?:了|过)(?:一下)?(?:去年|上年)的?(?:报告|年报|台账|登记本)|(?:所以|就|因此)?(?:没(?:有)?(?:提供|给)|不再处理|没法提供|提供不了)(?:了)?"
    r"|(?![^，。]*(?:转|交给|交由|移交|提交|向|给|到|由|告知|让|对|和))(?:你好|您好)?(?:我是|我们是|这里是|这边是)?"
    r"[\u4e00-\u9fff]{1,6}(?:局|委员会|委|办公室|政府|街道办?|镇|乡)(?:办公室)?(?:本级|本部|机关)?的?"
    r"|(?:来|要|想)?(?:填|写|弄|做)?(?:一下)?(?:20\d\d年度?的?|(?:去年|今年|上年|本年)的?)?年报|20\d\d年度?的?(?:年报|年度报告)?"
    r"|(?:台账|表)(?:我)?(?:先|等会|马上)?(?:传|发|上传)(?:一下)?|我先(?:传|发|上传)(?:一下)?台账"
    r"|我?(?:先|马上|现在)?把?[^，。\d]{0,10}台账(?:给你|给您)?(?:传|发|上传)(?:上来|过来|上去|给你|一下)?"  # 「我把今年的依申请台账传上来」
    r"|(?:主动公开|依申请(?:公开)?|复议诉讼|复议和诉讼|表[一二三])?的?(?:我|我们)?(?:先|再|接着|下面|现在)(?:来)?(?:说|讲|报)(?:一下|下)?"
    r"|我们是[^，。]{0,12}|我们单位是[^，。]{0,12}|[^，。]{0,6}(?:县级|市级|乡镇|省级)(?:部门|单位|政府)[^，。]{0,4}"
    r"|(?:等一下|等等|稍等|等会儿?)?(?:我|让我)?(?:再)?(?:查|看|找|翻|问|核对)(?:一下|一查|一看|看)[^，。\d]{0,10}|(?:查|找|问)到了|好了|行|可以|嗯嗯"
    r"|(?:今天|那就|那|就)?先(?:这样|到这里?|弄到这)(?:吧|了)?|回头再(?:说|弄|补)|(?:今年|去年)?的?年报我(?:来)?(?:弄|填|写|做)(?:一下)?"
    r"|(?:先|再|接着)(?:弄|填|说|报)(?:一下)?[^，。\d]{0,6}(?:那块|这块|部分)|办理(?:结果|情况)|今年办的|在吗|在不在|按[^，。\d]{1,6}分(?:的话)?|(?:依申请|主动公开|复议诉讼)?的?(?:数据|数字)(?:我)?(?:先)?(?:按[^，。\d]{1,4})?(?:报|说|分)|[^，。\d]{0,12}(?:什么意思|怎么写|怎么填|怎么算|如何填写?|填哪(?:里|儿|一栏|栏))(?:呢|啊|呀)?|(?:那|好)?(?:就)?开始(?:填|弄|写|录)?(?:吧|了|啦)?|(?<=年报)(?:的)?数据|我?(?:一件一件|一个一个|挨个|逐件|逐个)(?:地|的)?(?:说|讲|报|来说?)"
    r"|(?:表[一二三123]|主动公开|依申请(?:公开)?|复议诉讼)(?:的话|这块|这边|方面|部分))+$"
)
_WHEN = re.compile(r"^(?:本年度|本年|今年|全年)")


def only_talk(text: str) -> bool:
    """Every clause is talk about the conversation (「卫健委的年报，依申请的我先说」「我把台账传上来」):
    no report text, and nothing left to say back."""
    clauses = [_NOISE.sub("", m.group()) for m in _CLAUSE.finditer(text)]
    talk = [c for c in clauses if len(c) >= 3 and _FILLER.match(c)]  # a bare 「没有」 answers, it is no talk
    return bool(talk) and all(len(c) < 3 or c in talk for c in clauses)


_COUNT_ONLY = re.compile(
    r"^[^，。\d是有]{0,6}?[0-9一二两三四五六七八九十百]+(?:件|家|起)$"
)  # 「一季度18件」「个人62件」


def talk_and_counts(text: str) -> bool:
    """「依申请的数据我先按季度报：一季度18件，二季度22件……」: talk and bare counts only, no report text (the
    counts are the table's)."""
    clauses = [_NOISE.sub("", m.group()) for m in _CLAUSE.finditer(text)]
    counts = [c for c in clauses if _COUNT_ONLY.match(c)]
    return bool(counts) and all(len(c) < 3 or c in counts or _FILLER.match(c) for c in clauses)


_NOISE = re.compile(r"[\s、“”\"'‘’…—~～]+")
COVERED_SHARE = 0.5
_STILL_OPEN = re.compile(  # 「还有1件12月底收的，现在还在办」 read as 结转下年度: its words need no account
    r"^(?:(?:现在|目前|至今|到现在|年底)?(?:都)?(?:还|仍|尚)(?:在办理?|没有?办完|未办结|在处理)中?呢?"
    r"|(?:还有)?(?:[0-9一二两三四五六七八九十]+件)?是?(?:12|十二)月(?:底|下旬|末|份|[0-9]{1,2}[日号])?才?(?:收|接)到?的)$"
)
_ASKED_CORRECTION = re.compile(  # 「另一件让他补正材料」 before 「……过了期限就不再处理了」 read as 逾期不补正
    r"^(?:另一件|另外一件|这件|那件|一件|还有一件)?(?:我们)?(?:让|要|叫|请|通知|告知|要求)(?:他|她|对方|申请人)(?:去)?补(?:正|充|交|齐)?(?:了)?(?:材料|资料)?$"
)
_WHAT_ASKED = re.compile(
    r"要的是|问的是|查的是|申请的是|想要的是|要我们|要求我们|让我们|是查|是要|来(?:问|要|查|申请)"
)
_TOLD_THEM = re.compile(  # 「就答复他了」「告诉他按不动产登记的程序去查了」: the answer given, its row said
    r"^(?:就|已经?|也|都)?(?:答复|回复|告知|告诉|通知)(?:了)?(?:他|她|对方|申请人)(?:们)?[^，。\d]{0,16}$"
)
_WRONG = re.compile(r"(?:不是|并非|而非)[0-9一二两三四五六七八九十]+(?:件|个)?")


def unaccounted(message: str, ex: Extraction) -> list[str]:
    """The clauses of `message` that nothing in `ex` accounts for, in order."""
    covered = [False] * len(message)
    phrases = [p.source for p in ex.proposals] + [n.text.rstrip("。") for n in ex.narrative]
    for text in (*ex.questions, *ex.notes):
        phrases += _QUOTED.findall(text)
    for phrase in phrases:
        for piece in _CLAUSE.findall(phrase):
            piece = piece.strip()
            if len(piece) < 2:
                continue
            start = message.find(piece)
            if start < 0 and (when := _WHEN.match(piece)):  # 「今年的问题是……」 filed as 「今年……」
                piece = piece[when.end() :]
                start = message.find(piece) if len(piece) >= 2 else -1
            while start >= 0:
                covered[start : start + len(piece)] = [True] * len(piece)
                start = message.find(piece, start + 1)
    for w in _WRONG.finditer(message):  # 「公司不是5件是6件」: the value corrected, with the new one read
        if any(covered[w.end() : w.end() + 3]):
            covered[w.start() : w.end()] = [True] * (w.end() - w.start())
    open_said = any(p.key.startswith("applications.carried_to_next.") and p.value for p in ex.proposals)
    filled = {p.key.rpartition(".")[0] for p in ex.proposals} | {p.key for p in ex.proposals}
    lapsed = any(".other.no_correction_overdue." in p.key and p.value for p in ex.proposals)
    out = []
    for m in _CLAUSE.finditer(message):
        text = m.group().strip()
        core = _NOISE.sub("", text)
        if (
            len(core) < 3
            or _FILLER.match(core)
            or (open_said and _STILL_OPEN.match(core))
            or (lapsed and _ASKED_CORRECTION.match(core))
            or _only_named(text)
            or N.other_heading(text)
            or _row_heading(core)
            or _type_agreed(core)
            or _names_filled(core, filled)
            or (ex.proposals and _TOLD_THEM.match(core))
            or (CASE_OF.fullmatch(text) is not None and SUIT_WORD.search(message) is not None)
        ):
            continue
        share = sum(covered[m.start() : m.end()]) / max(1, len(m.group()))
        if share and _WHAT_ASKED.search(core):
            continue  # 「有两件要的是征地补偿方案」: its count filed, the rest says what was asked for
        if share < COVERED_SHARE:
            out.append(text)
    return out


_HEADING_TAIL = re.compile(r"^(?:这一?块|这边|方面|的话|情况|部分)?$")


def _row_heading(clause: str) -> bool:
    """「处罚这块」「许可方面」 before the numbers: names the table row the next clauses fill."""
    m = find_row(clause, weak=False)
    return bool(
        m
        and (hit := m.pattern.search(clause))
        and hit.start() == 0
        and _HEADING_TAIL.match(clause[hit.end() :])
    )


_COUNTS_AS = re.compile(
    r"^(?P<who>[\u4e00-\u9fff]{1,8}?)(?:的|那[件个些]|这[件个些])?(?:都|也)?(?:算|归|记)(?:到|为|作|成|入)?(?:是)?"
    r"(?P<type>[\u4e00-\u9fff]{2,8}?)(?:里|里面|一栏|那一?栏)?(?:吧|吗|对吧|是吧|的)?$"
)


def _type_agreed(clause: str) -> bool:
    """「合作社的算其他组织吧」: how the clerk files an applicant, the same type its words were read as."""
    m = _COUNTS_AS.match(clause)
    if not m:
        return False
    row = ROW_BY_KEY["applications.new_received"]
    col = find_col(row, m.group("type"), default=False)
    return col in spec.T2_APPLICANT_COLUMNS and find_col(row, m.group("who"), default=False) == col


def _names_filled(clause: str, filled: set[str]) -> bool:
    """「同样按查询处理」「让重新答复」: a clause without a number whose words only name the row (or 表三
    outcome) a number of the message was filed in — the reason for that filing, accounted by it."""
    if numbers(clause):
        return False
    if _NOT_HELD_END.search(clause):  # 「那个是市场监管局查处的我们没有」 after 「一件问的是……」
        return "applications.results.unable.not_held" in filled
    row = find_row(clause, weak=False)
    if row is not None:
        return row.key in filled
    outcome = next((col for col, p in COLUMNS[T3] if col != "total" and p.search(clause)), None)
    return outcome is not None and any(
        k.endswith("." + outcome) and not k.startswith("applications.") for k in filled
    )


_NOT_HELD_END = re.compile(rf"{WE_HOLD_NONE}$")


def _only_named(clause: str) -> bool:
    """「平台建设方面」「监督保障」 before a comma or colon: a filing instruction, not material."""
    return N.named_topic(clause + "，") is not None and N.strip_named(clause + "，") == clause + "，"


def not_understood_line(clauses: list[str]) -> str:
    shown = "”“".join(clauses[:5]) + ("”等" if len(clauses) > 5 else "”")
    return f"这部分没能理解：“{shown}。请换个说法，或告诉我它属于表格的哪一项、年报的哪一部分。"
