"""Narrative facts: sort free text into the narrative keys of the report by keywords.

Pure. Section 五 words (问题 / 下一步 …) win over topic words, because 「下一步将加强政务新媒体管理」 is
an improvement, not a platform fact. Otherwise the 总体情况 sub-area with the most keyword hits wins.
"""

from __future__ import annotations

import re

from assistant.core import spec

_SUBAREA_WORDS: dict[str, tuple[str, ...]] = {
    "active": ("主动公开", "政策解读", "解读", "公开目录", "发布信息", "信息发布", "重点领域", "新闻发布", "公开指南"),
    "on_request": ("依申请", "申请办理", "答复", "申请渠道", "受理申请", "办理流程", "申请公开", "申请比",
                   "申请量", "申请数", "集中申请", "申请减少", "申请少", "申请增加", "申请多", "申请下降"),
    "info_mgmt": ("信息管理", "公开属性", "源头认定", "动态调整", "文件清理", "清理", "保密审查", "公开前审查",
                  "信息更新", "规范性文件管理", "档案"),
    "platform": ("网站", "平台", "新媒体", "公众号", "微博", "专栏", "政务服务网", "公开栏", "查阅点", "大厅",
                 "客户端", "小程序"),
    "supervision": ("考核", "培训", "监督", "评议", "责任追究", "督查", "保障", "绩效", "问责", "工作机制",
                    "领导小组"),
}  # fmt: skip
SUBAREAS = tuple(_SUBAREA_WORDS)
_OTHER_WORDS = ("信息处理费", "人大代表建议", "政协提案", "建议提案", "工作要点", "创新", "其他需要报告")
SIX = re.compile(  # section 六's own matters: they win over the question asked (「处理费没收过」 under 监督保障)
    r"(?<!缴纳)(?<!缴纳信息)(?<!缴)(?<!缴信息)(?:信息)?处理费|人大(?:代表)?建议|政协(?:委员)?提案|建议提案|建议和提案|提案建议"
)
_NOT = r"(?<!没有)(?<!没)(?<!未)(?<!无)(?<!不)(?<!防止)(?<!避免)"  # 「没有超期」 is no problem
_PROBLEM = re.compile(
    r"问题|不足|短板|差距|不够|有待|欠缺|薄弱|滞后|不到位|不及时|不规范"
    r"|尚未(?!办结|审结|答复|结案)|还(?:没有?|未)(?:全部|完全)|未能|未全部"
    # what section 五 is about beyond the words above: a weakness said plainly (「形式比较单一」「意识还不强」)
    r"|单一|不强|不高|不深|不细|不全面|不完善|不健全|不统一|不充分|不均衡|不平衡|参差不齐|流于形式|意识淡薄"
    rf"|{_NOT}(?:超期|超时|超过时限|超过期限|延误)|仍需|亟待|需要加强|还需加强|不熟|不精"
)
_IMPROVE = re.compile(
    r"下一步|今后|改进|整改|将进一步|将继续|将加强|将持续|拟|计划于|明年|针对(?:上述|以上|这些)?问题"
)
_SENTENCE = re.compile(r"[^。！？!?\n；;]+[。！？!?；;]?")
MIN_CHARS = 6
# 「其实是反映村干部的问题，按信访转过去了」: what an applicant raised, no weakness of the office's work
TOLD_ABOUT = re.compile(r"(?:反映|举报|投诉|咨询|询问|问)(?:了|的是)?[^，,。；;！!？?]{0,14}?问题")


