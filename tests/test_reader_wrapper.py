"""Issue 12, cause 11: a page wrapper's fields (标题：…, 发布机构：…, 相关阅读：…, a site header)
never give the report its agency; the report's own title decides."""

from __future__ import annotations

import pytest

from assistant.reader import read_report_bytes
from tests.fixtures.reader.render_html import page
from tests.fixtures.reader.render_text import txt
from tests.fixtures.reader.truth import make_truth

T = make_truth("青禾市生态环境局", 2023, 5)
BODY = txt(T)
WRAPPERS = {
    "a 标题 field naming the site": "标题：青禾市人民政府\n发布机构：青禾市人民政府办公室\n\n" + BODY,
    "fields run into one line": "标题：青禾市生态环境局2023年政府信息公开工作年度报告\n发布机构：青禾市人民政府办公室\n"
    + BODY,
    "another report linked above": "相关阅读：青禾市人民政府办公室2023年政府信息公开工作年度报告\n" + BODY,
    "another year's title in a field": "标题：青禾市人民政府办公室2022年政府信息公开工作年度报告\n\n" + BODY,
    "a site header and breadcrumb": "青禾市人民政府门户网站\n政府信息公开年度报告专栏\n当前位置：首页 > 信息公开 > 年度报告\n"
    + BODY,
    "a footer": BODY + "\n主办单位：青禾市人民政府办公室\n",
}


@pytest.mark.parametrize("case", sorted(WRAPPERS))
def test_the_wrapper_does_not_name_the_agency(case):
    r = read_report_bytes(WRAPPERS[case].encode(), "page.txt")
    assert (r.agency, r.year) == ("青禾市生态环境局", 2023)
    assert r.title == T.title


def test_a_wrapper_title_field_is_used_when_the_body_prints_no_title():
    text = "标题：青禾市生态环境局2023年政府信息公开工作年度报告\n发布机构：青禾市人民政府办公室\n"
    r = read_report_bytes((text + BODY.replace(T.title, "")).encode(), "page.txt")
    assert r.agency == "青禾市生态环境局"


def test_html_metadata_fields_around_the_report():
    wrapped = page(T).replace(
        "<body>",
        "<body><div>标题：青禾市人民政府</div><div>发布机构：青禾市人民政府办公室</div>"
        "<table><tr><td>标题：</td><td>青禾市人民政府办公室</td></tr></table>",
        1,
    )
    assert read_report_bytes(wrapped.encode(), "page.html").agency == "青禾市生态环境局"
