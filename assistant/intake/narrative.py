"""Narrative facts: sort free text into the narrative keys of the report by keywords.

Pure. Section 五 words (问题 / 下一步 …) win over topic words, because 「下一步将加强政务新媒体管理」 is
an improvement, not a platform fact. Otherwise the 总体情况 sub-area with the most keyword hits wins.
"""

from __future__ import annotations

import re

from assistant.core import spec

_SUBAREA_WORDS: dict[str, tuple[str, ...]] = {
    "active": ("主动公开", "政策解读", "解读", "公开目录", "发布信息", "信息发布", "重点领域", "新闻发布", "公开指南"),
    "on_request": ("依申请", "申请办理", "答复", "申请渠道", "受理申请", "办理流程", "申请公开"),
    "info_mgmt": ("信息管理", "公开属性", "源头认定", "动态调整", "文件清理", "保密审查", "公开前审查",
                  "信息更新", "规范性文件管理", "档案"),
    "platform": ("网站", "平台", "新媒体", "公众号", "微博", "专栏", "政务服务网", "公开栏", "查阅点", "大厅",
                 "客户端", "小程序"),
    "supervision": ("考核", "培训", "监督", "评议", "责任追究", "督查", "保障", "绩效", "问责", "工作机制",
                    "领导小组"),
}  # fmt: skip
_OTHER_WORDS = ("信息处理费", "人大代表建议", "政协提案", "建议提案", "工作要点", "创新", "其他需要报告")
_PROBLEM = re.compile(
    r"问题|不足|短板|差距|不够|有待|欠缺|薄弱|滞后|不到位|不及时|不规范"
    r"|尚未(?!办结|审结|答复|结案)|还(?:没有?|未)(?:全部|完全)|未能|未全部"
)
_IMPROVE = re.compile(
    r"下一步|今后|改进|整改|将进一步|将继续|将加强|将持续|拟|计划于|明年|针对(?:上述|以上|这些)?问题"
)
_SENTENCE = re.compile(r"[^。！？!?\n；;]+[。！？!?；;]?")
MIN_CHARS = 6


def classify(text: str) -> str | None:
    """The narrative key a sentence belongs to, or None if it says nothing recognisable."""
    if len(text.strip()) < MIN_CHARS:
        return None
    if any(w in text for w in _OTHER_WORDS):
        return "other"
    if _IMPROVE.search(text):
        return "improvements"
    if _PROBLEM.search(text):
        return "problems"
    scores = {key: sum(text.count(w) for w in words) for key, words in _SUBAREA_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else None


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def classify_text(text: str) -> list[tuple[str, str]]:
    """(key, text) for each run of consecutive sentences with the same key; unclassified ones dropped."""
    out: list[tuple[str, str]] = []
    for sentence in split_sentences(text):
        key = classify(sentence)
        if key is None:
            continue
        if out and out[-1][0] == key:
            out[-1] = (key, out[-1][1] + sentence)
        else:
            out.append((key, sentence))
    return out


def label(key: str) -> str:
    return spec.NARRATIVE_LABELS[key]
