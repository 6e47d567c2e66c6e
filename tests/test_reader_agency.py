"""The agency (机关名称) and year of a published report, on the layouts real publishers make.

Radical look-alike code points (PDF fonts), title lines split into offset runs, titles without an
agency (the 落款, 本报告由…编制, …（以下简称…）, the first paragraph name it), and the year of the title
against the date of the 落款.
"""

from __future__ import annotations

import pytest

from assistant.core.findings import READER
from assistant.reader import read_report, read_report_bytes
from assistant.reader.glyphs import SUPPLEMENT, fold
from assistant.reader.issuer import name_at, seal_agency
from assistant.reader.meta import find_year
from tests.fixtures.reader.render_text import txt
from tests.fixtures.reader.truth import make_truth
from tests.fixtures.reader_real.cases import CASES
from tests.fixtures.reader_real.measure import measure
from tests.fixtures.reader_real.measure_agency import HERE, truth_of
from tests.fixtures.reader_real.titles import anonymous


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
    t = make_truth("青禾市生态环境局", 2023, 7)
    text = txt(t).replace("青", "\u2ed8").replace("民", "\u2ea0").replace("长", "\u2ed3")
    report = read_report_bytes(text.encode(), "report.txt")
    assert report.agency == "青禾市生态环境局" and report.year == 2023
    assert "\u2ed8" not in "".join(report.sections.values()) and "\u2ea0" not in report.title
    assert (
        report.cells == {k: v for k, v in t.cells.items() if k in report.cells} and len(report.cells) >= 190
    )


# ---------------------------------------------------------------- fixtures made as publishers make them

TITLE_CASES = sorted(n for n, c in CASES.items() if c.cause == 16)


@pytest.mark.parametrize("name", TITLE_CASES)
def test_the_fixture_reads_the_agency_and_year_of_its_truth(name):
    report = read_report(HERE / name)
    assert (report.agency, report.year) == truth_of(name)
    assert not [f for f in report.findings if f.rule in ("AGENCY_UNREAD", "YEAR_UNREAD")]
    m = measure(name)
    assert not m.wrong and not m.false_errors


def test_fixtures_plant_the_agency_in_one_place_only():
    """The cause-16 fixtures' prose names the agency at most once: in the one sentence or 落款 the
    reader must find (the rest says 本机关); the agency cases name it nowhere else, not in the title."""
    for name in TITLE_CASES:
        t = CASES[name].truth()
        body = "\n".join(t.sections.values())
        assert body.count(t.agency) <= 1, name
        assert body.count(t.agency) + t.title.count(t.agency) >= 1, name


# ---------------------------------------------------------------- the body names the agency


def _read(t, name="report.txt", before: str = "") -> object:
    return read_report_bytes((before + txt(t)).encode(), name)


@pytest.mark.parametrize(
    ("opening", "seal"),
    [
        ("本报告由{agency}依据条例编写，现予公布。", False),
        ("2023年，{agency}（以下简称“区文旅局”）持续推进政务公开。", False),
        ("", True),
        ("{agency}紧扣年度工作要点推进政务公开。", False),
    ],
)
def test_a_title_without_agency_takes_it_from_the_body(opening, seal):
    t = anonymous(
        "蓝湾市砚湖区文化和旅游局",
        2023,
        81,
        title="2023年政府信息公开工作年度报告",
        opening=opening,
        seal=seal,
    )
    report = _read(t)
    assert (report.agency, report.year) == ("蓝湾市砚湖区文化和旅游局", 2023)
    assert report.level == "县级部门"


def test_no_agency_anywhere_is_the_readers_gap_not_the_reports():
    t = anonymous("蓝湾市砚湖区文化和旅游局", 2023, 82, title="2023年政府信息公开工作年度报告")
    report = _read(t)
    assert report.agency == ""
    [f] = [f for f in report.findings if f.rule == "AGENCY_UNREAD"]
    assert f.source == READER and f.severity == "warning" and "本工具未能读取发布机关名称" in f.message
    from assistant.core.finding_kinds import kind_of

    assert kind_of(f) == "机关与年度"  # shown under its own kind, never the rule id


