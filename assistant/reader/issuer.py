"""The body that issued a report (机关名称) when its title does not name it, and what the reader says
when it finds none.

The title's agency comes first (`meta.agency_from_title`), but only when the title line itself
names it or the line joined above it is corroborated: a line above a title without an agency may
be the site's header (「某市人民政府」 over 「2023年政府信息公开工作年度报告」), so its name is taken
when the title line above carries the year (one title broken in two), or the body names it too.
Page-wrapper fields (发布机构：, 来源：) are never read as the agency (`meta.find_title` drops them).

Otherwise the body says who wrote it, in this order: 「本报告由某局编制」, 「某局（以下简称“…”）」 in
the opening, the 落款 (a name line over a date such as 2024年1月18日, at the end), and the opening
sentence 「2023年，某局坚持…」 (a name that says where the body is, never 我局 or a phrase). A name the
document prints longer elsewhere (柳岸街道办事处 / 发布机构：临澜市砚湖区柳岸街道办事处) is completed;
a town's or street's body named without its county in the opening sentence is said as possibly
incomplete (AGENCY_PARTIAL). None found: the agency is left empty and a `source: reader` warning
(AGENCY_UNREAD) says the tool did not read it, never that the report lacks it; no year: YEAR_UNREAD.
"""

from __future__ import annotations

import re

from assistant.core.findings import FAIL, READER, WARNING, Finding
from assistant.reader.meta import agency_from_title, find_year, join_lines, year_in

# the word a body's name ends on, at the start of a sentence (not 办理, 局面, 处理…); alternatives
# that start alike longest first (委员会 before 委); towns and streets end on 人民政府 / 办事处
_BODY = (
    r"(?:人民政府|政府|办公室|办公厅|办事处|管理委员会|委员会|委|局(?![面势限])|办(?![理结件法好])|厅|院|"
    r"中心|站|队|处(?![理置罚])|分局)"
)
# words that continue a body's name after a first body word (人民政府 + 办公室, 某局 + 分局)
_MORE = re.compile(
    r"(?:人民政府|政府|办公室|办公厅|办事处|委员会|分局|支队|大队|中队|中心|局|办|部|所|站|队|处)"
)
# a unit under the body named so far (公安局 + 交通警察支队, 生态环境局 + 云溪分局)
_SUB = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:分局|支队|大队|中队|派出所|管理所|管理站|分中心)")
_HEAD = re.compile(r"^(?:[2２][0０]\d{2}\s*年度?|全年|本年度|今年|年内)[，,、\s]*")
_NAME_START = re.compile(rf"^([\u4e00-\u9fff]{{1,30}}?{_BODY})")
# a place the name begins with (青梧县, 临澜市砚湖区, 中共某县): not 市场, 区域, 乡村
_UNIT = r"自治区|省|自治州|市(?!场)|州|盟|自治县|县|区(?!域)|旗|镇|乡(?!村)|街道"
_PLACE = re.compile(rf"^(?:中共)?[\u4e00-\u9fff]{{1,12}}?(?:{_UNIT})")
# the administrative units a name holds (a town's or street's body alone is not unique)
_UNITS = re.compile(_UNIT)
# a word that ends the lead-in before a name printed in a sentence (本报告由|临澜市砚湖区…)
_LEAD = re.compile(r"[由在对将把被为以及和与的了是经向]")
# words of a sentence, never of a body's name (和 and 与 are: 住房和城乡建设局)
_NOT_NAME = re.compile(
    r"[的了将以在对为把被是]|办理|认真|坚持|按照|深入|贯彻|落实|围绕|推进|加强|领导|全面|持续|严格|结合|根据|依据"
)
_WRAPPER_WORDS = re.compile(r"网站|门户|首页|专栏|栏目|频道|位置|主办|承办|版权|网$")
_NAME = re.compile(r"^[\u4e00-\u9fff（）()]{2,40}$")
# how a name may end: a body word, or a place (a county's or town's report names only the place)
_ENDS = re.compile(
    r"(?:政府|办公室|办公厅|办事处|委员会|委|局|办|厅|院|中心|所|站|队|处|部|会|街道|镇|乡|县|区|市|州|盟|旗|省|"
    r"自治区)[）)]?$"
)
_COMPILED = re.compile(r"本(?:年度)?报告(?:由|系|是)([\u4e00-\u9fff（）()]{2,40})")
_ALIAS = re.compile(r"([\u4e00-\u9fff]{2,40})[（(]以下简称")
_DATE_LINE = re.compile(
    r"^(?:(?P<name>.{2,40}?)\s*)?(?:[2２][0０]\d{2}|二[〇○零][一二三四五六七八九〇○零]{2})\s*年\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月(?:\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日)?$"
)
_SEAL_LOOKBACK = 12  # lines from the end where a 落款 may stand (site footers may follow it)


