"""Remainders and column scopes in chat text: 「其余都是个人」, 「企业的3件：予以公开2件、部分公开1件」.

Pure helpers of `extract`. 「其余/剩下的/其他的都是X」 gives column X what the row's total leaves after
the applicant types already known (stated in the message, pending or confirmed), and 0 to the types
not named; a total that is not known yet, or parts that exceed it, become a question, never a guess.
A column scope (「企业的3件：」 at the start of a sentence) puts the numbers of the sentence that name
no applicant type into that column, never into 总计: the totals said before stay as they are.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.core import spec
from assistant.core.facts import Value
from assistant.intake.consistency import Statement
from assistant.intake.lexicon import COLUMN_NAMES, COLUMNS, T2

_REST_WORD = r"(?:其余|其他(?!组织|单位|机构|法人|处理|情形|结果)的?|剩下的?|剩余的?|余下的?)"
REST = re.compile(
    rf"^\s*(?:[，,]\s*)?{_REST_WORD}(?:的)?(?:[0-9一二两三四五六七八九十]+件)?"
    r"(?:也|都|均|全|全部|全都)?(?:是|为|属于|来自|系)?(?:由)?"
)
_SCOPE = re.compile(
    r"^(?P<col>[^，,：:\d]{1,8}?)(?:的|提的|申请的|那|这)?(?P<n>[0-9一二两三四五六七八九十]+件)?(?:的?(?:办理)?(?:结果|情况))?"
    r"(?:[（(][^）)]{1,12}[）)])?"  # 「家长那13件（含去年那件）：」
    r"(?:\s*[：:，,]|(?<=件)(?:里面|里头|当中|之中|中|里)[：:，,]?)"  # 企业那2件里1件公开了
)


def rest_column(clause: str) -> str | None:
    """The applicant type of 「其余都是个人」 (Table 2 only), or None if the clause is no remainder."""
    m = REST.match(clause)
    if not m:
        return None
    rest = clause[m.end() :]
    for col, p in COLUMNS[T2]:
        hit = p.match(rest)
        if hit and col not in ("total", "legal_persons"):
            return col
    return None


_N = r"[0-9一二两三四五六七八九十]+件"
_SCOPE_INLINE = re.compile(
    rf"^(?P<col>[^，,：:\d]{{1,8}}?)的(?P<n>{_N})(?![和与及跟、])(?=[^，,。；\d]{{1,6}}?{_N})"
)  # 公司的2件公开1件; not 「企业的2件和慈善协会那1件都公开了」 (two types, one outcome)
_SCOPE_START = re.compile(r"[，,：:](?=[^，,：:\d]{1,8}?的[0-9一二两三四五六七八九十]+件)")


def split_scopes(sentence: str, has_row) -> list[str]:
    """「个人的7件都公开了，公司的2件公开1件、部分公开1件」: a scope inside a sentence starts a new one
    (only where a row is named after it, so a plain list of applicant types stays whole)."""
    cuts = [m.end() for m in _SCOPE_START.finditer(sentence)]
    cuts = [c for c in cuts if (found := scope(sentence[c:])) and has_row(sentence[c + found[1] :])]
    bounds = [0, *cuts, len(sentence)]
    return [
        sentence[a:b].rstrip("，, ")
        for a, b in zip(bounds, bounds[1:], strict=False)
        if sentence[a:b].strip("，, ")
    ]


def scope(sentence: str) -> tuple[str, int] | None:
    """「企业的3件：……」 at the start of a sentence: (applicant type, end of the scope phrase)."""
    m = _SCOPE.match(sentence) or _SCOPE_INLINE.match(sentence)
    if not m:
        return None
    word = m.group("col").strip()
    for col, p in COLUMNS[T2]:
        hit = p.fullmatch(word)
        if hit and col not in ("total", "legal_persons"):
            return col, m.end()
    return None


def fill_rest(
    col: str, rows: list[str], known: Mapping[str, Value], source: str
) -> tuple[list[Statement], list[str]]:
    """Statements giving `col` the remainder of each row's total (and 0 to the types not known)."""
    out: list[Statement] = []
    questions: list[str] = []
    for row in dict.fromkeys(rows):
        total = known.get(f"{row}.total")
        label = _row_label(row)
        if not isinstance(total, int):
            questions.append(
                f"“{source}”：{label}的总数还不知道，无法算出其余的件数，请告诉我{label}共多少件。"
            )
            continue
        others = {c: known.get(f"{row}.{c}") for c in spec.T2_APPLICANT_COLUMNS if c != col}
        stated = sum(v for v in others.values() if isinstance(v, int))
        if stated > total:
            questions.append(
                f"“{source}”：{label}共{total}件，已知各类申请人合计{stated}件，超过了总数，请核实。"
            )
            continue
        out.append(
            Statement(f"{row}.{col}", total - stated, source, True, f"总数{total}件减去已知的{stated}件")
        )
        out += [
            Statement(f"{row}.{c}", 0, source, True, f"其余都是{COLUMN_NAMES.get(col, col)}")
            for c, v in others.items()
            if not isinstance(v, int)
        ]
    return out, questions


