"""Issue 15's reported inputs, rebuilt and run through the real CLI (printed; not a test).

    .venv/bin/python benchmarks/issue15_show.py

Writes, in a temporary folder, the inputs the issue names — the 378-byte YAML of nested anchors, a
facts file whose sum has 5,000 digits, a docx whose document.xml inflates to 80 MB, HTML with
rowspan/colspan 10^9, a facts file of absurd values (10^30, 1e309, 1e999999999, -5, 9999亿) and one of
the colloquial numerals (一千二, 两百五, 三万五, 一万二千五, 十十) — beside one good report from the corpus,
and runs `assistant check --json` on the folder in a fresh interpreter. Prints per file the outcome and
the first message, then the batch's exit code, wall time and peak RSS. Then prints what the numeral
parser makes of each spoken form (items 6-7).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GOOD = ROOT / "corpus" / "reports" / "qingwu_hezhuzhen_2023.docx"
HEAD = "agency: 某县某局\nyear: 2023\ncells:\n"
RUN = (
    "import re, resource, sys\nfrom pathlib import Path\nfrom assistant.cli import main\n"
    "code = main(['check', '--json', sys.argv[1]])\n"
    "own = int(re.search(r'VmHWM:\\s+(\\d+)', Path('/proc/self/status').read_text()).group(1))\n"
    "peak = max(own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    "print(f'PEAK_RSS_KB={peak}', file=sys.stderr)\nsys.exit(code)\n"
)


def laughs() -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(8):
        p, c = chr(97 + i), chr(98 + i)
        lines.append(f"{c}: &{c} [{','.join(['*' + p] * 9)}]")
    return "\n".join(lines) + "\nagency: *i\nyear: 2023\n"


def docx_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b"a" * (80 << 20) + b"</w:document>")
    return buf.getvalue()


def inputs() -> dict[str, bytes]:
    td = '<td rowspan="1000000000" colspan="1000000000">1</td>'
    cells = {
        "applications.new_received.natural_person": "1" + "0" * 30,
        "applications.new_received.commercial_enterprise": "1e309",
        "applications.new_received.research_institution": "1e999999999",
        "applications.new_received.social_welfare_org": "-5",
        "applications.new_received.other_org": "9999亿",
    }
    spoken = dict(zip(list(cells), ["一千二", "两百五", "三万五", "一万二千五", "十十"], strict=True))
    return {
        "laughs.yaml": laughs().encode(),
        "sum_1e5000.json": json.dumps(
            {"agency": "某局", "year": 2023, "cells": {"review.upheld": 1, "review.corrected": 1}}
        )
        .replace('"review.corrected": 1', '"review.corrected": 1' + "0" * 5000)
        .encode(),
        "bomb.docx": docx_bomb(),
        "spans.html": f"<h1>某县2023年政府信息公开工作年度报告</h1><h2>二、主动公开政府信息情况</h2><table>{''.join('<tr>' + td * 50 + '</tr>' for _ in range(100))}</table>".encode(),
        "absurd.yaml": (HEAD + "".join(f"  {k}: '{v}'\n" for k, v in cells.items())).encode(),
        "spoken.yaml": (HEAD + "".join(f"  {k}: '{v}'\n" for k, v in spoken.items())).encode(),
        GOOD.name: GOOD.read_bytes(),
    }


def messages(report: dict, folder: Path, most: int = 4) -> list[str]:
    """The first findings' messages (errors first), the folder's path cut off."""
    found = sorted(report.get("findings", []), key=lambda f: f.get("severity") != "error")
    text = [f"{f.get('severity')} {str(f.get('message', '')).replace(f'{folder}/', '')}"[:100] for f in found]
    return text[:most] or ["✓ 未发现问题"]


def run_batch(folder: Path) -> None:
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(folder)], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    wall = time.perf_counter() - t0
    peak = re.search(r"PEAK_RSS_KB=(\d+)", done.stderr)
    doc = json.loads(done.stdout)
    for r in doc.get("reports", []):
        name = Path(str(r.get("source", "?"))).name
        for i, line in enumerate(messages(r, folder)):
            print(f"  {name if i == 0 else '':28} {line}")
    for e in doc.get("unreadable", doc.get("errors", [])):
        print(f"  {'(未读)':28} {str(e)[:110]}")
    print(f"exit {done.returncode}, traceback: {'Traceback' in done.stderr}, wall {wall:.2f} s, "
          f"peak RSS {int(peak.group(1)) // 1024 if peak else '?'} MB")  # fmt: skip


def numerals() -> None:
    from assistant.core.numbers import parse_chinese_int

    for text in ("一千二", "两百五", "三万五", "一万二千五", "一千零二", "十十", "十" * 100_000):
        try:
            value: object = parse_chinese_int(text)
        except ValueError as e:
            value = f"拒绝：{e}"[:60]
        print(f"  {text[:12]:14} → {value}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, data in inputs().items():
            (folder / name).write_bytes(data)
        print(f"assistant check --json on {len(list(folder.iterdir()))} files:")
        run_batch(folder)
    print("parse_chinese_int:")
    numerals()


if __name__ == "__main__":
    main()
