"""Helpers for the corpus tests (no tests here): reports built in code, settings in a temp folder."""

from __future__ import annotations

import random
from decimal import Decimal
from pathlib import Path

from assistant.config import Settings
from assistant.core.facts import SLASH
from assistant.core.report import Report

AGENCIES = (
    ("甲县人民政府办公室", "县级政府办公室"),
    ("乙市教育局", "市级部门"),
    ("丙镇人民政府", "乡镇政府"),
)
YEARS = (2021, 2022, 2023)

_PHRASES = {
    "lead": [
        "本机关深入贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。",
        "全年围绕中心工作和群众关切，统筹推进政务公开各项任务，工作总体平稳有序。",
        "在上级主管部门指导下，进一步健全工作机制，明确分管领导和专职人员。",
        "以人民为中心，把政务公开融入日常管理，公开质量持续提升。",
    ],
    "active": [
        "通过门户网站主动公开各类政府信息{n}条，其中政策文件{m}件。",
        "围绕稳就业、助企纾困等政策，发布文字解读和图解共{m}篇。",
        "对财政预决算、重点项目、民生实事等重点领域信息做到应公开尽公开。",
        "及时更新机构职能、领导信息和权责清单，方便群众查阅。",
    ],
    "on_request": [
        "全年共收到政府信息公开申请{m}件，均在法定期限内答复。",
        "规范申请登记、审核、答复、送达、归档等环节，答复文书统一格式。",
        "申请内容主要集中在征地补偿、学位分配和补贴发放等方面。",
        "本年度未收到政府信息公开申请，继续保持受理渠道畅通。",
    ],
    "info_mgmt": [
        "落实公开属性源头认定制度，公文拟制时同步明确公开属性。",
        "坚持先审查、后公开，全年未发生因公开不当引发的失泄密事件。",
        "对以往公开的规范性文件开展集中清理，清理结果向社会公布。",
        "建立政府信息公开台账，做到底数清楚、动态更新。",
    ],
    "platform": [
        "以门户网站为第一公开平台，优化政府信息公开专栏。",
        "政务微信公众号全年推送信息{n}条，与门户网站信息互通。",
        "完成网站改版，新增智能检索功能，迁移历史信息。",
        "在政务服务中心设立政府信息公开查阅点，方便群众现场查阅。",
    ],
    "supervision": [
        "将政务公开纳入年度绩效考核，开展季度检查{m}次。",
        "组织业务培训{m}场，参训人员覆盖各科室信息员。",
        "邀请人大代表、政协委员对政务公开工作开展社会评议，总体评价满意。",
        "本年度未发生因政府信息公开工作引发的责任追究情形。",
    ],
    "s5": [
        "存在的主要问题：个别栏目更新不及时，政策解读形式较为单一。",
        "改进情况：建立栏目更新季度检查通报制度，推行图解、音视频等多样化解读方式。",
        "工作人员变动较大，业务能力有待提升；下一步将加强培训和考核。",
        "针对上年度报告提出的问题，已完成整改并建立长效机制。",
    ],
    "s6": [
        "本年度未收取政府信息公开信息处理费。",
        "人大代表建议和政协提案办理复文已在门户网站公开。",
        "本年度无其他需要报告的事项。",
    ],
}


_HEADINGS = {
    "active": "（一）主动公开。",
    "on_request": "（二）依申请公开。",
    "info_mgmt": "（三）政府信息管理。",
    "platform": "（四）政府信息公开平台建设。",
    "supervision": "（五）监督保障。",
}


def _text(key: str, rng: random.Random, picks: int) -> str:
    chosen = rng.sample(_PHRASES[key], picks)
    return "".join(s.format(n=rng.randint(100, 3000), m=rng.randint(1, 60)) for s in chosen)


def make_report(agency: str, year: int, level: str = "", *, source: str = "") -> Report:
    """A small, varied report: 一 with lead and five sub-areas, lead-ins of 二–四 plus a table line, 五, 六."""
    rng = random.Random(f"{agency}|{year}")
    overview = [_text("lead", rng, 2)]
    for key, heading in _HEADINGS.items():
        overview.append(f"{heading}{agency}{_text(key, rng, 2)}")
    sections = {
        "s1_overview": "\n".join(overview),
        "s2_active": f"{year}年度主动公开情况如下表。\n规章\t0\t0\t0",
        "s3_applications": "收到和处理政府信息公开申请情况如下。\n一、本年新收政府信息公开申请数量\t3\t0\t3",
        "s4_review_litig": "本年度未发生政府信息公开行政复议、行政诉讼。",
        "s5_problems": f"{agency}{_text('s5', rng, 3)}",
        "s6_other": _text("s6", rng, 2),
    }
    cells = {
        "applications.new_received.natural_person": rng.randint(0, 30),
        "active.art20_8.admin_fees.amount_wan_yuan": Decimal("1.50"),
        "review.upheld": SLASH,
    }
    return Report(source or f"{agency}-{year}.txt", f"{agency}{year}年政府信息公开工作年度报告", agency, year,
                  sections=sections, cells=cells, level=level)  # fmt: skip


def corpus_reports() -> list[tuple[Report, str]]:
    """Three agencies × three years, as (report, source) pairs."""
    return [
        (make_report(agency, year, level), f"{agency}-{year}.txt")
        for agency, level in AGENCIES
        for year in YEARS
    ]


def temp_settings(home: Path, **kw) -> Settings:
    return Settings(home=home, **kw)
