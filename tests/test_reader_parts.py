"""Units of the reader: labels, section headings, grids (docx merges, html spans), numbering."""

from __future__ import annotations

import io

import pytest

from assistant.core import spec
from assistant.reader import read_report_bytes
from assistant.reader.blocks import Para
from assistant.reader.docxfile import Numbering, chinese_numeral, table_grid
from assistant.reader.htmlfile import decode_html, expand_table
from assistant.reader.labels import is_value_like, norm
from assistant.reader.sections import heading_of, section_for_title
from assistant.reader.vocabulary import t1_columns, t2_rows


@pytest.mark.parametrize(
    "printed,official",
    [
        ("(一) 予以公开", "（一）予以公开"),
        ("第二十条 第(一)项", "第二十条第（一）项"),
        ("商业 企业", "商业企业"),
        (
            "部分公开（区分处理的，只计这一情形，\n不计其他情形）",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        ),
        ('3．危及"三安全一稳定"', "3.危及“三安全一稳定”"),
    ],
)
def test_harmless_differences_are_normalised_away(printed, official):
    assert norm(printed) == norm(official)


@pytest.mark.parametrize(
    "printed,official",
    [
        ("2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),
        ("5.属于三类内容事务信息", "5.属于三类内部事务信息"),
        ("4.保护第三方合法权利", "4.保护第三方合法权益"),  # a typo no alias lists: fuzzy
    ],
)
def test_mistyped_row_labels_match_with_a_deviation(printed, official):
    m = t2_rows().match(printed)
    assert m is not None and not m.exact and m.official == official


def test_mistyped_column_label_and_what_never_matches():
    m = t1_columns().match("本年度止件数")
    assert m is not None and m.official == "本年废止件数" and not m.exact
    assert t2_rows().match("不予公开").target == spec.WITHHELD  # a group, not the 予以公开 row
    assert t2_rows().match("合计") is None


@pytest.mark.parametrize("text", ["0", "12", "１２", "1,234", "3.50", "/", "—", "", "5件", "12.5万元"])
def test_value_like(text):
    assert is_value_like(text)


@pytest.mark.parametrize("text", ["规章", "1.属于国家秘密", "（七）总计", "结果 维持"])
def test_labels_are_not_values(text):
    assert not is_value_like(text)


@pytest.mark.parametrize(
    "text,key,number",
    [
        ("一、总体情况", "s1_overview", "一"),
        ("二．主动公开政府信息情况", "s2_active", "二"),
        ("三、收到和处理政府信息公开申请情况", "s3_applications", "三"),
        ("四、因政府信息公开工作被申请行政复议和提起行政诉讼情况", "s4_review_litig", "四"),
        ("五、政府信息公开工作存在的主要问题及改进情况", "s5_problems", "五"),
        ("六、其他需要报告的事项", "s6_other", "六"),
        ("三、存在的主要问题及改进情况", "s5_problems", "三"),  # misnumbered: recognised by its title
        ("其他需要报告的事项", "s6_other", ""),  # unnumbered but exactly the official title
    ],
)
def test_heading_variants(text, key, number):
    h = heading_of(Para(text))
    assert h is not None and (h.key, h.number) == (key, number)


@pytest.mark.parametrize(
    "text",
    ["（一）主动公开：及时做好政府信息主动公开。", "(二) 依申请公开", "一是主动公开政府信息", "主动公开"],
)
def test_sub_headings_and_prose_are_not_sections(text):
    assert heading_of(Para(text)) is None


def test_heading_with_text_on_the_same_line():
    h = heading_of(Para("一、总体情况：2023年，本局扎实推进政务公开。"))
    assert h is not None and h.key == "s1_overview" and h.body.startswith("2023年")
    assert section_for_title("政府信息公开行政复议、行政诉讼情况") == "s4_review_litig"


def test_html_rowspan_colspan_expand_to_a_grid():
    from lxml import html

    table = html.fromstring(
        "<table><tr><td rowspan='2' colspan='2'>A</td><td>B</td></tr><tr><td>C</td></tr>"
        "<tr><td>D</td><td colspan='2'>E</td></tr></table>"
    )
    assert expand_table(table) == (("A", None, "B"), (None, None, "C"), ("D", "E", None))


def test_html_encoding_declared_wrongly_falls_back():
    page = "<html><head><meta charset='utf-8'></head><body>政府信息公开</body></html>"
    assert "政府信息公开" in decode_html(page.encode("gbk"), "x.html")
    assert "政府信息公开" in decode_html(page.replace("utf-8", "gbk").encode("utf-8"), "x.html")


def test_docx_merged_cells_appear_once():
    from docx import Document

    doc = Document()
    t = doc.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(1, 1)).text = "角"
    t.cell(0, 2).text = "右"
    t.cell(2, 0).merge(t.cell(2, 2)).text = "底"
    assert table_grid(t) == (("角", None, "右"), (None, None, ""), ("底", None, None))


def test_docx_numbering_is_rendered():
    from tests.fixtures.reader import render_office
    from tests.fixtures.reader.truth import AGENCIES, make_truth

    data = render_office.docx_bytes(make_truth(AGENCIES[3], 2024, seed=2), numbered_headings=True)
    from docx import Document

    doc = Document(io.BytesIO(data))
    numbering = Numbering(doc)
    labels = [numbering.label(p) for p in doc.paragraphs]
    assert [x for x in labels if x] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 21, 105)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百零五",
    ]


def test_space_separated_text_tables():
    lines = ["某局2023年政府信息公开工作年度报告", "四、政府信息公开行政复议、行政诉讼情况"]
    lines += ["行政复议  行政诉讼", "0 1 0 0 1 0 0 0 0 0 2 0 0 0 2"]
    report = read_report_bytes("\n".join(lines).encode(), "spaces.txt")
    assert report.cells["review.corrected"] == 1 and report.cells["litigation_after_review.total"] == 2


def test_a_row_that_cannot_be_aligned_is_reported_not_guessed():
    text = "某局2023年政府信息公开工作年度报告\n\n四、政府信息公开行政复议、行政诉讼情况\n\n"
    text += "行政复议\t\t\t\t\t行政诉讼\n0\t0\t0\t0\t0\t0\t0\n"
    report = read_report_bytes(text.encode(), "short.txt")
    assert not any(k.startswith("review.") for k in report.cells)
    assert any(f.rule == "ROW_UNREADABLE" and f.table == 3 for f in report.findings)


def test_docx_heading_styles_mark_unnumbered_section_headings():
    from docx import Document

    doc = Document()
    doc.add_paragraph("某局2023年政府信息公开工作年度报告")
    doc.add_heading("总体情况", level=1)
    doc.add_paragraph("本年度工作平稳。")
    doc.add_heading("因政府信息公开工作被申请行政复议和提起行政诉讼情况", level=1)
    doc.add_paragraph("本年度未发生行政复议。")
    buf = io.BytesIO()
    doc.save(buf)
    report = read_report_bytes(buf.getvalue(), "styled.docx")
    assert report.sections == {"s1_overview": "本年度工作平稳。", "s4_review_litig": "本年度未发生行政复议。"}
