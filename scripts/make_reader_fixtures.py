"""Write the issue-12 reader fixtures (tests/fixtures/reader_real/) from their truth.

Run from the repository root: `.venv/bin/python scripts/make_reader_fixtures.py`; with `--office`
also the cases made by LibreOffice and chromium (`tests.fixtures.reader_real.office`); with `--extract`
also the text extractions of corpus reports (`tests.fixtures.reader_real.extract`, LibreOffice and
pdftotext needed; the outputs are committed); with `--wrapped` only the crawled copies and the wrapped
crawls (`tests.fixtures.reader_real.wrapped`, no external tool); with `--dumps` the tool dumps of
our web pages (`tests.fixtures.reader_real.dumps`: w3m, lynx, html2text, fold, chromium, pdftotext); file names among the arguments rebuild only those. Each file is
built by `tests.fixtures.reader_real.cases`; its truth is the seeded `Truth` there, so the tests
rebuild the truth and compare it with what the reader reads from the committed file.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fixtures.reader_real.cases import CASES  # noqa: E402
from tests.fixtures.reader_real.dumps import DUMPS, dump  # noqa: E402
from tests.fixtures.reader_real.extract import EXTRACTED, extract  # noqa: E402
from tests.fixtures.reader_real.wrapped import CRAWLED_COPIES, WRAPPED, crawl_copy, wrapped  # noqa: E402

OUT = ROOT / "tests" / "fixtures" / "reader_real"


def main() -> None:
    only = [a for a in sys.argv[1:] if not a.startswith("--")]  # names: rebuild only these
    for name, case in CASES.items():
        if only and name not in only:
            continue
        if case.tool and "--office" not in sys.argv:  # needs soffice / chromium; the outputs are committed
            continue
        data = case.build(case.truth())
        (OUT / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        print(f"{name}\t{len(data)} bytes\tcause {case.cause}")
    if "--extract" in sys.argv:  # needs LibreOffice (soffice) and poppler (pdftotext)
        for name in EXTRACTED:
            if name in WRAPPED or name in CRAWLED_COPIES:
                continue
            text = extract(name)
            (OUT / name).write_text(text, encoding="utf-8")
            print(f"{name}\t{len(text)} characters\t{EXTRACTED[name][1]}")
    if "--extract" in sys.argv or "--wrapped" in sys.argv:  # crawled copies, then their wrapped dumps
        for name, report in CRAWLED_COPIES.items():
            (OUT / name).write_text(crawl_copy(report), encoding="utf-8")
            print(f"{name}\tcrawled {report}")
        for name, w in WRAPPED.items():
            (OUT / name).write_bytes(wrapped(name))
            print(f"{name}\t{w.unit} width {w.width}\tfrom {w.base}")
    if "--dumps" in sys.argv:  # needs w3m, lynx, html2text, fold, chromium and pdftotext
        for name, (page, tool) in DUMPS.items():
            if only and name not in only:
                continue
            (OUT / name).write_bytes(dump(name))
            print(f"{name}\t{tool}\tfrom {page}")


if __name__ == "__main__":
    main()
