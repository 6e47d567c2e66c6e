"""Follow-ups from the exporter's round trips: the findings appendix, two-line titles, empty 表三, PDFs.

Each case writes a `Report` with `assistant.export.write_report` (with findings, so that the
appendix "附：核对意见…" follows section 六), reads the file back and compares title, agency,
sections and cells. The PDF of the Word export is made by LibreOffice when it is installed; a PDF
drawn with reportlab covers the same reader paths everywhere.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from assistant.core import spec
from assistant.core.engine import check
from assistant.core.facts import BLANK
from assistant.core.findings import ERROR, FAIL, WARNING, Finding
from assistant.core.report import Report
from assistant.export import title_of, write_report
from assistant.export.document import APPENDIX_HEADING
from assistant.export.plain import render_text
from assistant.reader import read_report, read_report_bytes
from assistant.reader.blocks import Para
from assistant.reader.meta import agency_from_title, find_title, join_lines
from assistant.reader.pdffile import _paragraph_lines
from assistant.reader.sections import APPENDIX_START, split_sections
from tests.test_export_fixtures import SECTIONS_TEXT, full_report, normalised_sections

SUFFIXES = (".docx", ".md", ".txt", ".html")
T3_KEYS = [c.key for c in spec.spec_for(spec.FORMAT_2021).table_cells(3)]


def _findings(report: Report) -> list[Finding]:
    """The engine's findings on the (inconsistent) report, and text findings naming headings."""
    found = list(check(report.to_facts()).findings)
    found.append(
        Finding(
            "SECTION_EMPTY",
            ERROR,
            FAIL,
            "第五部分“五、存在的主要问题及改进情况”没有实际内容（空白或仅写“无”），应如实报告存在的问题和改进措施",
        )
    )
    found.append(
        Finding("TEXT_INCONSISTENT", WARNING, FAIL, "正文“全年新收申请8件”与表二不一致", where="一、总体情况")
    )
    return found


def _assert_round_trip(report: Report, back: Report, where: str) -> None:
    assert back.title == title_of(report), where
    assert back.agency == report.agency, where
    assert back.year == report.year and back.format == report.format, where
    assert normalised_sections(back) == normalised_sections(report), where
    differing = {
        k: (v, back.cells.get(k)) for k, v in report.cells.items() if repr(back.cells.get(k)) != repr(v)
    }
    assert differing == {}, where
    assert set(back.cells) == set(report.cells), where


# ---------------------------------------------------------------- 1. the findings appendix


def test_the_reader_knows_the_exporters_appendix_heading():
    assert APPENDIX_START.match(APPENDIX_HEADING)
    assert APPENDIX_START.match("附:核对意见")
    assert not APPENDIX_START.match("附件：2023年政府信息公开申请统计表")


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_appendix_is_not_section_text(suffix, tmp_path):
    report = full_report()
    findings = _findings(report)
    back = read_report(write_report(report, tmp_path / f"with_findings{suffix}", findings))
    _assert_round_trip(report, back, suffix)
    assert back.sections["s6_other"] == SECTIONS_TEXT["s6_other"]
    assert not any("核对意见" in text or "【错误】" in text for text in back.sections.values())
    # the appendix names 五、… but is no heading; its presence is flagged (html keeps it apart in an <aside>)
    assert [f.rule for f in back.findings] in ([], ["APPENDIX_LEFT"])


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_appendix_after_an_empty_section_six(suffix, tmp_path):
    report = full_report()
    sections = {k: v for k, v in report.sections.items() if k != "s6_other"}
    report = Report(
        report.source, report.title, report.agency, report.year, report.format, sections, report.cells
    )
    back = read_report(write_report(report, tmp_path / f"no_s6{suffix}", _findings(report)))
    assert back.sections.get("s6_other", "") == ""
    assert normalised_sections(back) == normalised_sections(report)


def test_appendix_ends_the_sections_in_plain_paragraphs():
    paras = [
        "某局2023年政府信息公开工作年度报告",
        "五、存在的主要问题及改进情况",
        "问题。",
        "六、其他需要报告的事项",
    ]
    paras += [
        "无。",
        "附：核对意见（定稿发布前请逐条处理并删除本附录）1. 【错误】表二不平衡",
        "2. 【提醒】……",
    ]
    layout = split_sections([Para(p) for p in paras])
    assert layout.text("s6_other") == "无。"
    assert layout.text("s5_problems") == "问题。"


