"""Offline drafting of the lead-ins of 二、三、四 and of sections 五 and 六."""

from __future__ import annotations

import re

from assistant.drafting.followup import best_match
from assistant.drafting.grounding import FEE_NIL, Grounding
from assistant.drafting.phrasing import as_action, enumerate_items, join_list, n, pick, sentence
from assistant.drafting.staff_notes import FOLLOWUP, routed_items

_S2 = (
    "本年度{self}主动公开政府信息情况如下：",
    "{year}年，{self}依照《条例》第二十条规定主动公开政府信息的情况如下：",
    "{self}本年度主动公开政府信息的具体情况见下表：",
)
_S3 = (
    "本年度{self}收到和处理政府信息公开申请情况如下：",
    "{year}年，{self}收到和处理政府信息公开申请的具体情况见下表：",
    "{self}本年度政府信息公开申请的收到和办理情况如下：",
)
_PROBLEM_LEADS = (
    "对照《条例》要求和人民群众的期待，{self}政府信息公开工作还存在一些不足：",
    "本年度，{self}政府信息公开工作仍存在以下问题：",
    "{self}政府信息公开工作虽取得一定成效，但也存在一些问题和不足：",
)
_MEASURE_LEADS = ("下一步，{self}将重点做好以下工作：", "针对上述问题，{self}将采取以下措施：")
# Placeholders when the staff gave no problems: general formulations, no concrete weakness asserted.
_GENERIC_LEAD = "对照《条例》要求和上级部署，{self}政府信息公开工作仍有改进空间："
_GENERIC_PROBLEMS = (
    "政府信息公开的全面性、及时性还有提升空间",
    "政策解读和回应关切工作还需进一步深化",
    "政务公开队伍建设和业务培训还需持续加强",
)
_GENERIC_MEASURES = (
    "进一步加强政府信息公开工作的统筹协调，压实工作责任",
    "丰富政策解读形式，提升解读质量",
    "加强业务培训，提升工作人员依法公开的能力和水平",
)


def draft_lead_active(g: Grounding, variant: str = "") -> str:
    return pick(g.seed + variant, "s2", _S2).format(self=g.self_name, year=g.year)


def draft_lead_applications(g: Grounding, variant: str = "") -> str:
    return pick(g.seed + variant, "s3", _S3).format(self=g.self_name, year=g.year)


def _outcomes(g: Grounding, prefix: str) -> str:
    outcomes = (
        ("upheld", "结果维持"),
        ("corrected", "结果纠正"),
        ("other", "其他结果"),
        ("pending", "尚未审结"),
    )
    found = [(label, g.q(f"{prefix}.{key}")) for key, label in outcomes if g.q(f"{prefix}.{key}")]
    return join_list([f"{label}{n(v)}" for label, v in found])


def _litigation(g: Grounding, direct: int, after: int) -> str:
    total = direct + after
    if direct and after:
        how = f"（其中未经复议直接起诉{n(direct)}、复议后起诉{n(after)}）"
    else:
        kind = "未经复议直接起诉" if direct else "经行政复议后起诉"
        how = f"（{'系' if total == 1 else '均为'}{kind}）"
    outcomes = _outcomes(g, "q.litigation")
    return f"被提起行政诉讼{n(total)}{how}" + (f"，{outcomes}" if outcomes else "")


def draft_lead_review(g: Grounding, variant: str = "") -> str:
    """The lead-in of 四: how many cases, their outcomes, and the correction rate."""
    review = g.q("review.total")
    direct = g.q("litigation_direct.total") or 0
    after = g.q("litigation_after_review.total") or 0
    if review is None:
        return "本年度政府信息公开行政复议、行政诉讼情况如下："
    if not review and not direct and not after:
        return f"本年度{g.self_name}未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。"
    parts = []
    if review:
        outcomes = _outcomes(g, "review")
        parts.append(f"被申请行政复议{n(review)}" + (f"，{outcomes}" if outcomes else ""))
    if direct or after:
        parts.append(_litigation(g, direct, after))
    text = f"本年度{g.self_name}因政府信息公开工作" + "；".join(parts)
    return sentence(text + _corrections(g)) + "具体情况如下："


