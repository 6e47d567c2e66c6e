"""Render the sample corpus sources (corpus/sources/*.yaml) as published documents in corpus/reports/.

The formats rotate (txt, md, html, docx) so that the corpus exercises every reader. Re-run after
editing a source; the documents are committed so that a fresh checkout needs no build step.

Usage: .venv/bin/python scripts/build_corpus.py [--check]
  --check  exit 1 if a committed document is missing or differs from what the sources give (CI).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.core import engine  # noqa: E402
from assistant.export import render_bytes  # noqa: E402
from assistant.facts_io import load_facts  # noqa: E402

FORMATS = (".txt", ".md", ".html", ".docx")
SOURCES = ROOT / "corpus" / "sources"
REPORTS = ROOT / "corpus" / "reports"


def targets() -> list[tuple[Path, Path]]:
    out = []
    for i, src in enumerate(sorted(SOURCES.glob("*.yaml"))):
        out.append((src, REPORTS / f"{src.stem}{FORMATS[i % len(FORMATS)]}"))
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--check", action="store_true")
    args = p.parse_args()
    REPORTS.mkdir(parents=True, exist_ok=True)
    stale = []
    for src, dst in targets():
        lf = load_facts(src)
        report = replace(lf.to_report(), cells=dict(engine.fill(lf.facts)[0].cells))  # totals printed
        data = render_bytes(report, dst.suffix.lstrip("."))
        if args.check:
            if dst.suffix != ".docx" and (not dst.exists() or dst.read_bytes() != data):
                stale.append(dst.name)  # docx embeds timestamps: only its presence is checked
            elif not dst.exists():
                stale.append(dst.name)
            continue
        dst.write_bytes(data)
        print(f"{src.name} → {dst.relative_to(ROOT)}")
    if stale:
        print("过期或缺少：" + "、".join(stale) + "；请运行 scripts/build_corpus.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
