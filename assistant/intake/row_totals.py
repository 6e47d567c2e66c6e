"""A 表二 row's 总计 recomputed after a corrected applicant cell, when the clerk asks for it.
Pure helper of `extract`.

「企业予以公开应该是1件……总计那些你帮我重新算一下」 after a grid gave 予以公开 4/2/0/0/0/0 and 总计 6: the
总计 recorded was the sum of the row's recorded cells, the message changes one of them and asks for
the totals again, so the 总计 becomes the new sum — proposed as inferred (old → new shown, confirmed
like any value). Without the request the 总计 said stays and the broken balance is asked after the
save (seen case own_f6_balance). Only when every applicant cell of the row was known and added up to
the recorded 总计; a 总计 the message gives is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.core.numbers import format_number
from assistant.intake.model import ARITHMETIC, Proposal

_A = "applications."
RECOMPUTE = re.compile(
    r"(?:总计|合计|总数)[^。；;\n\d]{0,8}?(?:重新|再)(?:算|计算|合计|加)[^。；;\n\d]{0,4}"
    r"|(?:帮我|你|麻烦)?重新(?:算|计算|合计|加)(?:一下|一遍)?[^。；;\n\d]{0,3}(?:总计|合计|总数)(?:那些)?"
)


def follow_totals(
    message: str, proposals: list[Proposal], known: Mapping[str, Value], version: str
) -> tuple[list[Proposal], list[str]]:
    """(inferred 总计 proposals for the rows whose applicant cells the proposals change, the note)."""
    asked = RECOMPUTE.search(message)
    if not asked:
        return [], []
    out = recomputed(proposals, known, version)
    return out, [
        f"“{asked.group().strip('，,')}”：{'、'.join(p.label for p in out) or '没有需要改动的总计'}按各栏重新相加"
    ]


def recomputed(proposals: list[Proposal], known: Mapping[str, Value], version: str) -> list[Proposal]:
    """Inferred 总计 proposals: each row whose recorded cells added up to its 总计, with the new sum."""
    given = {p.key: p for p in proposals}
    fspec = spec.spec_for(version)
    out: list[Proposal] = []
    for row, _ in spec.t2_rows(version):
        total_key = f"{_A}{row}.total"
        parts = [f"{_A}{row}.{c}" for c in spec.T2_APPLICANT_COLUMNS]
        old = [known.get(k) for k in parts]
        changed = [given[k] for k, v in zip(parts, old, strict=True) if k in given and given[k].value != v]
        total = known.get(total_key)
        if total_key in given or not changed or not _ints(old + [total]) or sum(old) != total:  # type: ignore[arg-type]
            continue
        new = sum(given[k].value if k in given else v for k, v in zip(parts, old, strict=True))  # type: ignore[misc]
        if new == total or not isinstance(new, int):
            continue
        note = f"{ARITHMETIC}各栏相加，原总计{format_number(total)}"  # type: ignore[arg-type]
        out.append(Proposal(total_key, new, fspec.cell(total_key).label, changed[0].source, True, note))
    return out


def _ints(values: list) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)