def classify(text: str) -> str | None:
    """The narrative key a sentence belongs to, or None if it says nothing recognisable."""
    if len(text.strip()) < MIN_CHARS:
        return None
    if any(w in text for w in _OTHER_WORDS) or SIX.search(text):
        return "other"
    if _IMPROVE.search(text):
        return "improvements"
    if _PROBLEM.search(TOLD_ABOUT.sub("某事", text)):
        return "problems"
    if published(text):
        return "active"
    scores = {key: sum(text.count(w) for w in words) for key, words in _SUBAREA_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else None


_CHANNEL = re.compile(
    r"网站|公众号|微博|新媒体|专栏|客户端|小程序|抖音|视频号|头条号|政务服务网|公开栏|公告栏|电子屏"
)
_PUBLISH = re.compile(
    r"发布|刊发|推送|推出|公示|公布|发了|推了|发出|转载|更新了?[^，。；]{0,6}(?:信息|内容)|(?:发|推|更新)[^，。；]{0,8}[条篇期]"
    r"|公开(?:了)?(?:各类|政府)?信息[^，。；\d]{0,4}?[0-9一二两三四五六七八九十百千]+\s*(?:多|余)?条"  # 「公开信息186条」
)
_BUILD = re.compile(
    r"改版|上线|开通|新建|建设|建成|改造|升级|维护|开设|新开|设立|设置|整合|迁移|关停|注销|优化|适老化|无障碍|搭建|备案"
)


def published(text: str) -> bool:
    """「公众号发了二百来条」「网站发布信息三百多条」: publishing through a channel is 主动公开 material;
    building or keeping the channel (改版、上线、维护) is 平台建设."""
    if _BUILD.search(text):
        return False
    return bool(_CHANNEL.search(text) and _PUBLISH.search(text) or _ISSUES.search(text))


# 「惠农补贴发放的公示一共15期」: issues of a notice counted, no channel named
_ISSUES = re.compile(r"(?:公示|公告|通告|简报|专刊)[^，。；\d]{0,6}?[0-9一二三四五六七八九十百]+\s*期")


BOTH = "problems+improvements"
_NAMES: tuple[tuple[str, str], ...] = (
    (
        BOTH,
        r"问题和改进|问题与改进|问题及改进|问题和整改|问题和下一步(?:打算|计划|措施)?|问题和打算|存在的?(?:主要)?问题(?:及|和|与)改进情况",
    ),
    ("on_request", r"依申请公开|依申请"),
    ("active", r"主动公开"),
    ("info_mgmt", r"政府信息管理|信息管理"),
    (
        "platform",
        r"政府信息公开平台建设|平台建设|公开平台|平台|网站|政务新媒体|新媒体|公众号",
    ),  # 「网站这块，」
    ("supervision", r"监督保障|监督|保障"),
    (  # 「去年报告说的问题，……今年新配了1名专职人员」: last year's problems followed up is 改进情况
        "improvements",
        r"改进情况|改进措施|改进|整改情况|整改|下一步"
        r"|(?:去年|上年|上一年度?)的?(?:年报|报告|年度报告)?(?:里|中|上)?(?:说|提|指出|讲|写|列)(?:到|出)?的(?:那些|几个)?(?:问题|不足)",
    ),
    ("problems", r"存在的?(?:主要)?(?:问题|不足|短板)|问题和不足|(?:主要)?问题|不足"),
    ("other", r"其他需要报告的事项|其他事项|其他(?=里面?|那一?块|部分|中)"),
)
_OPENER = (  # 「二、依申请公开：」「另外监督方面」「至于依申请，」
    r"^(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)]|\d{1,2}[.、．])?\s*"
    r"(?:(?:ok|OK|Ok|好的|好|嗯|哦)[，,\s]+)?"  # 「ok 问题的话……」: a filler before the part's name
    r"(?:(?:一、)?总体情况(?:里面?|中|部分|的)?)?"  # 「总体情况里主动公开写一下：」: the part inside section 一
    r"(?:另外|此外|还有个?|再就是|同时|然后|最后|接下来|再|对了)?(?P<when>本年度|本年|今年|全年)?"
    r"(?:另外|此外|还有|再就是|同时|然后|对了)?"
    r"(?:我们(?:局|单位)?|我局|本局|局里)?的?"  # 「我们局的问题和下一步打算：」
    r"(?:在|关于|至于|说说|再说|说一下|说下|讲讲|还有|我?先说|我?先讲|下面说)?(?:"
)
_PART = r"(?:方面|情况|工作|这块|这一块|那块|那一块|这边|那边|这部分|部分|上)"
_TELL = r"(?:(?:这段|那段)?(?:再)?(?:加一句|补充一句|补一句|补充)|我一起说|一起说|我合在一起说|合在一起说|我说一下|说一下|说下|讲一下|汇报一下|简单说说|写一下|记一下|要写|要说|要补充|的话)"
_FILLER = r"(?:吧|啊|呢|哈|嘛|呀)?"
_NAMED = re.compile(
    _OPENER + "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_NAMES)) + r")"
    rf"(?:工作)?(?:{_PART}?{_TELL}?{_FILLER}(?:主要)?(?:是|有|包括)?\s*[，,：:]"
    rf"|(?:方面|这块|这一块|那块|那一块|这边|那边|的话|上(?![线传报级门网]))(?:的话)?{_FILLER}(?![，,：:])"
    r"|(?=主要(?:是|有|在于|表现在))"
    r"|(?<=问题|不足|短板|措施|改进|整改)(?:主要)?是(?![，,：:]))"  # 「问题是个别科室……」「改进措施是……」
)  # 「主动公开这块主要是……」 without a comma
NAMES = _NAMES
_PLACE = re.compile(
    r"(?:放到|放在|放进|归到|归入|移到|改到|挪到|应该是|应属于|属于|(?<![开发播投释存解排])放"
    r"|(?:这|那|这个|那个|这些|这段|那段|这条|那条|这句|那句|它)(?:是|算|应该是)|不是[^，,。]{0,12}[，,]\s*(?:而|应该)?是)(?:“|「)?"
    r"(?:" + "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_NAMES)) + ")"
)
_NOT_THERE = re.compile(r"(?:别|不要|不用|不该|不能|没)$")  # 「你别放到信息管理」 names where it is not
MISPLACED = re.compile(r"放错|弄错了?地方|不是这一?部分|不属于这一?部分|归错")


