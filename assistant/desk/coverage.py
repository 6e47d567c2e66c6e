"""Coverage: given the bodies expected to report (a CSV of names), which reports are missing, which
are empty (all-zero tables and no narrative), which use the superseded 2019 form, which are extra."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assistant.audit import AuditResult
from assistant.core import spec
from assistant.desk.dispositions import DeskError
from assistant.desk.fingerprint import normal_agency

NAME_COLUMNS = ("机关", "单位", "名称", "机关名称", "单位名称", "name", "agency")
MIN_NARRATIVE_CHARS = 40


@dataclass
class Coverage:
    expected: int
    found: dict[str, list[str]] = field(default_factory=dict)  # expected name -> sources
    missing: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)  # sources
    old_form: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)


def read_expected(path: Path) -> list[str]:
    """Names from the first column (or a column named 机关/单位/名称); UTF-8 (BOM) or GBK."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise DeskError(f"{path}：无法读取名单（{type(e).__name__}）") from None
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise DeskError(f"{path}：名单编码无法识别（请存为 UTF-8 的 CSV）")
    rows = [r for r in csv.reader(io.StringIO(text)) if any(c.strip() for c in r)]
    if not rows:
        raise DeskError(f"{path}：名单为空")
    head = [c.strip().lower() for c in rows[0]]
    col = next((head.index(n) for n in NAME_COLUMNS if n in head), None)
    body = rows[1:] if col is not None else rows
    col = col or 0
    names = [r[col].strip() for r in body if len(r) > col and r[col].strip()]
    return list(dict.fromkeys(names))


def is_empty(r: AuditResult) -> bool:
    f = r.facts
    if f is None:
        return False
    cells = [f.number(c.key) for c in f.spec.cells]
    if any(v for v in cells if v is not None):
        return False
    texts = list(r.report.sections.values()) if r.report is not None else list(f.narrative.values())
    return sum(len("".join(t.split())) for t in texts) < MIN_NARRATIVE_CHARS


def uses_2019_form(r: AuditResult) -> bool:
    f = r.facts
    return f is not None and (
        f.format == spec.FORMAT_2019 or any(x.rule == "FORMAT_2019" for x in r.findings)
    )


def _match(name: str, agencies: dict[str, list[AuditResult]]) -> list[AuditResult]:
    key = normal_agency(name)
    if key in agencies:
        return agencies[key]
    return [r for a, rs in agencies.items() if key and (key in a or a in key) for r in rs]


def coverage(expected: Iterable[str], results: list[AuditResult]) -> Coverage:
    names = list(expected)
    cov = Coverage(len(names))
    agencies: dict[str, list[AuditResult]] = {}
    for r in results:
        if r.facts is None:
            cov.unreadable.append(f"{r.source}：{r.error}")
            continue
        agencies.setdefault(normal_agency(r.facts.agency), []).append(r)
    used: set[int] = set()
    for name in names:
        hits = _match(name, agencies)
        if not hits:
            cov.missing.append(name)
            continue
        cov.found[name] = [r.source for r in hits]
        used |= {id(r) for r in hits}
    for rs in agencies.values():
        for r in rs:
            if is_empty(r):
                cov.empty.append(f"{r.facts.agency}（{r.source}）")  # type: ignore[union-attr]
            if uses_2019_form(r):
                cov.old_form.append(f"{r.facts.agency}（{r.source}）")  # type: ignore[union-attr]
            if id(r) not in used:
                cov.unexpected.append(f"{r.facts.agency}（{r.source}）")  # type: ignore[union-attr]
    return cov


def render(cov: Coverage) -> str:
    lines = [f"报送情况：应报 {cov.expected} 个单位，已报 {len(cov.found)} 个，未报 {len(cov.missing)} 个"]
    for title, items in (("未报送", cov.missing), ("空报告（表格全为0且无正文）", cov.empty),
                         ("仍使用2019年旧版格式", cov.old_form), ("不在名单中的报告", cov.unexpected),
                         ("无法读取", cov.unreadable)):  # fmt: skip
        if items:
            lines.append(f"【{title}】{len(items)} 个")
            lines += [f"  · {x}" for x in items]
    return "\n".join(lines)
