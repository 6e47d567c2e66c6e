"""Issue 15 item 12: a wide ledger is read converting only the needed columns — with exactly the
result openpyxl's own full read gives (dates from serial numbers, shared strings, merges across
rows, 「合计」 rows, rows without cell references, gaps between rows)."""

from __future__ import annotations

import io
import zipfile

import pytest

from assistant.intake import ledger_xlsx, read_ledger

pytestmark = pytest.mark.filterwarnings("ignore:Workbook contains no default style")

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
STRINGS = ["序号", "申请人类型", "收到日期", "办理结果", "办结日期", "承办科室", "备注",
           "自然人", "商业企业", "予以公开", "不予公开-1.属于国家秘密", "合计", "办公室", "补正后受理"]  # fmt: skip


def _s(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="s"><v>{STRINGS.index(text)}</v></c>'


def _row(n: int, cells: str, ref: bool = True) -> str:
    return f'<row r="{n}">{cells}</row>' if ref else f"<row>{cells}</row>"


def _sheet() -> str:
    rows = [_row(1, "".join(_s(f"{c}1", t) for c, t in zip("ABCDEFG", STRINGS[:7], strict=True)))]
    for n in range(2, 40):
        applicant = "自然人" if n % 3 else "商业企业"
        outcome = "予以公开" if n % 4 else "不予公开-1.属于国家秘密"
        done = f'<c r="E{n}" s="1"><v>{45000 + n}</v></c>' if n % 5 else ""  # unfinished: blank
        extra = "".join(f'<c r="{c}{n}"><v>{n}</v></c>' for c in ("H", "Z", "AB"))  # beyond the header
        note = _s(f"G{n}", "补正后受理") if n % 7 == 0 else ""
        rows.append(_row(n, f'<c r="A{n}"><v>{n - 1}</v></c>{_s(f"B{n}", applicant)}<c r="C{n}" s="1"><v>{44950 + n}</v></c>'
                        f'{_s(f"D{n}", outcome)}{done}{_s(f"F{n}", "办公室")}{note}{extra}'))  # fmt: skip
    rows.append(
        _row(
            45,
            f'<c r="A45"><v>44</v></c>{_s("B45", "自然人")}<c r="C45" s="1"><v>45010</v></c>{_s("D45", "予以公开")}',
        )
    )
    rows.append(_row(46, '<c t="s"><v>11</v></c><c/><c/><c><v>38</v></c>', ref=False))  # 合计, no references
    merges = '<mergeCells count="1"><mergeCell ref="B10:B12"/></mergeCells>'
    return f"<worksheet {NS}><sheetData>{''.join(rows)}</sheetData>{merges}</worksheet>"


def _xlsx() -> bytes:
    files = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        "</Types>",
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": f'<workbook {NS} xmlns:r="{RELS_NS}"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{RELS_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELS_NS}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{RELS_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/styles.xml": f'<styleSheet {NS}><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/></cellXfs></styleSheet>',
        "xl/sharedStrings.xml": f'<sst {NS} count="{len(STRINGS)}">'
        + "".join(f"<si><t>{t}</t></si>" for t in STRINGS)
        + "</sst>",
        "xl/worksheets/sheet1.xml": _sheet(),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in files.items():
            z.writestr(name, body)
    return buf.getvalue()


@pytest.fixture
def both(monkeypatch):
    def read(data: bytes):
        monkeypatch.setattr(ledger_xlsx, "FAST", True)
        fast = read_ledger(data, "台账.xlsx", 2023)
        monkeypatch.setattr(ledger_xlsx, "FAST", False)
        full = read_ledger(data, "台账.xlsx", 2023)
        return fast, full

    return read


def test_needed_columns_only_gives_openpyxls_result(both) -> None:
    fast, full = both(_xlsx())
    assert full.ok, full.errors
    assert fast.entries == full.entries and len(fast.entries) == 39
    assert fast.warnings == full.warnings and any("合计行" in w for w in fast.warnings)
    assert fast.cells == full.cells and fast.sources == full.sources
    assert {e.received.year for e in fast.entries} == {2023}  # serial numbers read as dates


def test_a_ledger_written_by_openpyxl_reads_the_same_both_ways(both) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        ["序号", "收到申请时间", "申请人类型", "办理结果", "办结时间"] + [f"字段{i}" for i in range(40)]
    )
    for i in range(300):
        ws.append([i + 1, f"2023-{i % 12 + 1:02d}-03", "自然人", "予以公开", None if i % 9 == 0 else "2023-12-30"]
                  + [f"x{i}"] * 40)  # fmt: skip
    ws.append(["合计", None, None, 300, None])  # the sum under 办理结果: a 合计 row, not an application
    buf = io.BytesIO()
    wb.save(buf)
    fast, full = both(buf.getvalue())
    assert fast.entries == full.entries and len(fast.entries) == 300
    assert fast.errors == full.errors == () and fast.warnings == full.warnings
    assert any("合计行" in w for w in fast.warnings)