# ---------------------------------------------------------------- 2. a title over two lines


def test_word_title_broken_over_two_lines_reads_as_one_line(tmp_path):
    report = full_report()
    assert len(title_of(report)) > 20  # the Word export breaks it before 政府信息公开工作年度报告
    back = read_report(write_report(report, tmp_path / "title.docx"))
    assert back.title == "某市某区测试局2023年政府信息公开工作年度报告"
    assert "\n" not in back.title
    assert back.agency == "某市某区测试局"


@pytest.mark.parametrize(
    "preamble,title",
    [
        (["某市某区测试局2023年\n政府信息公开工作年度报告"], "某市某区测试局2023年政府信息公开工作年度报告"),
        (
            ["某市某区测试局", "2023年政府信息公开工作年度报告"],
            "某市某区测试局2023年政府信息公开工作年度报告",
        ),
        (
            ["某市某区测试局2023年", "政府信息公开工作年度报告"],
            "某市某区测试局2023年政府信息公开工作年度报告",
        ),
        (
            ["某县人民政府办公室2023年度政府信息公开", "工作年度报告"],
            "某县人民政府办公室2023年度政府信息公开工作年度报告",
        ),
        (
            ["某县人民政府办公室", "关于2023年度政府信息公开工作年度报告"],
            "某县人民政府办公室关于2023年度政府信息公开工作年度报告",
        ),
        # a line that names its own agency stands alone; dates and document numbers are never joined
        (
            ["某县某局", "某市某区测试局2023年政府信息公开工作年度报告"],
            "某市某区测试局2023年政府信息公开工作年度报告",
        ),
        (["发布日期：2024-01-20", "2023年政府信息公开工作年度报告"], "2023年政府信息公开工作年度报告"),
        (["某政办〔2024〕3号", "2023年政府信息公开工作年度报告"], "2023年政府信息公开工作年度报告"),
        (
            ["首页 > 政务公开 > 年报", "某局2023年政府信息公开工作年度报告"],
            "某局2023年政府信息公开工作年度报告",
        ),
    ],
)
def test_title_lines_are_joined(preamble, title):
    assert find_title(preamble, "") == title


def test_lines_join_without_separator_between_chinese_lines():
    assert (
        join_lines(["某市某区测试局2023年", "政府信息公开工作年度报告"])
        == "某市某区测试局2023年政府信息公开工作年度报告"
    )
    assert join_lines(["某局 2023", "年报告"]) == "某局 2023年报告"
    assert join_lines(["Annual", "Report 2023"]) == "Annual Report 2023"
    assert (
        agency_from_title(join_lines(["某市某区测试局", "2023年政府信息公开工作年度报告"]))
        == "某市某区测试局"
    )


# ---------------------------------------------------------------- 3. PDF


