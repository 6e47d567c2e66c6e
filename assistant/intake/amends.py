"""Numbers that amend what the same message (or an earlier one) said: an outcome said after a 表三
count, parts of one cell added up, 「不对，是16件」, 「是7不是9」, 「自然人其实是40件」, and column words
that answer the one row asked about; `HitReader` finds a number's row and column. Mixins of
`extract._Reader` (pure)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.core import spec
from assistant.core.numbers import NumberMention, format_number
from assistant.intake import answers as A
from assistant.intake import narrative as N
from assistant.intake.clauses import _Last
from assistant.intake.consistency import Statement
from assistant.intake.lexicon import (
    COLUMN_NAMES,
    COLUMNS,
    LEGAL_PERSONS,
    ROW_BY_KEY,
    SINGLE,
    T1_DOC,
    T2,
    T3,
    RowDef,
)
from assistant.intake.phrases import find_col, find_row, numbers, row_matches

FEE_ROW = "active.art20_8.admin_fees"
_ASKED_FOR = re.compile(r"^\s*(?:是)?(?:问|要|查|申请|咨询)(?:的是|了)")  # 「五件问的是……」: what was asked
_SUITS = re.compile(
    r"复议|诉讼|起诉|法院|判决"
)  # 「一起是个人对……不服，市局复议维持了」: a case, no application
_PART_WORD = re.compile(r"^\s*(?:其中|内含|包括|当中|有)")  # 「其中简易程序20起」「有三件是年底补录的」
_EXPLAINS = re.compile(
    r"^\s*(?:我们|当时|之前|前面)?(?:漏了|漏报了?|漏算了?|少算了?|多算了?|少报了?|多报了?|补录了?|重复算了?)"
)
_T1_DOC_COLS = {c for c, _ in COLUMNS[T1_DOC]}
_MORE = re.compile(r"(?:还有|另外|另有|加上|再加|以及)[^，,。；;]{0,8}$")  # 「还有工本费」: one more part


_SWAP = re.compile(r"不是(?P<old>[^，,。；;是]{1,8}?)(?:，|,|而)?是(?P<new>[^，,。；;]{1,8})")


class AmendReader:
    """Helpers of `extract._Reader` that combine or replace statements."""

    def _swap_column(self, sentence: str, said: set) -> bool:
        """「复议那个不是维持是纠正」: a confirmed count moves from one column of a row to another, shown
        as old → new; the row is the one named, or the only one with a count in the old column. A
        number in the sentence may only be that count (「那两件」)."""
        m = _SWAP.search(sentence)
        if m is None:
            return False
        named = self._row(find_row(sentence[: m.start()], weak=False))
        kinds = [named.kind] if named else [T3, T2]
        for kind in kinds:
            old = next((c for c, p in COLUMNS[kind] if p.search(m.group("old"))), None)
            new = next((c for c, p in COLUMNS[kind] if p.search(m.group("new"))), None)
            if old in (None, "total", LEGAL_PERSONS) or new in (None, "total", LEGAL_PERSONS) or old == new:
                continue
            rows = [named.key] if named and not named.is_group else _rows_with(self.ctx.cells, old, kind)
            if len(rows) != 1 or not isinstance(v := self.ctx.cells.get(f"{rows[0]}.{old}"), int) or not v:
                continue
            if said - {v}:
                return False
            moved = self.ctx.cells.get(f"{rows[0]}.{new}")
            total = v + (moved if isinstance(moved, int) else 0)
            note = f"更正：{COLUMN_NAMES[old]} → {COLUMN_NAMES[new]}"
            self.statements += [Statement(f"{rows[0]}.{old}", 0, sentence, note=note),
                                Statement(f"{rows[0]}.{new}", total, sentence, note=note)]  # fmt: skip
            return True
        return False

    def _trailing_outcome(self, row: RowDef, col: str | None, value, after: str, source: str) -> None:
        """「官司打了一个还没判」「直接起诉的两个都维持了」: the outcome said right after a 表三 count."""
        self.last_outcome = None
        outcome = find_col(row, after, default=False) if row.kind == T3 and col == "total" else None
        if outcome in (None, "total"):
            return
        if row.is_group:
            self.last_outcome = outcome  # the kind of suit comes next: 「……，是直接告到法院的」
            return
        self._emit(row, outcome, value, (source + after).rstrip("、，, "), True, "由上一个数字推出")

    def _add_up(self, row: RowDef, col: str | None, value, before: str, source: str) -> bool:
        """Parts of one cell in one sentence add up: 「1件确认违法，1件责令履行」 (both 结果纠正),
        「不动产登记费四十三万六，还有工本费两千块」 (one fee, told as items)."""
        key = f"{row.key}.{col}"
        additive = row.kind == T3 and col not in (None, "total")
        if row.key == FEE_ROW:
            additive = bool(_MORE.search(before))
        old = [s for s in self.statements[self.sentence_first :] if s.key == key and not s.inferred]
        if not additive or not old or source in old[-1].source:
            return False
        total = old[-1].value + value
        note = f"{format_number(old[-1].value)} + {format_number(value)} = {format_number(total)}"
        self.statements.remove(old[-1])
        self.statements.append(Statement(key, total, old[-1].source + "，" + source, note=note))
        return True

    def _replace_last(self, m: NumberMention, source: str) -> bool:
        """「新收15件，不对，是16件」: the number just said is taken back and replaced, said as old → new."""
        self.retract = False
        last = self.last
        key = f"{last.row.key}.{last.col}"  # type: ignore[union-attr]
        if last is None or last.row.is_group or m.value != m.value.to_integral_value():
            return False
        old = [s for s in self.statements if s.key == key and not s.inferred]
        if not old:
            return False
        self.statements = [s for s in self.statements if s.key != key]
        note = f"同一句中更正：{format_number(old[-1].value)} → {format_number(m.value)}"
        self.statements.append(Statement(key, int(m.value), old[-1].source + "，" + source, note=note))
        self.last = _Last(last.row, last.col, int(m.value))
        return True

    def _correct_value(self, old: int, m: NumberMention, source: str) -> bool:
        """「刚才那个说错了，是7不是9」: the one cell holding 9 (confirmed or pending) becomes 7."""
        keys = A.keys_with_value(old, self.ctx.cells, self.ctx.version)
        if len(keys) != 1 or m.value != m.value.to_integral_value():
            self.questions.append(
                f"“{self.sentence}”：要更正的是哪一项？请连同项目一起说，例如“予以公开应为7件”。"
            )
            return True
        self.statements.append(Statement(keys[0], int(m.value), source, note=f"更正：{old} → {m.raw}"))
        return True

    def _correct(self, m: NumberMention, seg: str, source: str) -> bool:
        """「自然人其实是40件」: the one confirmed row with that column, or a question which row."""
        if self.last is not None and self.last.value == m.value:  # 「去年结转了2件，对的是2件」
            key = f"{self.last.row.key}.{self.last.col}"  # the count just said, said again: one source
            i = next(
                (i for i in range(len(self.statements) - 1, -1, -1) if self.statements[i].key == key), None
            )
            if i is not None:
                self.statements[i] = replace(
                    self.statements[i], source=f"{self.statements[i].source}，{source}"
                )
            return True
        parts = seg.split("|")[0].split("\x00") + seg.split("|")[1:]  # the words before the number first
        col = next(
            (c for part in parts for kind in (T2, T3, T1_DOC) for c, p in COLUMNS[kind] if p.search(part)),
            None,
        )
        if col is None and (old := A.wrong_value(self.sentence)) is not None:
            return self._correct_value(old, m, source)
        if col in (None, "total", LEGAL_PERSONS) or m.approximate or m.value != m.value.to_integral_value():
            return False
        if col in _T1_DOC_COLS and self._topic_hit(seg.split("|")[0].replace("\x00", "")):
            return False  # 「不对，有效的是5件」 while 表一 is asked: the row asked takes it
        keys = A.corrected_keys(col, self.ctx.cells, self.ctx.version)  # type: ignore[arg-type]
        if col in _T1_DOC_COLS and len(nonzero := [k for k in keys if self.ctx.cells.get(k)]) == 1:
            keys = nonzero  # 「现行有效我数错了，应该是21件」: 规章 recorded as none, 规范性文件 19
        if pointed := A.pointed_at(keys, self.ctx.cells, m.value, seg.split("\x00")[0]):
            self.context_row = ROW_BY_KEY.get(pointed.rsplit(".", 1)[0]) or self.context_row
            return True  # 「企业那两件其实是……」: the count names the cell being re-split, no new value
        if len(keys) == 1:
            self.statements.append(Statement(keys[0], int(m.value), source, note="更正已确认的数字"))
            self._total_follows(keys[0], int(m.value), source)
            row = ROW_BY_KEY.get(keys[0].rsplit(".", 1)[0])
            self.context_row = row or self.context_row  # 「企业那个改成2，还有1个是律所的」: the same row
        else:
            name = COLUMN_NAMES.get(col, col)  # type: ignore[arg-type]
            self.questions.append(A.correction_question(source, name, keys, self.ctx.version))
        return True

    def _total_follows(self, key: str, new: int, source: str) -> None:
        """「不对，不是2件是4件，都是个人的」: the type held the whole row (total 2, the other types 0), so
        the total is the new count too."""
        prefix, _, col = key.rpartition(".")
        total, cells = f"{prefix}.total", self.ctx.cells
        others = [cells.get(f"{prefix}.{c}") for c in spec.T2_APPLICANT_COLUMNS if c != col]
        if (
            col in spec.T2_APPLICANT_COLUMNS
            and cells.get(total) == cells.get(key)
            and all(o == 0 for o in others)
        ):
            note = f"该行只有这一类申请人，总计随之更正：{cells[total]} → {new}"
            self.statements.append(Statement(total, new, source, True, note))

    def _topic_column(self, seg: str) -> tuple[RowDef, str] | None:
        """「发了3件，废止1件，现行有效12件」 asked about 规范性文件: a column word only that table has
        answers the one row asked about, however long the answer."""
        rows = A.open_topic_rows(self.ctx.topic, {})
        row = ROW_BY_KEY.get(rows[0]) if len(rows) == 1 else None
        col = find_col(row, seg, default=False) if row and row.kind in (T1_DOC, T3) else None
        return (row, col) if row and col and col != "total" else None


def _rows_with(cells, col: str, kind: str) -> list[str]:
    """The rows of a table kind holding a non-zero count in column `col`."""
    t3 = ("review", "litigation_direct", "litigation_after_review")
    return sorted(
        {k.rpartition(".")[0] for k, v in cells.items() if k.endswith("." + col) and v and
         (k.rpartition(".")[0] in t3) == (kind == T3)}
    )  # fmt: skip


class HitReader:
    """Where a number of `extract._Reader` goes: its row and column (a mixin, pure)."""

    def _zero_others(self, before: str, source: str, row: RowDef) -> None:
        """「行政复议和行政诉讼均为0件」「规章、规范性文件都是0」: every row named before a 0 is 0, not only
        the one the 0 was placed in."""
        named = [self._row(r) for _, r in row_matches(before) if not r.weak]
        for other in named:
            if other is not None and other.key != row.key:
                self._emit(other, find_col(other, before), 0, source)

    def _part_of_single(self, m: NumberMention, before: str, after: str, source: str) -> bool:
        """「处罚37起，其中简易程序20起」「是45件，有三件是年底补录的」「应该是21件，漏了两件联合发文的」: a
        smaller count after a 表一 value said in this sentence is a part of it or the reason for a
        correction (the table has no cell for it): said back, not a rival value."""
        said = [s for s in self.statements[self.sentence_first :] if not s.inferred]
        prev = said[-1] if said else None
        row = ROW_BY_KEY.get(prev.key.rpartition(".")[0]) if prev else None
        explains = self.correction and _EXPLAINS.match(before)
        if (
            prev is None
            or row is None
            or row.kind not in (SINGLE, T1_DOC)
            or not (_PART_WORD.match(before) or explains)
            or find_row(before, weak=False) is not None
            or find_col(row, before, default=False)
            not in (None, row.default_col)  # 「有效的还剩1件」: a column
            or find_row(after, weak=False) not in (None, row)
            or not 0 < m.value < prev.value
        ):
            return False
        clause = (source + after).strip("，, ")
        what = "对更正的说明" if explains else f"{row.name}{format_number(prev.value)}件中的一部分"
        self.notes.append(f"“{clause}”是{what}，表中不单列")
        return True

    def _hit(self, m: NumberMention, before: str, after: str, source: str):
        """(row and column of a number, its source phrase, whether a correction consumed it)."""
        # 「一起维持一起被撤销了」: once a number took its words from after it, the next one does too
        # 「…，复议后起诉1件维持」: a suit kind named before the number breaks that chain
        named = getattr(find_row(before, weak=False), "kind", None) == T3
        hit = self.took_after and not named and self._locate(after, weak=False)
        chained = bool(hit) and hit[0].kind == T3  # 「…2起纠正1起没结案」: 表三 outcomes chain on
        if hit:  # 「一起撤销了」: the number and the words it took are its source
            source = (
                (m.raw + after).rstrip("、，, ")
                if source.endswith(m.raw)
                else (source + after).rstrip("、，, ")
            )
        row_after = find_row(before, weak=False) is None and find_row(after, weak=False) is not None
        hit = hit or (None if row_after else self._locate(before))  # 「律所那1件没公开」: the row after
        took_after = hit is None
        if hit is None and (hit := self._locate(after, weak=False)):
            source = (source + after).rstrip("、，, ")  # 「另外2件是我们不掌握的」: the row said after
            if hit[0].kind == T3 and getattr(find_row(after, weak=False), "kind", None) == T3:
                hit = hit[0], "total"  # 「一场官司还没判」: a count of suits; its outcome follows
        self.took_after = (took_after and hit is not None) or chained or self._leads(hit, before, after)
        if hit is None and self.correction and self.keyword_row and A.RIGHT_VALUE.search(before):
            hit = self.keyword_row, find_col(self.keyword_row, before + after)
        if (
            hit is None
            and self.correction
            and self._correct(m, before + "\x00" + after + "|" + self.sentence, source)
        ):
            return None, source, True
        if hit is None and m.unit.endswith("元") and self.context_row and self.context_row.key == FEE_ROW:
            hit = self.context_row, self.context_row.default_col  # 「还有工本费两千块」: more of the fee
        if hit is None and self.keyword_row:  # 「规章我们没有制发权限，都是零」: the row named just before
            hit = self.keyword_row, find_col(self.keyword_row, before + after)
        if hit is None and _ASKED_FOR.match(after) and self._row_follows(m):
            return None, source, False  # 「五件问的是排污数据，我们不掌握」: the row follows
        if hit is None and m.unit == "起" and _SUITS.search(self.sentence):
            return None, source, False  # a review or suit counted 「一起」 never takes a 表二 row asked
        hit = hit or self._topic_hit(before + after) or self._row_with_room(m, before + after)
        if m.unit.endswith("元") and (hit is None or hit[0].key != FEE_ROW) and self._about_fee(before):
            hit = ROW_BY_KEY[FEE_ROW], "amount_wan_yuan"  # 「收了12.6万」: money is only ever the fee
        return hit, source, False

    def _row_follows(self, m: NumberMention) -> bool:
        """A 表二 result row is named later in the sentence, with no other number before it."""
        rest = self.sentence[m.end :] if self.sentence[m.start : m.end] == m.raw else ""
        row = find_row(rest, weak=False)
        at = row.pattern.search(rest) if row and row.key.startswith("applications.results.") else None
        return at is not None and not numbers(rest[: at.start()])

    def _row_with_room(self, m: NumberMention, words: str):
        """「还有2件是企业的」 with no row named: the one 表二 row whose total (saved or pending) its
        types do not make up yet, when that type is still open there and the count fits."""
        col = find_col(ROW_BY_KEY["applications.new_received"], words, default=False)
        if col not in spec.T2_APPLICANT_COLUMNS or m.value != m.value.to_integral_value():
            return None
        known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
        fits = []
        for row, _ in spec.t2_rows(self.ctx.version):
            total, parts = (
                known.get(f"applications.{row}.total"),
                [known.get(f"applications.{row}.{c}") for c in spec.T2_APPLICANT_COLUMNS],
            )
            given = sum(p for p in parts if isinstance(p, int))
            if (
                isinstance(total, int)
                and known.get(f"applications.{row}.{col}") is None
                and given + m.value <= total
            ):
                fits.append(row)
        row = ROW_BY_KEY.get(f"applications.{fits[0]}") if len(fits) == 1 else None
        return (row, col) if row else None

    def _leads(self, hit, before: str, after: str) -> bool:
        """「1起维持1起还没判」: a number opening its clause with its row's words right after it takes
        them, and so does the next one (「维持」 is the first's, not the second's)."""
        if hit is None or hit[0].kind != T3 or before.strip(" 、，,") or not after.strip():
            return False  # 表三 outcomes only: 「6件是居民，1件是律所的」 are each their own clause
        return (self._locate(after, weak=False) or (None,))[0] == hit[0]

    def _about_fee(self, before: str) -> bool:
        """Money said about the fee: asked about it, 「收了…」, or a correction once the fee is recorded
        (「哦不对 我看错行了 是12.63万元」: an amount can only correct the fee)."""
        corrects = self.correction and f"{FEE_ROW}.amount_wan_yuan" in self.ctx.cells
        return self.ctx.topic == "active.fees" or "收" in before or corrects

    def _doc_material(self, row: RowDef, col: str | None, m: NumberMention) -> bool:
        """「今年共清理规范性文件23件」: a document count with no column in a sentence that reads as
        narrative is that part's material, not a question; the row goes on (「……，废止了2件」)."""
        if row.kind != T1_DOC or col is not None or not m.value or not N.classify(self.sentence):
            return False
        self.context_row = row
        return True

    def _value(self, row: RowDef, m: NumberMention, source: str) -> int | Decimal | None:
        if row.key == FEE_ROW:
            if m.unit == "元" or (not m.unit and "万" in m.raw):  # 十二万五 is 125000 元
                return m.value / 10_000
            return m.value
        if m.value != m.value.to_integral_value():
            self.questions.append(f"“{source}”中的“{m.raw}”不是整数，件数应为整数，请核实。")
            return None
        return int(m.value)
