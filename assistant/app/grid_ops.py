"""Paste and delete over many cells of an official grid, saved cell by cell.

Gradio's Dataframe (6.31) has no paste handler and saves nothing on a multi-cell Delete (it only
fires `change` with the whole grid). The page script (`JS`, installed by `locale.js`) catches both in
the grids: a block pasted from Excel (tab- and line-separated) or the selected cells deleted are
sent as a list of (row, column, text) through a hidden box and button (`BOX_ID`, `BUTTON_ID`).
`edit_cells` applies exactly those cells: never a re-read of the whole grid, so a grid the browser
shows from an older state cannot write stale values back. A pasted total equal to the computed one
stays computed; every replaced value is said old → new.
"""

from __future__ import annotations

import json
import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from assistant.app import grids, tables
from assistant.core.facts import Value
from assistant.workspace import Workspace

BOX_ID = "grid_ops"
BUTTON_ID = "grid_ops_btn"
MAX_CELLS = 2000  # far more than the largest grid (表二: 26 × 7)

_locks: defaultdict[int, threading.Lock] = defaultdict(threading.Lock)


def report_lock(report_id: int) -> threading.Lock:
    """One writer at a time per report for grid edits (a paste and a cell edit must not interleave)."""
    return _locks[report_id]


def parse_payload(payload: str) -> tuple[int | None, list[tuple[int, int, str]], str]:
    """(grid index, cells, error) from the page script's JSON; a Chinese error when it is unusable."""
    try:
        data = json.loads(payload or "")
        grid = int(data["grid"])
        cells = [(int(r), int(c), "" if t is None else str(t)) for r, c, t in data["cells"]]
    except (ValueError, TypeError, KeyError):
        return None, [], "未能读取粘贴或删除的内容，请重试或逐格修改"
    if len(cells) > MAX_CELLS:
        return None, [], f"一次最多粘贴 {MAX_CELLS} 个单元格，本次未采用"
    return grid, cells, ""


@dataclass
class _Plan:
    given: dict[str, Value]
    cleared: set[str]
    notes: list[str]
    errors: list[str]
    skipped: int = 0  # outside the grid's cells (the label column, past the last row or column)
    computed: int = 0  # pasted totals equal to the computed ones: left computed


def edit_cells(
    ws: Workspace, report_id: int, grid_index: int, cells: list[tuple[int, int, str]]
) -> tuple[tables.TablesView, list[str], str]:
    """Apply many cells of one grid at once; returns the view, refusals and the note (old → new)."""
    with report_lock(report_id):
        before = ws.check(report_id)
        specs = grids.grid_specs(before.facts.format)
        if not 0 <= grid_index < len(specs):
            return tables.view(ws, report_id), ["未能确定粘贴到哪一张表，请重试"], ""
        given_now = set(ws.row(report_id).state.get("cells", {}))
        plan = _plan(specs[grid_index], cells, before, given_now)
        if plan.given or plan.cleared:
            ws.set_cells(report_id, plan.given, replace_keys=plan.cleared)
        return tables.view(ws, report_id), plan.errors, _note(plan)


def _plan(g: grids.GridSpec, cells: list[tuple[int, int, str]], before: Any, given_now: set[str]) -> _Plan:
    version = before.facts.format
    totals = grids.total_keys(version)
    plan = _Plan({}, set(), [], [])
    last: dict[str, str] = {}
    for row, col, text in cells:  # the same cell twice: the later value wins
        key = grids.cell_key(g, row, col)
        if key is None:
            plan.skipped += 1
            continue
        last.pop(key, None)
        last[key] = grids.cell_text(text)
    for key, text in last.items():
        where = grids.cell_label(g, key)
        shown = grids.show_value(before.facts.cells.get(key))
        if text == "":
            if key in given_now:
                plan.cleared.add(key)
                plan.notes.append(
                    f"已清空{where}（原为 {shown or '空'}）" + ("，改由程序计算" if key in totals else "")
                )
            continue
        value, err = grids.parse(key, text, version)
        if err:
            plan.errors.append(err)
            continue
        new = grids.show_value(value)
        if new == shown and (key in given_now or key in before.derived):
            plan.computed += key not in given_now  # the computed total, pasted back unchanged
            continue
        plan.given[key] = value  # type: ignore[assignment]
        plan.notes.append(f"{where}：{shown or '空'} → {new}")
    return plan


def _note(plan: _Plan) -> str:
    lines = []
    changed = len(plan.given) + len(plan.cleared)
    if changed:
        lines.append(f"已保存 {changed} 个单元格：")
        lines += [f"- {n}" for n in plan.notes]
    elif not plan.errors:
        lines.append("所选内容与表中现有数值相同，未作修改")
    if plan.computed:
        lines.append(f"{plan.computed} 个合计与程序计算的结果相同，仍由程序计算")
    if plan.skipped:
        lines.append(f"另有 {plan.skipped} 个值落在表格之外或“项目”列，未采用")
    return "\n".join(lines)


# The page script's part for the grids (a statement block run once on load, inside `locale.js`).
JS = """
  const gridOf = (el) => (el && el.closest ? el.closest(".official-grid") : null);
  const cellOf = (el) => (el && el.closest ? el.closest('[role="gridcell"]') : null);
  const selectedIn = (g) => Array.from(g.querySelectorAll('[role="gridcell"][aria-selected="true"]'))
    .map((e) => [Number(e.dataset.row), Number(e.dataset.col)]);
  const sendOps = (g, cells) => {
    const box = document.querySelector("#__BOX__ textarea, #__BOX__ input");
    const btn = document.querySelector("#__BUTTON__");
    if (!box || !btn) return;
    const grid = Number((g.id || "").replace(/^grid/, ""));
    box.value = JSON.stringify({ grid: grid, cells: cells });
    box.dispatchEvent(new Event("input", { bubbles: true }));
    setTimeout(() => btn.click(), 0);
  };
  const clipRows = (text) => {
    const lines = text.replace(/\r\n?/g, "\n").split("\n");
    if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
    return lines.map((l) => l.split("\t"));
  };
  document.addEventListener("paste", (e) => {
    const g = gridOf(e.target);
    if (!g || !e.clipboardData) return;
    const rows = clipRows(e.clipboardData.getData("text/plain") || "");
    const editing = e.target.tagName === "TEXTAREA" || e.target.tagName === "INPUT";
    if (editing && rows.length === 1 && rows[0].length === 1) return;  // one value into the open cell
    const here = cellOf(e.target) || cellOf(document.activeElement);
    const sel = selectedIn(g);
    const at = here && g.contains(here) ? [Number(here.dataset.row), Number(here.dataset.col)]
      : sel.length ? [Math.min(...sel.map((s) => s[0])), Math.min(...sel.map((s) => s[1]))] : null;
    if (!at) return;
    e.preventDefault();
    e.stopPropagation();
    if (editing) e.target.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    const cells = [];
    rows.forEach((r, i) => r.forEach((v, j) => cells.push([at[0] + i, at[1] + j, v])));
    sendOps(g, cells);
  }, true);
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Delete" && e.key !== "Backspace") return;
    const g = gridOf(e.target);
    if (!g || e.target.tagName === "TEXTAREA" || e.target.tagName === "INPUT") return;
    const cells = selectedIn(g).filter((s) => s[1] > 0);
    if (!cells.length) return;
    e.preventDefault();
    e.stopPropagation();
    sendOps(g, cells.map((s) => [s[0], s[1], ""]));
  }, true);
""".replace("__BOX__", BOX_ID).replace("__BUTTON__", BUTTON_ID)
