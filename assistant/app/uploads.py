"""What Gradio hands a handler for an upload, as file paths (issue 15 item 11).

Depending on the component and version an upload arrives as a path, a list of paths, a dict with
`path`, an object with `.name`, or None when the user cleared it. Handlers take paths only from
here, so an odd value is "no file" (a Chinese prompt), never a TypeError, and a folder or a
string is never walked character by character or file by file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def upload_paths(value: Any) -> list[str]:
    """Every uploaded file's path, in order; values that name no file are left out."""
    if value is None or isinstance(value, (bool, int, float)):
        return []
    if isinstance(value, (list, tuple)):
        return [p for item in value for p in upload_paths(item)]
    if isinstance(value, dict):
        value = value.get("path") or value.get("name")
    elif not isinstance(value, (str, os.PathLike)):
        value = getattr(value, "path", None) or getattr(value, "name", None)
    if not isinstance(value, (str, os.PathLike)) or not str(value).strip():
        return []
    return [str(value)]


def upload_path(value: Any) -> str | None:
    """The one uploaded file's path (the first, if several came), or None."""
    paths = upload_paths(value)
    return paths[0] if paths else None


def regular_files(paths: list[str]) -> tuple[list[str], list[str]]:
    """(files, messages): an upload is a file; anything else is named back, never walked."""
    files, notes = [], []
    for p in paths:
        path = Path(p)
        if path.is_file():
            files.append(p)
        else:
            notes.append(f"{path.name or p}：不是上传的文件，已忽略")
    return files, notes
