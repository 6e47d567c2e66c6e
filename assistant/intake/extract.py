"""Rule-based extraction: one chat message in Chinese → proposed cell values and narrative facts.

Pure (no I/O). How a number finds its cell: the message is cut into sentences (。；\\n) and clauses
(，：（）); each number looks at the words between the previous number and itself for a row
(收到…申请, 予以公开, 国家秘密, 行政复议 …) and a column (自然人, 企业, 维持, 废止 …). With no row
word, a column word continues the row last spoken of (「其中自然人10件、企业2件」). A number with no
applicant type goes to the 总计 column only, and the applicant types are asked for (see
`consistency`). 「没有…」/「未…」/「无…」 make the rows named after them 0; 「均…」/「全部…」/「结果…」
carry the previous number to another row or column. Numbers not tied to any cell, in a sentence
that reads as narrative, stay in the narrative text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.core import spec
from assistant.core.numbers import NumberMention, format_number
from assistant.intake import answers as A
from assistant.intake import doc_columns
from assistant.intake import narrative as N
from assistant.intake import remainder as R
from assistant.intake.amends import FEE_ROW as _FEE_ROW
from assistant.intake.amends import AmendReader, HitReader
from assistant.intake.attribution import attribute
from assistant.intake.clauses import ClauseReader, _Last
from assistant.intake.consistency import T3_PARTS, GroupStatement, Statement, resolve
from assistant.intake.exhausted import exhausted_types
from assistant.intake.filing import FilingReader, request_notes, restated
from assistant.intake.followup import FollowupReader, asked_context, carried_outcomes, followup_of
from assistant.intake.lexicon import (
    COLUMNS,
    LEGAL_PERSONS,
    ROW_BY_KEY,
    SINGLE,
    T1_DOC,
    T2,
    T3,
    RowDef,
)
from assistant.intake.model import (
    NARRATIVE_TOPIC_PREFIX,
    RULES,
    TOPIC_ROWS,
    Extraction,
    ExtractionContext,
    NarrativeProposal,
)
from assistant.intake.moved_cell import moved, moved_type
from assistant.intake.pasted_grid import read_grid
from assistant.intake.phrases import find_col, find_row, is_info_fee, numbers, restore, trailing_col
from assistant.intake.row_totals import follow_totals
from assistant.intake.scope_carry import ScopeReader
from assistant.intake.sole_type import sole_type_totals
from assistant.intake.spelling import spell

MAX_MESSAGE_CHARS = 20_000
_SENTENCE = re.compile(r"[^。；;！!？?\n]+")
_CLAUSE = re.compile(
    r"(?:[^，,：:（）()\s]|\s+(?=[件宗起项份家次0-9０-９]))+"
)  # 「一共十五 个人十三」: a space separates
_UNITS = {
    T2: ("", "件", "件次", "宗", "起", "个", "例", "家"),
    T3: ("", "件", "起", "宗", "个", "例", "场", "次"),
    T1_DOC: ("", "件", "个", "部", "份", "项"),
    SINGLE: ("", "件", "件次", "个", "项", "次", "宗", "起", "份", "万元", "元"),
}
_ROW_2019_OTHER = RowDef("applications.results.other_2019", re.compile("$^"), T2, "total", "其他处理")
_IS = re.compile(r"^\s*(?:是|为|系)")
_ALL_ONE = re.compile(r"^\s*(?:的)?(?:也|都|均|全|全部|全都)(?:是|为|系|属于|来自)")


def extract(message: str, context: ExtractionContext | None = None) -> Extraction:
    """Proposals (with official labels and source phrases), questions and narrative facts of a message."""
    ctx = asked_context(context or ExtractionContext())  # 「准确是312件」: the row just asked about
    said: list[tuple[str, str]] = []  # (rewritten, as the user said it): sources show the user's words
    original = message or ""
    grid = read_grid(original[:MAX_MESSAGE_CHARS], ctx.version)  # rows pasted from Excel
    original = grid.rest if grid else original
    message, answered = spell(original, ctx.topic, said, ctx.cells, ctx.aliases)
    reader = _Reader(ctx, A.narrative_like(message), A.short_answer(message), A.is_correction(message))
    reader.scope_left = (*ctx.followup.scope, 0) if ctx.followup and ctx.followup.scope else None
    if grid:
        reader.statements, reader.groups = list(grid.statements), list(grid.groups)
        reader.questions, reader.notes = list(grid.questions), list(grid.notes)
    reader.notes += doc_columns.header_notes(original, said)  # 「2/0/11」 read by the header's columns
    if len(message) > MAX_MESSAGE_CHARS:
        reader.notes.append(f"消息过长，只识别了前{MAX_MESSAGE_CHARS}字，请分段发送")
        message = message[:MAX_MESSAGE_CHARS]
    for m in _SENTENCE.finditer(message):
        if not m.group().strip():
            continue
        reader.sep = message[m.start() - 1] if m.start() else ""  # 「一是……；二是……」 stays one text
        for i, piece in enumerate(N.split_topics(m.group().strip(), reader.named)):  # 「……，另外监督方面……」
            reader.sep = "，" if i else reader.sep
            for part in R.split_scopes(piece, lambda t: find_row(t, weak=False) is not None):
                reader.read(part)
    reader.statements += R.all_answered(reader.statements, ctx.cells, answered.group()) if answered else []
    for derive in (attribute, lambda s, c, _: R.absent_types(s, c), exhausted_types):
        reader.statements += derive(reader.statements, ctx.cells, ctx.version)
    reader.statements += sole_type_totals(reader.statements, ctx.cells, message)  # 「结转下来1件企业的」
    groups = reader.groups + reader._answered_groups()  # 「是复议后告的」: the suit asked about
    reader.statements += carried_outcomes(ctx.followup, reader.statements)  # 「两起都是复议后告的」
    proposals, questions, notes = resolve(reader.statements, groups, ctx.version, ctx.cells)
    totals, asked = follow_totals(original, proposals, ctx.cells, ctx.version)  # 「总计帮我重新算一下」
    proposals, notes = proposals + totals, asked + notes
    proposals, questions = moved(message, proposals, questions, ctx.cells, ctx.version)  # 「多出来那件」
    if A.is_correction(message):
        proposals = moved_type(message, proposals, ctx.cells)  # 「村民是十九件，有一件是村委会……」
    if restated(proposals, ctx) and not reader.narrative:  # 「依申请今年没有收到」 asked for 依申请公开 notes
        named = N.named_topic(message)  # 「依申请那块今年没收到」 under 主动公开: the part named
        key = named if named in N.SUBAREAS else (ctx.topic or "").removeprefix(NARRATIVE_TOPIC_PREFIX)
        reader._add_narrative(key, message.strip())
        proposals = []
    if said:
        proposals = [replace(p, source=restore(p.source, said, original)) for p in proposals]
        reader.narrative = [replace(n, text=restore(n.text, said, original)) for n in reader.narrative]
        questions, reader.questions = ([restore(q, said) for q in qs] for qs in (questions, reader.questions))
        notes, reader.notes = ([restore(n, said) for n in ns] for ns in (notes, reader.notes))
    ex = Extraction(
        tuple(proposals),
        tuple(reader.narrative),
        tuple(questions + reader.questions),
        tuple(notes + reader.notes),
        RULES,
        followup_of(reader.asked_row, reader.groups, proposals, reader.scope_still_open()),
    )
    return request_notes(ex, original[:MAX_MESSAGE_CHARS])


@dataclass
class _Reader(FilingReader, AmendReader, HitReader, ClauseReader, FollowupReader, ScopeReader):
    ctx: ExtractionContext
    narrative_like: bool = False  # 「一是……尚未全部归集」: negations are not answers
    short: bool = False  # 「没有」: a negation without a row answers the topic asked
    correction: bool = False  # 「其实」「应该是」: a column without a row means a confirmed cell
    statements: list[Statement] = field(default_factory=list)
    groups: list[GroupStatement] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    narrative: list[NarrativeProposal] = field(default_factory=list)
    context_row: RowDef | None = None
    last: _Last | None = None
    keyword_row: RowDef | None = None  # named in this sentence by a clause without a number
    dangling: list[tuple[NumberMention, str]] = field(default_factory=list)  # numbers not placed yet
    sentence: str = ""
    continues: str | None = None  # narrative key of the previous sentence (a clause it continues)
    named: str | None = None  # the narrative part the message named (「平台建设方面，」)
    took_after: bool = False  # the last number found its row/column in the words after it
    retract: bool = False  # 「……，不对，」: the next number replaces the one just said
    scope_col: str | None = None  # 「企业的3件：……」: the applicant type of this sentence's numbers
    scoped_rows: list[str] = field(default_factory=list)
    scope_end: int = 0  # where the scope phrase ends (the words before a number start there)
    scope_left: tuple[str, int, int] | None = None  # (type, count, first statement) of a scope with a count
    scope_noted: bool = False
    last_outcome: str | None = None  # outcome said after a count of 行政诉讼 (kind not yet known)
    sentence_first: int = 0  # statements before this index belong to earlier sentences
    asked_row: str | None = None  # the row of a vague count asked for exactly

    def _vague_row(self, sentence: str) -> str | None:
        """The row a vague count names (「处罚一千二百来件」), else the row asked (「今年的申请大概二十来件吧」)."""
        if (row := find_row(sentence, weak=False)) is not None:
            return row.key
        asked = TOPIC_ROWS.get(self.ctx.topic or "", ())
        return asked[0] if len(asked) == 1 and not asked[0].startswith("group:") else None

    def _produced(self) -> int:
        return len(self.statements) + len(self.groups) + len(self.questions)

    def read(self, sentence: str) -> None:
        if N.heading(sentence) or N.other_heading(
            sentence
        ):  # 「（三）政府信息管理。」: the part of what follows
            self.named, self.continues = N.heading(sentence), None
            return
        self.named = (
            N.named_topic(sentence) or self.named
        )  # 「其他事项：没收信息处理费；……」 names the rest too
        if is_info_fee(sentence):
            rest = self._info_fee(sentence)  # 信息处理费 is reported in section 六, not a cell
            if not rest:
                return
            sentence = rest  # 「收费43.8万，信息处理费没收过」: the other clauses still state a cell
        before, first, asked = self._produced(), len(self.statements), len(self.questions)
        self.sentence_first = first
        self.sentence = sentence
        self.last = self.keyword_row = None
        named = find_row(sentence, weak=False)  # 「……。合作社那件……，涉及个人隐私，没给」: its own row
        if self.context_row is not None and named is not None and named.key != self.context_row.key:
            self.context_row = None
        self._seed_followup()  # 「是复议后告的」 answering which kind of suit the last reply asked
        self.took_after = False
        self.dangling = []
        mentions = self._scoped(sentence, numbers(sentence))
        if self.correction and self._swap_column(sentence, {m.value for m in mentions}):
            return
        self._clauses(sentence, mentions)
        self._total_of_row(first)  # 「总数是十三件，村民的十一件」: the row the other numbers went to
        self._includes_carry_over(sentence, first)
        home = self._home(sentence)
        if home and mentions:  # narrative with numbers: kept whole; a clear table quantity stays too
            del self.questions[asked:]
            if home != "on_request":  # 「其他事项：人大代表建议12件……全部公开」 is no 表二 count
                self.statements[first:] = [
                    s for s in self.statements[first:] if not s.key.startswith("applications.")
                ]
            self._add_narrative(home, sentence)
            self.continues = home
            return
        unassigned = [m.raw for m, _ in self.dangling if not m.approximate]
        vague = [A.vague_raw(sentence, m) for m, _ in self.dangling if m.approximate]
        if self._produced() == before:
            vague += [v.group() for v in A.VAGUE.finditer(sentence)]
            if vague and not self._vague_material(sentence):
                self.questions.append(A.vague_question(sentence, vague))
                self.asked_row = self._vague_row(sentence)
                return
            key = (
                home or self._going_on(sentence) or self._narrative_key(sentence) or self._continued(sentence)
            )
            if key:
                self._add_narrative(key, sentence)
                self.continues = key
                return
        self.continues = None
        if unassigned and (again := A.restated_total(sentence, self.ctx.cells)):
            self.statements.append(Statement(again[0], again[1], sentence, note="与已有的数相同"))
        elif unassigned:
            shown = "、".join(unassigned[:3])
            self.questions.append(
                f"“{sentence}”中的 {shown} 没能确定对应表格的哪一栏，请换个说法（例如“本年新收申请12件”）。"
            )

    def _clauses(self, sentence: str, mentions: list[NumberMention]) -> None:
        """Each clause: its numbers find their cells; a clause without one acts by its words."""
        for clause in _CLAUSE.finditer(sentence):
            inside = [m for m in mentions if clause.start() <= m.start < clause.end()]
            if not inside:
                self._keywords(clause.group(), clause.group().strip())
                continue
            for i, m in enumerate(inside):
                lo = inside[i - 1].end if i else max(clause.start(), self.scope_end)
                hi = inside[i + 1].start if i + 1 < len(inside) else clause.end()
                source = (sentence[lo : m.start] + m.raw).strip("、，, ")
                if not self._number(m, sentence[lo : m.start], sentence[m.end : hi], source):
                    self.dangling.append((m, source))

    def _number(self, m: NumberMention, before: str, after: str, source: str) -> bool:
        if self._zero_again(m.value, before):
            return True
        if A.difference(before):  # 「比去年少了7件」
            self.notes.append(f"“{source}”是与上年的比较，不填入表格")
            return True
        if A.last_years(before, after):
            self.notes.append(f"“{(source + after).strip('，, ')}”说的是上年的情况，不计入今年的表格")
            return True
        if self.correction and A.WRONG_VALUE.search(before):  # 「不是38件，应该是40件」: 38 is corrected
            self.keyword_row = self._row(find_row(before, weak=False)) or self.keyword_row
            return True  # 「上年结转不是0，是2件」: the row named before 不是 takes the new value
        if self._part_of_single(m, before, after, source):  # 「处罚37起，其中简易程序20起」
            return True
        if self.retract and self.last and find_row(before, weak=False) is None:
            return self._replace_last(m, source)
        row_after = find_row(before, weak=False) is None and find_row(after, weak=False) is not None
        hit, source, consumed = self._hit(m, before, after, source)
        if consumed:
            return True
        if hit is None:
            return False
        row, col = hit
        whole = None  # 「上年结转2件都是个人的」: the total, all of one applicant type
        if col == row.default_col:  # 「律所那2件都给了」: the type before, the row after
            named = find_col(row, before, default=False)
            col = named or trailing_col(row, after) or col
            said = _ALL_ONE.match(after) or (
                _IS.match(after) and not row_after and row.pattern.search(before)
            )
            if not named and col != row.default_col and said:  # 「上年结转1件是居民的」 too
                whole, col = col, row.default_col  # 「去年还有2件企业的申请没办完」
        if (
            self.scope_col
            and row.kind == T2
            and col == "total"
            and find_col(row, before, default=False) is None
        ):
            col = self.scope_col
            self.scoped_rows.append(row.key)
        if row.is_group and self.keyword_row and self.keyword_row.key in row.leaves:
            row = self.keyword_row  # 「涉及第三方合法权益，征求意见后不予公开1件」
        if col is None and row.kind == T1_DOC and self.last and self.last.row.kind == T1_DOC:
            col = self.last.col  # 「制发规章0件，行政规范性文件3件」
        if m.unit not in _UNITS[row.kind] or (m.unit.endswith("元") and row.key != _FEE_ROW):
            return False
        if self._doc_material(row, col, m):
            return False
        if m.approximate:
            self.asked_row = None if row.is_group else row.key
            about = A.ABOUT.search(before)
            self.questions.append(A.vague_question(source, [(about.group() if about else "") + m.raw]))
            return True
        value = self._value(row, m, source)
        if value is None:
            return True
        if value == 0:
            self._zero_others(before, source, row)
        if not self._add_up(row, col, value, before, source):
            self._emit(row, col, value, source)
        leaf = find_row(after, weak=False) if row.is_group else None  # 「无法提供的3件都是信息不存在」
        if leaf and leaf.key in row.leaves:
            self._emit(leaf, col, value, source + after, True, "由上一个数字推出")
        self.context_row = row
        self.last = _Last(row, col or "", value)
        self._trailing_outcome(row, col, value, after, source)
        if whole and not row.is_group:
            self._rest_of(whole, [row.key], source)
        return True

    def _locate(self, seg: str, weak: bool = True) -> tuple[RowDef, str | None] | None:
        strong = self._row(find_row(seg, weak=False))
        ctx = self.context_row
        if strong and ctx and ctx.kind == T3 and strong.key.startswith("applications.results."):
            col = find_col(ctx, seg, default=False)  # 「复议……还有1件申请人撤回了」: 其他结果, not 表二
            if col:
                return ctx, col
        if strong:
            return strong, find_col(strong, seg)
        if ctx:
            col = find_col(ctx, seg, default=False)
            if col:
                return ctx, col
        weak_row = find_row(seg, weak=True) if weak else None
        if weak_row:
            return weak_row, find_col(weak_row, seg)
        return None

    def _topic_hit(self, seg: str) -> tuple[RowDef, str | None] | None:
        col = find_col(ROW_BY_KEY["applications.new_received"], seg, default=False)
        if not self.short:  # only a bare answer (「3件」) is read as the topic asked; 「公开了12件」 is not
            known = {**self.ctx.cells, **{s.key: s.value for s in self.statements}}
            key = A.column_answer_row(self.ctx.topic, known, col, seg)
            row = self._row(ROW_BY_KEY.get(key or ""))
            return (row, col or row.default_col) if row else self._topic_column(seg)
        rows = A.open_topic_rows(self.ctx.topic, self.ctx.cells)
        if not rows and col in spec.T2_APPLICANT_COLUMNS:  # 「自然人11件」 after the total: that type
            rows = A.topic_rows_missing(self.ctx.topic, self.ctx.cells, col)
        if len(rows) != 1:
            return None
        row = self._row(ROW_BY_KEY[rows[0]])
        return (row, find_col(row, seg)) if row else None

    def _row(self, row: RowDef | None) -> RowDef | None:
        if row and self.ctx.version == spec.FORMAT_2019:
            if row.key == "group:other" or row.key.startswith("applications.results.other."):
                return _ROW_2019_OTHER
        return row

    # ------------------------------------------------------------ emitting

    def _emit(self, row: RowDef, col: str | None, value, source: str, inferred=False, note="") -> None:
        if col is None and value == 0 and row.kind == T1_DOC:
            for c, _ in COLUMNS[T1_DOC]:
                self._emit(row, c, 0, source, True, f"{row.name}均为0")
            return
        if col is None:
            self.questions.append(
                f"“{source}”：{row.name}{format_number(value)}件是本年制发、本年废止还是现行有效件数？"
            )
            return
        if col == LEGAL_PERSONS:
            self.questions.append(
                f"“{source}”：表格没有“法人或其他组织”合计栏，请分别说明商业企业、科研机构、社会公益组织、"
                "法律服务机构和其他组织各多少件。"
            )
            return
        if row.is_group:
            if value:
                self.groups.append(GroupStatement(row.key, col, int(value), source))
                return
            for leaf in row.leaves:
                leaf_row = self._row(ROW_BY_KEY.get(leaf)) or RowDef(leaf, row.pattern, row.kind, "total", "")
                self._emit(leaf_row, col, 0, source, True, f"“{row.name}”为0")
            return
        self.statements.append(Statement(f"{row.key}.{col}", value, source, inferred, note))
        if value == 0 and col == "total" and row.kind in (T2, T3):
            parts = spec.T2_APPLICANT_COLUMNS if row.kind == T2 else T3_PARTS
            for part in parts:
                self.statements.append(Statement(f"{row.key}.{part}", 0, source, True, "总数为0"))

    def _zero(self, row: RowDef, clause: str, source: str) -> None:
        self._emit(row, find_col(row, clause), 0, source)
