"""How a chat message answers the question asked: a short 「没有」, a narrative, a correction, a vague amount.

Pure helpers of `extract`. A negation makes the asked topic zero only when the message is a short
answer (「没有」「没有不予公开的」「无」), never when it reads as narrative (「一是……尚未全部归集」): such
a message describes problems or measures and goes to the narrative only. A correction (「自然人其实是40
件」) goes to the row already confirmed for the column it names, not to the topic asked about.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import NumberMention
from assistant.intake.lexicon import COLUMNS, ROW_BY_KEY, T2
from assistant.intake.model import TOPIC_ROWS
from assistant.intake.narrative import TOLD_ABOUT
from assistant.intake.phrases import find_row, numbers, rewrite

SHORT_ANSWER_CHARS = 14
_PUNCT = re.compile(r"[\s。，,.！!？?；;：:、“”\"'（）()]+")
_NARRATIVE_MARKERS = re.compile(
    r"[一二三四五六七八九十][是要]|首先|其次|问题|不足|短板|(?<!不)存在|"
    r"尚未(?!办结|审结|答复|结案|收到|发生|出现)|还(?:没有?|未)(?:全部|完全|完成|建立|落实)|不够|有待|不到位|不规范"
)
_CORRECTION = re.compile(
    r"^\s*(?:(?:哦|啊|嗯|诶|哎)?不对(?:不对)?|错了|不是的)[，,。！!\s]|其实|实际上|应该是|应为|应当是|更正|改为|改成|搞错|说错|写错|看错|数错|算错|记错"
    r"|不是[^。；]{0,10}?是|是[^。；，]{0,8}?不是"
)

_POINTER = re.compile(r"(?:那|这)\s*$")  # 「企业那两件」: a count that points at a cell


def pointed_at(keys: list[str], cells: Mapping[str, Value], value, before: str) -> str | None:
    """「企业那两件」 when 企业 is confirmed in several rows: the one row holding that count."""
    same = [k for k in keys if cells.get(k) == value]
    return same[0] if len(keys) > 1 and len(same) == 1 and _POINTER.search(before) else None


RIGHT_VALUE = re.compile(r"^\s*(?:而|应该|应当|实际|其实)?(?:是|为)\s*$")  # 「……不是0，是2件」
WRONG_VALUE = re.compile(r"(?:不是|并非|而非)\s*$")
_WRONG_NUMBER = re.compile(r"(?:不是|并非|而非)\s*([0-9]+)(?![0-9])")


def wrong_value(sentence: str) -> int | None:
    """「是7不是9」: the value being corrected (9), or None."""
    m = _WRONG_NUMBER.search(sentence)
    return int(m.group(1)) if m else None


ALL_ANSWERED = re.compile(  # 「（申请）都答复了」: every application of the year was answered
    r"(?<![年底末终时期])(?:都|全部|全都|均)(?:已经?)?(?:答复|办结|办完|处理完)(?:完毕|完)?了?(?=$|[，,。；;！!])"
)
BARE_NONE = re.compile(
    r"^\s*(?:零|〇|没|没得|木有|没有的|都没|啥也没有|一个也没)\s*[。！!.]?\s*$"
)  # 「零」「没」: none
THAT_ONE = re.compile(r"(?<=[\u4e00-\u9fff])那件(?!事)")  # 「律所那件没公开」: that one application
_LAST_REPORT = re.compile(
    r"(?:去年|上一?年度?)的?(?:年报|报告|年度报告)(?:里|上|中)?(?:写的|填的|报的|的)?(?:那个)?\s*$"
)
_DONE_LAST_YEAR = re.compile(
    r"^[^，,。；]{0,4}?(?:去年|上一?年)(?:[0-9一二两三四五六七八九十]+月(?:底|末|初|中|份)?|年底|底|年末)?(?:份)?(?:就|已经?)(?:答复|办结|办完|处理)"
)


def last_years(before: str, after: str) -> bool:
    """「去年报告里那个4件」「有2件其实去年12月就答复了」: a number about last year, not this year's table."""
    return bool(_LAST_REPORT.search(before) or _DONE_LAST_YEAR.search(after))


