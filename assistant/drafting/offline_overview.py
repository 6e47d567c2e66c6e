"""Offline drafting of 一、总体情况: an opening, then the five sub-areas, from the tables and notes."""

from __future__ import annotations

import re

from assistant.core import spec
from assistant.core.numbers import extract_numbers
from assistant.drafting.grounding import Grounding
from assistant.drafting.phrasing import (
    CN_ORDINALS,
    VERBS,
    as_action,
    covered_by,
    drop_repeats,
    enumerate_items,
    join_list,
    n,
    pick,
    sentence,
)

_OPENINGS = (
    "{year}年，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》（以下简称《条例》）和上级关于"
    "政务公开工作的部署要求，坚持以公开为常态、不公开为例外，扎实做好政府信息公开各项工作。",
    "{year}年，{agency}严格按照《中华人民共和国政府信息公开条例》（以下简称《条例》）的规定，"
    "围绕本机关中心工作推进政府信息公开，依法保障人民群众的知情权、参与权、表达权和监督权。",
    "{year}年，{agency}深入贯彻《中华人民共和国政府信息公开条例》（以下简称《条例》），"
    "落实上级政务公开工作要点，不断规范政府信息公开工作，持续提升政务公开质量和实效。",
)
_LEADS = (
    "主要做了以下工作：",
    "主要开展了以下工作：",
)
# Items that describe rather than report an action: written as sentences, not as 一是/二是.
_DESCRIPTIVE = ("申请", "主要", "其中", "全年", "本年", "年底", "年末", "截至")
GENERIC = {
    "active": "按照《条例》第二十条的规定，结合本机关职能做好政府信息主动公开，及时发布与群众切身利益"
    "密切相关的政策文件和工作信息。",
    "on_request": "严格按照《条例》规定的程序和时限受理、办理政府信息公开申请，依法依规作出答复。",
    "info_mgmt": "落实政府信息公开保密审查要求，对拟公开的政府信息依法审查，并对已公开的信息进行动态更新。",
    "platform": "以政府网站政府信息公开专栏为主要载体发布政府信息，做好栏目内容的日常维护和更新。",
    "supervision": "落实政府信息公开工作责任，将政府信息公开纳入日常工作管理，自觉接受社会监督。",
}


def draft_overview(g: Grounding, variant: str = "") -> str:
    """The text of 一、总体情况 (paragraphs separated by newlines)."""
    seed = g.seed + variant
    paragraphs = [pick(seed, "opening", _OPENINGS).format(year=g.year, agency=g.facts.agency)]
    data = {
        "active": _active_data(g),
        "on_request": _request_data(g),
        "info_mgmt": _in_force_data(g),
        "platform": "",
        "supervision": "",
    }
    stated = "".join(data.values())  # a staff item repeating any table sentence of 一 is dropped
    for i, (key, label) in enumerate(spec.OVERVIEW_SUBAREAS):
        body = subarea_body(g, key, data[key], seed, stated)
        paragraphs.append(f"（{CN_ORDINALS[i]}）{label}。{body}")
    return "\n".join(paragraphs)


def subarea_body(g: Grounding, key: str, data: str, seed: str, stated: str = "") -> str:
    """Data sentence(s), then the staff's items; a general sentence when the staff gave nothing."""
    stated = stated or data
    own = re.compile(rf"^(?:{re.escape(g.self_name)})?(?:本年度|今年)?[，,]?(?=\S)")
    subject = "上述申请" if key == "on_request" else ""
    items = [channels_said(i) for i in g.items(key)] if key == "platform" else g.items(key)
    kept = [as_action(own.sub("", i)) for i in (drop_repeats(i, stated, subject) for i in items) if i]
    if key == "on_request":
        data, kept = merge_carry_over(g, data, kept)
    if covered_by(data, kept):
        data = ""  # the staff's own wording already states these numbers
    facts_told = "".join(sentence(i) for i in kept if i.startswith(_DESCRIPTIVE))
    actions = [i for i in kept if not i.startswith(_DESCRIPTIVE)]
    if len(actions) == 1 and not any(
        w in actions[0] for w in ("本年", "全年", "截至", "年内", "上年", "上述")
    ):
        actions = [f"本年度{actions[0]}"]
    notes = enumerate_items(actions)
    if len(actions) > 1 and notes.startswith("一是"):
        notes = pick(seed, f"lead.{key}", _LEADS) + notes
    notes = facts_told + notes
    if not notes and items_given(g, key):
        return data  # the staff's items only repeated the table numbers
    if not notes and not data:
        return GENERIC[key]
    if not notes:
        return data + GENERIC[key]
    return data + notes


