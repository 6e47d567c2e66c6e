"""Render the sample report to Word, then to PDF (LibreOffice) and PNG pages (pdftoppm), for the docs.

    .venv/bin/python scripts/render_docs.py [--facts examples/sample_report.yaml] [--out docs/images]
        [--dpi 100] [--keep DIR]

Needs the Debian packages libreoffice-writer-nogui, poppler-utils and fonts-noto-cjk. The 公文 fonts
(方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312) are not free; for the pictures a private fontconfig
file maps them to the closest Noto CJK face (serif for the Song/FangSong/Kai faces, sans for 黑体),
so the pages look like what Word shows with the real fonts. The .docx itself names the real fonts.
Writes docs/images/sample_report-<page>.png and removes stale page images.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.export import write_report  # noqa: E402
from assistant.export.service import prepare  # noqa: E402

STEM = "sample_report"
FONT_ALIASES = {
    "方正小标宋简体": "Noto Serif CJK SC",
    "仿宋_GB2312": "Noto Serif CJK SC",
    "楷体_GB2312": "Noto Serif CJK SC",
    "宋体": "Noto Serif CJK SC",
    "黑体": "Noto Sans CJK SC",
}


def fontconfig_file(folder: Path) -> Path:
    aliases = "".join(
        f'  <alias binding="same"><family>{name}</family><prefer><family>{face}</family></prefer></alias>\n'
        for name, face in FONT_ALIASES.items()
    )
    conf = folder / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


def run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    if done.returncode != 0:
        raise SystemExit(f"命令失败：{' '.join(cmd)}\n{done.stderr.strip()}")


def render(facts: Path, out: Path, dpi: int, work: Path) -> list[Path]:
    prepared = prepare(facts)
    if prepared.errors:
        raise SystemExit(f"{facts}：示例数据有 {len(prepared.errors)} 个错误，请先修正（assistant check）")
    docx = write_report(prepared.report, work / f"{STEM}.docx")
    env = dict(os.environ, FONTCONFIG_FILE=str(fontconfig_file(work)), HOME=str(work))
    run(["libreoffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(docx)], env)
    run(["pdftoppm", "-r", str(dpi), "-png", str(work / f"{STEM}.pdf"), str(work / STEM)])
    out.mkdir(parents=True, exist_ok=True)
    for stale in out.glob(f"{STEM}-*.png"):
        stale.unlink()
    pages = []
    for png in sorted(work.glob(f"{STEM}-*.png")):
        page = int(png.stem.rsplit("-", 1)[1])  # pdftoppm pads page numbers with zeros
        target = out / f"{STEM}-{page}.png"
        shrink(png, target)
        pages.append(target)
    return pages


def shrink(png: Path, target: Path) -> None:
    """Save the page as an optimised greyscale PNG (the page is black on white); copy if Pillow is absent."""
    try:
        from PIL import Image
    except ImportError:
        shutil.copyfile(png, target)
        return
    with Image.open(png) as im:
        im.convert("L").save(target, "PNG", optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把示例年报渲染为 PNG 页面（docs/images）")
    parser.add_argument("--facts", type=Path, default=ROOT / "examples" / "sample_report.yaml")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("--keep", type=Path, help="也把 .docx 和 .pdf 复制到此文件夹")
    args = parser.parse_args(argv)
    for tool in ("libreoffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.stderr.write(
                f"缺少 {tool}：apt-get install -y libreoffice-writer-nogui poppler-utils fonts-noto-cjk\n"
            )
            return 2
    with tempfile.TemporaryDirectory(prefix="render_docs_") as tmp:
        work = Path(tmp)
        pages = render(args.facts, args.out, args.dpi, work)
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            for suffix in (".docx", ".pdf"):
                shutil.copyfile(work / f"{STEM}{suffix}", args.keep / f"{STEM}{suffix}")
    for page in pages:
        print(f"已生成：{page.relative_to(ROOT) if page.is_relative_to(ROOT) else page}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
