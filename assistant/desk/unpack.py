"""Zips of reports, unpacked safely under the data directory.

Refused with a Chinese line each, the rest unpacked: members that would land outside the folder
(absolute paths, `..`, drive letters), links, nested archives beyond the budget, and a zip whose
declared sizes or compression ratio say it is a bomb. Sizes are also enforced while writing, so a
zip that lies about its sizes cannot fill the disk.
"""

from __future__ import annotations

import hashlib
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 500 * 1024 * 1024
MAX_MEMBER_BYTES = 50 * 1024 * 1024
MAX_RATIO = 200  # uncompressed / compressed, per member
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Unpacked:
    folder: Path | None
    notes: tuple[str, ...]


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name; old zips made on Chinese Windows store GBK without the UTF-8 flag."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name.replace("\\", "/")


def safe_relative(name: str) -> PurePosixPath | None:
    if name.startswith("/") or _DRIVE.match(name):
        return None
    parts = [p for p in PurePosixPath(name).parts if p not in ("", ".")]
    if not parts or any(p == ".." for p in parts):
        return None
    return PurePosixPath(*parts)


def unpack_zip(zip_path: Path, dest_root: Path) -> Unpacked:
    """Unpack into a fresh folder under `dest_root`; every refused member is said back."""
    label = zip_path.name
    try:
        zf = zipfile.ZipFile(zip_path)
    except (zipfile.BadZipFile, OSError) as e:
        return Unpacked(None, (f"{label}：不是有效的 zip 压缩包（{type(e).__name__}），未解压",))
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_MEMBERS:
            return Unpacked(
                None, (f"{label}：压缩包内文件过多（{len(infos)} 个，上限 {MAX_MEMBERS}），未解压",)
            )
        declared = sum(i.file_size for i in infos)
        if declared > MAX_TOTAL_BYTES:
            return Unpacked(None, (f"{label}：解压后过大（{declared // 2**20} MB，上限 {MAX_TOTAL_BYTES // 2**20} MB），疑似压缩炸弹，未解压",))  # fmt: skip
        digest = hashlib.sha256(str(zip_path.resolve()).encode() + str(zip_path.stat().st_mtime).encode())
        folder = dest_root / f"{zip_path.stem[:40]}-{digest.hexdigest()[:8]}"
        folder.mkdir(parents=True, exist_ok=True)
        notes = [n for info in infos if (n := _extract(zf, info, folder, label))]
    return Unpacked(folder, tuple(notes))


def _extract(zf: zipfile.ZipFile, info: zipfile.ZipInfo, folder: Path, label: str) -> str:
    name = member_name(info)
    if info.is_dir():
        return ""
    rel = safe_relative(name)
    if rel is None:
        return f"{label}：“{name}”的路径指向压缩包之外，已拒绝"
    if stat.S_ISLNK(info.external_attr >> 16):
        return f"{label}：“{name}”是符号链接，已拒绝"
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 2**20:
        return (
            f"{label}：“{name}”压缩比异常（{info.file_size // info.compress_size} 倍），疑似压缩炸弹，已拒绝"
        )
    if info.file_size > MAX_MEMBER_BYTES:
        return f"{label}：“{name}”过大（{info.file_size // 2**20} MB），已跳过"
    target = folder.joinpath(*rel.parts)
    if not target.resolve().is_relative_to(folder.resolve()):
        return f"{label}：“{name}”的路径指向压缩包之外，已拒绝"
    return _copy(zf, info, target, name, label)


def _copy(zf: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path, name: str, label: str) -> str:
    target.parent.mkdir(parents=True, exist_ok=True)
    written = 0
    try:
        with zf.open(info) as src, target.open("wb") as out:
            while chunk := src.read(1 << 16):
                written += len(chunk)
                if written > MAX_MEMBER_BYTES:  # the header lied about the size
                    raise ValueError
                out.write(chunk)
    except ValueError:
        target.unlink(missing_ok=True)
        return f"{label}：“{name}”解压后超过 {MAX_MEMBER_BYTES // 2**20} MB，疑似压缩炸弹，已拒绝"
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as e:
        target.unlink(missing_ok=True)
        return f"{label}：“{name}”无法解压（{type(e).__name__}），已跳过"
    return ""
