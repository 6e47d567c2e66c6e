"""The report workspace: the service the app calls (one report of one user, autosaved in the store).

State kept per report (JSON in `reports.state`): `cells` (only what the user gave or confirmed),
`narrative`, `previous` (last year's facts and its problems section), `ledger` (cells and source rows),
`chat` (messages), `pending` (proposals waiting for confirmation), `format`, `cell_sources` (per stored
cell: chat, ledger, grid or previous — see `assistant/cell_sources.py`).

Role checks live here, not in the UI: every write asks `_writable` (a member who may edit, the report
not approved), and every saved cell, narrative item and section records the account and time.
"""

from __future__ import annotations

import datetime as _dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import cell_sources
from assistant.audit import InputError, guarded_load
from assistant.core import agency as names
from assistant.core import engine, spec
from assistant.core.agency import same_agency
from assistant.core.engine import CheckResult
from assistant.core.facts import ReportFacts, Value, cells_from_json, cells_to_json
from assistant.core.limits import MAX_AGENCY_CHARS, MAX_LEVEL_CHARS, MAX_TEXT_CHARS, too_long
from assistant.core.report import Report
from assistant.review_service import EditConflictError, ReviewService, WorkspaceError
from assistant.roles import APPROVED, WRITERS
from assistant.store import Account, EditConflict, ReportRow, Store, StoreError

__all__ = ["EditConflictError", "Workspace", "WorkspaceError", "diff_text", "facts_of"]

VIEW_KEYS = frozenset({"tab"})  # state a read-only viewer may still keep (which tab is open)


