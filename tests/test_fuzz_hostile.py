"""Issue 15 "Show": a seeded fuzz batch of hostile inputs (bombs included) through `assistant check`.

No traceback, no input taking 10 s, peak RSS under 500 MB, every unreadable input named with a
Chinese message, exit code 2, and the good files in the same batch still audited.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from assistant.audit import audit_path
from tests import broken_inputs as broken

GOOD = "agency: 测试县测试局\nyear: 2023\nmissing: zero\ncells:\n  applications.new_received.natural_person: 5\n  applications.results.granted.natural_person: 5\n"
KEYS = ["applications.new_received.natural_person", "review.upheld", "fees.amount", "active.regulations.made"]
VALUES = [
    "1" + "0" * 5000, "1e999999999", "-5件", "十" * 100_000, "十十", "一千二", "NaN", "∞", "1E-999999999",
    "9999亿", "0x1F", "\u202e12", "１２３４５６７８９０１２３", "null", "[1,2]", "{a: 1}", "'" * 3, "\x00",
]  # fmt: skip


def _bomb_yaml(depth: int) -> str:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(depth):
        prev, cur = chr(97 + i), chr(98 + i)
        lines.append(f"{cur}: &{cur} [{','.join(['*' + prev] * 9)}]")
    return "\n".join(lines) + f"\nagency: *{chr(97 + depth)}\nyear: 2023\n"


def _zip(member: str, size: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, b"a" * size)
    return buf.getvalue()


def _hostile(rng: random.Random, i: int) -> tuple[str, bytes]:
    kind = rng.randrange(13)
    if kind >= 9:
        return _broken(rng, i, kind)
    if kind == 0:
        return f"bomb_{i}.yaml", _bomb_yaml(rng.randrange(2, 9)).encode()
    if kind == 1:
        open_, close = rng.choice(["[]", "{}"])
        n = rng.choice([100, 5_000, 100_000])
        return f"deep_{i}.json", (open_ * n + close * n).encode()
    if kind == 2:
        cells = {rng.choice(KEYS): rng.choice(VALUES) for _ in range(rng.randrange(1, 4))}
        return f"values_{i}.yaml", (GOOD.split("cells:")[0] + "cells:\n" + "".join(
            f"  {k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in cells.items())).encode()  # fmt: skip
    if kind == 3:
        num = rng.choice(["1" + "0" * 5000, "1e999999999", "-1e309", "1" * 4301])
        return (
            f"num_{i}.json",
            f'{{"agency": "某局", "year": 2023, "cells": {{"review.upheld": {num}}}}}'.encode(),
        )
    if kind == 4:
        return f"zip_{i}.docx", _zip("word/document.xml", rng.choice([10, 80]) * 1024 * 1024)
    if kind == 5:
        return f"junk_{i}.{rng.choice(['pdf', 'docx', 'html', 'txt', 'yaml', 'json'])}", rng.randbytes(
            rng.randrange(1, 4000)
        )
    if kind == 6:
        td = f'<td rowspan="{rng.choice([10**9, 60, 5])}" colspan="{rng.choice([10**9, 60, 3])}">1</td>'
        return (
            f"span_{i}.html",
            f"<table>{''.join('<tr>' + td * 50 + '</tr>' for _ in range(100))}</table>".encode(),
        )
    if kind == 7:
        return f"fields_{i}.yaml", rng.choice([
            "agency: [1, 2]\nyear: 2023\n", "agency: 某局\nyear: 99999999999999999999\n",
            "agency: 某局\nyear: 2023\nnarrative: {active: {x: 1}}\n", "agency: " + "某" * 10_000 + "\nyear: 2023\n",
            "agency: 某局\nyear: 2023\ncells: " + "{a: " * 500 + "1" + "}" * 500 + "\n",
        ]).encode()  # fmt: skip
    return f"text_{i}.txt", (
        "三、收到和处理政府信息公开申请情况\n" + "十" * rng.randrange(1, 50_000) + "件\n"
    ).encode()


_GOOD_DOCS = {"docx": broken.docx, "pdf": broken.pdf, "html": broken.html}
_PARTS = {
    "notxml": lambda: broken.docx_part("word/document.xml", b"<w:document><<"),
    "nodoc": lambda: broken.docx_part("word/document.xml", None),
    "xref": broken.pdf_broken_xref,
    "gb18030": broken.html_gb18030_says_utf8,
}


def _broken(rng: random.Random, i: int, kind: int) -> tuple[str, bytes]:
    """Damaged real documents: random damage, a wrong extension, a broken part, an empty file, a YAML
    mapping keyed by a list."""
    suffix = rng.choice(sorted(_GOOD_DOCS))
    if kind == 9:
        return f"damaged_{i}.{suffix}", broken.mutated(rng, _GOOD_DOCS[suffix]())
    if kind == 10:
        other = rng.choice([s for s in ["docx", "pdf", "html", "txt"] if s != suffix])
        return f"renamed_{i}.{other}", _GOOD_DOCS[suffix]()
    if kind == 11:
        part = rng.choice(sorted(_PARTS))
        name = {"xref": "pdf", "gb18030": "html"}.get(part, "docx")
        return f"{part}_{i}.{name}", _PARTS[part]()
    return rng.choice([
        (f"empty_{i}.{suffix}", b""), (f"listkey_{i}.yaml", b"agency: x\nyear: 2023\n? [a, b]\n: 1\n"),
        (f"tag_{i}.yaml", b"agency: !!python/object:os.system x\nyear: 2023\n"), (f"quote_{i}.json", b"{agency: 1}"),
    ])  # fmt: skip


def _batch(tmp_path: Path, n: int = 240, seed: int = 15) -> tuple[Path, list[str]]:
    rng = random.Random(seed)
    d = tmp_path / "fuzz"
    d.mkdir()
    good = []
    for i in range(n):
        name, data = _hostile(rng, i)
        (d / name).write_bytes(data)
        if i % 20 == 0:
            (d / f"good_{i}.yaml").write_text(GOOD, encoding="utf-8")
            good.append(f"good_{i}.yaml")
    return d, good


_PARSER_ENGLISH = re.compile(r"\b(?:expected|found|Expecting|Extra data|constructor|[A-Z][a-z]+Error)\b")

# The batch runs in a fresh interpreter that prints its own peak RSS (and its pool workers'), so the
# figure is this batch's and not that of whatever earlier tests ran in the pytest process. Its own peak is
# VmHWM of its own address space: Linux carries the spawning process's high-water mark across exec into
# ru_maxrss, which would report the pytest process's size instead.
_RUN = (
    "import re, resource, sys\n"
    "from pathlib import Path\n"
    "from assistant.cli import main\n"
    "code = main(['check', '--json', sys.argv[1]])\n"
    "own = int(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1))\n"
    "peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "print(f'PEAK_RSS_KB={peak}', file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.mark.slow
def test_fuzz_batch_is_contained(tmp_path) -> None:
    d, good = _batch(tmp_path)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", _RUN, str(d)], capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - t0
    assert "Traceback" not in proc.stdout + proc.stderr
    reports = json.loads(proc.stdout)["reports"]
    by_name = {Path(r["source"]).name: r for r in reports}
    assert len(by_name) == len(list(d.iterdir()))
    assert proc.returncode == 2
    for name in good:
        assert "error" not in by_name[name] and not any(
            f["severity"] == "error" for f in by_name[name]["findings"]
        )
    for name, r in by_name.items():
        if r.get("error"):
            assert name in r["error"] and any("\u4e00" <= ch <= "\u9fff" for ch in r["error"]), r["error"]
            assert len(r["error"]) < 400
            assert "意外错误" not in r["error"], r["error"]
            assert not _PARSER_ENGLISH.search(r["error"]), r["error"]
    (peak,) = re.findall(r"PEAK_RSS_KB=(\d+)", proc.stderr)
    rss_mb = int(peak) / 1024
    assert rss_mb < 500, rss_mb
    print(f"fuzz: {len(by_name)} inputs in {took:.1f} s, peak RSS {rss_mb:.0f} MB")


@pytest.mark.slow
def test_no_single_hostile_input_takes_10_seconds(tmp_path) -> None:
    d, _ = _batch(tmp_path, n=90, seed=7)
    slowest = 0.0
    for path in sorted(d.iterdir()):
        t0 = time.perf_counter()
        audit_path(path)
        slowest = max(slowest, time.perf_counter() - t0)
    assert slowest < 10, slowest
