"""Moving or removing narrative the chat saved: 「第一句放错了，那是主动公开的」「这个不是平台的，是监督保障的」
「删掉这段」. Only what the clerk points at moves (`intake.refile.meant`); the reply says old → new, or
quotes the start of what was removed.
"""

from __future__ import annotations

from assistant.app import chat_narrative
from assistant.core import spec
from assistant.intake import NarrativeProposal, apply_narrative, refile
from assistant.intake import narrative as filing
from assistant.workspace import Workspace, facts_of

NOTHING = "刚才没有记入文字。已保存的文字可以在“起草与修改”页修改。"


def _which_part() -> str:
    names = "、".join(spec.NARRATIVE_LABELS.values())
    return f"请告诉我刚才保存的文字应该放到哪一部分（{names}），例如“放到存在的主要问题”。"


def control(ws: Workspace, rid: int, message: str) -> str | None:
    """A message about saved narrative, not material: 「……，不用写」 (no text for the part), 「删掉这段」,
    「刚才那句写错了，改成：……」. The reply, or None when the message is none of these."""
    declined = chat_narrative.declined(ws, rid, message)
    if declined:
        return declined
    if refile.is_removal(message):
        return remove_meant(ws, rid, message)
    changed = refile.replacement(message)
    return replace_meant(ws, rid, *changed) if changed else None


def move_meant(ws: Workspace, rid: int, message: str, target: str | None) -> str:
    """「放错了，这是平台的」 after a save: what the message points at moves to the part named."""
    row = ws.row(rid)
    last = list(row.state.get("last_narrative") or [])
    unread = row.state.get("unread_before") or []
    if unread and target in spec.NARRATIVE_LABELS:
        return _file_unread(ws, rid, unread, target)
    if not last:
        return NOTHING
    if target is None or target == filing.BOTH:
        return _which_part()
    label = spec.NARRATIVE_LABELS[target]
    narrative = dict(facts_of(row).narrative)
    lines, moved = [], []
    for p in refile.meant(message, last):
        if p.key == target:
            lines.append(f"“{refile.quote(p.text)}”已在【{label}】中，未作改动。")
            continue
        narrative[p.key] = refile.cut(narrative.get(p.key, ""), p.text)
        moved.append(NarrativeProposal(target, label, p.text))
        last[p.item] = {**last[p.item], "text": refile.cut(last[p.item]["text"], p.text)}
        was = spec.NARRATIVE_LABELS[p.key]
        lines.append(f"已把“{refile.quote(p.text)}”从【{was}】改放到【{label}】。")
    narrative = apply_narrative(narrative, moved)
    last = [n for n in last if n["text"].strip()] + [n.__dict__ for n in moved]
    ws.update_state(rid, narrative=narrative, last_narrative=last)
    return "\n".join(lines)


def _file_unread(ws: Workspace, rid: int, unread: list[str], target: str) -> str:
    """「这个是依申请那块的」 right after a reply that said 「这部分没能理解：……」: what it could not place is
    the material the clerk now names the part of, stored whole."""
    text = "，".join(unread)
    item = NarrativeProposal(
        target, spec.NARRATIVE_LABELS[target], text if text.endswith("。") else text + "。"
    )
    ws.update_state(rid, unread_before=[])
    return "\n".join(chat_narrative.save_now(ws, rid, [item]))


def remove_meant(ws: Workspace, rid: int, message: str) -> str:
    """「删掉这段」「最后那句不要了」: the saved text meant is removed; the reply quotes its start."""
    row = ws.row(rid)
    last = list(row.state.get("last_narrative") or [])
    if not last:
        return NOTHING
    narrative = dict(facts_of(row).narrative)
    lines = []
    for p in refile.meant(message, last):
        narrative[p.key] = refile.cut(narrative.get(p.key, ""), p.text)
        last[p.item] = {**last[p.item], "text": refile.cut(last[p.item]["text"], p.text)}
        lines.append(f"已从【{spec.NARRATIVE_LABELS[p.key]}】删除“{refile.quote(p.text)}”。")
    last = [n for n in last if n["text"].strip()]
    ws.update_state(rid, narrative=narrative, last_narrative=last, undo_narrative=[])
    return "\n".join(lines)


def replace_meant(ws: Workspace, rid: int, pointer: str, new: str) -> str | None:
    """「刚才那个问题写的不对，改成：……」: the saved sentence meant is replaced, old → new said."""
    row = ws.row(rid)
    last = list(row.state.get("last_narrative") or [])
    key = refile.part_named(pointer)
    items = [n for n in last if key is None or n["key"] == key]
    meant = refile.meant(pointer, items) if items else []
    if not meant:
        return None
    p = meant[0]
    text = new if new.endswith(("。", "！", "？")) else new + "。"
    narrative = dict(facts_of(row).narrative)
    narrative[p.key] = narrative.get(p.key, "").replace(p.text, text, 1)
    last = [{**n, "text": n["text"].replace(p.text, text, 1)} if n["key"] == p.key else n for n in last]
    ws.update_state(rid, narrative=narrative, last_narrative=last, undo_narrative=[])
    label = spec.NARRATIVE_LABELS[p.key]
    return f"已把【{label}】中的“{p.text.rstrip('。')}”改为“{text.rstrip('。')}”。"