def _drawn_pdf() -> bytes:
    """A two-line centred title, a full page of wrapped prose, then a page holding only a short
    heading, a short line and a table (as a Word export's page 2 does)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle(
        "b", fontName="STSong-Light", fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24
    )
    title = ParagraphStyle("t", parent=body, fontSize=20, leading=30, alignment=1, firstLineIndent=0)
    long_text = (
        "2023年，本机关认真贯彻《中华人民共和国政府信息公开条例》，"
        + "各项工作有序开展，公开内容不断丰富。" * 6
    )
    grid = [["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]]
    grid += [["规章", "1", "2", "3"], ["行政规范性文件", "4", "5", "6"]]
    table = Table(
        grid,
        style=TableStyle(
            [("FONT", (0, 0), (-1, -1), "STSong-Light", 9), ("GRID", (0, 0), (-1, -1), 0.5, "black")]
        ),
    )
    story = [
        Paragraph("某市某区测试局2023年<br/>政府信息公开工作年度报告", title),
        Paragraph("一、总体情况", body),
    ]
    story += [Paragraph(long_text, body) for _ in range(6)]
    story += [
        PageBreak(),
        Paragraph("二、主动公开政府信息情况", body),
        Paragraph("本年度主动公开情况如下。", body),
        table,
    ]
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4, leftMargin=72, rightMargin=72).build(story)
    return buf.getvalue()


def test_pdf_two_line_title_and_a_heading_alone_above_a_table():
    report = read_report_bytes(_drawn_pdf(), "drawn.pdf")
    assert report.title == "某市某区测试局2023年政府信息公开工作年度报告"
    assert report.agency == "某市某区测试局" and report.year == 2023
    assert report.sections["s2_active"] == "本年度主动公开情况如下。"
    assert report.cells["active.art20_1.regulations.issued"] == 1
    assert len(report.sections["s1_overview"].split("\n")) == 6  # wrapped lines joined, paragraphs kept


def _line(x0: float, x1: float, top: float, text: str, size: float = 16.0) -> dict:
    step = (x1 - x0) / len(text)
    chars = [
        {"x0": x0 + i * step, "x1": x0 + (i + 1) * step, "text": ch, "size": size}
        for i, ch in enumerate(text)
    ]
    return {"x0": x0, "x1": x1, "top": top, "chars": chars}


def test_pdf_paragraph_does_not_continue_past_a_table():
    full = _line(80, 520, 100, "本年度被申请行政复议和提起行政诉讼情况如下本年度被申请行政复议和提起行政")
    after = _line(80, 300, 400, "五、存在的主要问题及改进情况")
    texts = [t for _, t in _paragraph_lines([full, after], (80, 520), [150])]
    assert texts[-1] == "五、存在的主要问题及改进情况"
    joined = [t for _, t in _paragraph_lines([full, after], (80, 520), [])]
    assert joined[-1].endswith("行政五、存在的主要问题及改进情况")  # without a table between: a wrapped line


LIBREOFFICE = shutil.which("libreoffice") or shutil.which("soffice")


@pytest.fixture(scope="module")
def office_pdfs(tmp_path_factory) -> dict[str, tuple[Report, Path]]:
    """Word exports (with findings; with an empty 表三) converted to PDF by LibreOffice."""
    if LIBREOFFICE is None:
        pytest.skip("LibreOffice is not installed")
    folder = tmp_path_factory.mktemp("office")
    report = full_report()
    cases = {"findings": (report, _findings(report)), "empty_t3": (_without_t3(report), [])}
    for name, (rep, found) in cases.items():
        write_report(rep, folder / f"{name}.docx", found)
    profile = (folder / "profile").as_uri()
    command = [LIBREOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    command += ["--outdir", str(folder)] + [str(folder / f"{name}.docx") for name in cases]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    return {name: (rep, folder / f"{name}.pdf") for name, (rep, _) in cases.items()}


@pytest.mark.slow
def test_pdf_of_a_word_export_reads_back(office_pdfs):
    report, path = office_pdfs["findings"]
    back = read_report(path)
    _assert_round_trip(report, back, "pdf")
    assert back.agency == "某市某区测试局"
    assert [f.rule for f in back.findings] == ["APPENDIX_LEFT"]


@pytest.mark.slow
def test_pdf_of_a_word_export_with_an_empty_table_three(office_pdfs):
    report, path = office_pdfs["empty_t3"]
    back = read_report(path)
    assert [back.cells.get(k) for k in T3_KEYS] == [BLANK] * 15
    assert [f.rule for f in back.findings] == []


# ---------------------------------------------------------------- 4. an empty 表三


def _without_t3(report: Report) -> Report:
    cells = {k: v for k, v in report.cells.items() if k not in T3_KEYS}
    return Report(
        report.source, report.title, report.agency, report.year, report.format, report.sections, cells
    )


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_empty_table_three_reads_as_blank_cells(suffix, tmp_path):
    base = full_report()
    cells = {k: v for k, v in base.cells.items() if k not in T3_KEYS}
    cells["active.art20_1.regulations.issued"] = BLANK  # as blank cells of 表一/表二 read back
    cells["applications.new_received.natural_person"] = BLANK
    report = Report(base.source, base.title, base.agency, base.year, base.format, base.sections, cells)
    back = read_report(write_report(report, tmp_path / f"empty_t3{suffix}"))
    for key in T3_KEYS + ["active.art20_1.regulations.issued", "applications.new_received.natural_person"]:
        assert back.cells[key] == BLANK and isinstance(back.cells[key], str), (suffix, key)
        assert back.provenance[key].startswith("表"), (suffix, key)
    assert [f.rule for f in back.findings] == []  # no TABLE_MISSING
    assert re.fullmatch(r"表\d+ 第\d+行第\d+列", back.provenance["review.upheld"]), suffix


@pytest.mark.parametrize("suffix", SUFFIXES)
def test_report_without_any_cell_reads_back_all_blank(suffix, tmp_path):
    report = Report("t", "", "某县测试局", 2023, spec.FORMAT_2021, dict(SECTIONS_TEXT), {})
    back = read_report(write_report(report, tmp_path / f"nothing{suffix}"))
    assert len(back.cells) == 200 and all(v == BLANK for v in back.cells.values())
    assert [f.rule for f in back.findings] == []


def _t3_lines(text: str) -> tuple[list[str], int]:
    """The exported text's lines and the index of 表三's values row (the last line of the table)."""
    lines = text.split("\n")
    start = next(i for i, ln in enumerate(lines) if ln.startswith("行政复议\t"))
    end = next(i for i in range(start, len(lines)) if not lines[i].strip())
    return lines, end - 1


def test_printed_values_win_over_an_empty_row_in_text():
    report = full_report()
    lines, values = _t3_lines(render_text(report))
    lines.insert(values, "\t" * 14)  # a stray empty row between the header and the values
    back = read_report_bytes("\n".join(lines).encode(), "stray.txt")
    assert [back.cells[k] for k in T3_KEYS] == [report.cells[k] for k in T3_KEYS]
    assert [f.rule for f in back.findings] == []


def test_unreadable_values_row_is_not_taken_for_an_empty_table():
    lines, values = _t3_lines(render_text(full_report()))
    lines[values] = "\t".join(["1"] * 10)
    lines.insert(values, "\t" * 14)
    back = read_report_bytes("\n".join(lines).encode(), "short.txt")
    assert not any(k in back.cells for k in T3_KEYS)
    assert {"ROW_UNREADABLE", "TABLE_MISSING"} <= {f.rule for f in back.findings}


def test_empty_lines_with_tabs_inside_table_two_header_change_nothing():
    report = full_report()
    text = render_text(report)
    lines = text.split("\n")
    head = next(i for i, ln in enumerate(lines) if ln.startswith(spec.CORNER_NOTE))
    lines.insert(head + 1, "\t" * 9)
    back = read_report_bytes("\n".join(lines).encode(), "tabs.txt")
    assert dict(back.cells) == dict(report.cells)
    assert [f.rule for f in back.findings] == []


def test_a_left_over_review_appendix_is_flagged(tmp_path):
    from assistant.core.findings import Finding as _F
    from assistant.export import write_report as _write

    report = read_report(
        _write(
            _sample_for_appendix(),
            tmp_path / "r.md",
            [_F("T3_REVIEW_TOTAL", "error", "fail", "行政复议 / 总计：填报 3，应为 2")],
        )
    )
    assert "APPENDIX_LEFT" in {f.rule for f in report.findings}
    clean = read_report(_write(_sample_for_appendix(), tmp_path / "c.md"))
    assert "APPENDIX_LEFT" not in {f.rule for f in clean.findings}


def _sample_for_appendix():
    from assistant.core.report import Report as _R

    return _R("x", "某县某局2024年政府信息公开工作年度报告", "某县某局", 2024, "2021",
              {k: "正文。" for k in ("s1_overview", "s5_problems", "s6_other")}, {})  # fmt: skip


def test_markdown_saved_as_txt_and_folder_oddities(tmp_path):
    from assistant.audit import check_paths

    src = Path(__file__).resolve().parents[1] / "corpus" / "reports"
    (tmp_path / "report.txt").write_bytes((src / "qingwu_ziranziyuanju_2023.md").read_bytes())
    (tmp_path / "~$report.docx").write_bytes(b"lock")  # Word's lock file: not a report
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    results = {Path(r.source).name: r for r in check_paths([tmp_path])}
    assert set(results) == {"report.txt", "old.doc"}
    assert results["report.txt"].facts.agency == "青梧县自然资源局" and not results["report.txt"].errors
    assert "另存为 .docx" in results["old.doc"].error


def test_formulaic_table_lead_ins_are_not_copying():
    from assistant.core.report import Report as _R
    from assistant.reader.textcheck import copy_findings

    lead = "本机关本年度政府信息公开行政复议、行政诉讼情况如下表所示，表中数据均按照统计口径据实填报，未发生因政府信息公开引发的其他争议。"
    cur = _R("a", "", "甲局", 2024, "2021", {"s4_review_litig": lead})
    prev = _R("b", "", "甲局", 2023, "2021", {"s4_review_litig": lead})
    assert [f.message for f in copy_findings(cur, prev) if "四、" in f.message] == []
