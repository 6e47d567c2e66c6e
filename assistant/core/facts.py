"""ReportFacts: the structured content of one report, and parsing of raw cell values.

A cell is either a number (int count or Decimal 万元), or one of two markers that stay distinct
from 0: BLANK (the cell was printed empty) and SLASH ("/", "—": explicitly not applicable).
Both markers count as 0 in arithmetic; BLANK gives a warning. An absent key means "not given".
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.core import spec
from assistant.core.numbers import parse_decimal, to_halfwidth


class Marker(str):
    """BLANK or SLASH."""

    __slots__ = ()


BLANK = Marker("")
SLASH = Marker("/")
Value = int | Decimal | Marker

_SLASH_TEXTS = {"/", "／", "—", "——", "-", "－", "–", "\\"}
_UNIT_SUFFIX = re.compile(r"^(.*?)(件|个|项|次|万元)$")


@dataclass(frozen=True)
class ValueNote:
    """A raw value accepted after normalisation (１２ → 12): shown to the user, not an error."""

    cell: str
    raw: str
    value: str
    message: str


@dataclass(frozen=True)
class ValueError_:
    """A raw value refused: named by cell, never silently dropped."""

    cell: str
    raw: str
    message: str


@dataclass(frozen=True)
class ReportFacts:
    agency: str
    year: int
    format: str
    cells: Mapping[str, Value] = field(default_factory=dict)
    narrative: Mapping[str, str] = field(default_factory=dict)
    level: str = ""
    source: str = ""

    @property
    def spec(self) -> spec.FormatSpec:
        return spec.spec_for(self.format)

    def number(self, key: str) -> int | Decimal | None:
        """The arithmetic value of a cell: markers count as 0, absent is None."""
        v = self.cells.get(key)
        if v is None:
            return None
        if isinstance(v, Marker):
            return 0
        return v

    def with_cells(self, cells: Mapping[str, Value]) -> ReportFacts:
        return ReportFacts(
            self.agency, self.year, self.format, dict(cells), self.narrative, self.level, self.source
        )


def parse_cell_value(
    key: str, raw: Any, cell: spec.Cell
) -> tuple[Value | None, ValueNote | None, ValueError_ | None]:
    """Parse one raw value for `cell`. Returns (value, note, error); exactly one of value/error is set."""
    label = cell.label
    if raw is None:
        return BLANK, None, None
    if isinstance(raw, bool):
        return None, None, ValueError_(key, str(raw), f"{label}：“{raw}”不是数字")
    if isinstance(raw, int):
        return raw, None, None
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, None, ValueError_(key, str(raw), f"{label}：“{raw}”不是有效数字")
        raw = repr(raw)
        return _finish(key, raw, Decimal(raw), cell, note=None)
    if isinstance(raw, Decimal):
        return _finish(key, str(raw), raw, cell, note=None)
    if not isinstance(raw, str):
        return None, None, ValueError_(key, str(raw)[:40], f"{label}：应填写数字，实际是{type(raw).__name__}")
    text = raw.strip()
    if text == "":
        return BLANK, None, None
    if text in _SLASH_TEXTS:
        return SLASH, None, None
    normalised = to_halfwidth(text).replace(" ", "")
    reasons = []
    if normalised != text.replace(" ", ""):
        reasons.append("全角字符已转为半角")
    m = _UNIT_SUFFIX.match(normalised)
    if m and m.group(1):
        normalised = m.group(1)
        reasons.append(f"去掉单位“{m.group(2)}”")
    if "," in normalised and re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", normalised):
        normalised = normalised.replace(",", "")
        reasons.append("去掉千分位逗号")
    value = parse_decimal(normalised)
    if value is None:
        return None, None, ValueError_(key, text, f"{label}：“{text}”无法识别为数字，请填写阿拉伯数字")
    if re.search(r"[零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟]", normalised):
        reasons.append("中文数字已转为阿拉伯数字")
    note = None
    if reasons:
        note = ValueNote(key, text, str(value), f"{label}：“{text}”按 {value} 处理（{'，'.join(reasons)}）")
    return _finish(key, text, value, cell, note)


def _finish(
    key: str, raw: str, value: Decimal, cell: spec.Cell, note: ValueNote | None
) -> tuple[Value | None, ValueNote | None, ValueError_ | None]:
    if cell.type == spec.INT:
        if value != value.to_integral_value():
            return None, None, ValueError_(key, raw, f"{cell.label}：“{raw}”是小数，本栏应为整数件数")
        as_int = int(value)
        if note is None and "." in raw:
            note = ValueNote(key, raw, str(as_int), f"{cell.label}：“{raw}”按整数 {as_int} 处理")
        return as_int, note, None
    return value, note, None


def suggest_key(key: str, version: str) -> str | None:
    """The closest official cell key, for a misspelt one."""
    keys = list(spec.spec_for(version).by_key)
    # an extra prefix, e.g. review_litigation.review.upheld
    tails = [k for k in keys if key.endswith("." + k)]
    if tails:
        return max(tails, key=len)
    hit = difflib.get_close_matches(key, keys, n=1, cutoff=0.75)
    return hit[0] if hit else None


def cells_to_json(cells: Mapping[str, Value]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in cells.items():
        if isinstance(v, Marker):
            out[k] = None if v == "" else "/"
        elif isinstance(v, Decimal):
            out[k] = str(v)
        else:
            out[k] = v
    return out


def cells_from_json(raw: Mapping[str, Any], version: str) -> dict[str, Value]:
    fs = spec.spec_for(version)
    out: dict[str, Value] = {}
    for k, v in raw.items():
        cell = fs.by_key.get(k)
        if cell is None:
            continue
        if v == "/":
            out[k] = SLASH
            continue
        value, _note, err = parse_cell_value(k, v, cell)
        if err is None and value is not None:
            out[k] = value
    return out
