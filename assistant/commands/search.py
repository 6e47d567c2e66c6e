"""`assistant search QUERY [--section] [--subarea] [--year] [--exclude-year] [--agency] [--k] [--json]`."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from assistant.config import load_settings
from assistant.core import spec
from assistant.corpus.errors import CorpusError

if TYPE_CHECKING:
    from assistant.corpus.retrieval import Exemplar

PREVIEW_CHARS = 300


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="在往年报告语料库中检索范文片段",
        description="按语义检索往年报告的章节片段。退出码：0 正常（含无结果），1 语料库无法使用或参数无效。",
    )
    p.add_argument("query", metavar="QUERY", help="检索内容，如“依申请公开 办理”")
    p.add_argument("--section", help="章节：s1_overview…s6_other，或“一”“总体情况”等")
    p.add_argument(
        "--subarea", help="总体情况分项：active、on_request、info_mgmt、platform、supervision 或中文名"
    )
    p.add_argument("--year", type=int, help="只看该年度的报告")
    p.add_argument("--exclude-year", type=int, metavar="YEAR", help="起草年度：排除该年度及以后的报告")
    p.add_argument("--agency", help="优先列出该机关最近一年的报告")
    p.add_argument("--level", help="机关层级（与报告中的 level 一致）")
    p.add_argument("--k", type=int, default=4, help="返回条数（默认 4）")
    p.add_argument("--masked", action="store_true", help="显示数字已遮蔽的文本（供提示词使用的形式）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.corpus.retrieval import open_retriever  # chromadb (1 s to import): only when run

    if not args.query.strip():
        sys.stderr.write('请给出检索内容，例如：assistant search "网站改版 栏目迁移"\n')
        return 2
    try:
        section = resolve_section(args.section)
        subarea = resolve_subarea(args.subarea)
        retriever = open_retriever(load_settings(), strict=True)
        results = retriever.search(
            args.query, section=section, subarea=subarea, agency=args.agency, level=args.level,
            year=args.year, exclude_year=args.exclude_year, k=max(0, args.k),
        )  # fmt: skip
    except CorpusError as e:
        sys.stderr.write(f"检索失败：{e}\n")
        return 1
    note = retriever.note if not results else ""
    if args.json:
        out = {"query": args.query, "results": [r.to_json() for r in results], "note": note}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(render_text(args.query, results, note, args.masked))
    return 0


def resolve_section(text: str | None) -> str | None:
    """A section key from a key, a number (一 / 1) or a (partial) label; CorpusError if unknown."""
    if not text:
        return None
    t = text.strip()
    for i, sec in enumerate(spec.SECTIONS, 1):
        if t in (sec.key, sec.number, str(i), sec.label, sec.title) or (len(t) >= 2 and t in sec.label):
            return sec.key
    keys = "、".join(s.key for s in spec.SECTIONS)
    raise CorpusError(f"未知的章节“{text}”（可用：{keys}，或“一”…“六”）")


def resolve_subarea(text: str | None) -> str | None:
    if not text:
        return None
    t = text.strip()
    labels = dict(spec.OVERVIEW_SUBAREAS)
    from assistant.corpus.retrieval import SUBAREA_KEYS

    for key in SUBAREA_KEYS:
        if t == key or t == labels.get(key) or (len(t) >= 2 and t in labels.get(key, "")):
            return key
    raise CorpusError(f"未知的总体情况分项“{text}”（可用：{'、'.join(SUBAREA_KEYS)}）")


def render_text(query: str, results: list[Exemplar], note: str, masked: bool = False) -> str:
    if not results:
        return note or f"没有找到与“{query}”相符的片段（可放宽 --section/--year 等条件）。"
    lines = [f"检索“{query}”，找到 {len(results)} 条："]
    for i, r in enumerate(results, 1):
        lines.append(f"[{i}] {r.label}  相似度 {r.score:.2f}  来源 {r.source}")
        body = r.masked_text if masked else r.text
        if len(body) > PREVIEW_CHARS:
            body = body[:PREVIEW_CHARS] + "…"
        lines += [f"    {line}" for line in body.split("\n")]
    return "\n".join(lines)