@dataclass(frozen=True)
class Workspace(ReviewService):
    store: Store
    user_id: int

    # ------------------------------------------------------------ who is asking

    @property
    def account(self) -> Account:
        try:
            return self.store.account(self.user_id)
        except StoreError as e:
            raise WorkspaceError(str(e)) from None

    def can_write(self, row: ReportRow) -> str:
        """'' when this user may edit the report now, else the Chinese reason."""
        acc = self.account
        if row.org_id is not None and row.org_id != acc.org_id:
            return "该报告属于下级机构，您只能查看，不能修改"
        if acc.effective_role not in WRITERS:
            return f"您的角色是{acc.role}，只能查看报告，不能修改"
        if row.review_state == APPROVED:
            return "报告已审定并锁定；如需修改，请审核人先“重新打开”并说明理由"
        return ""

    def _writable(self, report_id: int) -> ReportRow:
        row = self.row(report_id)
        reason = self.can_write(row)
        if reason:
            raise WorkspaceError(reason)
        return row

    # ------------------------------------------------------------ reports

    def start(self, agency: str, year: Any, level: str = "", previous_path: str | Path | None = None) -> int:
        agency, level = (agency or "").strip(), (level or "").strip()
        if not agency:
            raise WorkspaceError("请填写机关名称")
        reason = too_long("机关名称", agency, MAX_AGENCY_CHARS) or too_long("层级", level, MAX_LEVEL_CHARS)
        if reason:
            raise WorkspaceError(f"{reason}，未创建报告，请填写机关的正式名称")
        y = _year(year)
        if self.account.effective_role not in WRITERS:
            raise WorkspaceError(f"您的角色是{self.account.role}，不能新建报告")
        state: dict[str, Any] = {"format": spec.version_for_year(y), "cells": {}, "narrative": {}, "chat": []}
        rid = self.store.create_report(self.user_id, agency, y, level, state)
        if previous_path:
            self.attach_previous(rid, previous_path)
        return rid

    def row(self, report_id: int) -> ReportRow:
        try:
            return self.store.report(self.user_id, report_id)
        except StoreError as e:
            raise WorkspaceError(str(e)) from None

    def reports(self) -> list[ReportRow]:
        return self.store.reports(self.user_id)

    def resume(self) -> int | None:
        """The report the user last worked on (a restart resumes exactly there)."""
        rid = self.store.last_report(self.user_id)
        if rid is not None:
            try:
                self.store.report(self.user_id, rid)
                return rid
            except StoreError:
                return None
        rows = self.reports()
        return rows[0].id if rows else None

    def open(self, report_id: int) -> ReportRow:
        row = self.row(report_id)
        self.store.set_last_report(self.user_id, report_id)
        return row

    def atomic(self):
        """A read-modify-write of the state as one step (see `Store.atomic`)."""
        return self.store.atomic()

    def update_state(self, report_id: int, **state: Any) -> ReportRow:
        if set(state) - VIEW_KEYS:
            self._writable(report_id)
        else:
            self.row(report_id)
        return self.store.update_report(self.user_id, report_id, state=state)

    # ------------------------------------------------------------ facts

    def facts(self, report_id: int) -> ReportFacts:
        row = self.row(report_id)
        return facts_of(row)

    def previous(self, report_id: int) -> ReportFacts | None:
        prev = self.row(report_id).state.get("previous") or {}
        if not prev.get("facts"):
            return None
        f = prev["facts"]
        version = f.get("format") or spec.version_for_year(int(f["year"]))
        return ReportFacts(f["agency"], int(f["year"]), version, cells_from_json(f.get("cells", {}), version))

    def previous_problems(self, report_id: int) -> str:
        return (self.row(report_id).state.get("previous") or {}).get("problems", "")

    def check(self, report_id: int) -> CheckResult:
        return engine.check(self.facts(report_id), self.previous(report_id), zeros=True)

    def set_cells(
        self,
        report_id: int,
        given: dict[str, Value],
        replace_keys: set[str] | None = None,
        source: str = cell_sources.GRID,
    ) -> ReportRow:
        """Merge the user's values (already confirmed) into the report; autosaved. `source`: where the
        given values came from (`cell_sources`: chat, ledger, grid, previous), kept per cell."""
        with self.store.atomic():
            return self._set_cells(report_id, given, replace_keys, source)

    def _set_cells(
        self, report_id: int, given: dict[str, Value], replace_keys: set[str] | None, source: str
    ) -> ReportRow:
        row = self._writable(report_id)
        old = row.state.get("cells", {})
        cells = dict(old)
        for k in replace_keys or set():
            cells.pop(k, None)
        cells.update(cells_to_json(given))
        changed = {k: (old.get(k), cells.get(k)) for k in set(old) | set(cells) if old.get(k) != cells.get(k)}
        sources = cell_sources.updated(row.state.get("cell_sources") or {}, given, replace_keys or (), source)
        updated = self.update_state(report_id, cells=cells, cell_sources=sources)
        if changed:
            self.store.log_changes(report_id, "cell", changed, self.account.username)
        return updated

    def set_narrative(self, report_id: int, key: str, text: str, append: bool = True) -> ReportRow:
        if key not in spec.NARRATIVE_KEYS:
            raise WorkspaceError(f"未知的栏目“{key}”")
        with self.store.atomic():
            return self._set_narrative(report_id, key, text, append)

    def _set_narrative(self, report_id: int, key: str, text: str, append: bool) -> ReportRow:
        narrative = dict(self._writable(report_id).state.get("narrative", {}))
        old = narrative.get(key, "")
        narrative[key] = f"{old}\n{text}".strip() if append and old and text not in old else text.strip()
        reason = too_long(
            f"“{spec.NARRATIVE_LABELS.get(key, key)}”的内容", narrative[key], MAX_TEXT_CHARS, "字"
        )
        if reason:
            raise WorkspaceError(f"{reason}，未保存")
        updated = self.update_state(report_id, narrative=narrative)
        if narrative[key] != old:
            self.store.log_changes(
                report_id, "narrative", {key: (old, narrative[key])}, self.account.username
            )
        return updated

    def attach_previous(self, report_id: int, path: str | Path, same_body: bool = False) -> list[str]:
        """Last year's report or facts: carry-overs prefilled, its problems kept for follow-up.

        A report under another agency name is refused unless `same_body` (the user confirmed it is the
        same body); the refused one is kept as `previous_offer` so that `confirm_previous` can use it.
        """
        try:
            loaded = guarded_load(Path(path))
        except InputError as e:
            raise WorkspaceError(str(e)) from None
        row = self._writable(report_id)
        prev_facts = engine.fill(loaded.facts)[0]
        if prev_facts.year and prev_facts.year >= row.year:
            raise WorkspaceError(
                f"{Path(path).name} 是{prev_facts.year}年度报告，不早于本报告的{row.year}年度，未采用"
            )
        problems = loaded.report.section("s5_problems") if loaded.report else ""
        if not problems:
            narrative = loaded.facts.narrative
            problems = "\n".join(
                x for x in (narrative.get("problems", ""), narrative.get("improvements", "")) if x
            )
        prev_state = previous_state(prev_facts, problems, Path(path).name)
        kind = names.relation(prev_facts.agency, row.agency)
        if kind == names.SAME or (same_body and kind != names.OTHER_PLACE):
            return self.use_previous(report_id, prev_state)
        offer = None if kind == names.OTHER_PLACE else {**prev_state, "kind": kind}
        self.update_state(report_id, previous_offer=offer)
        raise WorkspaceError(other_body_message(Path(path).name, prev_facts.agency, row.agency, kind))

    def confirm_previous(self, report_id: int) -> list[str]:
        """Use the last-year report refused for its name, now that the user confirmed the same body."""
        offer = self.row(report_id).state.get("previous_offer")
        if not offer:
            raise WorkspaceError("没有待确认的上年报告，请重新上传")
        notes = self.use_previous(report_id, offer)
        if offer.get("kind") == names.OTHER_BODY:  # the user said it anyway: the choice is said back
            notes.insert(0, f"注意：已按您的确认采用“{offer['facts']['agency']}”的报告作为本机关的上年报告")
        return notes

    def own_previous(self, report_id: int) -> list[str]:
        """Use this user's own report of the year before for the same body, if there is one."""
        row = self.row(report_id)
        if (row.state.get("previous") or {}).get("facts"):
            return []
        for other in self.reports():
            if other.id != row.id and other.year == row.year - 1 and same_agency(other.agency, row.agency):
                filled = engine.fill(facts_of(other))[0]
                section = self.sections(other.id).get("s5_problems")
                problems = getattr(section, "text", "") or ""
                return self.use_previous(
                    report_id, previous_state(filled, problems, f"本系统中的{other.year}年度报告")
                )
        return []

    def use_previous(self, report_id: int, prev_state: dict[str, Any]) -> list[str]:
        """Store last year's facts and problems; prefill this year's carry-overs from them."""
        row = self.row(report_id)
        f = prev_state["facts"]
        prev_facts = ReportFacts(
            f["agency"], int(f["year"]), f["format"], cells_from_json(f["cells"], f["format"])
        )
        notes = []
        if prev_facts.year and prev_facts.year != row.year - 1:
            notes.append(f"注意：上传的是{prev_facts.year}年度报告，本报告是{row.year}年度")
        prefill = {}
        for col in spec.T2_COLUMN_KEYS:
            v = prev_facts.number(f"applications.carried_to_next.{col}")
            key = f"applications.carried_over_from_prev.{col}"
            if v is not None and col != "total" and key not in row.state.get("cells", {}):
                prefill[key] = v
        self.update_state(report_id, previous=prev_state, previous_offer=None)
        if prefill:
            self.set_cells(report_id, prefill, source=cell_sources.PREVIOUS)
            # stored but not confirmed: the chat shows them with their source and asks (issue 11)
            self.update_state(report_id, prefilled=sorted(prefill))
            notes.append(f"已按上年“四、结转下年度继续办理”预填本年“二、上年结转”（{len(prefill)} 个单元格）")
        if prev_state.get("problems"):
            notes.append("已读取上年“五、存在的主要问题及改进情况”，起草时将逐条回应")
        return notes

    # ------------------------------------------------------------ sections

    def sections(self, report_id: int) -> dict[str, Any]:
        try:
            return self.store.sections(self.user_id, report_id)
        except StoreError as e:
            raise WorkspaceError(str(e)) from None

    def save_section(
        self,
        report_id: int,
        key: str,
        text: str,
        origin: str = "edit",
        note: str = "",
        findings=None,
        base: str | None = None,
        editor: str = "",
    ):
        """Save a section's text. `base`: the text the user started from; if someone else saved the
        section since, `EditConflict` (a WorkspaceError) carries old/theirs/current and nothing is saved.
        `editor`: the page saving (its own earlier saves since `base` are no clash, `Store.save_section`)."""
        if key not in spec.SECTION_BY_KEY:
            raise WorkspaceError(f"未知的章节“{key}”")
        check_section_length(key, text)
        self._writable(report_id)
        try:
            self.store.save_section(self.user_id, report_id, key, text, origin, note, findings, base, editor)
        except EditConflict as e:
            raise EditConflictError(str(e), e.key, e.old, e.theirs, e.current, e.by, e.own) from None
        except StoreError as e:
            raise WorkspaceError(str(e)) from None

    def lock(self, report_id: int, key: str, locked: bool = True) -> None:
        self._writable(report_id)
        try:
            self.store.set_locked(self.user_id, report_id, key, locked)
        except StoreError as e:
            raise WorkspaceError(str(e)) from None

    def history(self, report_id: int, key: str):
        try:
            return self.store.versions(self.user_id, report_id, key)
        except StoreError as e:
            raise WorkspaceError(str(e)) from None

    def restore(self, report_id: int, version_id: int):
        self._writable(report_id)
        try:
            return self.store.restore(self.user_id, report_id, version_id)
        except StoreError as e:
            raise WorkspaceError(str(e)) from None

    def to_report(self, report_id: int) -> Report:
        """The report as it stands: filled tables and the current section texts."""
        row = self.row(report_id)
        filled = engine.fill(facts_of(row))[0]
        sections = {k: s.text for k, s in self.sections(report_id).items() if s.text}
        title = f"{row.agency}{row.year}年政府信息公开工作年度报告"
        return Report(
            f"report-{report_id}", title, row.agency, row.year, filled.format, sections, dict(filled.cells)
        )