def looks_like_agency(name: str) -> bool:
    """A body's name: Chinese only, ends as bodies and places do, not a site's or page's words."""
    return (
        bool(_NAME.match(name))
        and bool(_ENDS.search(name))
        and not _WRAPPER_WORDS.search(name)
        and not _NOT_NAME.search(name)
    )


def name_at(text: str) -> str:
    """The body named at the start of `text` (「青梧县自然资源局以…」 → 青梧县自然资源局), or ""; the
    name must say where the body is (a place: 县, 市, 镇…) so that a phrase is never taken."""
    text = _HEAD.sub("", text.strip())
    m = _NAME_START.match(text)
    if not m:
        return ""
    name = m.group(1)
    while more := _MORE.match(text, len(name)) or _sub_unit(text, len(name)):
        name += more.group()
    if text[len(name) : len(name) + 1] in ("、", "和", "与", "及"):
        return ""  # one of several bodies (青禾市委、市政府高度重视…): not who reports
    return name if _placed(name) else ""


def _sub_unit(text: str, at: int) -> re.Match[str] | None:
    m = _SUB.match(text, at)
    return m if m and not _NOT_NAME.search(m.group()) else None


def _placed(name: str) -> bool:
    """A body's name that says where the body is (青梧县 + 自然资源局), not a bare place or body."""
    place = _PLACE.match(name)
    return bool(place) and place.end() < len(name) and looks_like_agency(name)


def body_agency(sections: dict[str, list[str]]) -> tuple[str, str]:
    """(name, how it was found) from the report's own text, or ("", "")."""
    paras = [p for key in sections for p in sections[key]]
    opening = sections.get("s1_overview", [])[:3]
    for p in paras:
        for m in _COMPILED.finditer(p):
            if name := name_at(m.group(1)):
                return name, "本报告由…编制"
    for p in opening:
        for m in _ALIAS.finditer(p):
            if name := _alias_name(m.group(1)):
                return name, "以下简称"
    last = next((sections[k] for k in reversed(list(sections)) if sections[k]), [])
    if name := seal_agency(last):
        return name, "落款"
    for p in opening[:1]:
        if name := name_at(p):
            return name, "正文首句"
    return "", ""


def completed(name: str, texts: list[str]) -> str:
    """`name` as the document prints it in full elsewhere (a field, the 落款, a sentence): 柳岸街道办事处 →
    临澜市砚湖区柳岸街道办事处 when that longer name, ending with it, stands somewhere."""
    best = name
    longer = re.compile(rf"([\u4e00-\u9fff]{{1,16}}){re.escape(name)}")
    for t in texts:
        for m in longer.finditer(t):
            head = _LEAD.split(m.group(1))[-1]
            place = _PLACE.match(head + name)
            if (
                head
                and place
                and place.end() <= len(head)
                and _placed(head + name)
                and len(head + name) > len(best)
            ):
                best = head + name
    return best