_HEADING = re.compile(
    _OPENER + "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_NAMES)) + r")"
    r"(?:工作)?(?:情况|方面|工作|的情况)?[。.：:\s]*$"
)


_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)])[^\d，,；;。：:]{2,24}"
    r"(?<=情况|事项|工作|建设|管理|保障|公开|复议|诉讼|表格)[。.：:]?$"  # a heading's ending, not 「二、信息更新慢」
)


def heading(sentence: str) -> str | None:
    """A sentence that is only a part's name (「（三）政府信息管理。」 in a pasted draft): it names the
    part of the sentences after it and is no material itself."""
    m = _HEADING.match(sentence.strip())
    return _key_of(m) if m else None


def other_heading(sentence: str) -> bool:
    """「二、主动公开政府信息情况。」「三、复议诉讼情况」: a numbered heading of a part that is no
    narrative part (the tables, 总体情况); what follows is not the part named before it."""
    return (
        heading(sentence) is None
        and named_topic(sentence) is None
        and bool(_NUMBERED.match(sentence.strip()))
    )


def named_topic(sentence: str) -> str | None:
    """The part a sentence names at its start: 「平台建设方面，」「监督保障：」「问题和改进我一起说：」."""
    m = _NAMED.match(sentence.strip())
    return _key_of(m) if m else None


_IMPROVE_LEAD = re.compile(
    r"^(?:这个|这些|这方面|对此|为此|我们|我局|局里)?(?:下一步|明年|今后|接下来|针对(?:上述|以上|这些)?问题|我们将|将进一步|将加强)"
)
_SWITCH = re.compile(r"^(?:另外|此外|还有|再就是|同时|至于|关于|然后|最后|再说|说说|接下来)")
_CLAUSES = re.compile(r"[^，,]+[，,]?")


def split_topics(sentence: str, named: str | None = None) -> list[str]:
    """「网站那块今年换了新版，另外监督方面我们开了两次培训会」: a sentence cut where a clause names
    another part after a connector (另外/至于/还有…), or names it as a part (「监督保障方面，」); under
    problems (named here or, as `named`, earlier in the message) a 下一步/明年 clause starts the plans."""
    parts: list[str] = []
    for m in _CLAUSES.finditer(sentence):
        clause = m.group()
        key = named_topic(clause) if parts else None
        explicit = key and (_SWITCH.match(clause) or _PART_NAMED.match(clause))
        lead = (named_topic(parts[0]) or named or classify(parts[0])) if parts else None
        explicit = explicit or (lead in ("problems", BOTH) and _IMPROVE_LEAD.match(clause))
        if parts and not explicit:
            parts[-1] += clause
        else:
            parts.append(clause)
    return [p.rstrip("，,") for p in parts if p.strip("，, ")]


