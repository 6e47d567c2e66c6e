"""How the clerk says an applicant is to be filed, beside the count: 「民营医院申请的2件（算商业企业）」, 「还有1个是
行业协会的，算其他」. The type named after 算/按/记为 wins over what the words before it would be read as; the
count's clause is spelled with that type (the words as typed stay in the source). Pure helper of `spelling`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core import spec
from assistant.intake.lexicon import ROW_BY_KEY
from assistant.intake.phrases import find_col, numbers

_AS = r"(?:就)?(?:算|算作|算是|按|记为|记作|记成|归为|归入|归到|列为|当作?)"
_END = r"(?:算|来算|处理|吧)?"
_SAID_AS = re.compile(
    r"(?:(?<=^)|(?<=[，,。；;：:]))(?P<seg>[^，,。；;：:（()）]{1,30}?)\s*"
    rf"(?:[（(]\s*{_AS}(?P<t1>[^）)，,]{{2,8}}?){_END}\s*[）)]|[，,]\s*{_AS}(?P<t2>[^，,。；;（(]{{2,8}}?){_END}(?=$|[，,。；;]))"
)
NAMES = {
    "natural_person": "自然人",
    "commercial_enterprise": "商业企业",
    "research_institution": "科研机构",
    "social_welfare_org": "社会公益组织",
    "legal_service_org": "法律服务机构",
    "other_org": "其他组织",
}
_KEEP = re.compile(r"^(?:还有|另有|另外|其中)")


def spell_out(message: str, said: list[tuple[str, str]], aliases: tuple[tuple[str, str], ...] = ()) -> str:
    """Each count filed by the clerk's own word spelled with that type; the words an earlier message filed
    so (`aliases`: 「民营医院」 → 商业企业) spelled with that type too; anything else left as typed."""

    def sub(m: re.Match[str]) -> str | None:
        col = _type(m.group("t1") or m.group("t2"))
        counts = numbers(m.group("seg"))
        if col is None or len(counts) != 1:
            return m.group()
        seg, who = m.group("seg"), _who(m.group("seg"))
        lead = _KEEP.match(seg)
        new = (
            seg.replace(who, NAMES[col], 1)
            if who
            else f"{lead.group() if lead else ''}{counts[0].raw}是{NAMES[col]}的"
        )
        said.append((new, m.group()))
        return new

    message = _SAID_AS.sub(sub, message)
    for words, col in aliases:
        if col in NAMES and words in message and not _SAID_AS.search(message):
            said.append((NAMES[col], words))
            message = message.replace(words, NAMES[col])
    return _that_one(message, said, aliases)


def _that_one(message: str, said: list[tuple[str, str]], aliases: tuple[tuple[str, str], ...]) -> str:
    """「协会那件」 after 「行业协会的，算其他」: the end of one alias's words, pointing at that application."""
    for m in _THAT_ONE.finditer(message):
        words = m.group("who")
        cols = {c for w, c in aliases if c in NAMES and len(words) >= 2 and w.endswith(words) and w != words}
        if len(cols) == 1:
            new = NAMES[cols.pop()]
            said.append((new, words))
            return message[: m.start()] + new + m.group("that") + message[m.end() :]
    return message


_THAT_ONE = re.compile(r"(?:(?<=^)|(?<=[，,。；;]))(?P<who>[\u4e00-\u9fff]{2,8}?)(?P<that>那(?:1|一)?[件个])")


def remembered(message: str, state: Mapping) -> list[list[str]]:
    """The chat's aliases after this message: each 「X……（算Y）」 adds X → Y (the latest wins)."""
    known = {str(w): str(c) for w, c in state.get("aliases") or ()}
    for m in _SAID_AS.finditer(message):
        col, who = _type(m.group("t1") or m.group("t2")), _who(m.group("seg"))
        if col is not None and who and len(numbers(m.group("seg"))) == 1:
            known[who] = col
    return [[w, c] for w, c in known.items()][-MAX_ALIASES:]


MAX_ALIASES = 20
_NOT_WHO = re.compile(
    r"^(?:还有|另有|另外|其中)?[0-9一二两三四五六七八九十]*\s*[件个家]?(?:是)?"
    r"|(?:来|提|递交|交)?(?:申请|提)?(?:了|过)?的?\s*[0-9一二两三四五六七八九十]*\s*[件个]?$"
)


def _who(seg: str) -> str:
    """「民营医院申请的2件」 → 民营医院; 「还有1个是行业协会的」 → 行业协会 (the applicant's words)."""
    who = _NOT_WHO.sub("", seg.strip()).strip()
    return who if 2 <= len(who) <= 16 and not numbers(who) else ""


def _type(words: str) -> str | None:
    words = words.strip()
    if words in ("其他", "其它", "其他类", "其他的"):
        return "other_org"
    col = find_col(ROW_BY_KEY["applications.new_received"], words, default=False)
    return col if col in spec.T2_APPLICANT_COLUMNS else None


ALIAS_PREFIX = "用户说过的申请人归类："


def alias_line(aliases: tuple[tuple[str, str], ...]) -> str:
    """The aliases for the model's prompt (「民营医院=商业企业」), one line; "" when none."""
    said = "；".join(f"{w}={NAMES[c]}" for w, c in aliases if c in NAMES)
    return f"{ALIAS_PREFIX}{said}\n" if said else ""


def aliases_of_line(text: str) -> tuple[tuple[str, str], ...]:
    """The aliases a prompt line gives back (for the scripted model)."""
    by_name = {v: k for k, v in NAMES.items()}
    line = next((ln for ln in text.splitlines() if ln.startswith(ALIAS_PREFIX)), "")
    pairs = (p.partition("=") for p in line.removeprefix(ALIAS_PREFIX).split("；") if "=" in p)
    return tuple((w, by_name[n]) for w, _, n in pairs if n in by_name)
