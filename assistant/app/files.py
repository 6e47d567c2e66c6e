"""Export and audit handlers (plain functions): files in, files out."""

from __future__ import annotations

import csv
import re
import time
from pathlib import Path

import pandas as pd

from assistant.app.uploads import regular_files, upload_path, upload_paths
from assistant.audit import check_paths
from assistant.core import spec
from assistant.core.engine import summarize
from assistant.core.finding_kinds import kind_of
from assistant.export import write_report
from assistant.facts_io import safe_filename
from assistant.workspace import Workspace

EXPORT_FORMATS = {
    "Word（.docx）": ".docx",
    "网页（.html）": ".html",
    "Markdown（.md）": ".md",
    "纯文本（.txt）": ".txt",
}
AUDIT_COLUMNS = ["文件", "机关", "年度", "级别", "类别", "说明"]
CSV_COLUMNS = ["文件", "机关", "年度", "级别", "状态", "类别", "填报值", "计算值", "说明"]
STATUS_ZH = {"fail": "不符", "not_assessable": "暂无法核验"}
SUMMARY_COLUMNS = ["文件", "机关", "年度", "错误", "提醒"]
MAX_AUDIT_FILES = 200


def hide_dirs(message: str) -> str:
    """A message without server-side folders: uploads are named by their file name only."""
    return re.sub(r"(?:/[^/\s：:，,]+)+/([^/\s：:，,]+)", r"\1", message)


TRACKED = "tracked"  # the 修订 copy: the 审核人's changes to the clerk's text as Word tracked changes
EDITIONS = {"定稿": False, "审阅稿（标出问题）": True, "修订稿（显示审核人的修改）": TRACKED}


def export(
    ws: Workspace, rid: int, suffix: str, out_dir: Path, review: bool | str = False
) -> tuple[str, str]:
    """Write the current report; returns (path, message).

    `review`: a review copy, with the cells named by errors shaded and every problem listed in an
    appendix; otherwise the final copy (定稿), clean: nothing of the check travels into the file.
    `review=TRACKED`: the 修订 copy (Word only), see `export_tracked`.
    """
    if review == TRACKED:
        from assistant.app.revision_copy import export_tracked

        return export_tracked(ws, rid, suffix, out_dir)
    report = ws.to_report(rid)
    result = ws.check(rid)
    missing = [k for k in ("s1_overview", "s5_problems", "s6_other") if not report.section(k)]
    user_dir = out_dir / str(ws.user_id)
    user_dir.mkdir(parents=True, exist_ok=True)
    edition = "审阅稿" if review else "定稿"
    name = f"{safe_filename(report.title)}_{edition}_{time.strftime('%Y%m%d-%H%M%S')}{suffix}"
    failed = [f for f in result.findings if f.status == "fail"] if review else []
    path = write_report(report, user_dir / name, failed)
    c = summarize(result.findings)
    msg = f"已导出{edition} {Path(path).name}。"
    if c["error"] and review:
        msg += f" 表格仍有 {c['error']} 个错误，已标出并列在文末“附：核对意见”中，定稿前请处理。"
    elif c["error"]:
        msg += f" 注意：表格仍有 {c['error']} 个错误（定稿中不标出），可导出审阅稿查看，发布前请处理。"
    if missing:
        msg += (
            " 以下章节还没有正文："
            + "、".join(spec.SECTION_BY_KEY[k].label for k in missing)
            + "，请先在“起草与修改”页生成。"
        )
    return str(path), msg


def write_audit_csv(results: list, path: Path) -> None:
    """The audit's findings for users: Chinese headers and kinds, no rule ids or cell keys
    (those stay in `assistant check --json`). UTF-8 with BOM so that Excel opens it correctly."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(CSV_COLUMNS)
        for r in results:
            name = Path(r.source).name
            agency, year = (r.facts.agency, r.facts.year) if r.facts else ("", "")
            if not r.findings:
                w.writerow([name, agency, year, "", "通过", "", "", "", "未发现问题"])
            for x in r.findings:
                j = x.to_json()
                level = "错误" if x.severity == "error" else "提醒"
                status = STATUS_ZH.get(x.status, x.status)
                reported = "" if j["reported"] is None else j["reported"]
                computed = "" if j["computed"] is None else j["computed"]
                w.writerow(
                    [name, agency, year, level, status, kind_of(x), reported, computed, hide_dirs(x.message)]
                )


def audit(
    paths: list[str], previous: str | None, out_dir: Path
) -> tuple[pd.DataFrame, pd.DataFrame, str, str]:
    """Audit uploaded reports: (findings table, summary table, csv path, message)."""
    paths, ignored = regular_files(upload_paths(paths))
    previous = upload_path(previous)
    if not paths:
        return (
            pd.DataFrame(columns=AUDIT_COLUMNS),
            pd.DataFrame(columns=SUMMARY_COLUMNS),
            "",
            "请先上传年报文件" + ("（" + "；".join(ignored) + "）" if ignored else ""),
        )
    if len(paths) > MAX_AUDIT_FILES:
        note = f"一次最多审核 {MAX_AUDIT_FILES} 份，本次只审核前 {MAX_AUDIT_FILES} 份"
        paths = paths[:MAX_AUDIT_FILES]
    else:
        note = ""
    note = "；".join([*ignored, note] if note else ignored)
    results = check_paths(paths, previous)
    rows, summary = [], []
    for r in results:
        name = Path(r.source).name
        f = r.facts
        if r.error:
            rows.append([name, "", "", "错误", "无法读取", hide_dirs(r.error)])
            summary.append([name, "", "", "无法读取", ""])
            continue
        c = summarize(r.findings)
        summary.append([name, f.agency if f else "", f.year if f else "", c["error"], c["warning"]])
        for x in r.findings:
            if x.status == "fail":
                level = "错误" if x.severity == "error" else "提醒"
                rows.append(
                    [
                        name,
                        f.agency if f else "",
                        f.year if f else "",
                        level,
                        kind_of(x),
                        hide_dirs(x.message),
                    ]
                )
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_path = out_dir / f"审核结果_{time.strftime('%Y%m%d-%H%M%S')}.csv"
    write_audit_csv(results, csv_path)
    bad = sum(1 for r in results if r.error)
    errs = sum(1 for r in results if r.errors and not r.error)
    msg = f"共审核 {len(results)} 份：{errs} 份有错误，{bad} 份无法读取。" + (f"（{note}）" if note else "")
    if not rows:  # an empty 发现的问题 table, said in words
        msg += "各份均未发现问题。"
    return (
        pd.DataFrame(rows, columns=AUDIT_COLUMNS),
        pd.DataFrame(summary, columns=SUMMARY_COLUMNS),
        str(csv_path),
        msg,
    )
