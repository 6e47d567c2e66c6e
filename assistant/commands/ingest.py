"""`assistant ingest [PATH...] [--reset]`: past reports into the Chroma corpus."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from assistant.config import load_settings

if TYPE_CHECKING:
    from assistant.corpus.ingest import IngestSummary


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "ingest",
        help="把往年报告导入语料库（默认：自带的 corpus/ 文件夹）",
        description="读取往年报告（yaml/json 数据文件及 txt、md、html、docx、pdf 文档，文件夹递归），"
        "按章节和总体情况分项切分后存入 Chroma 语料库；重复运行不会重复入库。"
        "默认使用本地语料库（数据目录下），设置 ASSISTANT_CHROMA_URL 则使用 Chroma 服务器。"
        "退出码：0 全部入库，1 语料库出错（入库中断），2 有无法读取的文件（其余已入库）。",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="报告文件或文件夹（默认：corpus/）")
    p.add_argument("--reset", action="store_true", help="先清空语料库再导入（更换嵌入方式后需要）")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from assistant.corpus.errors import CorpusError  # chromadb (1 s to import): only when run
    from assistant.corpus.ingest import default_corpus_paths, ingest_paths
    from assistant.corpus.store import CorpusStore

    paths = args.paths or [str(p) for p in default_corpus_paths()]
    missing = [p for p in paths if not _exists(p)]
    if missing:
        sys.stderr.write(f"找不到：{'、'.join(missing)}\n")
        return 2
    settings = load_settings()
    try:
        store = CorpusStore.open(settings)
    except CorpusError as e:
        sys.stderr.write(f"无法打开语料库：{e}\n")
        return 1
    summary = ingest_paths(paths, store, reset=args.reset, on_progress=_progress_bar())
    if not (summary.error and _nothing_done(summary)):
        print(render_summary(summary, store.embedder.describe(), args.reset))
    if summary.error:
        sys.stderr.write(f"入库中断：{summary.error}\n")
    return summary.exit_code()


def _nothing_done(s: IngestSummary) -> bool:
    return not (s.reports_added or s.reports_unchanged or s.skipped)


def _exists(path: str) -> bool:
    from pathlib import Path

    return Path(path).exists()


def _progress_bar():
    state: dict = {}

    def update(done: int, total: int, name: str) -> None:
        if not sys.stderr.isatty() or total == 0:
            return
        if "bar" not in state:
            from tqdm import tqdm

            state["bar"] = tqdm(total=total, desc="入库", unit="份", file=sys.stderr, leave=False)
        bar = state["bar"]
        bar.n = done
        bar.set_postfix_str(name.rsplit("/", 1)[-1][:30])
        bar.refresh()
        if done >= total:
            bar.close()

    return update


def render_summary(s: IngestSummary, embedder: str, reset: bool = False) -> str:
    lines = [f"语料库：{s.location}（{embedder}）" + ("，已清空重建" if reset else "")]
    lines.append(
        f"读取文件 {s.files} 个：入库报告 {s.reports_added} 份（新增或更新），未变化 {s.reports_unchanged} 份；"
        f"新增片段 {s.chunks_added} 个，未变化 {s.chunks_unchanged} 个"
        + (f"，删除旧版本片段 {s.chunks_removed} 个" if s.chunks_removed else "")
        + "。"
    )
    if s.skipped:
        lines.append(f"跳过 {len(s.skipped)} 个文件：")
        lines += [f"  - {reason}" for _, reason in s.skipped]
    if s.error:
        lines.append("入库未完成（见下方原因）；已完成的报告已保存，重新运行即可继续。")
    return "\n".join(lines)
