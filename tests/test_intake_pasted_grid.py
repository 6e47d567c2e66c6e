"""表一 / 表二 grids pasted from Excel into the chat (issue 11): tab-separated rows, blank cells,
with or without the header, part of the table, a row with a missing cell, labels shortened or
numbered. Everything placed by the official rows and columns; what cannot be is said back by name."""

from assistant.intake.extract import extract
from assistant.intake.model import ExtractionContext
from assistant.intake.pasted_grid import read_grid

HEADER = "\t自然人\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t总计"
_A = "applications."


def _cells(message: str) -> dict[str, object]:
    return {p.key: p.value for p in extract(message).proposals}


def test_table2_with_header_and_numbered_labels():
    grid = "\n".join(
        [
            HEADER,
            "一、本年新收\t7\t2\t0\t0\t1\t0\t10",
            "二、上年结转\t1\t0\t0\t0\t0\t0\t1",
            "三、本年度办理结果",
            "（一）予以公开\t4\t2\t0\t0\t0\t0\t6",
            "（四）1.本机关不掌握\t2\t0\t0\t0\t0\t0\t2",
            "（七）总计\t7\t2\t0\t0\t1\t0\t10",
            "四、结转下年度\t1\t0\t0\t0\t0\t0\t1",
        ]
    )
    ex = extract(grid)
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[_A + "new_received.natural_person"] == 7
    assert cells[_A + "new_received.legal_service_org"] == 1
    assert cells[_A + "new_received.total"] == 10
    assert cells[_A + "results.granted.commercial_enterprise"] == 2
    assert cells[_A + "results.unable.not_held.natural_person"] == 2
    assert cells[_A + "results.total.total"] == 10
    assert cells[_A + "carried_to_next.natural_person"] == 1
    assert not ex.questions


def test_header_lost_its_leading_tab_and_blank_cells_are_zero():
    """The chat trims the message, so the header starts with 自然人; a blank is 0, said in a note."""
    grid = (
        HEADER.strip() + "\n本年新收\t14\t3\t\t\t1\t\t18\n上年结转\t2\t\t\t\t\t\t2\n重复申请\t1\t\t\t\t\t\t1"
    )
    ex = extract(grid)
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[_A + "new_received.commercial_enterprise"] == 3
    assert cells[_A + "new_received.research_institution"] == 0
    assert cells[_A + "new_received.total"] == 18
    assert cells[_A + "carried_over_from_prev.natural_person"] == 2
    assert cells[_A + "results.not_processed.duplicate.natural_person"] == 1
    assert any("空白" in n for n in ex.notes)


def test_without_header_the_official_column_order():
    cells = _cells("本年新收\t5\t1\t0\t0\t0\t2\t8\n予以公开\t3\t1\t0\t0\t0\t2\t6")
    assert cells[_A + "new_received.natural_person"] == 5
    assert cells[_A + "new_received.other_org"] == 2
    assert cells[_A + "results.granted.total"] == 6


def test_a_header_of_some_columns_only():
    cells = _cells("\t自然人\t商业企业\t总计\n本年新收\t6\t2\t8\n部分公开\t1\t1\t2")
    assert cells[_A + "new_received.natural_person"] == 6
    assert cells[_A + "new_received.commercial_enterprise"] == 2
    assert cells[_A + "results.partially_granted.total"] == 2
    assert _A + "new_received.other_org.x" not in cells


def test_group_heading_places_its_numbered_items():
    grid = "\n".join(
        [
            HEADER,
            "（三）不予公开",
            "1.属于国家秘密\t1\t0\t0\t0\t0\t0\t1",
            "（六）其他处理",
            "3.其他\t0\t1\t0\t0\t0\t0\t1",
        ]
    )
    cells = _cells(grid)
    assert cells[_A + "results.withheld.state_secret.natural_person"] == 1
    assert cells[_A + "results.other.other.commercial_enterprise"] == 1


def test_row_with_a_missing_cell_is_said_back_not_guessed():
    ex = extract(HEADER + "\n本年新收\t7\t2\t0\t0\t1\t0\t10\n予以公开\t4\t2\t0\t0\t6")
    keys = {p.key for p in ex.proposals}
    assert _A + "new_received.natural_person" in keys
    assert not any(k.startswith(_A + "results.granted") for k in keys)
    assert any("予以公开" in q and "对不上" in q for q in ex.questions)