# A platform note that only lists channels (网站专栏，两微一端，热线12393): no verb in its first clauses.
_SAYS = re.compile("|".join((*VERBS, "是", "有", "可以", "能", "也", "也算", "阅读量", "涨", "关注")))
# Names are no verbs: “云栖发布”, 预决算公开统一平台, 公众号, 村务公开栏.
_NAMES = re.compile(r"“[^”]*”|公开(?=[^，、]{0,4}(?:平台|专栏|栏|网))|公众号|视频号")
_CHANNEL_LEAD = re.compile(r"^(?:主要是|主要依托|就是|本年度)?")


def channels_said(item: str) -> str:
    """依托A、B等渠道发布政府信息 for the channels a platform note lists without a verb, then the rest
    as typed (网站专栏+公众号，各村公开栏也均完善 → 依托网站专栏、公众号等渠道发布政府信息，各村…)."""
    clauses = [c.strip() for c in re.split(r"[，,]", _CHANNEL_LEAD.sub("", item)) if c.strip()]
    channels = []
    for clause in clauses:
        bare = re.sub(r"^(?:还有|加上|以及|和)", "", clause)
        if _SAYS.search(_NAMES.sub("", bare)):
            break
        channels.append(re.sub(r"^([^：:]{2,8})[：:](.+)$", r"\1（\2）", bare.replace("+", "、")))
    if not channels:
        return item
    rest = clauses[len(channels) :]
    return "，".join([f"依托{'、'.join(channels)}等渠道发布政府信息", *rest])


_CARRY_WORDS = ("结转", "答复期", "办理期限", "跨年", "下年度")


def merge_carry_over(g: Grounding, data: str, items: list[str]) -> tuple[str, list[str]]:
    """A staff item about the carried-over applications (年底2件在答复期内) joins the 结转 clause
    of the data sentence instead of repeating its number in a sentence of its own."""
    carry = g.q("applications.carried_to_next.total")
    clause = f"结转下年度继续办理{n(carry)}" if carry else ""
    if not clause or clause not in data:
        return data, items
    for item in items:
        counts = [m for m in extract_numbers(item) if m.is_quantity]
        if any(w in item for w in _CARRY_WORDS) and [m.value for m in counts] == [carry]:
            remark = (item[: counts[0].start] + item[counts[0].end :]).strip("，, ")
            return data.replace(clause, f"{clause}（{remark}）", 1), [i for i in items if i != item]
    return data, items


def items_given(g: Grounding, key: str) -> bool:
    return bool(g.items(key))


def _docs(g: Grounding, name: str, doc: str) -> list[str]:
    issued = g.q(f"active.art20_1.{doc}.issued") or 0
    repealed = g.q(f"active.art20_1.{doc}.repealed") or 0
    parts = []
    if issued:
        parts.append(f"制发{name}{n(issued)}")
    if repealed:
        parts.append(f"废止{'' if issued else name}{n(repealed)}")
    return parts


def _active_data(g: Grounding) -> str:
    docs = _docs(g, "规章", "regulations") + _docs(g, "行政规范性文件", "normative_docs")
    if docs:
        text = f"本年度{join_list(docs)}。"
    elif g.q("active.art20_1.normative_docs.issued") is not None:
        text = "本年度未制发、废止行政规范性文件。"
    else:
        text = ""
    return text + _decisions(g) + _fees(g)