OFFER_BUTTON = {names.VARIANT: "确认为同一机关并采用", names.OTHER_BODY: "仍然采用（仅限机构更名或合并）"}


def other_body_message(file: str, prev_agency: str, agency_name: str, kind: str) -> str:
    """Why last year's report of another name was not used, and what the user may do."""
    head = f"{file} 是“{prev_agency}”的报告，本报告的机关是“{agency_name}”"
    if kind == names.OTHER_PLACE:
        places = " 与 ".join(p for p, _ in (names.split_name(prev_agency), names.split_name(agency_name)))
        return (
            f"{head}，两者机关不一致：所在地方不同（{places}），未采用。"
            "另一地方机关的结转数不能作为本机关的上年结转，请上传本机关的上年年报"
        )
    if kind == names.OTHER_BODY:
        return (
            f"{head}，看起来是同一地方的另一个部门，未采用。请上传本机关的上年年报；"
            f"只有本机关由它更名或合并而来时，才点击“{OFFER_BUTTON[kind]}”"
        )
    return f"{head}，名称写法不同，未采用（如确为同一机关——名称写法不同或机构更名——请点击“{OFFER_BUTTON[kind]}”）"


def previous_state(facts: ReportFacts, problems: str, source: str) -> dict[str, Any]:
    """What a report keeps of last year's: its filled facts, its problems section, where it came from."""
    return {
        "facts": {
            "agency": facts.agency,
            "year": facts.year,
            "format": facts.format,
            "cells": cells_to_json(facts.cells),
        },
        "problems": problems,
        "source": source,
    }