def test_unknown_label_is_said_back_by_name():
    ex = extract(HEADER + "\n本年新收\t7\t2\t0\t0\t1\t0\t10\n电话咨询\t3\t0\t0\t0\t0\t0\t3")
    assert any("电话咨询" in q and "不是表格中的行" in q for q in ex.questions)
    assert not any(p.value == 3 for p in ex.proposals)


def test_printed_total_disagreeing_with_its_row_is_said_back():
    ex = extract(HEADER + "\n本年新收\t7\t2\t0\t0\t1\t0\t11\n上年结转\t1\t0\t0\t0\t0\t0\t1")
    cells = {p.key: p.value for p in ex.proposals}
    assert _A + "new_received.total" not in cells  # 11 is not the row's 10: asked, not saved
    assert any("本年新收" in q and "不一致" in q for q in ex.questions)


def test_spaced_grid_under_a_header():
    grid = "自然人  商业企业  科研机构  社会公益组织  法律服务机构  其他  总计\n予以公开  3  0  1  0  0  0  4"
    cells = _cells(grid)
    assert cells[_A + "results.granted.research_institution"] == 1
    assert cells[_A + "results.granted.total"] == 4


def test_chat_lines_with_one_number_are_no_grid():
    assert read_grid("新收 12\n予以公开 8") is None
    assert read_grid("今年收到申请12件，予以公开8件") is None


def test_table1_grid_with_block_headers_and_a_slash():
    grid = "\n".join(
        [
            "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
            "规章\t0\t0\t0",
            "行政规范性文件\t1\t2\t7",
            "\t本年处理决定数量",
            "行政许可\t64",
            "行政处罚\t38",
            "\t本年收费金额（单位：万元）",
            "行政事业性收费\t/",
        ]
    )
    ex = extract(grid)
    cells = {p.key: p.value for p in ex.proposals}
    assert cells["active.art20_1.normative_docs.repealed"] == 2
    assert cells["active.art20_1.normative_docs.in_force"] == 7
    assert cells["active.art20_5.admin_license.decisions"] == 64
    assert "active.art20_8.admin_fees.amount_wan_yuan" not in cells
    assert any("行政事业性收费" in q and "/" in q for q in ex.questions)


def test_table1_tab_rows_without_header_by_official_order():
    cells = _cells("规章\t0\t0\t1\n行政规范性文件\t3\t1\t12\n行政许可\t12")
    assert cells["active.art20_1.regulations.in_force"] == 1
    assert cells["active.art20_1.normative_docs.issued"] == 3
    assert cells["active.art20_5.admin_license.decisions"] == 12


def test_chat_text_beside_the_grid_is_still_read():
    ex = extract("这是表二\n" + HEADER + "\n本年新收\t7\t2\t0\t0\t1\t0\t10\n另外行政复议没有")
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[_A + "new_received.total"] == 10
    assert cells["review.total"] == 0


def test_two_header_lines_as_excel_copies_merged_cells():
    grid = "\n".join(
        [
            "申请人情况",
            "\t自然人\t法人或其他组织\t\t\t\t\t总计",
            "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t",
            "本年新收\t5\t1\t0\t0\t2\t0\t8",
        ]
    )
    ex = extract(grid)
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[_A + "new_received.natural_person"] == 5
    assert cells[_A + "new_received.commercial_enterprise"] == 1
    assert cells[_A + "new_received.legal_service_org"] == 2
    assert cells[_A + "new_received.total"] == 8
    assert not ex.questions


def test_more_cells_than_columns_is_said_back_not_shifted():
    ex = extract("\t自然人\t商业企业\t总计\n本年新收\t6\t2\t8\t1")
    assert not ex.proposals
    assert any("本年新收" in q and "对不上" in q for q in ex.questions)


def test_a_remark_beside_the_cells_is_said_back():
    ex = extract(HEADER + "\n予以公开\t4\t2\t0\t0\t0\t0\t6\t含2件网上申请\n部分公开\t1\t0\t0\t0\t0\t0\t1")
    assert {p.key: p.value for p in ex.proposals}[_A + "results.granted.total"] == 6
    assert any("含2件网上申请" in q for q in ex.questions)