@pytest.mark.parametrize(
    "wrapper",
    [
        "蓝湾市人民政府\n",  # the site's banner right above a title without an agency
        "发布机构：蓝湾市人民政府办公室\n来源：蓝湾市人民政府\n",
        "蓝湾市人民政府门户网站\n首页 > 政务公开 > 年度报告\n",
    ],
)
def test_a_page_wrapper_never_names_the_agency(wrapper):
    t = anonymous("蓝湾市砚湖区文化和旅游局", 2023, 83, title="2023年政府信息公开工作年度报告")
    report = _read(t, before=wrapper)
    assert report.agency == "" and any(f.rule == "AGENCY_UNREAD" for f in report.findings)
    seal = anonymous("蓝湾市砚湖区文化和旅游局", 2023, 83, title="2023年政府信息公开工作年度报告", seal=True)
    assert _read(seal, before=wrapper).agency == "蓝湾市砚湖区文化和旅游局"


def test_a_line_above_the_title_is_its_agency_when_the_body_says_so_too():
    t = anonymous("梧桐县审计局", 2023, 84, title="梧桐县审计局\n2023年政府信息公开工作年度报告")
    report = _read(t)
    assert report.agency == ""  # told by nothing but the line above: it may be a site's banner
    [f] = [f for f in report.findings if f.rule == "AGENCY_UNREAD"]
    assert "标题上方一行“梧桐县审计局”可能是网站页头" in f.message  # the doubted name is said, not dropped
    sealed = anonymous(
        "梧桐县审计局", 2023, 84, title="梧桐县审计局\n2023年政府信息公开工作年度报告", seal=True
    )
    assert _read(sealed).agency == "梧桐县审计局"
    with_year = anonymous("梧桐县审计局", 2023, 84, title="梧桐县审计局2023年\n政府信息公开工作年度报告")
    assert _read(with_year).agency == "梧桐县审计局"  # one title broken in two: the year goes with it


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2024年，梧桐县卫生健康委员会围绕群众关切", "梧桐县卫生健康委员会"),
        ("全年，临澜市砚湖区人民政府办公室深入推进", "临澜市砚湖区人民政府办公室"),
        ("2022年，青禾市公安局交通警察支队持续", "青禾市公安局交通警察支队"),
        ("2023年，云溪县砚山镇人民政府认真", "云溪县砚山镇人民政府"),
        ("2023年，我局认真落实", ""),
        ("2023年，本机关坚持", ""),
        ("2023年，市场监管局坚持", ""),  # no place: not a name the reader can vouch for
        ("2023年，青禾市办理政府信息公开申请", ""),
        ("2023年，青禾市委、市政府高度重视政务公开", ""),  # several bodies: none of them reports
        ("2023年，梧桐县人民政府和县委办公室", ""),
    ],
)
def test_the_name_opening_a_sentence(text, name):
    assert name_at(text) == name


def test_the_seal_is_a_name_over_a_date_among_the_last_lines():
    assert (
        seal_agency(["全年未收取费用。", "梧桐县林业局", "2024年2月1日", "主办单位：梧桐县人民政府"])
        == "梧桐县林业局"
    )
    assert seal_agency(["按要求完成各项任务。梧桐县林业局", "2024年2月"]) == "梧桐县林业局"
    assert seal_agency(["梧桐县林业局　二〇二四年一月十日"]) == "梧桐县林业局"
    assert seal_agency(["发布时间：2024年1月10日"]) == ""
    assert seal_agency(["将于2024年3月完成。", "2024年1月10日"]) == ""


# ---------------------------------------------------------------- the year


def test_the_title_year_wins_over_the_seal_date():
    t = anonymous("梧桐县林业局", 2023, 85, seal=True)  # the 落款 is dated 2024年1月18日
    assert _read(t).year == 2023


def test_a_title_without_a_year_takes_it_from_the_text_not_from_the_seal():
    assert find_year("某局政府信息公开工作年度报告", ["2024年1月18日", "2023年，本局认真落实"]) == 2023
    assert (
        find_year("某局政府信息公开工作年度报告", ["发布日期：2024年1月18日", "本局2022年度收到申请12件"])
        == 2022
    )
    t = anonymous("梧桐县林业局", 2023, 86, title="梧桐县林业局政府信息公开工作年度报告", seal=True)
    assert _read(t).year == 2023


