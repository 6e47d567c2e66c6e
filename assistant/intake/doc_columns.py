"""表一 document rows given as a bare list of numbers, and 「项目：无」. Pure helpers of `extract`.

「规范性文件（制发/废止/有效）：2/0/11」 and a pasted grid (「信息内容 本年制发件数 本年废止件数 现行有效件数」
then 「行政规范性文件 1 0 2」) give the three counts of a row by position: the columns are those the
message itself names, in the order it names them. Without such a header the numbers stay unplaced
(the extractor asks). 「规章：无」 is 「规章无」: the colon only introduces the answer.
"""

from __future__ import annotations

import re

from assistant.intake.phrases import rewrite

# the three columns of a 表一 document row, in the words a header uses
_COLUMNS = {"制发": "制发", "废止": "废止", "有效": "现行有效"}
_COL = r"(?:本年)?(?:制发|废止)(?:件数|数)?|(?:现行)?有效(?:件数|数)?"
_SEP = r"\s*[/／、|｜\s]\s*"
_HEADER = re.compile(rf"(?:{_COL}){_SEP}(?:{_COL}){_SEP}(?:{_COL})")
_NUM = r"([0-9０-９]+)"
_BY = r"\s*[/／|｜\s]\s*"
_ROW = re.compile(
    r"((?:行政)?规范[性行]文件|规章)"  # the row
    r"[^0-9０-９。；;！!？?\n]{0,24}?"  # its own header, 「按…来说是」, a colon, a cell rule
    rf"{_NUM}{_BY}{_NUM}{_BY}{_NUM}(?![0-9０-９.])"
)
_END = r"(?=$|[，,。；;！!\s])"
_COLON_NONE = (re.compile(rf"[：:]\s*无{_END}"), "无"), (re.compile(rf"[：:]\s*没有{_END}"), "没有")


def header_order(message: str) -> tuple[str, ...] | None:
    """The document columns in the order the message's header names them (None: no header)."""
    m = _HEADER.search(message)
    if not m:
        return None
    order = tuple(_COLUMNS[w] for w in re.findall("制发|废止|有效", m.group()))
    return order if len(set(order)) == 3 else None


def spell_out(message: str, said: list[tuple[str, str]]) -> str:
    """「规范性文件 2/0/11」 under a header → 「规范性文件制发2件，规范性文件废止0件，…」; 「规章：无」 → 「规章无」."""
    for pattern, none in _COLON_NONE:
        message = rewrite(pattern, none, message, said)
    order = header_order(message)
    if order is None:
        return message

    def sub(m: re.Match[str]) -> str:
        row = m.group(1)  # named in each clause: a clause's source is then its own row's numbers
        new = "，".join(f"{row}{col}{n}件" for col, n in zip(order, m.groups()[1:], strict=True))
        said.append((new, m.group()))
        return new

    return _ROW.sub(sub, message)


def header_notes(original: str, said: list[tuple[str, str]]) -> list[str]:
    """Said back when rows were read by the header's columns: which header, in which order."""
    m = _HEADER.search(original)
    if not m or not any(_ROW.fullmatch(old) for _new, old in said):
        return []
    line = next(ln for ln in original.splitlines() if m.group() in ln).strip()
    line = m.group() if re.search(r"[0-9０-９]", line) else line  # a header line, or the words of one
    order = "、".join("本年" + c if c != "现行有效" else c for c in header_order(original) or ())
    return [f"按“{line[:80]}”的栏目顺序（{order}）读取了各行的数字"]
