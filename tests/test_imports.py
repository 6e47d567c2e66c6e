"""Commands import what they need when run (issue 15): `assistant check` on a text file loads no heavy
library, no PyYAML and no process pool; a run imports only the module of the command typed.

Checked in a fresh interpreter (sys.modules), since the test process has imported everything. These are
import assertions, not timings (benchmarks/bench_cli_start.py prints the times).
"""

from __future__ import annotations

import json
import os
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
# Not heavy, but not needed to check a document: PyYAML (facts files only), the process pool (--jobs).
START_UP = ("yaml", "multiprocessing", "concurrent.futures")
ROOT = Path(__file__).resolve().parents[1]
TXT = Path(__file__).parent / "fixtures" / "reader" / "mismatch_2023.txt"
REPORT_TXT = ROOT / "corpus" / "reports" / "qingwu_hezhuzhen_2024.txt"  # a real report, parsed in a sandbox
DOCX = ROOT / "corpus" / "reports" / "qingwu_hezhuzhen_2023.docx"
PDF = Path(__file__).parent / "fixtures" / "reader" / "pdf_text_2023.pdf"
# Each document kind needs its own parser and nothing else: a docx never loads the PDF stack, nor a PDF python-docx.
PARSERS = {"docx": ("docx", "lxml"), "pdf": ("pdfplumber", "pdfminer")}
OTHER = (
    "chromadb",
    "gradio",
    "langchain",
    "langchain_core",
    "langchain_openai",
    "openpyxl",
    "openai",
    "httpx",
)
COMMAND_NAMES = (
    "check",
    "config",
    "desk",
    "diff",
    "draft",
    "eval",
    "export",
    "ingest",
    "org",
    "search",
    "serve",
    "user",
)


def _loaded(code: str, names: tuple[str, ...] = HEAVY, env: dict[str, str] | None = None) -> list[str]:
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(m for m in {names!r} if m in sys.modules)))"
    run_env = {**os.environ, **(env or {})}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, env=run_env
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run_main(argv: list[str]) -> str:
    return (
        "import contextlib, io\nfrom assistant.cli import main\nbuf = io.StringIO()\n"
        f"with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(io.StringIO()):\n"
        f"    try:\n        main({argv!r})\n    except SystemExit:\n        pass\n"
    )


def test_parsing_check_imports_no_heavy_library() -> None:
    assert (
        _loaded("from assistant.cli import build_parser\nbuild_parser().parse_args(['check', 'x.txt'])") == []
    )


@pytest.mark.parametrize("flags", [[], ["--json"]])
def test_running_check_on_a_text_file_imports_no_heavy_library(flags: list[str]) -> None:
    assert TXT.is_file()
    assert _loaded(_run_main(["check", str(TXT), *flags])) == []


@pytest.mark.parametrize("path", [TXT, REPORT_TXT], ids=["small", "report"])
def test_check_on_a_text_file_imports_no_yaml_nor_process_pool(path: Path) -> None:
    assert path.is_file()
    assert _loaded(_run_main(["check", str(path)]), HEAVY + START_UP) == []


def _checked(path: Path) -> str:
    """`check` of one file, asserting that its report was really read (its agency is printed)."""
    return _run_main(["check", str(path)]) + "assert '人民政府' in buf.getvalue(), buf.getvalue()\n"


@pytest.mark.parametrize("path", [DOCX, PDF], ids=["docx", "pdf"])
def test_check_of_a_document_loads_no_parser_in_the_parent(path: Path) -> None:
    """Documents above the sandbox's size are parsed in a forked child: the parent stays light."""
    assert path.is_file() and path.stat().st_size > 4096
    names = HEAVY + START_UP + ("lxml", "pdfminer") + OTHER
    assert _loaded(_checked(path), names) == []


@pytest.mark.parametrize("kind,path", [("docx", DOCX), ("pdf", PDF)], ids=["docx", "pdf"])
def test_check_of_a_document_loads_only_its_own_parser(kind: str, path: Path) -> None:
    """Parsed in process (ASSISTANT_SANDBOX=0, as where fork is missing): its parser, no other."""
    own = PARSERS[kind]
    other = next(v for k, v in PARSERS.items() if k != kind)
    names = own + other + START_UP + OTHER
    loaded = _loaded(_checked(path), names, env={"ASSISTANT_SANDBOX": "0"})
    assert loaded == sorted(own)


@pytest.mark.parametrize("path", [DOCX, PDF], ids=["docx", "pdf"])
def test_check_of_a_document_runs_only_the_check_command_module(path: Path) -> None:
    others = tuple(f"assistant.commands.{n}" for n in COMMAND_NAMES if n != "check")
    code = _checked(path)
    assert _loaded(code, ("assistant.commands.check", *others), env={"ASSISTANT_SANDBOX": "0"}) == [
        "assistant.commands.check"
    ]


def test_check_runs_only_the_check_command_module() -> None:
    code = _run_main(["check", str(TXT)])
    others = tuple(f"assistant.commands.{n}" for n in COMMAND_NAMES if n != "check")
    assert _loaded(code, ("assistant.commands.check", *others)) == ["assistant.commands.check"]


def test_check_of_a_yaml_facts_file_still_reads_it(tmp_path: Path) -> None:
    """PyYAML is imported when a YAML file is read: the facts file is checked, its error found."""
    facts = tmp_path / "f.yaml"
    facts.write_text("agency: 某县人民政府\nyear: 2024\ncells:\n  t1.regulations.made: 1\n", encoding="utf-8")
    code = _run_main(["check", str(facts), "--json"]) + "doc = json.loads(buf.getvalue())\n"
    code += "assert doc['reports'][0]['agency'] == '某县人民政府', doc\n"
    assert _loaded("import json\n" + code, ("yaml",)) == ["yaml"]


@pytest.mark.parametrize("argv", [["--help"], [], ["chekc"]], ids=["help", "bare", "mistyped"])
def test_every_command_is_listed_without_heavy_libraries(argv: list[str]) -> None:
    code = _run_main(argv).replace(
        "contextlib.redirect_stderr(io.StringIO())", "contextlib.redirect_stderr(buf)"
    )
    code += "".join(f"assert {n!r} in buf.getvalue(), buf.getvalue()\n" for n in COMMAND_NAMES)
    assert _loaded(code) == []


def test_help_lists_every_command_file() -> None:
    """The list above is the folder's: a new command file is listed (and this test told of it)."""
    found = sorted(
        p.stem for p in (ROOT / "assistant" / "commands").glob("*.py") if not p.stem.startswith("_")
    )
    assert tuple(found) == COMMAND_NAMES
