"""Reading and writing facts files (YAML or JSON, DESIGN.md §3), with Chinese errors that name the cell.

Unusable files raise `FactsFileError`; refused values become `INVALID_VALUE` findings (the rest of the
file is still checked); accepted-after-normalisation values become notes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from assistant import parse_messages
from assistant.core import spec
from assistant.core.agency import infer_level
from assistant.core.facts import ReportFacts, Value, ValueNote, parse_cell_value, short_repr, suggest_key
from assistant.core.findings import ERROR, FAIL, Finding
from assistant.core.limits import MAX_AGENCY_CHARS, MAX_LEVEL_CHARS, MAX_TEXT_CHARS, MAX_TITLE_CHARS
from assistant.core.numbers import parse_decimal
from assistant.core.report import Report
from assistant.limits import LimitError

FACTS_SUFFIXES = (".yaml", ".yml", ".json")
MAX_FACTS_BYTES = 5 * 1024 * 1024
MAX_CELL_KEYS = 2_000


class FactsFileError(Exception):
    """The file cannot be used at all; the message is Chinese and names the file."""


@dataclass(frozen=True)
class LoadedFacts:
    facts: ReportFacts
    notes: tuple[ValueNote, ...] = ()
    findings: tuple[Finding, ...] = ()  # INVALID_VALUE / UNKNOWN_CELL: values refused, never dropped silently
    raw_cells: Mapping[str, Any] = field(default_factory=dict)
    title: str = ""
    sections: Mapping[str, str] = field(default_factory=dict)  # full published section texts, if given

    def to_report(self) -> Report:
        """The facts file as a Report (for past reports kept as facts files with `sections`)."""
        f = self.facts
        title = self.title or f"{f.agency}{f.year}年政府信息公开工作年度报告"
        return Report(
            f.source, title, f.agency, f.year, f.format, dict(self.sections), dict(f.cells), {}, (), f.level
        )


def is_facts_file(path: Path) -> bool:
    return path.suffix.lower() in FACTS_SUFFIXES


def load_facts(path: str | Path) -> LoadedFacts:
    p = Path(path)
    name = str(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise FactsFileError(f"{name}：文件不存在") from None
    except IsADirectoryError:
        raise FactsFileError(f"{name}：这是一个文件夹，不是数据文件") from None
    except OSError as e:
        raise FactsFileError(f"{name}：无法读取（{e.strerror or e}）") from None
    if len(data) > MAX_FACTS_BYTES:
        raise FactsFileError(f"{name}：文件过大（{len(data) // 1024 // 1024} MB），数据文件一般不超过几十 KB")
    return parse_facts(data, name, json_hint=p.suffix.lower() == ".json")


def parse_facts(data: bytes, name: str, json_hint: bool = False) -> LoadedFacts:
    if not data.strip():
        raise FactsFileError(f"{name}：文件是空的")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # Notepad's 「Unicode」: UTF-16 with its BOM
        try:
            data = data.decode("utf-16").encode("utf-8")
        except UnicodeDecodeError:
            raise FactsFileError(f"{name}：文件编码无法识别，请另存为 UTF-8") from None
    if b"\x00" in data[:4096]:
        raise FactsFileError(f"{name}：这是二进制文件，不是 YAML/JSON 数据文件")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise FactsFileError(f"{name}：文件编码无法识别，请另存为 UTF-8") from None
    doc = _parse_text(text, name, json_hint)
    if not isinstance(doc, dict):
        raise FactsFileError(f"{name}：内容应是键值对（agency、year、cells 等），实际是{_kind(doc)}")
    return facts_from_mapping(doc, name)


def _parse_text(text: str, name: str, json_hint: bool) -> Any:
    if json_hint:
        try:
            return json.loads(text, parse_float=Decimal, parse_int=_json_int)
        except json.JSONDecodeError as e:
            where = f"第 {e.lineno} 行第 {e.colno} 列"
            raise FactsFileError(
                f"{name}：JSON 格式错误，{where}：{parse_messages.json_problem(e.msg)}"
            ) from None
        except RecursionError:
            raise FactsFileError(f"{name}：嵌套层数过多，不是年报数据文件的结构") from None
    import yaml  # here, not at the top: `check` of a document never reads YAML (issue 15, start-up)

    from assistant.facts_yaml import FactsLoader
    from assistant.limits import safe_yaml_load

    try:
        return safe_yaml_load(text, FactsLoader)
    except LimitError as e:
        raise FactsFileError(f"{name}：{e}") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列" if mark else "某处"
        problem = parse_messages.yaml_problem(getattr(e, "problem", None))
        raise FactsFileError(f"{name}：YAML 格式错误，{where}：{problem}") from None


def _json_int(text: str) -> int | Decimal:
    """An integer literal; one too long for int() (4300 digits) stays a Decimal and is refused later."""
    return int(text) if len(text) <= 40 else Decimal(text)


_kind = parse_messages.kind


def facts_from_mapping(doc: Mapping[str, Any], name: str) -> LoadedFacts:
    """Build ReportFacts from a parsed facts document; raises FactsFileError if unusable."""
    notes: list[ValueNote] = []
    findings: list[Finding] = []
    agency = doc.get("agency")
    if agency is not None and not isinstance(agency, str):
        raise FactsFileError(f"{name}：agency（机关名称）应是一段文字，实际是{_kind(agency)}")
    if not isinstance(agency, str) or not agency.strip():
        raise FactsFileError(f"{name}：缺少必填项 agency（机关名称）")
    if len(agency.strip()) > MAX_AGENCY_CHARS:
        raise FactsFileError(
            f"{name}：agency（机关名称）过长（{len(agency.strip())} 个字符，上限 {MAX_AGENCY_CHARS}）"
        )
    year = _year(doc.get("year"), name, notes)
    raw_cells = doc.get("cells") or {}
    if not isinstance(raw_cells, Mapping):
        raise FactsFileError(f"{name}：cells 应是“单元格键: 数值”的键值对，实际是{_kind(raw_cells)}")
    flat = _flatten(raw_cells, name)
    if len(flat) > MAX_CELL_KEYS:
        raise FactsFileError(f"{name}：cells 中有 {len(flat)} 项，远多于年报的单元格数，不是年报数据文件")
    version = _version(doc.get("format"), year, flat, name)
    fspec = spec.spec_for(version)
    cells: dict[str, Value] = {}
    for key, raw in flat.items():
        cell = fspec.by_key.get(key)
        if cell is None:
            findings.append(_unknown_key(key, version, raw, name))
            continue
        value, note, err = parse_cell_value(key, raw, cell)
        if err:
            findings.append(
                Finding(
                    "INVALID_VALUE", ERROR, FAIL, f"{name}：{err.message}", (key,), err.raw, table=cell.table
                )
            )
            continue
        if note:
            notes.append(note)
        cells[key] = value  # type: ignore[assignment]
    missing = doc.get("missing")
    if missing is not None and missing not in ("zero", "0", 0):
        raise FactsFileError(
            f"{name}：missing 只能是 zero（未列出的单元格按 0 计），实际是“{short_repr(missing)}”"
        )
    if missing is not None:
        for cell in fspec.cells:
            if (
                cell.key not in cells
                and not cell.derived
                and not any(f.cells == (cell.key,) for f in findings)
            ):
                cells[cell.key] = 0 if cell.type == spec.INT else Decimal(0)
    narrative = _narrative(doc.get("narrative"), name)
    facts = ReportFacts(
        agency=agency.strip(),
        year=year,
        format=version,
        cells=cells,
        narrative=narrative,
        level=_text(doc.get("level"), "level（层级）", name, MAX_LEVEL_CHARS) or infer_level(agency),
        source=name,
    )
    title = _text(doc.get("title"), "title（标题）", name, MAX_TITLE_CHARS)
    return LoadedFacts(
        facts, tuple(notes), tuple(findings), flat, title, _sections(doc.get("sections"), name)
    )


def _year(raw: Any, name: str, notes: list[ValueNote]) -> int:
    if raw is None or raw == "":
        raise FactsFileError(f"{name}：缺少必填项 year（报告年度，如 2023）")
    if not isinstance(raw, (str, int, Decimal, float)) or isinstance(raw, bool) or len(short_repr(raw)) > 30:
        raise FactsFileError(
            f"{name}：year“{short_repr(raw)}”不是有效的报告年度（应为 2008–2100 之间的整数，如 2023）"
        )
    text = str(raw).strip().removesuffix("年度").removesuffix("年")
    value = parse_decimal(text)
    if value is None or value != value.to_integral_value() or not 2008 <= value <= 2100:
        raise FactsFileError(f"{name}：year“{raw}”不是有效的报告年度（应为 2008–2100 之间的整数，如 2023）")
    if str(raw).strip() != str(int(value)):
        notes.append(ValueNote("year", str(raw), str(int(value)), f"year“{raw}”按 {int(value)} 处理"))
    return int(value)


def _version(raw: Any, year: int, flat: Mapping[str, Any], name: str) -> str:
    if raw is not None:
        v = short_repr(raw).strip()
        if v not in spec.FORMATS:
            raise FactsFileError(f'{name}：format“{v}”无效，只能是 "2021" 或 "2019"')
        return v
    if any(k.startswith("active2019.") or k.startswith("applications.results.other_2019.") for k in flat):
        return spec.FORMAT_2019
    return spec.version_for_year(year)


def _flatten(m: Mapping[str, Any], name: str, prefix: str = "", depth: int = 0) -> dict[str, Any]:
    if depth > 6:  # official keys have at most 5 parts
        raise FactsFileError(f"{name}：cells 嵌套层数过多（“{prefix[:60]}”），单元格键最多 5 段")
    out: dict[str, Any] = {}
    for k, v in m.items():
        key = f"{prefix}{(k if isinstance(k, str) else short_repr(k)).strip()[:200]}"
        if isinstance(v, Mapping):
            out.update(_flatten(v, name, key + ".", depth + 1))
        else:
            out[key] = v
    return out


def _unknown_key(key: str, version: str, raw: Any, name: str) -> Finding:
    hint = suggest_key(key, version)
    other = spec.FORMAT_2019 if version == spec.FORMAT_2021 else spec.FORMAT_2021
    msg = f"{name}：未知的单元格键“{key}”（值“{short_repr(raw)}”未使用）"
    if hint:
        msg += f"，是否应为“{hint}”（{spec.spec_for(version).cell(hint).label}）？"
    elif key in spec.spec_for(other).by_key:
        msg += f"；该键属于{other}年格式，本文件按{version}年格式核对"
    table = spec.spec_for(version).cell(hint).table if hint else None
    shown = raw if isinstance(raw, (str, int, Decimal, float)) and len(short_repr(raw)) < 40 else None
    return Finding("UNKNOWN_CELL", ERROR, FAIL, msg, (key,), shown, table=table)


def _narrative(raw: Any, name: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise FactsFileError(f"{name}：narrative 应是键值对（active、on_request 等），实际是{_kind(raw)}")
    out = {}
    for k, v in raw.items():
        if k not in spec.NARRATIVE_KEYS:
            known = "、".join(spec.NARRATIVE_KEYS)
            raise FactsFileError(f"{name}：narrative 中的“{short_repr(k)}”不是已知栏目（可用：{known}）")
        out[str(k)] = _text(v, f"narrative.{k}", name)
    return out


def _sections(raw: Any, name: str) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise FactsFileError(f"{name}：sections 应是键值对（s1_overview … s6_other），实际是{_kind(raw)}")
    out = {}
    for k, v in raw.items():
        if k not in spec.SECTION_BY_KEY:
            known = "、".join(spec.SECTION_BY_KEY)
            raise FactsFileError(f"{name}：sections 中的“{short_repr(k)}”不是已知章节（可用：{known}）")
        out[str(k)] = _text(v, f"sections.{k}", name)
    return out


def _text(v: Any, where: str, name: str, limit: int = MAX_TEXT_CHARS) -> str:
    """A prose value: text (or a plain number), at most `limit` characters (refused by name beyond)."""
    if v is None:
        return ""
    if not isinstance(v, (str, int, float, Decimal)) or isinstance(v, bool):
        raise FactsFileError(f"{name}：{where} 应是一段文字，实际是{_kind(v)}")
    text = v.strip() if isinstance(v, str) else short_repr(v)
    if len(text) > limit:
        raise FactsFileError(f"{name}：{where} 过长（{len(text)} 个字符，上限 {limit}）")
    return text


def facts_to_mapping(facts: ReportFacts, only_given: bool = True) -> dict[str, Any]:
    """The facts file form of `facts` (for writing YAML/JSON)."""
    cells: dict[str, Any] = {}
    for cell in facts.spec.cells:
        if cell.key in facts.cells:
            v = facts.cells[cell.key]
            cells[cell.key] = _plain(v)
    out: dict[str, Any] = {"agency": facts.agency, "year": facts.year, "format": facts.format}
    if facts.level:
        out["level"] = facts.level
    out["cells"] = cells
    if facts.narrative:
        out["narrative"] = dict(facts.narrative)
    return out


def _plain(v: Value) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    if isinstance(v, str):
        return None if v == "" else str(v)
    return v


def dump_facts_yaml(facts: ReportFacts) -> str:
    import yaml

    return yaml.safe_dump(facts_to_mapping(facts), allow_unicode=True, sort_keys=False)


_SAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")


def safe_filename(text: str) -> str:
    return _SAFE.sub("_", text).strip("_") or "report"
