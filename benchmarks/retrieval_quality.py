"""Retrieval quality on the shipped corpus: does a section find its own kind?

For every report R (agency A, year Y) of the corpus and every section kind S it has (一's sub-areas,
the lead-ins of 二–四, 五, 六), the query is the text of the same kind S in A's report of another year
(the nearest year). The search is restricted to year Y (so the query's own report is out of reach);
a hit is a result of kind S. Prints hit@1 and hit@3 overall and per kind, and how often the first
result is of kind S and from agency A (R itself, or the same report in another file format).

    .venv/bin/python benchmarks/retrieval_quality.py [PATH ...] [--query-chars 300]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings  # noqa: E402
from assistant.corpus.ingest import default_corpus_dir, ingest_paths  # noqa: E402
from assistant.corpus.retrieval import Retriever  # noqa: E402
from assistant.corpus.store import CorpusStore  # noqa: E402


def kind_of(meta: dict) -> str:
    return f"{meta['section']}/{meta['subarea']}" if meta.get("subarea") else str(meta["section"])


def texts_by_report(store: CorpusStore) -> dict[str, tuple[str, int, dict[str, str]]]:
    """{report id: (agency, year, {kind: text of that kind})} from the stored chunks."""
    parts: dict[str, dict[str, list[tuple[int, str]]]] = defaultdict(lambda: defaultdict(list))
    who: dict[str, tuple[str, int]] = {}
    for col in store.partitions().values():
        got = col.get(include=["documents", "metadatas"])
        for text, meta in zip(got["documents"], got["metadatas"], strict=True):
            parts[meta["report_id"]][kind_of(meta)].append((int(meta["seq"]), text))
            who[meta["report_id"]] = (meta["agency"], int(meta["year"]))
    return {
        rid: (*who[rid], {k: "\n".join(t for _, t in sorted(v)) for k, v in kinds.items()})
        for rid, kinds in parts.items()
    }


def evaluate(store: CorpusStore, query_chars: int) -> dict:
    reports = texts_by_report(store)
    retriever = Retriever(store)
    stats: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # n, hit@1, hit@3, same agency @1
    for _rid, (agency, year, kinds) in sorted(reports.items()):
        others = sorted((abs(y - year), r) for r, (a, y, _) in reports.items() if a == agency and y != year)
        if not others:
            continue
        source = reports[others[0][1]][2]
        for kind in sorted(kinds):
            if kind not in source:
                continue
            hits = retriever.search(source[kind][:query_chars], year=year, k=3)
            got = [f"{h.section}/{h.subarea}" if h.subarea else h.section for h in hits]
            row = stats[kind]
            row[0] += 1
            row[1] += bool(got[:1] == [kind])
            row[2] += kind in got[:3]
            row[3] += bool(hits and got[0] == kind and hits[0].agency == agency)
    return stats


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", help="corpus files or folders (default: corpus/)")
    parser.add_argument("--query-chars", type=int, default=300, help="query length in characters")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        store = CorpusStore.open(Settings(home=Path(home)))
        summary = ingest_paths(args.paths or [default_corpus_dir()], store)
        print(
            f"corpus: {summary.reports_added} reports, {summary.chunks_added} chunks, {len(summary.skipped)} skipped"
        )
        for name, reason in summary.skipped:
            print(f"  skipped {name}: {reason}")
        stats = evaluate(store, args.query_chars)
    total = [sum(row[i] for row in stats.values()) for i in range(4)]
    if not total[0]:
        print("no agency has two years in the corpus: nothing to measure")
        return 1
    print(f"\n{'kind':<28}{'n':>5}{'hit@1':>8}{'hit@3':>8}{'own@1':>8}")
    for kind, (n, h1, h3, own) in sorted(stats.items()):
        print(f"{kind:<28}{n:>5}{h1 / n:>8.2f}{h3 / n:>8.2f}{own / n:>8.2f}")
    n, h1, h3, own = total
    print(f"{'ALL':<28}{n:>5}{h1 / n:>8.2f}{h3 / n:>8.2f}{own / n:>8.2f}")
    print(
        f"\nhit@1 = {h1 / n:.3f}  hit@3 = {h3 / n:.3f}  (queries: {n}; own agency's report first: {own / n:.3f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
