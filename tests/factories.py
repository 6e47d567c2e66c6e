"""Builders of consistent facts for tests (not fixtures: plain functions)."""

from __future__ import annotations

import random
from decimal import Decimal

from assistant.core import spec
from assistant.core.facts import ReportFacts


def consistent_cells(
    rng: random.Random, version: str = spec.FORMAT_2021, carried_over: dict | None = None
) -> dict:
    """A complete, consistent set of cells (all 200 for 2021), totals included."""
    cells: dict[str, int | Decimal] = {}
    for cell in spec.spec_for(version).table_cells(1):
        if cell.type == spec.DECIMAL:
            cells[cell.key] = Decimal(rng.randint(0, 50000)) / 100
        elif cell.signed:
            cells[cell.key] = rng.randint(-5, 5)
        else:
            cells[cell.key] = rng.randint(0, 30)
    leaves = spec.t2_result_leaves(version)
    for col in spec.T2_APPLICANT_COLUMNS:
        prev = (carried_over or {}).get(col, rng.randint(0, 3))
        results = {leaf: rng.choice([0, 0, 0, 1, 2, 5]) for leaf in leaves}
        carried_next = rng.randint(0, 3)
        done = sum(results.values())
        new = max(0, done + carried_next - prev)
        carried_next = new + prev - done
        cells[f"applications.new_received.{col}"] = new
        cells[f"applications.carried_over_from_prev.{col}"] = prev
        for leaf, n in results.items():
            cells[f"applications.{leaf}.{col}"] = n
        cells[f"applications.results.total.{col}"] = done
        cells[f"applications.carried_to_next.{col}"] = carried_next
    for row, _ in spec.t2_rows(version):
        cells[f"applications.{row}.total"] = sum(
            cells[f"applications.{row}.{c}"] for c in spec.T2_APPLICANT_COLUMNS
        )
    for group, _ in spec.T3_GROUPS:
        parts = [rng.randint(0, 4) for _ in range(4)]
        for (outcome, _), n in zip(spec.T3_OUTCOMES[:4], parts, strict=True):
            cells[f"{group}.{outcome}"] = n
        cells[f"{group}.total"] = sum(parts)
    return cells


def facts(
    cells: dict, year: int = 2023, version: str | None = None, agency: str = "测试县测试局"
) -> ReportFacts:
    return ReportFacts(agency=agency, year=year, format=version or spec.version_for_year(year), cells=cells)


def leaves_only(cells: dict, version: str = spec.FORMAT_2021) -> dict:
    """The same cells without any derived total."""
    fs = spec.spec_for(version)
    return {k: v for k, v in cells.items() if not fs.cell(k).derived}


def grid_position(key: str, g_index: int) -> tuple[int, int]:
    """Where a cell key sits in the app's grid `g_index`: (row, column), the label column being 0."""
    from assistant.app import grids

    g = grids.grid_specs()[g_index]
    return next((r, c + 1) for r, keys in enumerate(g.keys) for c, k in enumerate(keys) if k == key)


def say(ws, rid, *turns) -> str:
    """Send chat turns in order; the assistant's last reply."""
    from assistant.app import chat

    reply = ""
    for t in turns:
        reply = chat.turn(ws, rid, t).history[-1]["content"]
    return reply


def last_year_file(tmp_path, agency: str):
    """A last-year facts file of `agency` (2023) carrying 2 natural-person applications to next year."""
    p = tmp_path / "上年年报.yaml"
    p.write_text(
        f"agency: {agency}\nyear: 2023\ncells:\n  applications.carried_to_next.natural_person: 2\n",
        encoding="utf-8",
    )
    return p


def office(tmp_path, text: str, section: str = "s1_overview"):
    """A county office (某县住建局) with a clerk zhangsan (经办人) and an editor lisi (审核人), and a report
    of 2024 whose `section` the clerk saved as `text`: (store, clerk, editor, report id)."""
    from assistant.store import Store
    from assistant.workspace import Workspace

    store = Store(tmp_path / "db.sqlite3")
    store.add_org("某县住建局")
    store.add_user("zhangsan", "password-1", org="某县住建局", role="经办人")
    store.add_user("lisi", "password-1", org="某县住建局", role="审核人")
    clerk, editor = (Workspace(store, store.user_id(n)) for n in ("zhangsan", "lisi"))
    rid = clerk.start("某县住建局", 2024)
    clerk.save_section(rid, section, text)
    return store, clerk, editor, rid


def ledger_read(tmp_path, text: str, year: int):
    """A CSV ledger of `text`, saved as 台账.csv and read for `year` (the LedgerResult)."""
    from assistant.intake import read_ledger

    path = tmp_path / "台账.csv"
    path.write_text(text, encoding="utf-8")
    return read_ledger(path, "台账.csv", year)
