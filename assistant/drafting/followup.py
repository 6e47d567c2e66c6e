"""Last year's problems, and whether this year's text follows them up (pure text logic).

`problem_items` reads the problems listed in last year's 五、存在的主要问题及改进情况 (skipping that
text's own follow-up of the year before and its measures); `mentions` says whether a text refers to
one of them, verbatim or paraphrased; `best_match` finds, among the staff's notes, the item that
reports on one of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_MARKER = re.compile(
    r"(?:存在|不足之处|问题主要有)[^。；：:]{0,14}[：:]|存在[^。；：:]{0,10}(?:问题|不足)[^。；：:]{0,6}[：:，]"
)
_END = re.compile(r"改进措施|改进情况|整改措施|下一步|今后|针对上述|为此")
_ENUM = re.compile(r"[一二三四五六七八九十]是|（[一二三四五六七八九十]）|(?<![0-9])[1-9][.、．]")
_PROBLEM_WORDS = (
    "不够", "不及时", "不高", "较低", "滞后", "不足", "不强", "有待", "不一致", "不统一", "单一",
    "不熟悉", "偏少", "失效", "不深入", "不精准", "不完整", "不全面", "不充分", "较快", "不到位",
    "欠缺", "薄弱", "不规范", "不明确", "不完善", "较多", "较少", "不畅", "尚未", "未能", "不多",
    "兼职", "变动大",
)  # fmt: skip
_REMEDY_START = ("仍需", "需要", "需", "要", "将", "下一步", "今后", "应")
# Generic words every such text shares: they say nothing about a specific problem.
_STOP = (
    "政府信息公开",
    "信息公开",
    "政务公开",
    "公开工作",
    "工作",
    "进一步",
    "问题",
    "本年度",
    "上年度",
    "加强",
)
MAX_ITEMS = 5
SUMMARY_MAX = 32


def _strip_stop(text: str) -> str:
    for word in _STOP:
        text = text.replace(word, "｜")
    return text


# Pairs every text of this kind is full of; they do not tie a follow-up to a problem.
_STOP_PAIRS = frozenset(
    ("公开", "申请", "信息", "政务", "政府", "部分", "个别", "情况", "相关", "有关", "存在", "不够", "不足",
     "有待", "提高", "本年", "年度", "上年")
)  # fmt: skip


def bigrams(text: str) -> set[str]:
    """Distinct pairs of Chinese characters, generic words removed."""
    cleaned = _strip_stop(text)
    return {
        pair
        for pair in (cleaned[i : i + 2] for i in range(len(cleaned) - 1))
        if all("\u4e00" <= ch <= "\u9fff" for ch in pair) and pair not in _STOP_PAIRS
    }


def _problem_segment(text: str) -> str:
    for m in _MARKER.finditer(text):
        head = re.split(r"[。；;\n]", text[max(0, m.start() - 12) : m.end()])[-1]
        if "整改" in head:  # 上年问题整改情况： is the follow-up, not this year's problems
            continue
        seg = text[m.end() :]
        end = _END.search(seg)
        return seg[: end.start()] if end else seg.split("\n")[0]
    return ""


def problem_items(previous_s5: str) -> tuple[str, ...]:
    """The problems listed in last year's section 五, as short summaries (at most 5)."""
    seg = _problem_segment(previous_s5 or "")
    if not seg.strip():
        return ()
    parts = [p for p in _ENUM.split(seg) if p.strip()] if _ENUM.search(seg) else re.split(r"[；。]", seg)
    out: list[str] = []
    for part in parts:
        item = part.strip().strip("；;。，,：: \n")
        if len(item) < 4 or item.startswith(_REMEDY_START):
            continue
        out.append(summarize(item))
    return tuple(dict.fromkeys(out))[:MAX_ITEMS]


def summarize(item: str) -> str:
    """The clause that names the problem: 网站改版后，部分历史信息迁移后出现链接失效 → the second."""
    clauses = [c.strip() for c in re.split(r"[，,；;]", item) if c.strip()]
    named = [i for i, c in enumerate(clauses) if any(w in c for w in _PROBLEM_WORDS)]
    first = named[0] if named else 0
    chosen = [clauses[first].split("导致", 1)[-1]]
    if len(chosen[0]) < 10 and first > 0:  # 业务能力有待提高: say whose
        chosen.insert(0, clauses[first - 1])
    for i in named[1:]:
        if len("，".join(chosen + [clauses[i]])) <= SUMMARY_MAX:
            chosen.append(clauses[i])
    text = "，".join(chosen)
    for lead in ("反映出", "主要是", "主要表现在", "表现在", "其中"):
        text = text.removeprefix(lead)
    return text if len(text) <= SUMMARY_MAX else chosen[-1][:SUMMARY_MAX]


def _shared_run(a: str, b: str, n: int = 4) -> bool:
    """Whether `a` and `b` share a run of `n` Chinese characters that is not a generic word."""
    a, b = _strip_stop(a), _strip_stop(b)
    for i in range(len(a) - n + 1):
        run = a[i : i + n]
        if "｜" not in run and all("\u4e00" <= ch <= "\u9fff" for ch in run) and run in b:
            return True
    return False


def mentions(text: str, item: str) -> bool:
    """Whether `text` refers to problem `item`, verbatim or paraphrased."""
    if item in text or _shared_run(item, text):
        return True
    pairs = bigrams(item)
    return bool(pairs) and len(pairs & bigrams(text)) / len(pairs) >= 0.34


def best_match(item: str, candidates: Iterable[str]) -> str | None:
    """The candidate sharing most specific words with `item` (at least two), or None."""
    pairs = bigrams(item)
    best, best_score = None, 1
    for cand in candidates:
        score = len(pairs & bigrams(cand))
        if score > best_score:
            best, best_score = cand, score
    return best
