"""The documents of held-out set B: which corpus report, which layout, which plant (see the maker's docstring)."""

from __future__ import annotations

from heldout_b_layout import Style, all_keys
from make_heldout_b_documents import Doc, load

APP = "applications."
THIRD_PARTY = [f"{APP}results.withheld.third_party_rights.{c}" for c in (
    "natural_person", "commercial_enterprise", "research_institution", "social_welfare_org",
    "legal_service_org", "other_org", "total")]

RAW_GAP = [{"cells": [k for k in all_keys() if k.startswith(("active.", APP))],
            "why": "plain pdftotext of the landscape pages: 表一 and 表二 values come out in runs apart from "
                   "their row labels (表二's first page prints its values before any label), 「—」 for every "
                   "zero, so no row/column can be placed"}]

DOCS = [
    Doc("cms_th15_2023", "qingwu_xianzhengfuban_2023", Style(),
        "provincial CMS page: <th> headers, rowspan/colspan, inline styles, 表三 as one 15-column table, A4",
        ["html", "pdf", "layout"]),
    Doc("cms_wide_dash_2024", "linlan_shengtaihuanjingju_2024",
        Style(zero={"t1": "—", "t2": "—", "t3": "—"}),
        "CMS page: zeros printed 「—」, 表二/表三 on landscape pages (CSS named page), 表二 header in <thead>, "
        "表三 as three 5-column tables", ["html", "pdf", "raw"], t3="three", page="landscape", thead=3,
        cells={f"{APP}results.granted.total": 12},
        planted=[{"rule": "T2_ROW_TOTAL", "cells": [f"{APP}results.granted.total"],
                  "also_accept": ["T2_RESULTS_TOTAL_2021", "TEXT_TABLE_MISMATCH"],
                  "note": "（一）予以公开 总计 printed 12; its columns add up to 11 (prose: 予以公开11件)"}],
        breaks=[f"{APP}results.total.total", f"{APP}results.granted.total"], gaps={"raw": RAW_GAP}),
    Doc("lo_slash_2022", "qingwu_hezhuzhen_2022",
        Style(zero={"t1": "/", "t2": "0", "t3": "/"}, fee_zero="0.00"),
        "township CMS page (HTML, converted by LibreOffice): 表一/表三 zeros printed 「/」, 表二 zeros 「0」, fee 「0.00」",
        ["docx", "lohtmlpdf"]),
    Doc("lo_repeat_blank_2023", "qingwu_ziranziyuanju_2023",
        Style(zero={"t1": "", "t2": "", "t3": ""}),
        "CMS page (HTML, converted by LibreOffice) in large type, every zero cell left blank; 表二's three header rows marked repeat-on-new-page",
        ["docx", "lopdf"], page="large", thead=3,
        prose=[("全年共收到政府信息公开申请63件", "全年共收到政府信息公开申请66件")],
        planted=[{"rule": "TEXT_TABLE_MISMATCH", "cells": [f"{APP}new_received.total"],
                  "note": "prose says 收到申请66件; 表二 一、本年新收 总计 is 63"}]),
    Doc("cms_fullwidth_2024", "linlan_yanhuqu_liuanjiedao_2024", Style(fullwidth=True),
        "street-office CMS page: every table digit fullwidth (０, １３), 表三 as three tables",
        ["html"], t3="three"),
    Doc("cms_thousands_2022", "linlan_shengtaihuanjingju_2022",
        Style(thousands=True, fee_zero="0.00",
              labels={"results.withheld.third_party_rights": "4.涉及第三方合法权益"}),
        "CMS page: counts with a thousands comma (行政许可 1,086), fee 「0.00」, one 表二 label typed wrong, A4",
        ["html", "pdf"], cells={"active.art20_5.admin_license.decisions": 1086},
        prose=[("行政许可决定186件", "行政许可决定1,086件")],
        planted=[{"rule": "LABEL_DEVIATION", "cells": THIRD_PARTY,
                  "note": "row label 「4.涉及第三方合法权益」 instead of 「4.保护第三方合法权益」"}]),
    Doc("crawl_lines_2022", "qingwu_xianzhengfuban_2022", Style(),
        "CMS page crawled: tags stripped, every table cell on its own line (spanned cells once)", ["lines"]),
    Doc("paste_tabs_2023", "linlan_shengtaihuanjingju_2023", Style(),
        "CMS page copied from a browser: table cells separated by tabs, spanned cells once, 表三 as three tables",
        ["tabs"], t3="three",
        cells={f"{APP}carried_to_next.natural_person": 2, f"{APP}carried_to_next.total": 3},
        planted=[{"rule": "T2_STATED_BALANCE",
                  "cells": [f"{APP}carried_to_next.natural_person", f"{APP}carried_to_next.total"],
                  "also_accept": ["TEXT_TABLE_MISMATCH"],
                  "note": "四、结转下年度 自然人 printed 2 (total 3): 自然人 and 总计 columns no longer balance"}],
        breaks=["natural_person:balance", "total:balance"]),
]


def readme(rows) -> str:
    head = """# Held-out set B: real-layout report documents with truth

Written by an independent test writer who did not read the product's reader, its fixtures or held-out set A's
documents. Made by `.venv/bin/python scripts/make_heldout_b_documents.py` (LibreOffice `soffice`,
`/usr/bin/chromium`, `pdftotext`; deterministic except the PDF producers' metadata) from our fictional corpus
reports `corpus/sources/*.yaml`. Measured, never tuned to:

    .venv/bin/python scripts/measure_heldout_documents.py evals/heldout_b/documents

Truth (`NAME.truth.yaml`, the measure script's format): `cells` holds all 200 cells as printed — a number,
`""` for a cell left blank, `"/"` for a cell printed 「/」 or 「—」 (the measure has one slash-like mark),
fullwidth digits and thousands commas as their numbers; `planted` the errors put in on purpose (rule id, cells,
`also_accept`: other rule ids that name the same slip); `expect_reader_gap` cells a careful reader cannot place.
The maker recomputes every sum of the form and the 一+二=三（七）+四 balance and stops unless exactly the planted
breaks are present. One derivation: `cms_thousands_2022` prints 行政许可 as 1,086 (table and prose) instead of
the corpus's 186 so a thousands comma appears; 表一 has no arithmetic rule, so nothing else changes.
`cms_wide_dash_2024_raw.txt` lists 表一 and 表二 (185 cells) as reader gaps, judged by reading the text before any
measurement: its values come out apart from their labels. Its planted row-total slip is still a real error of the
document (the prose 「予以公开11件」 contradicts the printed 12), so it stays planted there.

| document | agency, year | how it was made | planted |
|---|---|---|---|
"""
    lines = []
    for name, doc, how in rows:
        facts = load(doc.source)[0]
        plant = "; ".join(f"{p['rule']} ({p['note']})" for p in doc.planted) or "—"
        lines.append(f"| `{name}` | {facts['agency']} {facts['year']} | {how} | {plant} |")
    return head + "\n".join(lines) + "\n"
