"""Sentence building blocks of the offline drafter: deterministic choice, lists, the staff's items.

Variants are chosen by a hash of agency + year + slot (stable across runs and machines), so one
agency's report reads the same every time and different agencies' reports do not read alike.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from decimal import Decimal

from assistant.core.numbers import extract_numbers, format_number
from assistant.drafting.followup import bigrams

CN_ORDINALS = "一二三四五六七八九十"
# Words an item may start with that make it a complete action (keep it as the staff wrote it).
_ACTION_STARTS = (
    "未", "无", "已", "均", "新", "对", "在", "按", "向", "为", "经", "从", "将", "全", "逐", "分",
    "通过", "依托", "利用", "结合", "围绕", "聚焦", "坚持", "严格", "持续", "及时", "主动", "依法",
    "专项", "集中", "季度", "月度", "年度", "全年", "本年", "主要",
)  # fmt: skip
VERBS = (
    "更新", "修复", "调整", "开展", "建立", "健全", "加强", "完善", "推进", "推动", "组织", "落实",
    "制发", "发布", "公开", "收到", "新收", "新增", "迁移", "开设", "约谈", "纳入", "检查", "规范",
    "优化", "印发", "编制", "举办", "参加", "设置", "设立", "上线", "改版", "清理", "梳理", "实行",
    "实现", "提升", "提高", "强化", "深化", "做好", "召开", "制定", "修订", "废止", "办结", "答复",
    "受理", "办理", "征求", "通报", "督促", "指导", "培训", "评估", "开通", "整合", "升级", "保障",
    "接受", "畅通", "拓展", "丰富", "创新", "解读", "张贴", "补充", "核验", "对标", "完成", "覆盖",
    "转化", "公布", "宣传", "推广", "跟踪", "归集", "配备", "明确", "扩大", "增加", "减少", "收取",
    "审查", "审核", "报送", "推行", "运用", "引导", "发挥", "加大", "压实", "形成", "实施",
)  # fmt: skip


def pick(seed: str, slot: str, options: Sequence[str]) -> str:
    """One of `options`, chosen by a stable hash of seed and slot."""
    digest = hashlib.sha256(f"{seed}|{slot}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def n(value: int | Decimal | None, unit: str = "件") -> str:
    return f"{format_number(value or 0)}{unit}"


def join_list(parts: Sequence[str]) -> str:
    """A、B、C (the official list separator)."""
    return "、".join(p for p in parts if p)


def sentence(text: str) -> str:
    text = text.strip().rstrip("，,；;、：:")
    if not text:
        return ""
    return text if text[-1] in "。！？" else text + "。"


_CREATING = (
    "建立",
    "健全",
    "完善",
    "制定",
    "编制",
    "推行",
    "实行",
    "落实",
    "执行",
    "印发",
    "出台",
    "修订",
    "优化",
    "更新",
    "坚持",
)
_INSTRUMENTS = ("台账", "制度", "机制", "清单", "范本", "流程", "体系")
_PROPOSALS = re.compile(r"^(?:办理|承办)?建议(\d+件)[、，和](?:办理|承办)?提案(\d+件)(.*)$")


def as_action(item: str) -> str:
    """The staff's item, made into a clause where that is safe; otherwise exactly as typed.

    Telegraphic notes are kept verbatim rather than guessed at: 县考核“良好” must not become an
    action. Only two safe rewrites: an instrument without a verb gets 建立 (解读回应台账), and the
    usual 建议N件、提案M件 is spelled out.
    """
    m = _PROPOSALS.match(item)
    if m:
        return f"承办人大代表建议{m.group(1)}、政协提案{m.group(2)}{m.group(3)}"
    if item in ("无建议提案", "无建议和提案"):
        return "无承办的人大代表建议和政协提案"
    if (
        item.endswith(_INSTRUMENTS)
        and not item.startswith(_CREATING + _ACTION_STARTS)
        and not any(verb in item for verb in _CREATING)  # 2025年建立…机制 has its verb
    ):
        return f"建立{item}"
    return item


def enumerate_items(items: Sequence[str]) -> str:
    """一是……；二是……。 for short items, plain sentences for long ones (the staff wrote sentences)."""
    items = [i.strip(" 。；;，,") for i in items if i.strip(" 。；;，,")]
    if not items:
        return ""
    if len(items) == 1 or len(items) > len(CN_ORDINALS):
        return "".join(sentence(i) for i in items)
    if sum(len(i) for i in items) / len(items) > 36:
        return "".join(sentence(i) for i in items)
    return sentence("；".join(f"{CN_ORDINALS[k]}是{item}" for k, item in enumerate(items)))


# How staff name what the table sentences state (收到 for 新收, 不掌握 for 无法提供 …).
SYNONYMS = (
    "｜制发｜废止｜现行有效｜处理决定｜许可｜处罚｜强制｜收到申请｜办结｜结转｜答复｜不掌握｜企业｜组织"
    "｜自然人｜比上年少｜比上年多｜较上年｜同比｜投诉类｜重复申请"
    "｜依申请｜接收｜转过来｜转来｜个人｜的还有"  # 依申请收了15件，上年转过来2件，转到明年的还有2件
)
_DEPENDENT = ("均", "其中", "并", "且", "另", "同时", "分别", "也")


# When, not what: 12月下旬1件结转 says no more than the 结转 figure.
_WHEN = re.compile(r"\d{1,2}月(?:[上中下]旬|底|末|初|份)?|\d{1,2}日|年底|年末|年初|年内|全年|本年度?")


def _restated_nil(clause: str, plain: str) -> bool:
    """无结转 / 全年无申请 after a data sentence saying 未收到申请、也没有上年结转的申请."""
    m = re.fullmatch(r"(?:无|未|没有)(\w{2,6})", _WHEN.sub("", clause).strip())
    if not m:
        return False
    if re.search(rf"(?:未|没有|无)[^。；，]{{0,12}}{re.escape(m.group(1))}", plain):
        return True
    head, tail = (
        re.escape(m.group(1)[:2]),
        re.escape(m.group(1)[2:][-2:]),
    )  # 未收到申请 ~ 未收到政府信息公开申请
    return len(m.group(1)) >= 4 and bool(
        re.search(rf"(?:未|没有|无)[^。；，]{{0,12}}{head}[^。；，]{{0,12}}{tail}", plain)
    )


def _redundant_clause(clause: str, stated_values: set, stated: str, plain: str = "") -> bool:
    numbers = [m for m in extract_numbers(clause) if m.is_quantity]
    if not numbers:
        return _restated_nil(clause, plain)
    if any(m.value not in stated_values for m in numbers):
        return False
    pairs = bigrams(re.sub(r"[0-9.．]+[件个项次条篇份名人]?", "｜", _WHEN.sub("｜", clause)))
    return not pairs or len(pairs & bigrams(stated)) / len(pairs) >= 0.5


def _echo(clause: str, plain: str) -> bool:
    """A clause without a number that only says an outcome the data sentence states (已公开 after
    予以公开1件)."""
    if extract_numbers(clause):
        return False
    core = re.sub(r"^(?:已经|已|均|都|也)|了$", "", clause.strip(" 。；"))
    return len(core) >= 2 and core in plain


def drop_repeats(item: str, stated: str, subject: str = "") -> str:
    """The staff item without the clauses that only repeat numbers already stated (收到23件，上年结转1件
    after the table sentence); "" when nothing new is left. `subject` names what the data sentence is
    about (上述申请): a clause left leaning on a dropped one (均按时答复) leans on it instead."""
    if not stated:
        return item
    stated_values = {m.value for m in extract_numbers(stated)}
    plain, stated = stated, stated + SYNONYMS
    clauses = [c for c in re.split(r"[，,]", item) if c.strip()]
    kept = [c for c in clauses if not _redundant_clause(c, stated_values, stated, plain)]
    if len(kept) < len(clauses):  # 收到1件，已公开: 已公开 only said what the dropped clause was
        kept = [c for c in kept if not _echo(c, plain)]
    if subject and kept and len(kept) < len(clauses) and kept[0].strip().startswith((*_DEPENDENT, "主要")):
        kept[0] = subject + kept[0].strip()  # 上述申请均在期限内答复
    if not subject and any(c.strip().startswith(_DEPENDENT) for c in kept):
        return item  # 均7个工作日内公开 needs the clause it leans on (with a subject: the applications)
    return "，".join(kept) if len(kept) < len(clauses) else item


def covered_by(data: str, items: Sequence[str]) -> bool:
    """Whether every number of a data sentence is already in the staff's items."""
    numbers = extract_numbers(data)
    if not numbers:
        return False
    given = {m.value for item in items for m in extract_numbers(item)}
    return all(m.value in given for m in numbers)