# ---------------------------------------------------------------- after the grid: corrections

_GRANTED = {
    _A + "results.granted.natural_person": 4,
    _A + "results.granted.commercial_enterprise": 2,
    **{_A + f"results.granted.{c}": 0 for c in ("research_institution", "social_welfare_org")},
    **{_A + f"results.granted.{c}": 0 for c in ("legal_service_org", "other_org")},
    _A + "results.granted.total": 6,
}


def test_total_recomputed_when_asked_after_a_corrected_cell():
    ctx = ExtractionContext(cells=_GRANTED)
    ex = extract("企业予以公开应该是1件，总计那些你帮我重新算一下", ctx)
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[_A + "results.granted.commercial_enterprise"] == 1
    assert cells[_A + "results.granted.total"] == 5
    assert any("重新算" in n for n in ex.notes)


def test_total_said_stays_without_the_request():
    ex = extract("企业予以公开应该是1件", ExtractionContext(cells=_GRANTED))
    assert _A + "results.granted.total" not in {p.key for p in ex.proposals}


def test_type_used_up_counting_its_carried_to_next():
    """自然人 7 新收 + 1 上年结转 = 7 results + 1 结转下年度: 自然人 is 0 in a new result row."""
    known = {
        _A + "new_received.natural_person": 7,
        _A + "carried_over_from_prev.natural_person": 1,
        _A + "results.granted.natural_person": 5,
        _A + "results.unable.not_held.natural_person": 2,
        _A + "carried_to_next.natural_person": 1,
    }
    ex = extract("另外1件企业是重复申请", ExtractionContext(cells=known))
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[_A + "results.not_processed.duplicate.commercial_enterprise"] == 1
    assert cells[_A + "results.not_processed.duplicate.natural_person"] == 0


def test_blanks_are_zero_restated_is_said_back_not_a_number():
    ex = extract("空着的就是0")
    assert not ex.proposals and not ex.questions
    assert any("空白" in n for n in ex.notes)


def test_surplus_of_a_lowered_cell_moves_to_the_row_named():
    r = _A + "results."
    known = {r + "granted.natural_person": 8, r + "partially_granted.natural_person": 2}
    known |= {r + f"granted.{c}": 0 for c in ("commercial_enterprise", "research_institution")}
    known |= {r + f"granted.{c}": 0 for c in ("social_welfare_org", "legal_service_org", "other_org")}
    known |= {r + f"partially_granted.{c}": 0 for c in ("commercial_enterprise", "research_institution")}
    known |= {
        r + f"partially_granted.{c}": 0 for c in ("social_welfare_org", "legal_service_org", "other_org")
    }
    known |= {r + "granted.total": 8, r + "partially_granted.total": 2}
    ex = extract("部分公开那行个人是1不是2，多出来那件其实是予以公开的", ExtractionContext(cells=known))
    cells = {p.key: p.value for p in ex.proposals}
    assert cells[r + "partially_granted.natural_person"] == 1
    assert cells[r + "granted.natural_person"] == 9
    assert cells[r + "granted.total"] == 9 and cells[r + "partially_granted.total"] == 1
    assert not ex.questions


def test_a_grid_pasted_alone_is_read_by_code_also_with_a_chat_model():
    """The model's reading of a grid is not asked for: positions and labels decide, exactly."""
    from assistant.intake import extract_message
    from tests.test_intake_llm import fake

    model = fake(cells=[(_A + "new_received.total", 7, "本年新收")])
    ex = extract_message(HEADER.strip() + "\n本年新收\t7\t2\t0\t0\t1\t0\t10", model=model)
    assert {p.key: p.value for p in ex.proposals}[_A + "new_received.total"] == 10


def test_the_final_figure_after_the_one_in_the_table():
    """「行政处罚表里是38，后来又补了两件，最后是40」 after a pasted 表一: 40, shown with the words."""
    ex = extract("行政处罚表里是38，后来又补了两件，最后是40")
    p = next(p for p in ex.proposals if p.key == "active.art20_6.admin_penalty.decisions")
    assert p.value == 40 and "表里是38" in p.source
    assert not ex.questions