def _row_label(row: str) -> str:
    key = f"{row}.total"
    cell = spec.spec_for(spec.FORMAT_2021).by_key.get(key)
    return cell.row_label if cell else row


BALANCE_REST = "按表格勾稽关系算出的其余件数"
_IN = ("applications.new_received.total", "applications.carried_over_from_prev.total")
_NEXT = "applications.carried_to_next.total"
_RESULTS = "applications.results.total.total"


def rest_of_row(row: str, known: Mapping[str, Value], version: str) -> int | None:
    """What the stated identity (新收 + 上年结转 = 办理结果 + 结转下年度) leaves for `row` (结转下年度 or
    one result), the other results said so far taken as the only ones; None when it cannot be known."""
    inflow = [known.get(k) for k in _IN]
    leaves = [f"applications.{r}.total" for r in spec.t2_result_leaves(version)]
    if row == _NEXT.removesuffix(".total"):
        done = known.get(_RESULTS)
        if not isinstance(done, int):
            done = sum(v for k in leaves if isinstance(v := known.get(k), int))
        value = _minus(inflow, [done])
    elif f"{row}.total" in leaves:
        others = [known.get(k) for k in leaves if k != f"{row}.total"]
        done = known.get(_RESULTS)
        if isinstance(done, int):
            value = _minus([done], others)
        else:
            value = _minus([*inflow, -_int(known.get(_NEXT))], others) if _NEXT in known else None
    else:
        return None
    return value if value is not None and value >= 0 else None


def _minus(plus: list, minus: list) -> int | None:
    if not all(isinstance(v, int) for v in plus):
        return None
    return sum(plus) - sum(v for v in minus if isinstance(v, int))


def _int(v) -> int:
    return v if isinstance(v, int) else 0


def absent_types(statements: list[Statement], known: Mapping[str, Value]) -> list[Statement]:
    """0 for the applicant types with no application this year (新收 and 上年结转 both 0) in every
    Table 2 row the message gives applicant types for: by the column's identity nothing can be there."""
    seen = {**known, **{s.key: s.value for s in statements}}
    absent = [
        c
        for c in spec.T2_APPLICANT_COLUMNS
        if all(seen.get(f"{k.removesuffix('.total')}.{c}") == 0 for k in _IN)
    ]
    rows = {s.key.rsplit(".", 1)[0] for s in statements if s.key.startswith("applications.") and s.value}
    out = []
    for row in sorted(rows - {k.removesuffix(".total") for k in _IN}):
        if any(f"{row}.{c}" in seen for c in spec.T2_APPLICANT_COLUMNS if c not in absent):
            src = next(s.source for s in statements if s.key.startswith(row + "."))
            out += [
                Statement(f"{row}.{c}", 0, src, True, "今年没有这类申请人")
                for c in absent
                if f"{row}.{c}" not in seen
            ]
    return out


def all_answered(statements: list[Statement], known: Mapping[str, Value], source: str) -> list[Statement]:
    """「都答复了」: 办理结果总计 is every application of the year (新收 + 上年结转), when both are known."""
    seen = {**known, **{s.key: s.value for s in statements}}
    inflow = [seen.get(k) for k in _IN]
    if not all(isinstance(v, int) for v in inflow) or _RESULTS in seen:
        return []
    return [Statement(_RESULTS, sum(inflow), source, True, "全部办结：新收加上年结转")]  # type: ignore[arg-type]


def given_count(known: Mapping[str, Value], row: str) -> Value | None:
    """A 表二 row's count as given: its 总计, else the sum of the applicant types given (「4件是企业申请的」)."""
    if (total := known.get(f"{row}.total")) is not None:
        return total
    parts = [known.get(f"{row}.{c}") for c in spec.T2_APPLICANT_COLUMNS]
    given = [v for v in parts if v is not None]
    return sum(given) if given and all(isinstance(v, int) for v in given) else None  # type: ignore[arg-type]
