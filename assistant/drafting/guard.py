"""The guard: what a drafted section must and must not contain (pure logic, no I/O).

Every number is bound to a cell, a metric or a staff-given number, by what its words say it is
(UNBOUND_NUMBER; a number stated for a table quantity must be that quantity's value, a rank one the
staff stated, see `binding`); trend words agree with the sign of the change they describe
(TREND_MISMATCH); the required topics are there (TOPIC_MISSING); no placeholders, Markdown, English,
copied exemplar text; a sensible length. The result keeps, per sentence, which source each number
was bound to.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core import spec
from assistant.core.findings import ERROR, FAIL, WARNING, Finding
from assistant.drafting import binding as B
from assistant.drafting import lint as L
from assistant.drafting.context import clause_bounds
from assistant.drafting.followup import mentions
from assistant.drafting.grounding import Grounding, is_government
from assistant.drafting.offline_sections import GENERIC_FOLLOWUP, unmatched_problems
from assistant.drafting.phrasing import drop_repeats

UP = ("增长", "增加", "上升", "提高", "增幅")
DOWN = ("减少", "下降", "降低", "降幅")
FLAT = ("持平",)
_TREND_RE = re.compile("|".join(UP + DOWN + FLAT))
SUBAREA_WORDS = {
    "active": ("主动公开",),
    "on_request": ("依申请公开",),
    "info_mgmt": ("政府信息管理", "信息管理"),
    "platform": ("平台建设", "公开平台"),
    "supervision": ("监督保障",),
}
SECTION_NOTES = {
    "s1_overview": tuple(k for k, _ in spec.OVERVIEW_SUBAREAS),
    "s5_problems": ("problems", "improvements"),
    "s6_other": ("other",),
}
LENGTH = {"s1_overview": (250, 4000), "s5_problems": (80, 2500), "s6_other": (15, 1500)}
LEAD_LENGTH = (10, 400)
PLACEHOLDERS = (
    r"[XxＸｘ]{2,}", r"[×✕＊*]{2,}", r"【[^】]*】", r"〔待[^〕]*〕", r"[（(]\s*[)）]", r"\{\{?[^{}]*\}?\}",
    r"待补充|待填写|请填写|此处填写|此处补充|某某", r"(?<![A-Za-z])[NX](?=[件个项次条篇%％年月日万元人名份家起场期批户宗例部类])",
    r"＿{2,}|_{2,}", r"〔数〕",
)  # fmt: skip
MARKDOWN = (
    r"(?m)^\s{0,3}#{1,6}\s", r"\*\*[^*\n]+\*\*", r"(?m)^\s*[-*+]\s+\S", r"(?m)^\s*>\s", r"```",
    r"(?m)^\s*\|", r"\|\s*:?-{3,}", r"\[[^\]\n]+\]\([^)\n]+\)", r"(?m)^\s*\d+\.\s+",
)  # fmt: skip
COPY_RUN = 24


@dataclass(frozen=True)
class Sentence:
    text: str
    bindings: tuple[B.Binding, ...]

    def to_json(self) -> dict:
        return {"text": self.text, "bindings": [b.to_json() for b in self.bindings]}


@dataclass(frozen=True)
class GuardResult:
    findings: tuple[Finding, ...]
    sentences: tuple[Sentence, ...]

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.is_error)


def check_section(section: str, text: str, g: Grounding) -> GuardResult:
    """Every check of the guard on one section's text."""
    label = spec.SECTION_BY_KEY[section].label
    if not text.strip():
        return GuardResult((_f("EMPTY_SECTION", ERROR, f"{label}：正文为空", label),), ())
    bound, unbound = B.bind_numbers(text, g.sources, g.year, (g.facts.agency,))
    findings = [
        _f(
            "UNBOUND_NUMBER",
            ERROR,
            f"{label}：{u.reason}",
            _where(label, text, u.mention.start),
            u.mention.raw,
        )
        for u in unbound
    ]
    findings += trend_findings(label, text, bound, g)
    findings += topic_findings(section, label, text, g)
    findings += form_findings(label, text, g)
    findings += note_findings(section, label, text, g)
    findings += lint_findings(label, text, g)
    return GuardResult(tuple(findings), tuple(sentences(text, bound)))


LINT_RULES = {
    "colloquial": "PROSE_COLLOQUIAL",
    "repeated": "PROSE_REPEATED",
    "enumeration": "PROSE_ENUMERATION",
    "year_mix": "PROSE_YEAR_MIX",
    "as_typed": "PROSE_AS_TYPED",
}


