"""Issue 15 "House": settings are handed down from the shell, drafting builds its own grounding, and
every langchain package the project pins is used. Read from the source (ast), not by running it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "assistant"
PYPROJECT = PKG.parent / "pyproject.toml"


def _modules(folder: str) -> list[Path]:
    return sorted((PKG / folder).rglob("*.py"))


def _imported(path: Path) -> set[str]:
    """Every module name (and `module.name` for from-imports) imported anywhere in the file."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _names_used(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)
    }


def test_corpus_and_drafting_never_load_settings() -> None:
    """They take a Settings from their caller; `load_settings()` is the shell's (cli, commands, app)."""
    offenders = [
        str(p.relative_to(PKG))
        for folder in ("corpus", "drafting")
        for p in _modules(folder)
        if "load_settings" in _names_used(p) or any(m.endswith("load_settings") for m in _imported(p))
    ]
    assert offenders == []


def test_the_app_does_not_build_the_drafts_grounding() -> None:
    """Drafting takes the report's facts and returns a draft; the app only shows it."""
    offenders = [
        str(p.relative_to(PKG))
        for p in _modules("app")
        if any("grounding" in m.split(".") for m in _imported(p))
    ]
    assert offenders == []


def test_every_pinned_langchain_package_is_imported() -> None:
    """A pinned package that nothing imports is dropped, not kept "for later"."""
    pinned = re.findall(r'"(langchain[a-z-]*)==', PYPROJECT.read_text(encoding="utf-8"))
    assert pinned, "no langchain package pinned: this test no longer checks anything"
    imported = {m.split(".")[0] for p in PKG.rglob("*.py") for m in _imported(p)}
    assert [name for name in pinned if name.replace("-", "_") not in imported] == []
