"""Issue 15 item 13: what the reader cannot use is said plainly (skipped files, unexpected errors)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from assistant.cli import main


def test_files_a_folder_audit_does_not_take_are_listed_with_the_reason(tmp_path, capsys) -> None:
    shutil.copy("examples/sample_report.yaml", tmp_path / "a.yaml")
    for name in ("台账.xlsx", "~$报告.docx", "说明.rtf", ".DS_Store"):
        (tmp_path / name).write_bytes(b"x")
    code = main(["check", "--json", str(tmp_path)])
    out = json.loads(capsys.readouterr().out)
    assert code == 0 and len(out["reports"]) == 1
    skipped = {Path(s["source"]).name: s["reason"] for s in out["skipped"]}
    assert set(skipped) == {"台账.xlsx", "~$报告.docx", "说明.rtf"}
    assert "表格文件不是年报" in skipped["台账.xlsx"] and "临时文件" in skipped["~$报告.docx"]
    main(["check", str(tmp_path)])
    text = capsys.readouterr().out
    assert "已跳过 3 个文件" in text and "说明.rtf" in text