def lint_findings(label: str, text: str, g: Grounding) -> list[Finding]:
    """The prose lint as warnings (English and Markdown are the form checks' errors already)."""
    out = []
    for issue in L.lint_prose(text, " ".join([g.facts.agency, *g.notes.values()])):
        if issue.kind in (L.ENGLISH, L.MARKDOWN):
            continue
        where = _where(label, text, issue.start)
        out.append(_f(LINT_RULES[issue.kind], WARNING, f"{label}：{issue.message}", where, issue.excerpt))
    return out


def _f(rule: str, severity: str, message: str, where: str = "", reported: object = None) -> Finding:
    return Finding(rule, severity, FAIL, message, reported=reported, where=where)


def _where(label: str, text: str, pos: int) -> str:
    start = B.sentence_start(text, pos)
    end = re.search(r"[。！？!?\n]", text[pos:])
    sentence = text[start : pos + (end.end() if end else len(text) - pos)].strip()
    return f"{label}：{sentence[:60]}{'…' if len(sentence) > 60 else ''}"


def sentences(text: str, bound: list[B.Binding]) -> list[Sentence]:
    out = []
    for m in re.finditer(r"[^。！？!?；;\n]+[。！？!?；;]?", text):
        s = m.group().strip()
        if s:
            out.append(Sentence(s, tuple(b for b in bound if m.start() <= b.start < m.end())))
    return out


def trend_findings(label: str, text: str, bound: list[B.Binding], g: Grounding) -> list[Finding]:
    out = []
    comparison = B.COMPARISON_WORDS + (f"{g.year - 1}年",)
    quoted = [(q.start(), q.end()) for q in re.finditer(r"“[^”]*”", text)]
    for m in _TREND_RE.finditer(text):
        word = m.group()
        if any(a < m.start() < b for a, b in quoted):
            continue  # a quotation (last year's problem), not a claim of this text
        expected = 1 if word in UP else -1 if word in DOWN else 0
        c0, c1 = clause_bounds(text, m.start())
        changes = [b for b in bound if c0 <= b.start < c1 and b.source.is_change]
        if changes:
            sign = min(changes, key=lambda b: abs(b.start - m.start())).source.trend
        elif any(w in text[c0:c1] for w in comparison):
            s0 = B.sentence_start(text, m.start())
            earlier = [b for b in bound if s0 <= b.start < c1 and b.source.trend is not None]
            if not earlier:
                if not _from_notes(text[c0:c1], g):
                    msg = f"{label}：“{word}”没有可依据的上年数据，无法核实增减"
                    out.append(_f("TREND_UNSUPPORTED", WARNING, msg, _where(label, text, m.start()), word))
                continue
            sign = max(earlier, key=lambda b: b.start).source.trend
        else:
            continue  # 增加栏目, 提高质量: not a statement about a number
        if sign is not None and sign != expected:
            actual = {1: "增加", -1: "减少", 0: "持平"}[sign]
            msg = f"{label}：写的是“{word}”，但数据显示较上年{actual}"
            out.append(_f("TREND_MISMATCH", ERROR, msg, _where(label, text, m.start()), word))
    return out


def _from_notes(clause: str, g: Grounding) -> bool:
    core = clause.strip(" ，。；")
    return bool(core) and any(core in note for note in g.notes.values())


def topic_findings(section: str, label: str, text: str, g: Grounding) -> list[Finding]:
    out = []
    if section == "s1_overview":
        for key, name in spec.OVERVIEW_SUBAREAS:
            if not any(w in text for w in SUBAREA_WORDS[key]):
                out.append(_f("TOPIC_MISSING", ERROR, f"{label}：缺少“{name}”方面的内容", label, name))
        if is_government(g.facts) and not any(w in text for w in ("考核", "评议", "责任追究")):
            msg = f"{label}：人民政府的监督保障部分应报告工作考核、社会评议和责任追究结果情况"
            out.append(_f("TOPIC_MISSING", WARNING, msg, label, "工作考核、社会评议和责任追究"))
    elif section == "s5_problems":
        out += _problem_topics(label, text, g)
    elif section == "s6_other" and "信息处理费" not in text:
        out.append(_f("TOPIC_MISSING", ERROR, f"{label}：缺少信息处理费收取情况的说明", label, "信息处理费"))
    return out