@pytest.mark.parametrize(
    "title",
    [
        "关于梧桐县林业局2023年政府信息公开工作年度报告的公告",
        "【梧桐县林业局】2023年政府信息公开工作年度报告",
        "〈梧桐县林业局〉2023年度政府信息公开工作年度报告",
    ],
)
def test_the_agency_of_a_title_without_its_wrapping(title):
    from assistant.reader.meta import agency_from_title

    assert agency_from_title(title) == "梧桐县林业局"


def test_full_width_digits_are_a_year_too():
    from assistant.reader.meta import agency_from_title

    title = "梧桐县林业局２０２３年政府信息公开工作年度报告"
    assert (agency_from_title(title), find_year(title, [])) == ("梧桐县林业局", 2023)
    assert (
        find_year(
            "梧桐县林业局政府信息公开工作年度报告", ["２０２４年１月１８日", "２０２３年，本局认真落实"]
        )
        == 2023
    )
    assert seal_agency(["梧桐县林业局", "２０２４年１月１８日"]) == "梧桐县林业局"


def test_no_year_anywhere_is_the_readers_gap():
    t = anonymous("梧桐县林业局", 2023, 87, title="梧桐县林业局政府信息公开工作年度报告")
    t = type(t)(
        t.agency,
        t.year,
        t.format,
        t.cells,
        {k: v.replace("2023年，", "") for k, v in t.sections.items()},
        t.printed_title,
    )
    report = _read(t)
    assert report.year is None
    [f] = [f for f in report.findings if f.rule == "YEAR_UNREAD"]
    assert f.source == READER and "本工具未能读取报告年度" in f.message


@pytest.mark.parametrize(
    "name", ["pdf_split_unruled_2023.pdf", "pdf_split_t2_header_2023.pdf", "pdf_title_raised_2023.pdf"]
)
def test_a_pdf_drawn_in_radical_lookalikes_reads_as_the_ordinary_one(name, monkeypatch):
    """Every character that has a Kangxi or supplement look-alike drawn as the look-alike (as some
    fonts' cmaps give them): cells, agency and year read as from the ordinary PDF."""
    import unicodedata

    from tests.fixtures.reader_real import render_pdf

    lookalike = {unicodedata.normalize("NFKC", chr(k)): chr(k) for k in range(0x2F00, 0x2FD6)}
    lookalike.update({v: k for k, v in SUPPLEMENT.items()})
    table = str.maketrans(lookalike)
    drawn = render_pdf.Pdf.bytes

    def radical_bytes(self):
        self.pages = [
            [op if op[0] != "text" else (*op[:3], op[3].translate(table), op[4]) for op in p]
            for p in self.pages
        ]
        return drawn(self)

    monkeypatch.setattr(render_pdf.Pdf, "bytes", radical_bytes)
    t = CASES[name].truth()
    data = CASES[name].build(t)
    assert t.agency.translate(table) != t.agency  # the agency itself is drawn in look-alikes
    report = read_report_bytes(data, name)
    assert (report.agency, report.year) == (t.agency, t.year)
    assert {k: report.cells.get(k) for k in t.cells} == dict(t.cells)


def test_an_html_page_whose_site_and_source_are_another_body_takes_the_seal():
    from tests.fixtures.reader.render_html import page

    t = anonymous("梧桐县林业局", 2023, 88, title="2023年政府信息公开工作年度报告")
    seal = '<p style="text-align:right">梧桐县林业局</p>'
    html = page(t).replace("梧桐县林业局", "梧桐县人民政府").replace(seal.replace("林业局", "人民政府"), seal)
    assert html.count("梧桐县林业局") == 1 and "来源：梧桐县人民政府" in html
    report = read_report_bytes(html.encode(), "page.html")
    assert (report.agency, report.year) == ("梧桐县林业局", 2023)


# ---------------------------------------------------------------- title runs


