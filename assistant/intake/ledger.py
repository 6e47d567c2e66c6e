"""Reading an application ledger (台账) from .xlsx or .csv (UTF-8 or GBK) into Table 2.

All or nothing: any problem (missing columns, unknown labels, bad dates, a corrupt or oversized
file) gives Chinese messages naming the file, row and column, and no cells at all. Never raises for
bad input.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assistant import encrypted
from assistant.core import spec
from assistant.intake.ledger_table import (
    APPLICANT,
    COMPLETED,
    OUTCOME,
    RECEIVED,
    LedgerEntry,
    LedgerTable,
    compute_table2,
    map_columns,
    missing_columns_message,
    parse_rows,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
HEADER_SCAN_ROWS = 10
MAX_SCANNED_ROWS = 5 * MAX_ROWS  # blank formatted rows count here, not in MAX_ROWS
_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old binary .xls / .et


class LedgerError(Exception):
    """The file cannot be read at all (message in Chinese, names the file)."""


@dataclass(frozen=True)
class LedgerResult:
    name: str
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    entries: tuple[LedgerEntry, ...] = ()
    columns: tuple[str, ...] = ()  # the header row as found
    table: LedgerTable | None = None
    mapped: tuple[str, ...] = ()  # labels read as official ones, listed back

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def cells(self) -> dict[str, int]:
        """Table 2 cells to propose; empty unless the whole ledger was read without errors."""
        return dict(self.table.cells) if self.ok and self.table else {}

    @property
    def sources(self) -> dict[str, tuple[int, ...]]:
        return dict(self.table.sources) if self.ok and self.table else {}

    def message(self) -> str:
        """A Chinese summary for the chat."""
        if self.errors:
            lines = [f"{self.name}：台账有以下问题，未导入任何数据，请修改后重新上传："]
            return "\n".join(lines + [f"- {e}" for e in self.errors])
        lines = [f"{self.name}：共读取 {len(self.entries)} 件申请记录。"]
        if self.table:
            c, y = self.table.cells, self.table.year
            lines.append(
                f"按{y}年度计算：本年新收{c['applications.new_received.total']}件，上年结转"
                f"{c['applications.carried_over_from_prev.total']}件，本年办结"
                f"{c['applications.results.total.total']}件，结转下年度{c['applications.carried_to_next.total']}件。"
            )
            lines += [f"（{n}）" for n in self.table.notes]
        if self.mapped:
            lines.append("以下写法已按官方栏目识别，请核对：" + "；".join(self.mapped) + "。")
        lines += [f"（{w}）" for w in self.warnings[:10]]
        if len(self.warnings) > 10:
            lines.append(f"（另有{len(self.warnings) - 10}条提示）")
        return "\n".join(lines)


def read_ledger(
    source: str | Path | bytes, name: str | None = None, year: int | None = None, version: str | None = None
) -> LedgerResult:
    """Read a ledger; with `year`, also compute that year's Table 2 (`result.cells`, `result.sources`).

    A file of some size is read in a forked child under a memory and time budget (`assistant.sandbox`)."""
    from assistant import sandbox

    name = name or (Path(source).name if not isinstance(source, bytes) else "台账")
    if sandbox.should_isolate(_size(source)):
        try:
            return sandbox.run(_read_ledger, source, name, year, version, name=name)
        except sandbox.BudgetError as e:
            return LedgerResult(name, (str(e),))
    return _read_ledger(source, name, year, version)


def _size(source: str | Path | bytes) -> int:
    try:
        return len(source) if isinstance(source, bytes) else Path(source).stat().st_size
    except OSError:
        return 0


def _read_ledger(
    source: str | Path | bytes, name: str, year: int | None, version: str | None
) -> LedgerResult:
    try:
        data = _read_bytes(source, name)
        header, rows = _rows(data, name)
    except LedgerError as e:
        return LedgerResult(name, (str(e),))
    version = version or (spec.version_for_year(year) if year else spec.FORMAT_2021)
    cols = map_columns(header)
    columns = tuple(str(h).strip() for h in header if str(h or "").strip())
    if any(f not in cols for f in (RECEIVED, APPLICANT, OUTCOME)):
        return LedgerResult(name, (missing_columns_message(name, header, cols),), columns=columns)
    parsed = parse_rows(rows, cols, header, name, version)
    if COMPLETED not in cols:
        parsed.warnings.insert(
            0,
            f"{name}：台账没有办结日期列，填写了办理结果的申请按本年已办结计算，结果为空或“办理中”的按结转下年度计算",
        )
    if not parsed.entries and not parsed.errors:
        parsed.errors.append(f"{name}：表头下面没有任何申请记录")
    table = compute_table2(parsed.entries, year, version) if year and not parsed.errors else None
    return LedgerResult(
        name, tuple(_capped(parsed.errors)), tuple(parsed.warnings), tuple(parsed.entries), columns, table,
        tuple(parsed.mapping_lines()),
    )  # fmt: skip


def _capped(errors: list[str], limit: int = 30) -> list[str]:
    if len(errors) <= limit:
        return errors
    return errors[:limit] + [f"……另有{len(errors) - limit}处问题未列出"]


def _read_bytes(source: str | Path | bytes, name: str) -> bytes:
    if isinstance(source, bytes):
        data = source
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise LedgerError(_too_big(name, path.stat().st_size))
            data = path.read_bytes()
        except FileNotFoundError:
            raise LedgerError(f"{name}：文件不存在") from None
        except IsADirectoryError:
            raise LedgerError(f"{name}：这是一个文件夹，不是台账文件") from None
        except OSError as e:
            raise LedgerError(f"{name}：无法读取（{e.strerror or e}）") from None
    if len(data) > MAX_BYTES:
        raise LedgerError(_too_big(name, len(data)))
    if not data.strip():
        raise LedgerError(f"{name}：文件是空的")
    return data


def _too_big(name: str, size: int) -> str:
    return f"{name}：文件过大（{size / 1024 / 1024:.1f} MB），台账文件不能超过 {MAX_BYTES // 1024 // 1024} MB"


def _rows(data: bytes, name: str) -> tuple[Sequence[Any], list[tuple[int, Sequence[Any]]]]:
    """The header row and the data rows (with their row numbers) of the first sheet that has one."""
    if encrypted.is_encrypted_office(data):
        raise LedgerError(encrypted.message(name))
    if data.startswith(_OLE_MAGIC):
        raise LedgerError(
            f"{name}：暂不支持旧版 Excel（.xls）或 WPS（.et）文件，请另存为 .xlsx 或 .csv 后上传"
        )
    _check_kind(data, name)
    if not data.startswith(_XLSX_MAGIC):
        return _split_header(_csv_rows(data, name), name)
    wb = _open_workbook(data, name)
    try:
        first: tuple[Sequence[Any], list] | None = None
        for ws in wb.worksheets:
            found = _split_header(_sheet_rows(ws, name), name)
            first = first or found
            if len(map_columns(found[0])) >= 2:
                return found
        if first is None:
            raise LedgerError(f"{name}：工作簿中没有工作表")
        return first
    finally:
        wb.close()


def _check_kind(data: bytes, name: str) -> None:
    """A file that is no ledger at all (a PDF, a Word file, a picture, an HTML export, a truncated
    workbook, a CSV named .xlsx) is said as what it is, not as a damaged Excel file."""
    from assistant import sniff

    found = sniff.kind(data)
    if found == "html":
        raise LedgerError(
            f"{name}：这是网页（HTML）格式导出的表格，请在 Excel/WPS 中打开后另存为 .xlsx 再上传"
        )
    if found in ("pdf", "docx", "image", "archive"):
        label = sniff.LABELS[found]
        raise LedgerError(
            f"{name}：这是{' ' * label[0].isascii()}{label}，不是申请台账，请上传 .xlsx 或 .csv 格式的台账"
        )
    if found == "zip":
        raise LedgerError(f"{name}：文件不完整或已损坏（可能下载或复制时中断），请重新导出后上传")
    if not data.startswith(_XLSX_MAGIC) and name.lower().endswith((".xlsx", ".xlsm")):
        raise LedgerError(
            f"{name}：扩展名是 .xlsx，内容却不是 Excel 表格（像是文本或 CSV），请把扩展名改为 .csv，或在 Excel 中另存为 .xlsx 后上传"
        )


def _split_header(rows: Iterator[Sequence[Any]], name: str) -> tuple[Sequence[Any], list]:
    """The header (the first of the first rows naming at least two fields) and the rows below it."""
    scanned: list[Sequence[Any]] = []
    data: list[tuple[int, Sequence[Any]]] = []
    header: Sequence[Any] | None = None
    for number, row in enumerate(rows, start=1):
        if header is None:
            scanned.append(row)
            if len(map_columns(row)) >= 2:
                header = row
            elif number >= HEADER_SCAN_ROWS:
                break
            continue
        if number > MAX_SCANNED_ROWS or len(data) >= MAX_ROWS:
            raise LedgerError(f"{name}：记录超过 {MAX_ROWS} 行，超出台账导入上限，请按年度拆分后上传")
        if any(v is not None and str(v).strip() for v in row):
            data.append((number, row))
    if header is None:
        return next((r for r in scanned if any(str(v or "").strip() for v in r)), ()), []
    return header, data


def _open_workbook(data: bytes, name: str) -> Any:
    from assistant.limits import LimitError, check_zip

    try:
        check_zip(io.BytesIO(data))
    except LimitError as e:
        raise LedgerError(f"{name}：{e}") from None
    try:
        from openpyxl import load_workbook

        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # any parser failure of an untrusted upload is a Chinese message
        raise LedgerError(f"{name}：无法打开，文件可能已损坏，或不是有效的 Excel（.xlsx）文件") from None


def _sheet_rows(ws: Any, name: str) -> Iterator[Sequence[Any]]:
    from assistant.intake.ledger_xlsx import SheetProblem, sheet_rows

    try:
        yield from sheet_rows(
            ws,
            lambda row: len(map_columns(row)) >= 2,
            HEADER_SCAN_ROWS,
            lambda row: map_columns(row).values(),
        )
    except SheetProblem as e:
        raise LedgerError(f"{name}：工作表“{ws.title}”{e}") from None
    except Exception:  # a damaged sheet discovered while streaming
        raise LedgerError(f"{name}：工作表“{ws.title}”内容损坏，无法读取") from None


def _utf16(data: bytes) -> tuple[str, ...]:
    """The UTF-16 codec of a CSV saved as 「Unicode 文本」 by Excel (with a BOM) or without one
    (ASCII and CJK text: NUL bytes at every odd, or every even, position)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return ("utf-16",)
    head = data[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) >= max(4, len(head) // 16) and max(odd, even) > 4 * min(odd, even):
        return ("utf-16-le",) if odd > even else ("utf-16-be",)
    return ()


def _csv_rows(data: bytes, name: str) -> Iterator[Sequence[Any]]:
    utf16 = _utf16(data)
    if b"\x00" in data[:4096] and not utf16:
        raise LedgerError(f"{name}：这不是文本格式的 CSV 文件，也不是 .xlsx 文件，无法读取")
    for encoding in utf16 or ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise LedgerError(f"{name}：文件编码无法识别，请另存为 UTF-8 或 GBK 编码的 CSV")
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", "\t", ";", "，"), key=first_line.count)
    try:
        return iter(list(csv.reader(io.StringIO(text), delimiter=delimiter)))
    except csv.Error as e:
        raise LedgerError(f"{name}：CSV 格式错误（{e}）") from None