_DIFFERENCE = (
    re.compile(  # 「比去年少了7件」「同比增加3件」: a change between years, not a count of this year
        r"(?:(?:比|较|同比|与|和|跟)(?:去年|上年|上一年|上年度|往年|前年)?[^，,。；\d]{0,6}?)?"
        r"(?:少了|多了|减少了?|增加了?|下降了?|上升了?|增长了?|降低了?|提高了?|降了|涨了|回落了?)"
        r"(?:约|近|将近|大约)?\s*$"
    )
)


def difference(before: str) -> bool:
    """The number right after these words is a year-on-year change (narrative), never a cell."""
    return bool(_DIFFERENCE.search(before))


BARE_CARRY = re.compile(r"(?<![上去下明转年底末终])结转(?![到至入下过来自])")
_CARRY_DIRECTION = re.compile(r"上一?年|去年|下一?年|明年|年底|年末|年终")


def carry_from_last_year(message: str, topic: str | None) -> bool:
    """「没有结转」 answering the 上年结转 question: a 结转 without a direction means the one asked."""
    said = short_answer(message) or _THAT_CARRY.search(message)  # 「对了，结转的那1件也是个人申请的」
    return topic == "carried_over" and bool(said) and not _CARRY_DIRECTION.search(message)


_THAT_CARRY = re.compile(r"(?<![上去下明转年底末终])结转的?那")


_LAST_YEAR_NONE = re.compile(  # 「（没有结转，）去年也没有」: 上年结转 none
    r"(?:(?<=^)|(?<=[，,。；;\s]))(?:去年|上年|上一年)(?:的)?也?(?:都)?(?:没有|没|无)(?:的|了)?(?:哈|呢|啊|吧)?(?=$|[，,。；;！!])"
)
_SLIPS = (  # typing slips of the form's words (pinyin input picks a near homophone)
    (re.compile(r"出罚|处伐|处法(?![律规])"), "处罚"),
    (re.compile(r"复义|复仪|(?<!答)复意(?!见)"), "复议"),
    (re.compile(r"强治"), "强制"),
    (re.compile(r"诉松|诉颂"), "诉讼"),
    (re.compile(r"许克"), "许可"),
    (re.compile(r"规范行文件"), "规范性文件"),
)


def fix_slips(message: str, said: list[tuple[str, str]]) -> str:
    """「出罚一百五十六件」 read as 处罚; each fix logged, so sources keep what was typed."""
    for pattern, word in _SLIPS:
        message = rewrite(pattern, word, message, said)
    return message


def spell_carry(message: str, topic: str | None, said: list[tuple[str, str]]) -> str:
    """「没有结转」 answering the 上年结转 question, and 「去年也没有」 beside a 结转 (or answering a
    carry-over question), spelled as 上年结转."""
    if carry_from_last_year(message, topic):
        message = rewrite(BARE_CARRY, "上年结转", message, said)
    if "结转" in message or topic in ("carried_over", "carried_to_next"):
        message = rewrite(_LAST_YEAR_NONE, "上年结转也没有", message, said)
    return message


def keys_with_value(value: int, cells: Mapping[str, Value], version: str) -> list[str]:
    """The non-derived cells holding `value`; 总计 cells first when several rows share it."""
    fspec = spec.spec_for(version)
    keys = [k for k, v in cells.items() if v == value and k in fspec.by_key]
    totals = [k for k in keys if k.endswith(".total")]
    if len(totals) == 1:
        return totals
    return [k for k in keys if not fspec.cell(k).derived]


def narrative_like(message: str) -> bool:
    """The message describes (problems, measures, enumerations), rather than answers with a count."""
    return bool(_NARRATIVE_MARKERS.search(TOLD_ABOUT.sub("某事", message)))