def facts_of(row: ReportRow) -> ReportFacts:
    version = row.state.get("format") or spec.version_for_year(row.year)
    return ReportFacts(
        agency=row.agency,
        year=row.year,
        format=version,
        cells=cells_from_json(row.state.get("cells", {}), version),
        narrative=dict(row.state.get("narrative", {})),
        level=row.level,
        source=f"report-{row.id}",
    )


def diff_text(old: str, new: str) -> str:
    """A readable line diff (for version history)."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), "旧版本", "新版本", lineterm="", n=1)
    return "\n".join(lines) or "（两个版本相同）"


def _year(raw: Any) -> int:
    try:
        y = int(str(raw).strip().removesuffix("年度").removesuffix("年"))
    except ValueError:
        raise WorkspaceError(f"年度“{raw}”无效，请填写如 2024") from None
    latest = _dt.date.today().year
    if not 2008 <= y <= latest:
        raise WorkspaceError(f"年度“{raw}”超出范围（2008–{latest}）")
    return y


def check_section_length(key: str, text: str) -> None:
    """A section's text over MAX_TEXT_CHARS is refused by name (WorkspaceError), before any check
    of its content runs."""
    reason = too_long(f"“{spec.SECTION_BY_KEY[key].title}”正文", text or "", MAX_TEXT_CHARS, "字")
    if reason:
        raise WorkspaceError(f"{reason}，未保存，请精简后再保存")
