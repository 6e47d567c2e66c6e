"""The page's scripts parse: one syntax error silently drops every translation and the grid paste."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from assistant.app.locale import js
from assistant.app.login import STALE_HEAD


@pytest.mark.skipif(not shutil.which("node"), reason="node is not installed")
@pytest.mark.parametrize("name", ["locale", "stale"])
def test_the_page_scripts_are_valid_javascript(tmp_path, name):
    source = (
        f"const f = {js()};" if name == "locale" else STALE_HEAD.split("<script>")[1].split("</script>")[0]
    )
    path = tmp_path / f"{name}.js"
    path.write_text(source, encoding="utf-8")
    done = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_the_locale_script_carries_no_raw_control_characters():
    assert "\r" not in js()  # a Python escape that should have reached the script as text
