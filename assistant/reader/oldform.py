"""Annual reports in the form used before 2019 (years 2008–2018; issue 12, cause 8).

Before the 2019 form there were no national statistical tables and the text had seven parts (概述,
主动公开, 依申请公开, 收费及减免, 行政复议和行政诉讼, 存在的主要问题及改进措施, 其他需要报告的
事项). Such a report is an annual report in a superseded form: its prose checks still apply, while
the checks of the current form (the three tables, the six sections) do not, and the reader says so
once instead of reporting every table and section as missing.
"""

from __future__ import annotations

import re

from assistant.core.findings import FAIL, WARNING, Finding

RULE = "FORMAT_PRE2019"
_OLD_HEADING = re.compile(r"收费及减免|收费和减免|七\s*[、.．]\s*其他需要报告")
_NOT_APPLICABLE = frozenset({"TABLE_MISSING", "ROW_MISSING", "SECTION_MISSING", "SECTION_EMPTY"})


def is_pre2019(year: int | None, text: str, has_tables: bool) -> bool:
    """A report for 2008–2018, or one laid out in the seven parts of the old form without tables."""
    if year is not None and 2008 <= year <= 2018:
        return True
    return not has_tables and bool(_OLD_HEADING.search(text))


def old_form_finding(year: int | None) -> Finding:
    when = f"{year}年度" if year else "本"
    return Finding(
        RULE,
        WARNING,
        FAIL,
        f"{when}报告使用2019年以前的旧版年报格式（七个部分，无统一统计表）：现行格式的统计表核对"
        "（表一至表三及其勾稽关系）和六个部分的章节核对不适用，已跳过；正文核对照常进行",
    )


def applies(f: Finding) -> bool:
    """Whether a finding of the current form's checks applies to an old-form report."""
    return f.rule not in _NOT_APPLICABLE and not (f.table and f.status != FAIL)