def _problem_topics(label: str, text: str, g: Grounding) -> list[Finding]:
    out = []
    if not any(w in text for w in ("问题", "不足")):
        out.append(_f("TOPIC_MISSING", ERROR, f"{label}：缺少本年度存在的主要问题", label, "存在的问题"))
    if not any(w in text for w in ("改进", "整改", "措施", "下一步")):
        out.append(_f("TOPIC_MISSING", ERROR, f"{label}：缺少改进措施", label, "改进情况"))
    if not g.problems:
        return out
    if not any(w in text for w in ("上年", "上一年", "去年", f"{g.year - 1}年")):
        out.append(
            _f("TOPIC_MISSING", ERROR, f"{label}：未说明上年报告所列问题的整改情况", label, "上年问题整改")
        )
    for item in g.problems:
        if not mentions(text, item):
            msg = f"{label}：未说明上年报告所列问题“{item}”的整改情况"
            out.append(_f("TOPIC_MISSING", ERROR, msg, label, item))
    silent = [p for p in unmatched_problems(g) if mentions(text, p)]
    if silent and GENERIC_FOLLOWUP in text:
        named = "“" + "”“".join(silent) + "”"
        msg = (
            f"{label}：经办人未说明上年问题{named}本年度是如何整改的，正文暂写为“{GENERIC_FOLLOWUP}”，"
            "请补充具体做法后修改"
        )
        out.append(_f("FOLLOWUP_UNREPORTED", WARNING, msg, label, named))
    return out


def form_findings(label: str, text: str, g: Grounding) -> list[Finding]:
    out = []
    for pattern in PLACEHOLDERS:
        for m in re.finditer(pattern, text):
            msg = f"{label}：出现占位符或未完成的内容“{m.group()}”"
            out.append(_f("PLACEHOLDER", ERROR, msg, _where(label, text, m.start()), m.group()))
    for pattern in MARKDOWN:
        m = re.search(pattern, text)
        if m:
            msg = f"{label}：出现 Markdown 标记“{m.group().strip()}”，正文应为纯文本"
            out.append(_f("MARKDOWN", ERROR, msg, _where(label, text, m.start()), m.group().strip()))
    allowed = " ".join([g.facts.agency, *g.notes.values()]).lower()
    for m in re.finditer(r"[A-Za-z][A-Za-z'’-]{2,}", text):
        word = m.group()
        if word.lower() not in allowed and any(ch.islower() for ch in word):
            msg = f"{label}：出现英文“{word}”，正文应使用中文"
            out.append(_f("ENGLISH", ERROR, msg, _where(label, text, m.start()), word))
    out += _copy_findings(label, text, g)
    return out


def _copy_findings(label: str, text: str, g: Grounding) -> list[Finding]:
    out = []
    for examples in g.exemplars.values():
        for ex in examples:
            if ex.agency and ex.agency != g.facts.agency and ex.agency in text:
                msg = f"{label}：出现了范文中其他机关的名称“{ex.agency}”"
                out.append(_f("EXEMPLAR_COPY", ERROR, msg, label, ex.agency))
            run = _copied_run(text, ex.text)
            if run:
                msg = f"{label}：照抄了范文中的文字“{run[:30]}…”，范文只能参考文风"
                out.append(_f("EXEMPLAR_COPY", ERROR, msg, label, run))
    return out


# Set wording every report shares: sharing it with an exemplar is not copying.
FORMULAS = (
    "因政府信息公开工作被申请行政复议、提起行政诉讼", "政府信息公开行政复议、行政诉讼", "政府信息公开信息处理费",
    "以公开为常态、不公开为例外", "《中华人民共和国政府信息公开条例》", "收到和处理政府信息公开申请",
    "主动公开政府信息", "人大代表建议和政协提案", "具体情况如下", "政府信息公开工作",
)  # fmt: skip


def _strip_formulas(text: str) -> str:
    for phrase in FORMULAS:
        text = text.replace(phrase, "｜")
    return text


def _copied_run(text: str, exemplar: str) -> str:
    text, exemplar = _strip_formulas(text), _strip_formulas(exemplar)
    for i in range(0, max(0, len(text) - COPY_RUN + 1)):
        run = text[i : i + COPY_RUN]
        if "｜" not in run and run in exemplar:
            return run
    return ""


def length_bounds(section: str) -> tuple[int, int]:
    return LENGTH.get(section, LEAD_LENGTH)


def note_findings(section: str, label: str, text: str, g: Grounding) -> list[Finding]:
    out = []
    lo, hi = length_bounds(section)
    n = len(re.sub(r"\s", "", text))
    if not lo <= n <= hi:
        msg = f"{label}：正文 {n} 字，宜在 {lo}–{hi} 字之间"
        out.append(_f("LENGTH", WARNING, msg, label, n))
    for key in SECTION_NOTES.get(section, ()):
        for item in g.items(key):
            if not mentions(text, item) and drop_repeats(item, text):
                name = spec.NARRATIVE_LABELS.get(key, key)
                msg = f"{label}：经办人提供的“{item}”（{name}）未写入正文"
                out.append(_f("NOTE_OMITTED", WARNING, msg, label, item))
    return out
