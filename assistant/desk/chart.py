"""The review tab's chart as a picture (Pillow): findings by rule and reports by status."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from assistant.core.findings import FAIL
from assistant.desk.dispositions import ReviewedReport
from assistant.desk.workbook import status_of

FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)
WIDTH, BAR_H, GAP, LEFT = 900, 22, 8, 300
COLORS = {
    "待审核": "#d9534f",
    "须整改": "#f0ad4e",
    "通过": "#5cb85c",
    "通过（有提醒）": "#5bc0de",
    "无法读取": "#777777",
}
RULE_NAMES = {
    "TEXT_TABLE_MISMATCH": "正文与表格不一致", "FORMAT_2019": "使用2019年旧版格式", "LABEL_DEVIATION": "表格标签不规范",
    "SECTION_MISSING": "缺少部分", "UNREADABLE": "无法读取", "LEVEL_SUM": "与下级合计不一致",
}  # fmt: skip


def _font(size: int):
    for path in FONT_CANDIDATES:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def rule_name(rule: str) -> str:
    """A Chinese name for a rule (no rule ids in the UI): table rules by their table."""
    if rule in RULE_NAMES:
        return RULE_NAMES[rule]
    table = {"T1": "表一", "T2": "表二", "T3": "表三"}.get(rule[:2])
    if table:
        return f"{table}勾稽关系" + (
            "（跨年度）" if "PREV" in rule or "ROLL" in rule or "CARRY" in rule else ""
        )
    return "其他"


def counts(reviewed: list[ReviewedReport]) -> tuple[Counter, Counter]:
    by_rule: Counter = Counter()
    by_status: Counter = Counter()
    for rep in reviewed:
        by_status[status_of(rep)] += 1
        for x in rep.items:
            if x.finding.status == FAIL and not x.dismissed:
                by_rule[rule_name(x.finding.rule)] += 1
    return by_rule, by_status


def draw(reviewed: list[ReviewedReport], out: Path) -> Path:
    """Two horizontal bar charts, one picture."""
    by_rule, by_status = counts(reviewed)
    rules = by_rule.most_common(12)
    statuses = sorted(by_status.items(), key=lambda kv: -kv[1])
    height = 60 + (len(rules) + len(statuses)) * (BAR_H + GAP) + 120
    img = Image.new("RGB", (WIDTH, height), "white")
    d = ImageDraw.Draw(img)
    font, title = _font(16), _font(20)
    y = 15
    y = _bars(d, y, "未处理的问题（按类别）", rules, lambda _: "#4a7ebb", font, title)
    y = _bars(d, y + 20, "报告（按状态）", statuses, lambda k: COLORS.get(k, "#999999"), font, title)
    out.parent.mkdir(parents=True, exist_ok=True)
    img.save(out)
    return out


def _bars(d: ImageDraw.ImageDraw, y: int, caption: str, items, color, font, title) -> int:
    d.text((20, y), caption, fill="black", font=title)
    y += 35
    if not items:
        d.text((LEFT, y), "无", fill="#555555", font=font)
        return y + BAR_H + GAP
    top = max(v for _, v in items)
    for name, v in items:
        d.text((20, y + 2), str(name)[:18], fill="black", font=font)
        w = int((WIDTH - LEFT - 80) * v / top)
        d.rectangle([LEFT, y, LEFT + max(w, 2), y + BAR_H], fill=color(name))
        d.text((LEFT + w + 8, y + 2), str(v), fill="black", font=font)
        y += BAR_H + GAP
    return y
