"""Narrative typed in the chat is saved at once (numbers keep the confirm step).

The reply names where each item went, in the user's words whole, and how to move or remove it;
「取消」 right after that reply removes exactly what it saved (`undo_narrative`, valid one turn).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from assistant.core import spec
from assistant.intake import NarrativeProposal, apply_narrative
from assistant.intake import narrative as N
from assistant.intake.accounting import only_talk
from assistant.intake.answers import is_correction
from assistant.intake.phrases import find_row, numbers
from assistant.workspace import Workspace, facts_of

HINT = "（如放错栏目，可说“这段放到平台建设”；不要可马上回复“取消”）"


def save_now(ws: Workspace, rid: int, items: list[NarrativeProposal]) -> list[str]:
    """Store `items` under their sections now; returns the reply lines that say where."""
    if not items:
        return []
    facts = facts_of(ws.row(rid))
    saved = apply_narrative(facts.narrative, items)
    dumped = [n.__dict__ for n in items]
    ws.update_state(rid, narrative=saved, last_narrative=dumped, undo_narrative=dumped)
    return [*(f"已记入【{n.label}】：{n.text}" for n in items), HINT]


def undo(ws: Workspace, rid: int, items: list[dict]) -> str:
    """Remove the narrative the previous reply saved; says what was removed."""
    narrative = dict(facts_of(ws.row(rid)).narrative)
    for n in items:
        narrative[n["key"]] = narrative.get(n["key"], "").replace(n["text"], "", 1).strip()
    ws.update_state(rid, narrative=narrative, last_narrative=[], undo_narrative=[])
    listed = "、".join(dict.fromkeys(f"【{n['label']}】" for n in items))
    return f"已撤回刚才记入{listed}的 {len(items)} 条文字。"


def reply(ex: Any, saved: list[str], message: str = "", state: dict | None = None) -> str:
    """Numbers shown for 确认; narrative said as already saved (`saved`), then questions and notes. Talk
    alone (「等一下我查一下」「先这样」) gets 「好的」 and what still waits: the values to confirm, or the
    question asked."""
    if not saved and ex.empty and not ex.questions and not ex.notes and only_talk(message):
        return _talk_reply(state or {}, message)
    if not saved:
        return ex.reply()
    if ex.proposals:
        return "\n".join([replace(ex, narrative=()).reply(), *saved])
    asked = ["还需要您确认：", *(f"- {q}" for q in ex.questions)] if ex.questions else []
    return "\n".join([*saved, *asked, *(f"（{n}）" for n in ex.notes)])


_ASKS = re.compile(r"什么意思|怎么写|怎么填|怎么算|如何填|填哪")
_FEE_HELP = (
    "“本年收费金额”一栏以万元为单位：例如全年收费12400元，填1.24。直接说“收费12400元”也可以，我会换算成万元。"
)


def _talk_reply(state: dict, message: str = "") -> str:
    waiting = len((state.get("pending") or {}).get("cells", []))
    asked = state.get("question") or ""
    if _ASKS.search(message):  # 「你刚才说的是什么意思？万元那栏要怎么写」: the clerk asks back
        lines = [_FEE_HELP] if "万元" in message or "收费" in message else []
        if waiting:
            lines.append(f"刚才识别出的 {waiting} 项数据在“待确认”表中，回复“确认”保存，“取消”放弃。")
        elif asked:
            lines.append(f"我刚才问的是：{asked}")
        return "\n".join(
            lines or ["您可以直接用一句话告诉我数字，例如“今年共收到申请12件，其中自然人10件”。"]
        )
    if waiting:
        return f"好的。还有 {waiting} 项数据待确认，回复“确认”保存，“取消”放弃。"
    return "好的。" + (f"您方便时请告诉我：{asked}" if asked else "有需要时直接告诉我数字或情况即可。")


def answered(ws: Workspace, rid: int) -> None:
    """A short answer (「没有」) to the narrative question asked: that part is not asked again."""
    state = ws.row(rid).state
    topic = state.get("topic") or ""
    if topic.startswith("narrative."):
        ws.update_state(rid, skipped=sorted(set(state.get("skipped", [])) | {topic}))


_DATED = re.compile(
    r"^\s*(?:[^。，,；;]{0,14}(?:写的是|写着|写了|里是|是这么写的)[：:，,]?\s*[“「\"]?)?(?:截至|截止)?(\d{4})年"
)  # 「2024年，我局……」 or 「去年的年报里写的是2024年我局……」
_SENT = re.compile(r"[^。！？!?]+[。！？!?]?")


def _earlier(sentence: str, year: int) -> str | None:
    m = _DATED.match(sentence)
    return m.group(1) if m and int(m.group(1)) < year else None


def this_year(ex: Any, year: int) -> Any:
    """「2024年，我局主动公开……」 in the 2025 report is an earlier year's text (pasted or quoted for its
    wording): that sentence is not stored as this year's material, the reply says so, and the
    sentences after it about this year are kept."""
    kept, notes = [], []
    for n in ex.narrative:
        sentences = [s.strip() for s in _SENT.findall(n.text) if s.strip()]
        old = [(s, y) for s in sentences if (y := _earlier(s, year))]
        notes += [f"“{s.rstrip('。')}”写的是{y}年的情况，没有记入今年的年报" for s, y in old]
        rest = "".join(s for s in sentences if not _earlier(s, year))
        if rest and old:
            kept.append(replace(n, text=rest))
        elif not old:
            kept.append(n)
    if not notes:
        return ex
    return replace(ex, narrative=tuple(kept), notes=(*ex.notes, *notes))


_SAME = re.compile(
    r"^\s*(?:这个|这条|这句|这|下面这个)?(?:也是|也算|同上|一样)(?:这块|这部分|这一块|的)?[：:，,\s]+(?P<rest>.+)$"
)


def named_at_end(ws: Workspace, rid: int, message: str) -> str:
    """「每季度听一次汇报，这个算监督保障吧」: the part named at the end is put in front (「监督保障：……」), so the
    material is filed there and the naming tail, a filing instruction, is neither stored nor said back.
    「这个也是：……」 names the part of the text saved last."""
    tail = N.tail_named(message)
    if tail:
        return f"{spec.NARRATIVE_LABELS[tail[0]]}：{tail[1]}"
    same = _SAME.match(message)
    last = ws.row(rid).state.get("last_narrative") or []
    if same and last and len(same.group("rest")) >= N.MIN_CHARS:
        return f"{spec.NARRATIVE_LABELS[last[-1]['key']]}：{same.group('rest')}"
    return message


_DECLINE = re.compile(
    r"(?:^|[，,\s])(?:就|先|这个|这块|那块|这部分)?(?:不用|不必|不需要|无需|不|先不|就不)(?:写|记|填)(?:了|吧|进去|上)*[。.!！]?$"
)
MAX_DECLINE = 40


def declined(ws: Workspace, rid: int, message: str) -> str | None:
    """「依申请那块今年一件没有，不用写」: the part named (or asked) gets no text and is not asked again;
    the reply says so (nothing of the message is stored)."""
    text = message.strip()
    if len(text) > MAX_DECLINE or not _DECLINE.search(text):
        return None
    state = ws.row(rid).state
    topic = state.get("topic") or ""
    asked = topic.removeprefix("narrative.") if topic.startswith("narrative.") else None
    key = N.named_topic(text + "，") or N.named_topic(text) or asked
    if key not in spec.NARRATIVE_LABELS:
        return None
    ws.update_state(rid, skipped=sorted(set(state.get("skipped", [])) | {f"narrative.{key}"}))
    return f"好的，【{spec.NARRATIVE_LABELS[key]}】这次不写文字，“{text}”没有记入（以后要补充，直接告诉我即可）。"


def corrected(ws: Workspace, rid: int, message: str, undo: list[dict]) -> str | None:
    """「不对，公示是16期」 right after 「惠农补贴发放的公示一共15期」 was saved: the one number of that unit
    in the text just saved is replaced in the stored text, said old → new; None when the message is
    no such correction (it then goes to the extractor as before)."""
    if not undo or not is_correction(message) or find_row(message, weak=False) is not None:
        return None
    said = [m for m in numbers(message) if m.unit and m.unit not in ("件", "个")]
    if len(said) != 1:
        return None
    new = said[0]
    item = undo[-1]
    same = [m for m in numbers(item["text"]) if m.unit == new.unit]
    if len(same) != 1 or same[0].value == new.value:
        return None
    old = same[0]
    text = item["text"][: old.start] + new.raw + item["text"][old.end :]
    narrative = dict(facts_of(ws.row(rid)).narrative)
    narrative[item["key"]] = narrative.get(item["key"], "").replace(item["text"], text, 1)
    fixed = [*undo[:-1], {**item, "text": text}]
    ws.update_state(rid, narrative=narrative, last_narrative=fixed, undo_narrative=fixed)
    return f"已更正【{item['label']}】：“{old.raw}” → “{new.raw}”。现在是：{text}\n{HINT}"