def _decisions(g: Grounding) -> str:
    """Each kind of decision with its own change: permits, penalties and enforcement are not summed."""
    names = (
        ("active.art20_5.admin_license.decisions", "行政许可"),
        ("active.art20_6.admin_penalty.decisions", "行政处罚"),
        ("active.art20_6.admin_coercion.decisions", "行政强制"),
    )
    parts = []
    for key, label in names:
        value = g.q(key)
        if not value:
            continue
        cells = g.facts.spec.by_key
        unit = _staff_unit(g, label, value) or (cells[key].unit if key in cells else "个")
        text = f"{label}处理决定{n(value, unit)}"
        change, before = g.metrics.get(f"yoy.{key}.change"), g.metrics.get(f"prev.{key}")
        if change is not None and before is not None and before.value:  # from 0: says nothing more
            text += "，" + _trend(change.sign, change.show(), "")
        parts.append(text)
    return sentence("主动公开" + "；".join(parts)) if parts else ""


def _staff_unit(g: Grounding, label: str, value: int) -> str:
    """The measure word the staff gave this decision count (许可二百三十件 → 件), "" if none."""
    for item in g.items("active"):
        for m in extract_numbers(item):
            if m.value == value and m.unit == "件" and label[2:] in item[max(0, m.start - 8) : m.start]:
                return m.unit
    return ""


def _fees(g: Grounding) -> str:
    amount = g.q("active.art20_8.admin_fees.amount_wan_yuan")
    if not amount:
        return ""
    return f"本年度行政事业性收费金额为{n(amount, '万元')}。"


def _trend(sign: int | None, magnitude: str, pct: str) -> str:
    if sign == 0:
        return "与上年持平"
    word, rate = ("增加", "增长") if sign and sign > 0 else ("减少", "下降")
    return f"较上年{word}{magnitude}" + (f"，{rate}{pct}" if pct else "")


def _request_data(g: Grounding) -> str:
    new = g.q("applications.new_received.total")
    carried = g.q("applications.carried_over_from_prev.total") or 0
    if new is None:
        return ""
    if not new and not carried:
        return "本年度未收到政府信息公开申请，也没有上年结转的申请。"
    first = f"本年度新收政府信息公开申请{n(new)}" + _applicants(g, new)
    first += f"；上年结转{n(carried)}" if carried else ""
    return sentence(first) + _request_trend(g) + _results(g)


def _applicants(g: Grounding, new: int) -> str:
    if not new:
        return ""
    person = g.q("applications.new_received.natural_person") or 0
    orgs = g.q("q.applications.new_by_orgs") or 0
    if person and not orgs:
        return "，均由自然人提出"
    if orgs and not person:
        return "，均由法人或其他组织提出"
    return f"，其中自然人提出{n(person)}、法人或其他组织提出{n(orgs)}"


def _request_trend(g: Grounding) -> str:
    change = g.metrics.get("yoy.applications.new_received.total.change")
    if change is None:
        return ""
    pct = g.metrics.get("yoy.applications.new_received.total.pct")
    return sentence("新收申请" + _trend(change.sign, change.show(), pct.show() if pct else ""))


def _results(g: Grounding) -> str:
    done = g.q("applications.results.total.total")
    if not done:
        return ""
    parts = [
        (label, g.q(key))
        for key, label in (
            ("applications.results.granted.total", "予以公开"),
            ("applications.results.partially_granted.total", "部分公开"),
            ("q.applications.withheld", "不予公开"),
            ("q.applications.unable", "无法提供"),
            ("q.applications.not_processed", "不予处理"),
            ("q.applications.other", "其他处理"),
        )
    ]
    listed = join_list([f"{label}{n(v)}" for label, v in parts if v])
    text = f"全年办理完毕{n(done)}，其中{listed}"
    share = g.metrics.get("share.granted")
    if share is not None and share.value and len([v for _, v in parts if v]) > 1:
        text += f"，予以公开的占办理总数的{share.show()}"
    carry = g.q("applications.carried_to_next.total")
    if carry:
        text += f"；结转下年度继续办理{n(carry)}"
    return sentence(text)


def _in_force_data(g: Grounding) -> str:
    in_force = g.q("active.art20_1.normative_docs.in_force")
    regs = g.q("active.art20_1.regulations.in_force")
    parts = []
    if regs:
        parts.append(f"规章{n(regs)}")
    if in_force:
        parts.append(f"行政规范性文件{n(in_force)}")
    if not parts:
        return ""
    return f"截至年底，{g.self_name}现行有效的{join_list(parts)}。"
