"""Shared helpers for the desk tests: corpus reports with planted errors, rendered by `assistant export`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.cli import main

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "corpus" / "sources"
# A stated total that does not add up (70 vs 63) and a review total 5 vs 3: errors in tables and prose.
PLANTED = {"applications.new_received.total": 70, "review.total": 5}


def planted_yaml(tmp: Path, name: str = "qingwu_ziranziyuanju_2023", extra: dict | None = None,
                 out_name: str | None = None) -> Path:  # fmt: skip
    """A corpus source with the cells of `extra` (default PLANTED) set, written under `tmp`."""
    text = (SOURCES / f"{name}.yaml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = lines.index("cells:") + 1
    cells = PLANTED if extra is None else extra
    keep = [ln for ln in lines if not any(ln.startswith(f"  {k}:") for k in cells)]
    at = keep.index("cells:") + 1
    keep[at:at] = [f"  {k}: {v}" for k, v in cells.items()]
    out = tmp / (out_name or f"{name}.yaml")
    out.write_text("\n".join(keep) + "\n", encoding="utf-8")
    return out


def render(source: Path, out: Path) -> Path:
    assert main(["export", str(source), "-o", str(out), "--no-appendix"]) in (0, 1)
    return out


def to_pdf(docx: Path) -> Path:
    """LibreOffice's rendering of a docx (skips the test when LibreOffice is missing)."""
    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice 未安装")
    profile = docx.parent / "lo-profile"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(docx.parent), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return docx.with_suffix(".pdf")


def test_planted_yaml_replaces_and_adds_cells(tmp_path):
    p = planted_yaml(tmp_path, extra={"review.upheld": 7, "applications.new_received.total": 70})
    text = p.read_text(encoding="utf-8")
    assert "  review.upheld: 7" in text and "  review.upheld: 1" not in text
    assert "  applications.new_received.total: 70" in text


def make_batch(folder: Path, n: int, formats: tuple[str, ...] = ("txt", "html", "docx")) -> list[Path]:
    """`n` reports of distinct bodies: corpus sources renamed, rendered in turn in each format."""
    from assistant.export.service import export_file

    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted(SOURCES.glob("*.yaml"))
    out = []
    for i in range(n):
        src = sources[i % len(sources)]
        text = src.read_text(encoding="utf-8")
        agency = next(ln.split(":", 1)[1].strip() for ln in text.splitlines() if ln.startswith("agency:"))
        renamed = text.replace(agency, f"{agency[:-1]}第{i}分{agency[-1]}")
        yaml = folder / f"src_{i:03d}.yaml"
        yaml.write_text(renamed, encoding="utf-8")
        target = folder / f"r_{i:03d}.{formats[i % len(formats)]}"
        export_file(str(yaml), str(target), None, appendix=False, strict=False)
        yaml.unlink()
        out.append(target)
    return out