def short_answer(message: str) -> bool:
    """A bare answer such as 「没有」「无」「今年没有这类申请」 (no narrative), or a list of applicant types
    with their counts and nothing else (「个人5件，物业公司1件，业委会1件」), however long."""
    if len(_PUNCT.sub("", message)) <= SHORT_ANSWER_CHARS and not narrative_like(message):
        return True
    clauses = [c for c in re.split(r"[，,、；;。\s]+", message.strip()) if c]
    if clauses and _bare_total(clauses[0]):
        clauses = clauses[1:]  # 「今年15件，个人8件，研究机构4件，公司3件」: the total the types make up
    return len(clauses) > 1 and all(_type_count(c) for c in clauses)


_TOTAL_WORDS = re.compile(r"(?:今年|全年|本年度?|一共|总共|共计|共|合计|总计|就|有|是|了|收|来)*")


def _bare_total(clause: str) -> bool:
    """「今年15件」「一共15件」: one count and words of time or sum only."""
    found = numbers(clause)
    return len(found) == 1 and bool(_TOTAL_WORDS.fullmatch(clause.replace(found[0].raw, "", 1)))


def _type_count(clause: str) -> bool:
    """「物业公司1件」「还有一个社工机构」: an applicant type and one count, no table row."""
    types = [c for c, p in COLUMNS[T2] if p.search(clause) and c in spec.T2_APPLICANT_COLUMNS]
    return (
        bool(types)
        and len(numbers(clause)) == 1
        and find_row(clause, weak=False) is None
        and find_row(clause, weak=True) is None
    )


def is_correction(message: str) -> bool:
    return bool(_CORRECTION.search(message))


def corrected_keys(col: str, cells: Mapping[str, Value], version: str) -> list[str]:
    """Confirmed (non-derived) cells in column `col`: the rows a correction naming only `col` may mean."""
    fspec = spec.spec_for(version)
    return [k for k in cells if k.endswith("." + col) and k in fspec.by_key and not fspec.cell(k).derived]


def correction_question(source: str, col_name: str, keys: list[str], version: str) -> str:
    fspec = spec.spec_for(version)
    if keys:
        rows = "、".join(f"“{fspec.cell(k).row_label}”" for k in keys[:6])
        which = f"这一栏已有数字的有{rows}"  # confirmed or still pending
    else:
        which = "目前这一栏还没有数字"
    return (
        f"“{source}”：要更正的是哪一项的{col_name}件数？{which}。"
        f"请连同项目一起说，例如“本年新收的{col_name}应为40件”。"
    )


def row_answered(row: str, cells: Mapping[str, Value]) -> bool:
    """A Table 2 row is answered when its 总计 or every applicant type is confirmed."""
    if not row.startswith("applications."):
        return False
    return f"{row}.total" in cells or all(f"{row}.{c}" in cells for c in spec.T2_APPLICANT_COLUMNS)


def open_topic_rows(topic: str | None, cells: Mapping[str, Value]) -> tuple[str, ...]:
    """The rows of the topic asked that are not answered yet (a group's unanswered leaves once any
    leaf is answered): what a bare 「3件」 or 「没有」 answers. "row:<row>" is one row asked about
    directly (the balance question after a save)."""
    if topic and topic.startswith(ROW_TOPIC):
        return (topic.removeprefix(ROW_TOPIC),)
    out: list[str] = []
    for row in TOPIC_ROWS.get(topic or "", ()):
        leaves = ROW_BY_KEY[row].leaves
        if leaves and any(row_answered(leaf, cells) for leaf in leaves):
            out += [leaf for leaf in leaves if not row_answered(leaf, cells)]
        elif not row_answered(row, cells):
            out.append(row)
    return tuple(out)


def topic_rows_missing(topic: str | None, cells: Mapping[str, Value], col: str) -> tuple[str, ...]:
    """The Table 2 rows of the topic asked whose total is known but column `col` is not."""
    rows = (
        (topic.removeprefix(ROW_TOPIC),)
        if topic and topic.startswith(ROW_TOPIC)
        else TOPIC_ROWS.get(topic or "", ())
    )
    return tuple(
        r
        for r in rows
        if r.startswith("applications.") and f"{r}.total" in cells and f"{r}.{col}" not in cells
    )


_BARE_COUNT = re.compile(  # 「准确是312件」「具体的数是8件」: the exact count asked for
    r"(?:(?:准确|确切|具体|实际)(?:的|地)?(?:数字?|数目|件数)?(?:应该|应当)?)?(?:是|有|就|共|一共|总共|总计|合计|一共是|共有|为)?"
)


