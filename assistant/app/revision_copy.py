"""The 修订稿 export: the report with the 审核人's changes to the clerk's text as Word tracked changes.

Tables and untouched sections print as in the 定稿. A section is tracked only when accepting all its
changes gives exactly its current text; otherwise it prints clean and the message says so.
"""

from __future__ import annotations

import time
from pathlib import Path

from assistant.core import spec
from assistant.export import docx_bytes
from assistant.export.revisions import final_text
from assistant.facts_io import safe_filename
from assistant.workspace import Workspace, WorkspaceError


def export_tracked(ws: Workspace, rid: int, suffix: str, out_dir: Path) -> tuple[str, str]:
    if suffix != ".docx":
        raise WorkspaceError("修订稿只能导出为 Word（.docx）：请点击“导出Word（.docx）”")
    report = ws.to_report(rid)
    tracked, skipped = {}, []
    for key, pieces in ws.revisions(rid).items():
        if final_text(pieces) == report.section(key):
            tracked[key] = pieces
        else:
            skipped.append(spec.SECTION_BY_KEY[key].label)
    user_dir = out_dir / str(ws.user_id)
    user_dir.mkdir(parents=True, exist_ok=True)
    path = user_dir / f"{safe_filename(report.title)}_修订稿_{time.strftime('%Y%m%d-%H%M%S')}.docx"
    path.write_bytes(docx_bytes(report, (), tracked))
    if tracked:
        names = "、".join(spec.SECTION_BY_KEY[k].label for k in spec.SECTION_BY_KEY if k in tracked)
        msg = (
            f"已导出修订稿 {path.name}：{names} 中审核人的修改以 Word 修订显示"
            "（在 Word 的“审阅”选项卡中可逐条查看作者和时间、接受或拒绝）。"
        )
    else:
        msg = f"已导出修订稿 {path.name}：审核人尚未修改经办人的正文，文中没有修订标记。"
    if skipped:
        msg += f" {'、'.join(skipped)} 的修改记录与当前正文对不上，按当前正文输出、未标修订。"
    return str(path), msg