def _run(x0: float, top: float, text: str, size: float) -> dict:
    chars = [
        {
            "text": ch,
            "x0": x0 + i * size,
            "x1": x0 + (i + 1) * size,
            "top": top,
            "bottom": top + size,
            "size": size,
        }
        for i, ch in enumerate(text)
    ]
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + len(text) * size,
        "top": top,
        "bottom": top + size,
        "chars": chars,
    }


def test_runs_of_one_large_line_are_rejoined_in_x_order_and_body_lines_are_not():
    from assistant.reader.pdfruns import rejoin_title_runs

    body = [_run(72, 200 + 16 * i, "正文内容正文内容正文内容", 10.5) for i in range(6)]
    raised = [_run(216, 96, "2023年政府信息公开工作年度报告", 18), _run(106, 100, "梧桐县审计局", 18)]
    lines = rejoin_title_runs(raised + body)
    assert lines[0]["text"] == "梧桐县审计局2023年政府信息公开工作年度报告" and len(lines) == 7
    # at body size two runs a few points apart stay apart (a wrapped label beside a row's numbers)
    label, numbers = _run(72, 300, "二、上年结转", 10.5), _run(136, 305, "1 2 3", 10.5)
    assert len(rejoin_title_runs([*body, label, numbers])) == 8
    # far apart on one height: two columns, not one line
    assert (
        len(rejoin_title_runs([_run(72, 96, "梧桐县审计局", 18), _run(400, 99, "二〇二四年", 18), *body]))
        == 8
    )


@pytest.mark.parametrize(
    ("line", "joined"),
    [
        (
            "梧 桐 县 审 计 局 2 0 2 3 年 政 府 信 息 公 开 工 作 年 度 报 告",
            "梧桐县审计局2023年政府信息公开工作年度报告",
        ),
        ("梧桐县审计局 2 0 2 3 年政府信息公开工作年度报告", "梧桐县审计局2023 年政府信息公开工作年度报告"),
        ("梧桐县审计局 2023 年政府信息公开工作年度报告", "梧桐县审计局 2023 年政府信息公开工作年度报告"),
        ("行政许可 12 3 4", "行政许可 12 3 4"),
    ],
)
def test_a_letter_spaced_title_loses_its_spaces(line, joined):
    from assistant.reader.meta import unspaced

    assert unspaced(line) == joined


# ---------------------------------------------------------------- short names in the opening sentence


def _untitled(name: str) -> str:
    """A corpus report (prose by another writer) with its title line removed."""
    from pathlib import Path

    text = (Path(__file__).resolve().parents[1] / "corpus" / "reports" / name).read_text(encoding="utf-8")
    return "\n".join(ln for ln in text.split("\n") if "政府信息公开工作年度报告" not in ln)


@pytest.mark.parametrize(
    ("name", "short", "full"),
    [
        ("linlan_yanhuqu_liuanjiedao_2023.txt", "柳岸街道办事处", "临澜市砚湖区柳岸街道办事处"),
        ("qingwu_hezhuzhen_2024.txt", "禾渚镇人民政府", "青梧县禾渚镇人民政府"),
    ],
)
def test_a_towns_short_name_from_the_opening_is_said_as_maybe_incomplete(name, short, full):
    report = read_report_bytes(_untitled(name).encode(), name)
    assert report.agency == short
    [f] = [f for f in report.findings if f.rule == "AGENCY_PARTIAL"]
    assert f.source == READER and short in f.message
    # the full name printed elsewhere (a 发布机构 field ending with the short name) completes it
    report = read_report_bytes((f"发布机构：{full}\n" + _untitled(name)).encode(), name)
    assert report.agency == full and not [f for f in report.findings if f.rule.startswith("AGENCY_")]


def test_a_name_is_completed_only_by_a_longer_print_of_the_same_body():
    from assistant.reader.issuer import completed

    texts = ["本报告由临澜市砚湖区柳岸街道办事处编制。", "柳岸街道办事处认真落实"]
    assert completed("柳岸街道办事处", texts) == "临澜市砚湖区柳岸街道办事处"
    assert completed("柳岸街道办事处", ["发布机构：临澜市砚湖区人民政府办公室"]) == "柳岸街道办事处"
    assert completed("青梧县自然资源局", ["全体青梧县自然资源局干部"]) == "青梧县自然资源局"
