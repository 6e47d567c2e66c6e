"""The agency (机关名称) and year of a published report, on the layouts real publishers make.

Radical look-alike code points (PDF fonts), title lines split into offset runs, titles without an
agency (the 落款, 本报告由…编制, …（以下简称…）, the first paragraph name it), and the year of the title
against the date of the 落款.
"""

from __future__ import annotations

import pytest

from assistant.reader.glyphs import SUPPLEMENT, fold


@pytest.mark.parametrize(
    ("printed", "ordinary"),
    [
        ("\u2ed8禾市生态环境局", "青禾市生态环境局"),  # ⻘ CJK RADICAL BLUE (supplement: NFKC leaves it)
        ("白鹭区人\u2ea0政府办公室", "白鹭区人民政府办公室"),  # ⺠ CIVILIAN
        ("\u2ed3岭县\u2ed4户网站", "长岭县门户网站"),  # ⻓ C-SIMPLIFIED LONG, ⻔ C-SIMPLIFIED GATE
        ("\u2ec4湖区\u2ecb辆管理所", "西湖区车辆管理所"),  # ⻄ WEST TWO, ⻋ C-SIMPLIFIED CART
        ("\u2ee9河镇\u2ee5塘村", "黄河镇鱼塘村"),  # ⻩ SIMPLIFIED YELLOW, ⻥ C-SIMPLIFIED FISH
        ("\u2f83然资源局", "自然资源局"),  # ⾃ KANGXI RADICAL SELF (NFKC)
        ("（一）予以公开 12", "（一）予以公开 12"),  # full-width brackets and digits untouched
    ],
)
def test_radical_lookalikes_fold_to_the_unified_ideograph(printed, ordinary):
    assert fold(printed) == ordinary


def test_every_supplement_radical_with_an_equivalent_maps_to_a_unified_ideograph():
    import unicodedata

    assert len(SUPPLEMENT) == 114  # U+2E80–U+2EF3 less U+2E80 (no equivalent) and U+2E9A (unassigned)
    for radical, ideograph in SUPPLEMENT.items():
        assert 0x2E80 <= ord(radical) <= 0x2EF3
        assert "CJK UNIFIED IDEOGRAPH" in unicodedata.name(ideograph, "CJK UNIFIED IDEOGRAPH")


def test_radicals_are_folded_in_prose_labels_and_agency_of_a_text_report():
    from assistant.reader import read_report_bytes
    from tests.fixtures.reader.render_text import txt
    from tests.fixtures.reader.truth import make_truth

    t = make_truth("青禾市生态环境局", 2023, 7)
    text = txt(t).replace("青", "\u2ed8").replace("民", "\u2ea0").replace("长", "\u2ed3")
    report = read_report_bytes(text.encode(), "report.txt")
    assert report.agency == "青禾市生态环境局" and report.year == 2023
    assert "\u2ed8" not in "".join(report.sections.values()) and "\u2ea0" not in report.title
    assert (
        report.cells == {k: v for k, v in t.cells.items() if k in report.cells} and len(report.cells) >= 190
    )
