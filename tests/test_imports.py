"""Commands import what they need when run: `assistant check` on a text file loads no heavy library.

Checked in a fresh interpreter (sys.modules), since the test process has imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = (
    "chromadb",
    "gradio",
    "langchain",
    "langchain_core",
    "langchain_openai",
    "pdfplumber",
    "docx",
    "openpyxl",
)
TXT = Path(__file__).parent / "fixtures" / "reader" / "mismatch_2023.txt"


def _loaded(code: str) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_parsing_check_imports_no_heavy_library() -> None:
    assert (
        _loaded("from assistant.cli import build_parser\nbuild_parser().parse_args(['check', 'x.txt'])") == []
    )


@pytest.mark.parametrize("flags", [[], ["--json"]])
def test_running_check_on_a_text_file_imports_no_heavy_library(flags: list[str]) -> None:
    assert TXT.is_file()
    run = f"import contextlib, io\nfrom assistant.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n    main(['check', {str(TXT)!r}, *{flags!r}])"
    assert _loaded(run) == []


def test_help_lists_every_command_without_heavy_libraries() -> None:
    code = "import contextlib, io\nfrom assistant.cli import build_parser\nbuf = io.StringIO()\nwith contextlib.redirect_stdout(buf):\n    build_parser().print_help()\nassert 'ingest' in buf.getvalue() and 'serve' in buf.getvalue()"
    assert _loaded(code) == []
