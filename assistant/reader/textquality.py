"""Text quality of a published report (issue 12, cause 11): slips a careful editor would catch.

- TEXT_QUALITY (warning): a word typed twice (资金资金); an ordinal run that skips or repeats
  (一是…三是…三是); a section 五 with nothing in it but 暂无问题 (see `sections.is_empty_body`).
- TEXT_INCONSISTENT (warning): the prose says every application was dealt with (所有申请均已办结)
  while 表二 carries applications over to next year.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.core import spec
from assistant.core.facts import ReportFacts
from assistant.core.findings import FAIL, WARNING, Finding
from assistant.core.report import Report

_TWICE = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_BOUNDARY = re.compile(r"[省市县区镇乡旗州]政府$|人民政府$")
_ORDINAL = re.compile(r"([一二三四五六七八九十])是")
_ORDER = "一二三四五六七八九十"
_ALL_DONE = re.compile(
    r"(?:所有|全部)(?:的)?(?:政府信息公开|信息公开|依申请公开)?申请(?:均|都|全部)?(?:已|已经)?"
    r"(?:办结|办理完成|办理完毕|答复完毕|处理完毕)"
)


def quality_findings(report: Report, filled: ReportFacts) -> list[Finding]:
    out: list[Finding] = []
    for sec in spec.SECTIONS:
        text = report.section(sec.key)
        for para in text.split("\n"):
            out += list(_twice(sec, para)) + list(_ordinals(sec, para))
        out += list(_all_done(sec, text, filled))
    return out


MAX_TWICE = 20  # repeated-word findings per paragraph: a long run of one character is one slip, not thousands


def _twice(sec: spec.Section, para: str) -> Iterator[Finding]:
    found = 0
    for m in _TWICE.finditer(para):
        end = m.start() + len(m.group(1))
        if _BOUNDARY.search(para[max(0, end - 6) : end]):  # the longest boundary word is 4 characters
            continue  # 县政府政府信息公开: 县政府 + 政府信息, a word boundary, not a slip
        if _in_run(para, m):
            continue  # 「复议 复议 复议复议 复议」: a table's stacked column headers left in the text
        found += 1
        if found > MAX_TWICE:
            return
        yield Finding(
            "TEXT_QUALITY",
            WARNING,
            FAIL,
            f"“{m.group(0)}”疑似重复录入，应为“{m.group(1)}”",
            reported=m.group(0),
            computed=m.group(1),
            where=f"{sec.label}：{para[max(0, m.start() - 20) : m.end() + 20]}",
        )


def _in_run(para: str, m: re.Match) -> bool:
    """The doubled word stands in a longer run of itself with spaces between (column headers one
    per cell, their lines joined), not a word typed twice."""
    word, spaces = m.group(1), " \u3000"
    after, before = para[m.end() :], para[: m.start()]
    return (after[:1] in spaces and after.lstrip(spaces).startswith(word) and after[:1] != "") or (
        before[-1:] in spaces and before[-1:] != "" and before.rstrip(spaces).endswith(word)
    )


def _ordinals(sec: spec.Section, para: str) -> Iterator[Finding]:
    """Each run of 一是…二是… must count on; a new 一是 starts a new run (整改情况：一是…二是…；
    仍存在的问题：一是…), which is no slip, least of all in crawled text whose paragraphs ran together."""
    found = [m.group(1) for m in _ORDINAL.finditer(para)]
    runs: list[list[str]] = []
    for s in found:
        if s == "一" or not runs:
            runs.append([])
        runs[-1].append(s)
    for seen in runs:
        yield from _ordinal_run(sec, para, seen)


def _ordinal_run(sec: spec.Section, para: str, seen: list[str]) -> Iterator[Finding]:
    if len(seen) < 2 or seen[0] != "一":
        return
    expected = list(_ORDER[: len(seen)])
    if seen != expected:
        yield Finding(
            "TEXT_QUALITY",
            WARNING,
            FAIL,
            f"分项序号不连续：{'…'.join(s + '是' for s in seen)}，应为{'…'.join(s + '是' for s in expected)}",
            where=f"{sec.label}：{para[:60]}",
        )


def _all_done(sec: spec.Section, text: str, filled: ReportFacts) -> Iterator[Finding]:
    m = _ALL_DONE.search(text)
    carried = filled.number("applications.carried_to_next.total")
    if m and carried:
        yield Finding(
            "TEXT_INCONSISTENT",
            WARNING,
            FAIL,
            f"正文写“{m.group(0)}”，但表二“四、结转下年度继续办理”为 {carried} 件，前后矛盾",
            ("applications.carried_to_next.total",),
            reported=m.group(0),
            computed=carried,
            table=2,
            where=f"{sec.label}：{text[max(0, m.start() - 20) : m.end() + 20]}",
        )