def column_answer_row(
    topic: str | None, cells: Mapping[str, Value], col: str | None, seg: str = ""
) -> str | None:
    """The row a column said without a row answers, in a message longer than a bare answer: the row
    of the balance question (「那总数就是24件」), the one open row asked for a bare count (「查了，是32件」),
    or the one row asked whose total is known and whose applicant type is not (「公司3件，律所2件」)."""
    if topic and topic.startswith(ROW_TOPIC) and col:
        return topic.removeprefix(ROW_TOPIC)
    if col in (None, "total") and _BARE_COUNT.fullmatch(seg.strip()):
        rows = open_topic_rows(topic, cells)
        asked = (topic or "").startswith(ROW_TOPIC)  # a row the assistant asked about, of any table
        return rows[0] if len(rows) == 1 and (asked or rows[0].startswith("applications.")) else None
    if col not in spec.T2_APPLICANT_COLUMNS:
        return None
    rows = topic_rows_missing(topic, cells, col)
    return rows[0] if len(rows) == 1 else None


ROW_TOPIC = "row:"
GRANTED = "applications.results.granted"
_IN = ("applications.new_received", "applications.carried_over_from_prev")
IN_ROWS = _IN
_OUT = "applications.carried_to_next"


def all_granted(known: Mapping[str, Value]) -> dict[str, int]:
    """「都予以公开了」: every application handled this year was granted, column by column (new and carried
    over, less what is carried to next year); only the 总计 when the applicant types are not known."""
    out: dict[str, int] = {}
    completed = _types_completed(known)
    types = [c for c in spec.T2_APPLICANT_COLUMNS if isinstance(completed.get(f"{_IN[0]}.{c}"), int)]
    cols = spec.T2_APPLICANT_COLUMNS if len(types) == len(spec.T2_APPLICANT_COLUMNS) else ("total",)
    for col in cols:
        done = handled(completed, col)
        if done is None:
            return {}
        out[f"{GRANTED}.{col}"] = done
    if completed is not known and "total" not in cols:  # types said only in part: the 总计 said too
        out[f"{GRANTED}.total"] = sum(out.values())
    return out


def _types_completed(known: Mapping[str, Value]) -> Mapping[str, Value]:
    """「5件，都是个人申请的」: the 本年新收 types said add up to its 总计, so the others are 0."""
    said = {c: known.get(f"{_IN[0]}.{c}") for c in spec.T2_APPLICANT_COLUMNS}
    given = [v for v in said.values() if isinstance(v, int)]
    if not given or len(given) == len(said) or sum(given) != known.get(f"{_IN[0]}.total"):
        return known
    return {**known, **{f"{_IN[0]}.{c}": 0 for c, v in said.items() if not isinstance(v, int)}}


def handled(known: Mapping[str, Value], col: str) -> int | None:
    """The applications of one column handled this year: new and carried over (0 when not said), less
    what is carried to next year; None when 新收 is not known."""
    new = known.get(f"{_IN[0]}.{col}")
    if not isinstance(new, int):
        return None
    rest = [known.get(f"{_IN[1]}.{col}"), known.get(f"{_OUT}.{col}")]
    carried, to_next = (v if isinstance(v, int) else 0 for v in rest)
    return new + carried - to_next if new + carried - to_next >= 0 else None


_CN = "零一二两三四五六七八九十百千"
VAGUE = re.compile(
    r"(?:[一二两三四五六七八九十百千\d]+(?:几|来|多|余)|几十|几百|好几|几|若干|多)(?:件|个|宗|起|项|份)"
    rf"|[{_CN}]*万[{_CN}]*(?:几|来|多|余)(?:万)?(?:元|块钱|块)?"  # 「五万多」「八万四千来块」: an amount
    rf"|[{_CN}]+[十百千](?:几|来|多|余)(?:元|块钱|块)"  # 「八千多块」
)
ABOUT = re.compile(r"(?:大约|大概|约|近|将近|差不多|左右)$")


