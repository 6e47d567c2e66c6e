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
from assistant.core.limits import AMOUNT_PLACES, MAX_AMOUNT, MAX_COUNT, MAX_RAW_CHARS
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
    key: str, raw: Any, cell: spec.Cell, max_count: int = MAX_COUNT
) -> tuple[Value | None, ValueNote | None, ValueError_ | None]:
    """Parse one raw value for `cell`. Returns (value, note, error); exactly one of value/error is set.

    A count is a finite integer of at most `max_count`, an amount a finite decimal of at most
    MAX_AMOUNT 万元 with at most AMOUNT_PLACES places; anything else is refused by name."""
    label = cell.label
    if raw is None:
        return BLANK, None, None
    if isinstance(raw, bool):
        return None, None, ValueError_(key, str(raw), f"{label}：“{raw}”不是数字")
    if isinstance(raw, int):
        if abs(raw) > max(max_count, MAX_AMOUNT):
            return None, None, _too_large(key, short_repr(raw), cell, max_count)
        return _finish(key, str(raw), Decimal(raw), cell, None, max_count)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return None, None, ValueError_(key, str(raw), f"{label}：“{raw}”不是有效数字")
        raw = repr(raw)
        return _finish(key, raw, Decimal(raw), cell, None, max_count)
    if isinstance(raw, Decimal):
        return _finish(key, short_repr(raw), raw, cell, None, max_count)
    if not isinstance(raw, str):
        return None, None, ValueError_(key, "", f"{label}：应填写数字，实际是{_type_name(raw)}")
    if len(raw) > MAX_RAW_CHARS:
        return (
            None,
            None,
            ValueError_(key, short_repr(raw), f"{label}：内容过长（{len(raw)} 个字符），不是数字"),
        )
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
    return _finish(key, text, value, cell, note, max_count)


def _finish(
    key: str, raw: str, value: Decimal, cell: spec.Cell, note: ValueNote | None, max_count: int
) -> tuple[Value | None, ValueNote | None, ValueError_ | None]:
    if not value.is_finite():
        return None, None, ValueError_(key, raw, f"{cell.label}：“{raw}”不是有效数字")
    limit = max_count if cell.type == spec.INT else MAX_AMOUNT
    if value.adjusted() > len(str(limit)) or abs(value) > limit:  # adjusted() first: never expand 1e999999999
        return None, None, _too_large(key, raw, cell, max_count)
    if cell.type != spec.INT and value != 0 and _places(value) > AMOUNT_PLACES:
        return (
            None,
            None,
            ValueError_(
                key, raw, f"{cell.label}：“{raw}”小数位过多，金额（万元）最多保留 {AMOUNT_PLACES} 位小数"
            ),
        )
    if cell.type == spec.INT:
        if value != value.to_integral_value():
            return None, None, ValueError_(key, raw, f"{cell.label}：“{raw}”是小数，本栏应为整数件数")
        as_int = int(value)
        if note is None and "." in raw:
            note = ValueNote(key, raw, str(as_int), f"{cell.label}：“{raw}”按整数 {as_int} 处理")
        return as_int, note, None
    return value, note, None


def _places(value: Decimal) -> int:
    """Decimal places that matter (3.50 has 1), without normalize() (which rounds to the context)."""
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return 0
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + zeros))


def _too_large(key: str, raw: str, cell: spec.Cell, max_count: int) -> ValueError_:
    if cell.type == spec.INT:
        why = f"超过 {max_count:,} 件，不是合理的件数"
    else:
        why = f"超过 {MAX_AMOUNT:,} 万元，不是合理的金额"
    return ValueError_(key, raw, f"{cell.label}：“{raw}”{why}")


def short_repr(raw: Any) -> str:
    """A value as shown in a message: at most 40 characters, never a 5,000-digit expansion."""
    if isinstance(raw, int) and raw.bit_length() > 200:
        return f"{'-' if raw < 0 else ''}约 10 的 {int(raw.bit_length() * 0.30103)} 次方的整数"
    if isinstance(raw, Decimal) and raw.is_finite() and abs(raw.adjusted()) > 30:
        return f"{raw:.3E}"
    text = str(raw)
    return text if len(text) <= 40 else text[:37] + "…"


def _type_name(raw: Any) -> str:
    return {list: "列表", dict: "键值对", tuple: "列表", set: "集合"}.get(type(raw), type(raw).__name__)


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
