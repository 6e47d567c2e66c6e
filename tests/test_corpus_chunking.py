"""Chunking a Report for the corpus: sections, 总体情况 sub-areas, sentence splits, content ids."""

from __future__ import annotations

from dataclasses import replace

from assistant.core.report import Report
from assistant.corpus.chunking import (
    MAX_CHARS,
    SUBAREA_LEAD,
    chunk_report,
    prose_only,
    report_id,
    split_long,
    split_overview,
    subarea_of_heading,
)
from tests.test_corpus_support import make_report


def test_overview_split_by_subarea_in_order():
    r = make_report("甲县人民政府办公室", 2022, "县级政府办公室")
    parts = split_overview(r.sections["s1_overview"])
    assert [k for k, _ in parts] == [
        SUBAREA_LEAD,
        "active",
        "on_request",
        "info_mgmt",
        "platform",
        "supervision",
    ]
    assert parts[1][1].startswith("（一）主动公开")


def test_subarea_headings_in_several_styles():
    assert subarea_of_heading("(一) 主动公开：及时做好政府信息主动公开。") == "active"
    assert subarea_of_heading("（二）依申请公开") == "on_request"
    assert subarea_of_heading("### （四）政府信息公开平台建设") == "platform"
    assert subarea_of_heading("【监督保障】") == "supervision"
    assert subarea_of_heading("政府信息管理") == "info_mgmt"
    assert subarea_of_heading("（三）加强管理工作") == "info_mgmt"  # by ordinal when no keyword
    assert subarea_of_heading("（六）其他") == ""
    assert subarea_of_heading("一是加强主动公开。") == ""
    assert subarea_of_heading("全年主动公开信息300条。") == ""


def test_overview_without_headings_is_one_part():
    assert split_overview("全年公开信息。\n工作平稳。") == [("", "全年公开信息。\n工作平稳。")]


def test_table_lines_are_not_prose():
    text = "本年度情况如下表。\n信息内容\t本年制发件数\n规章\t0\t0\t0\n| 行政许可 | 3 |\n行政处罚 0 0 0 0 0 0"
    assert prose_only(text) == "本年度情况如下表。"


def test_long_text_splits_on_sentence_ends():
    sentence = "加强政府信息公开工作培训，提高人员素养。"  # 20 chars
    text = sentence * 60
    chunks = split_long(text)
    assert len(chunks) >= 3
    assert all(len(c) <= MAX_CHARS for c in chunks)
    assert all(c.endswith("。") for c in chunks)
    assert "".join(chunks) == text


def test_a_sentence_longer_than_a_chunk_is_cut_at_clauses():
    text = "，".join(["各项制度不断完善"] * 120) + "。"
    chunks = split_long(text, max_chars=100)
    assert all(len(c) <= 100 for c in chunks)
    assert "".join(chunks) == text


def test_paragraphs_are_packed_and_keep_line_breaks():
    assert split_long("第一段。\n\n第二段。") == ["第一段。\n第二段。"]


def test_chunks_carry_metadata_and_skip_tables():
    r = make_report("乙市教育局", 2022, "市级部门")
    chunks = chunk_report(r, "乙市教育局-2022.txt")
    sections = {c.metadata["section"] for c in chunks}
    assert sections == {
        "s1_overview",
        "s2_active",
        "s3_applications",
        "s4_review_litig",
        "s5_problems",
        "s6_other",
    }
    assert not any("\t" in c.text for c in chunks)
    meta = chunks[0].metadata
    assert meta["agency"] == "乙市教育局" and meta["level"] == "市级部门" and meta["year"] == 2022
    assert meta["source"] == "乙市教育局-2022.txt" and meta["format"] == "2021"
    assert meta["report_id"] == report_id(r)
    assert all(isinstance(v, str | int) for c in chunks for v in c.metadata.values())
    subareas = [c.metadata["subarea"] for c in chunks if c.metadata["section"] == "s1_overview"]
    assert subareas == [SUBAREA_LEAD, "active", "on_request", "info_mgmt", "platform", "supervision"]


def test_ids_are_content_hashes():
    r = make_report("丙镇人民政府", 2021)
    a = chunk_report(r, "a.txt")
    b = chunk_report(replace(r, source="elsewhere/b.txt"), "b.txt")
    assert [c.id for c in a] == [c.id for c in b]  # same content, any path: same ids
    changed = replace(r, sections={**r.sections, "s6_other": "本年度未收取信息处理费。"})
    c = chunk_report(changed, "a.txt")
    assert report_id(changed) != report_id(r)
    assert not {x.id for x in a} & {x.id for x in c}
    assert len({x.id for x in a}) == len(a)


def test_empty_report_has_no_chunks():
    assert chunk_report(Report("x.txt", agency="某局", year=2023), "x.txt") == []