def vague_raw(sentence: str, m: NumberMention) -> str:
    """「约10件」 rather than 「10件」: the word that makes the number vague, with the number."""
    about = ABOUT.search(sentence[: m.start])
    return (about.group() if about else "") + m.raw


def vague_question(sentence: str, vague: list[str]) -> str:
    shown = "”“".join(dict.fromkeys(vague))
    if any(
        "元" in v or "块" in v or ("万" in v and v[-1] not in "件个项次起宗份") for v in vague
    ):  # an amount
        return (
            f"“{sentence}”中的“{shown}”不是确切金额，表格需要准确的收费金额（万元）。"
            "请告诉我具体金额（例如“43.8万元”）；记不清的可以先查一下财务账。"
        )
    return (
        f"“{sentence}”中的“{shown}”不是确切数字，表格需要准确件数。"
        "请告诉我具体是多少件（例如“12件”）；记不清的可以先查一下台账。"
    )


SAME_AS_ABOVE = re.compile(
    r"^\s*(?:同上|同前|一样|也一样|同样|和上面一样|跟上面一样|跟上一个一样|和上一个一样)[。！!.\s]*$"
)
_CONTROL = re.compile(
    r"^\s*(?:确认|确定|是|是的|对|好|好的|可以|保存|覆盖|取消|放弃|跳过|同上|一样)[。！!.\s]*$"
)


def repeat_previous(message: str, earlier: list[str]) -> str:
    """「同上」 answers the question asked with the user's previous answer (e.g. 「没有」)."""
    if not SAME_AS_ABOVE.match(message):
        return message
    answers = [m for m in earlier if not _CONTROL.match(m)]
    return answers[-1] if answers and len(answers[-1]) <= SHORT_ANSWER_CHARS else message


_REVIEW_OUTCOME = re.compile(r"复议(?:机关)?(?:决定|结果)?(?:被|予以)?(?:维持|纠正|撤销|驳回)了?")


def suit_words(row_key: str, clause: str) -> str:
    """「是复议维持以后他不服又去告的」: 维持 there is the review's outcome, not the court's."""
    return _REVIEW_OUTCOME.sub("复议", clause) if row_key == "litigation_after_review" else clause


_ECHOED = re.compile(r"(?<=[\u4e00-\u9fff])[？?]\s*(?=(?:也|都)?(?:没有|没|无)(?:[。，,！!；;]|$))")


def echoed(message: str) -> str:
    """「复议？没有。」: the clerk says the item asked back, then answers it — one clause, 「复议没有」."""
    return _ECHOED.sub("", message)


def part_of_new(statements: Iterable[Any], col: str) -> bool:
    """「收到5件，4件是企业申请的，都给了」: the types said so far fall short of the 本年新收 total said,
    so 「都」 is the last count's (of type `col`), not the whole year's."""
    said = {
        s.key: s.value
        for s in statements
        if s.key.startswith("applications.new_received.") and not s.inferred
    }
    total, parts = (
        said.get("applications.new_received.total"),
        [v for k, v in said.items() if not k.endswith(".total")],
    )
    return col != "total" and isinstance(total, int) and 0 < sum(parts) < total  # type: ignore[arg-type]


_RESTATED = re.compile(
    r"^(?:对|对的|是|是的|没错|嗯)?[，,\s]*(?:总共|一共|合计|共计|总计|总数)(?:是|为|有)?\s*(?P<n>[0-9一二两三四五六七八九十百]+)\s*件?[。！!]?$"
)


def restated_total(sentence: str, cells: Mapping) -> tuple[str, int] | None:
    """「对，总共9件」 after a reply proposing 本年新收 9: the one 表二 row total already at that value (the
    clerk agrees, nothing changes); None when no row or several rows hold it."""
    m = _RESTATED.match(sentence.strip())
    said = numbers(m.group("n")) if m else []
    if not said:
        return None
    value = said[0].value
    keys = [
        k for k, v in cells.items() if k.startswith("applications.") and k.endswith(".total") and v == value
    ]
    return (keys[0], int(value)) if len(keys) == 1 else None