def partial_name(name: str) -> Finding | None:
    """A town's or street's body named without its county (禾渚镇人民政府, 柳岸街道办事处), taken from the
    opening sentence: said as possibly incomplete."""
    units = _UNITS.findall(name)
    if not units or any(u not in ("镇", "乡", "街道") for u in units):
        return None
    return Finding(
        "AGENCY_PARTIAL",
        WARNING,
        FAIL,
        f"标题中没有机关名称，本工具按正文首句取为“{name}”，可能缺少所属县（市、区）的名称，请人工核对"
        "（这不是报告的错误）",
        source=READER,
    )


def _alias_name(text: str) -> str:
    """The name before 「（以下简称」: the whole clause (after a year or 全年) when it is a placed body's name."""
    text = _HEAD.sub("", text)
    return text if name_at(text) == text else ""


def seal_agency(paras: list[str]) -> str:
    """The 落款's name: a name line just over a date line (or the name and the date on one line),
    among the last lines of the report's text."""
    lines = [ln.strip() for p in paras for ln in p.split("\n") if ln.strip()][-_SEAL_LOOKBACK:]
    for i in range(len(lines) - 1, -1, -1):
        m = _DATE_LINE.match(lines[i])
        if not m:
            continue
        if m.group("name"):
            name = re.sub(r"\s+", "", m.group("name"))
            if looks_like_agency(name):
                return name
        # the name line, or the name run on after the last sentence (a 落款 not set apart)
        before = re.split(r"[。；！？]", re.sub(r"\s+", "", lines[i - 1]))[-1] if i else ""
        if looks_like_agency(before):
            return before
    return ""


def title_agency(title: str, preamble: list[str], body_text: str) -> str:
    """The title's agency, unless it comes only from an uncorroborated line joined above the title
    (a site header may stand there): then ""."""
    agency = agency_from_title(title)
    if not agency or _WRAPPER_WORDS.search(agency):
        return ""
    above = _line_above(title, preamble)
    if above and not year_in(above) and agency not in body_text:
        return ""
    return agency


def _line_above(title: str, preamble: list[str]) -> str:
    """The part of `title` that a line above its own title line gave it ("" when the title is one
    line, or the title line names its agency itself)."""
    for p in preamble[:40]:
        line = join_lines(p.split("\n")).strip()
        if line and line != title and title.endswith(line) and not agency_from_title(line):
            return title[: -len(line)]
    return ""


def agency_unread(title: str, doubted: str = "") -> Finding:
    if doubted:  # the name of a line above the title, told by nothing else: perhaps the site's banner
        said = f"标题上方一行“{doubted[:40]}”可能是网站页头，未作为机关名称；"
    else:
        said = f"标题“{title[:40]}”中没有机关名称，" if title else "未找到标题，"
    return Finding(
        "AGENCY_UNREAD",
        WARNING,
        FAIL,
        f"本工具未能读取发布机关名称：{said}正文中也未找到“本报告由……编制”、落款等写明机关的文字，"
        "请人工核对（这不是报告的错误）",
        source=READER,
    )


def read_meta(
    title: str, texts: list[str], preamble: list[str], sections: dict[str, list[str]]
) -> tuple[int | None, str, list[Finding]]:
    """The report's year and agency and, for what was not read, the reader's warnings."""
    year = find_year(title, texts)
    body_text = "".join(p for key in sections for p in sections[key])
    agency = title_agency(title, preamble, body_text)
    said = [] if year else [year_unread(title)]
    if agency:
        return year, agency, said
    agency, how = body_agency(sections)
    if not agency:
        return year, "", [agency_unread(title, agency_from_title(title)), *said]
    agency = completed(agency, texts)
    if how == "正文首句" and (partial := partial_name(agency)):
        said.append(partial)
    return year, agency, said


def year_unread(title: str) -> Finding:
    said = f"标题“{title[:40]}”中没有年份，" if title else "未找到标题，"
    return Finding(
        "YEAR_UNREAD",
        WARNING,
        FAIL,
        f"本工具未能读取报告年度：{said}正文中也未找到“2023年，……”或统计期限等写明年度的文字，"
        "请人工核对（这不是报告的错误）",
        source=READER,
    )