_PART_NAMED = re.compile(
    r"^(?:主动公开|依申请(?:公开)?|政府信息管理|信息管理|(?:政府信息公开)?平台(?:建设)?|监督(?:保障)?|存在的?(?:主要)?问题"
    r"|改进(?:情况|措施)|网站|公众号|(?:政务)?新媒体)"
    r"(?:工作)?(?:方面|这块|那块|这一块|那一块|这边|那边)"
)


_TAIL = re.compile(  # 「……，这个算监督保障吧」「……，这是依申请的」「……，这个放平台建设」
    r"[，,\s]\s*(?:这个|这些|这段|这条|这|它)(?:也|就)?(?:应该|应当)?(?:算|是|放|归|属于)(?:到|在|进|入)?(?:"
    + "|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_NAMES))
    + r")(?:工作)?(?:那一?块|这一?块|方面|部分|那部分|里面?|中)?(?:的)?(?:吧|啊|呢|哈)?[。.!！]?\s*$"
)
_POINTING = re.compile(r"^(?:这|那|它|刚才|刚刚|上面|前面|第[一二两三四五12345])")


def tail_named(message: str) -> tuple[str, str] | None:
    """(key, material) when the part is named at the end of the material (「每季度听一次汇报，这个算监督
    保障吧」); None for a filing instruction about saved text (「放错了，这是平台的」「这段不是……」)."""
    m = _TAIL.search(message.strip())
    if not m:
        return None
    body = message.strip()[: m.start()].strip()
    key = _key_of(m)
    if key is None or key == BOTH or len(body) < MIN_CHARS or MISPLACED.search(body):
        return None
    if _POINTING.match(body) or placed_topic(body):
        return None
    return key, body


def placed_topic(message: str) -> str | None:
    """「这个放到存在的问题里」: the part the user moves material to."""
    for m in _PLACE.finditer(message):
        if not _NOT_THERE.search(message[: m.start()]):
            return _key_of(m)
    return None


def _key_of(m: re.Match[str]) -> str | None:
    for i, (key, _) in enumerate(_NAMES):
        if m.group(f"k{i}"):
            return key
    return None


_FIVE_LEAD = re.compile(
    r"^(?:但是?|不过|同时)?[，,]?(?:存在的?(?:主要)?(?:问题|不足)|问题|不足之处|不足的地方|不足)"
)


def five_lead(sentence: str) -> str | None:
    """「存在问题是……」「下一步将……」 opening a sentence after another part was named: section 五 starts."""
    if _IMPROVE_LEAD.match(sentence.strip()):
        return "improvements"
    return "problems" if _FIVE_LEAD.match(sentence.strip()) else None


def home_of(named: str, sentence: str) -> str:
    """The key of a sentence under a named part (problems and improvements told together)."""
    if named == "problems" and _IMPROVE_LEAD.match(strip_named(sentence)):
        return "improvements"  # 「存在的问题主要是……，明年会加强法制审核」
    if named != BOTH:
        return named
    return "improvements" if _IMPROVE.search(strip_named(sentence)) else "problems"


def strip_named(sentence: str) -> str:
    """The sentence without the part's name it starts with (the name is a filing instruction)."""
    m = _NAMED.match(sentence.strip())
    if m and any(
        (g or "").startswith(("去年", "上年", "上一年")) for k, g in m.groupdict().items() if k[1:].isdigit()
    ):
        return sentence.strip()  # 「去年报告说的问题，……」 says what the text follows up: kept whole
    rest = sentence.strip()[m.end() :].strip() if m else sentence
    if m and rest and m.group("when"):  # 「本年度主动公开这块，我们……」 keeps the clerk's 「本年度」
        rest = m.group("when") + rest
    return rest or sentence


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def classify_text(text: str) -> list[tuple[str, str]]:
    """(key, text) for each run of consecutive sentences with the same key; unclassified ones dropped."""
    out: list[tuple[str, str]] = []
    for sentence in split_sentences(text):
        key = classify(sentence)
        if key is None:
            continue
        if out and out[-1][0] == key:
            out[-1] = (key, out[-1][1] + sentence)
        else:
            out.append((key, sentence))
    return out


def label(key: str) -> str:
    return spec.NARRATIVE_LABELS[key]