def _corrections(g: Grounding) -> str:
    """纠错率 where cases were concluded; one clause for the kinds never corrected."""
    rates, clean = [], []
    for key, name, concluded in (
        ("rate.review_corrected", "行政复议", "q.review.concluded"),
        ("rate.litigation_corrected", "行政诉讼", "q.litigation.concluded"),
    ):
        rate = g.metrics.get(key)
        if rate is None or not g.q(concluded):
            continue
        if rate.value:
            rates.append(f"{name}纠错率为{rate.show()}")
        else:
            clean.append(name)
    parts = rates + ([f"已审结的{join_list(clean)}案件均未被纠错"] if clean else [])
    return "；" + "，".join(parts) if parts else ""


def draft_problems(g: Grounding, variant: str = "") -> str:
    """五: last year's problems followed up item by item, this year's problems, the measures."""
    seed = g.seed + variant
    paragraphs = []
    heads = ["存在的主要问题", "改进措施"]
    if g.problems or g.items(FOLLOWUP):
        heads.insert(0, "上年度问题整改情况")
        paragraphs.append(_followups(g))
    problems = g.items("problems") or list(_GENERIC_PROBLEMS)
    lead = pick(seed, "problems", _PROBLEM_LEADS) if g.items("problems") else _GENERIC_LEAD
    lead = lead.format(self=g.self_name)
    paragraphs.append(lead + enumerate_items(problems))
    measures = [as_action(i) for i in g.items("improvements")] or list(_GENERIC_MEASURES)
    lead = pick(seed, "measures", _MEASURE_LEADS).format(self=g.self_name)
    paragraphs.append(lead + enumerate_items(measures))
    ordinals = "一二三"
    return "\n".join(
        f"（{ordinals[i]}）{h}。{p}" for i, (h, p) in enumerate(zip(heads, paragraphs, strict=True))
    )


# Plans for next year: such improvements are not what was done about last year's problems.
_PLANNED = re.compile(r"下一步|明年|下一年|打算|计划|准备|争取|今后")


def followup_candidates(g: Grounding) -> list[str]:
    """What the staff wrote this year, their 上年问题整改 items and improvements first (not plans)."""
    routed = routed_items(g.notes, g.self_name, g.year)
    skip = (FOLLOWUP, "improvements", "problems")
    planned = bool(_PLANNED.search(g.notes.get("improvements", "")))
    keys = [FOLLOWUP, *(() if planned else ("improvements",)), *(k for k in routed if k not in skip)]
    return [item for key in keys for item in routed.get(key, [])]


def unmatched_problems(g: Grounding) -> list[str]:
    """Last year's problems the staff said nothing about."""
    candidates = followup_candidates(g)
    return [p for p in g.problems if best_match(p, candidates) is None]


_AIMED = re.compile(r"^针对[^，,。；]{1,40}[，,]")


GENERIC_FOLLOWUP = "已列入本年度整改事项，持续推进落实"


def _followup_action(match: str) -> str:
    """What was done, as a clause after 针对上年度报告指出的“…”问题，."""
    action = as_action(_AIMED.sub("", match)) or match  # 针对X问题， is already said
    return action if any(w in action for w in ("本年", "全年", "年内", "已")) else f"本年度{action}"


def _followups(g: Grounding) -> str:
    """One sentence per problem the staff reported on; one sentence for all the others (the staff
    are asked about them by the guard), never the same boilerplate twice."""
    candidates = followup_candidates(g)
    out, used, silent = [], set(), []
    for item in g.problems:
        match = best_match(item, candidates)
        if match is None:
            silent.append(item)
            continue
        used.add(match)
        out.append(sentence(f"针对上年度报告指出的“{item}”问题，{_followup_action(match)}"))
    if silent:
        named = "“" + "”“".join(silent) + "”"
        out.append(
            sentence(f"对上年度报告指出的{named}{'等' if len(silent) > 1 else ''}问题，{GENERIC_FOLLOWUP}")
        )
    out += [sentence(i) for i in g.items(FOLLOWUP) if i not in used]  # the staff's own account
    return "".join(out)


def draft_other(g: Grounding, variant: str = "") -> str:
    """六: the 信息处理费 statement, then the staff's other items."""
    items = [i for i in g.items("other") if "处理费" not in i]
    fee = g.fee.text
    if fee == FEE_NIL:
        fee = f"本年度{g.self_name}未收取政府信息公开信息处理费。"
    if not items:
        return fee + "本年度无其他需要报告的事项。"
    actions = [as_action(i) for i in items]
    return fee + "".join(sentence(i if i.startswith("本年") else f"本年度{i}") for i in actions)
