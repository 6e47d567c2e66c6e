"""A message put in the words the extractor reads, every rewrite logged so sources show the user's words.

Pure helper of `extract`: 「一件也没收到」 → none, 「不收费」 → 行政事业性收费没有, 「年底都办完了」 /
「也没有剩下的」 → 年底没有结转, 「没有结转，去年也没有」 → 上年结转也没有, typing slips of official words
(「出罚」 → 处罚), 「表里是38，后来又补了两件，最后是40」 → 最后是40 and the like. `said` collects (rewritten, as typed) pairs for `phrases.restore`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.core import spec
from assistant.intake import answers as A
from assistant.intake import bare_other, counted_as, doc_columns, suit_order
from assistant.intake.coordinated import shared_outcome, these
from assistant.intake.lexicon import CASE_OF, NO_POWER, ROW_BY_KEY, SUIT_WORD, WE_HOLD_NONE
from assistant.intake.phrases import find_col, find_row, numbers, rewrite

_NOT_ONE = re.compile(  # 一件也没收到 / 一件申请也没收到 / 复议诉讼一个没有: none
    r"[一1]\s*[件个宗起项份](?:[^，,。；;\d]{0,4}?(?:也|都)(?:没有|没|未|不)(?:有)?|\s*(?:没有|没)(?=$|[，,。；;！!]))"
)
_WE = r"(?:我们(?:乡|镇|街道|局|单位|这里|这边)?|本(?:单位|乡|镇|局|街道)|我(?:局|乡|镇|办)|今年)?"
_NO_FEE = re.compile(rf"^{_WE}(?:也|都)?(?:不|没有?|未)收(?:取)?(?:任何)?费(?:用)?[。！!]?$")
_NO_FEE_CLAUSE = re.compile(  # 「……，也不收费」: a clause saying no 行政事业性收费
    rf"(?<![^，,。；;\s]){_WE}(?:也|都)?(?:不|没有?|未)收(?:取)?(?:任何)?(?:行政事业性)?费(?:用)?"
    r"(?:的|了)?(?=$|[，,。；;！!])"
)
_NOT_HERE = re.compile(  # 「两件我们这没有」: a count this body does not hold
    r"(?:(?<=[0-9一二两三四五六七八九十][件个])|(?<=[管办处责发做定批理]的))"  # 「……是市场监管局查处的我们没有」
    rf"{WE_HOLD_NONE}(?:这个|这些|相关)?(?=$|[，,。；;！!])"
)
_REFERRED = re.compile(  # 「让他去找公交公司」: sent to whoever holds it, not an applicant type
    r"(?<=[让叫诉知议])(?:他|她|其|申请人)(?:们)?(?:去|到|向)?找?[^，,。；;\d\s]{1,10}?(?:公司|集团|中心|医院|学校|银行)"
)
_PART_WITHHELD = re.compile(  # 「涉及别人隐私那部分没给，其他给了」: the part held back, then the rest given
    r"(?:(?<=^)|(?<=[，,。；;]))(?P<held>[^，,。；;\d件]{0,20}?(?:没|未|不予|不能)(?:给|公开|提供)(?:他|她)?)[，,]\s*"
    r"(?:其他|其余|剩下|别的)的?(?:部分|内容)?(?:都|均)?(?:给了|给他了|公开了|提供了|给他公开了)(?=$|[，,。；;！!])"
)
_LAPSED = re.compile(  # 「还有一件让他补正，他过了期限也没补」: the count's clause names the row
    r"(?:让|要求|通知|叫|告知)(?:他|她|其|申请人)(?:们)?补(?:正|充)(?:材料)?(?=[^。；;\d]{0,12}?(?:没补|不补|未补|没有补))"
)
_PAIR_SPACE = re.compile(r"复议\s*诉讼\s+(?=都|也|均|全|没|无)|复议\s+诉讼")  # 「复议 诉讼 都没有」
_ONE_BY_ONE = re.compile(
    r"[，,]?\s*(?:我|我们)?(?:就)?(?:一件一件|一个一个|挨个|逐件|逐个)(?:地|的)?(?:说|讲|报|来说?)(?:吧|一下)?"
)
_RUN_COUNTS = re.compile(
    r"([0-9一二两三四五六七八九十]+[件个])(?=[0-9一二两三四五六七八九十]+[件个])"
)  # 「六件四件给了」
_NONE_RUN = re.compile(r"(?<=复议|诉讼)(?:没有|没|无)(?=(?:行政)?(?:诉讼|复议))")  # 「复议没有诉讼没有」
_BOTH_NONE = re.compile(  # 「规章和规范性文件都没有」「许可 处罚 强制 收费 都没有」
    r"(?:^|(?<=[，,。；;：:]))\s*(?P<items>[^，,。；;：:\d]{4,40}?)\s*(?:我们|今年|本单位)?(?:都|也|均|全)(?:没有|没|无)"
    r"(?=$|[，,。；;！!]|[^\d，,。；;]{0,6}(?:$|[，,。；;]))"
)
_ITEM_SEP = re.compile(r"\s+|和|与|跟|及|、")
_NEW = "applications.new_received"
_PREV_DONE = re.compile(  # 「没有，去年的都办完了」: nothing carried over from last year
    r"^(?:没有|没|无)[，,\s]*(?:去年|上年|上一年)的?(?:申请)?(?:也)?(?:都|全|全部|全都)(?:已经?|在去年)?(?:办完|办结|答复完|处理完)了?[。！!]?$"
)
_ALL_DONE = re.compile(
    r"(?:年底|年末|年终)(?:前)?也?(?:都|全部|全都|均)(?:已经?)?(?:办完|办结|处理完|答复完)(?:了)?(?=$|[，,。；;！!])"
    r"|(?<![去上]年)(?:(?<=^)|(?<=[，,。；;]))也?没有?(?:剩下|剩余|剩)(?:的|来的)?(?=$|[，,。；;！!])"  # 也没有剩下的
)
_YEAR_DONE = re.compile(  # a clause of its own: this year's applications were all dealt with
    r"(?:(?<=^)|(?<=[，,。；;]))(?:今年|本年度?)(?:的|收的|收到的|的申请)?也?(?:都|全部|全都|均)(?:已经?)?"
    r"(?:办完|办结|处理完|答复完)(?:了)?(?=$|[，,。；;！!])"
)

_CARRIED_TOLD = re.compile(  # 「去年转过来的那2件」: last year's carry-over is what the message is about
    r"(?:去年|上一?年度?)(?:还|也)?(?:结转|转过来|转来|遗留|剩下?)|(?:这|那)[0-9一二两三四五六七八九十]+(?:件|个)"
)
_TYPE_ABOUT = re.compile(  # 「律所3件都是问拆迁的，2件公开，……」: a type's count, what they asked, then its outcomes
    r"(?:(?<=^)|(?<=[，,。；;]))(?P<head>[^，,。；;\d]{1,8}?[0-9一二两三四五六七八九十]+\s*件)"
    r"(?:都|全|均)?是?(?:问|要|申请|查|咨询)[^，,。；;\d]{1,16}?的?[，,]\s*(?=[^，,。；;]*?[0-9一二两三四五六七八九十]+\s*件)"
)
_ONE_WHO = re.compile(  # 「还有一个助学基金会来了3件」: one applicant, its count of applications follows
    r"还有一个(?=[^，,。；;\d一二两三四五六七八九十]{2,14}?(?:来了|申请了|提了|交了|递交了)[0-9一二两三四五六七八九十]+\s*件)"
)
_NEW_OF_TYPE = re.compile(
    r"(?:今年|本年度?)新收的(?P<who>[^，,。；;\d]{1,6}?)(?=[0-9一二两三四五六七八九十]+\s*件(?:里|里面|中|当中))"
)
_TYPE_OF = re.compile(  # 「个人的里面公开7件，……」「个人的公开7件」: that type's outcomes follow
    r"(?:(?<=^)|(?<=[，,。；;]))(?P<who>[^，,。；;：:\d]{1,6}?)的(?:里面|里头|当中|中|里)?(?=(?:予以)?公开[0-9一二两三四五六七八九十]|给了[0-9一二两三四五六七八九十])"
)
_SAY_SCOPE = re.compile(
    r"^\s*(?:先|再|然后|下面|接着)?说(?:说|一下)?(?P<scope>[^，,。；;：:\d]{1,8}?的[：:])"
)  # 「先说个人的：」
_FINAL = re.compile(  # 「表里是38，后来又补了两件，最后是40」: the figure first written, then the final one
    r"(?:表里|表上|表格里|原来|本来|之前|开始|起初)(?:写的|填的|报的)?(?:是|为)?[0-9０-９]+(?:件|个|起|项)?"
    r"[，,][^。；;\n]{0,16}?[，,](?:最后|最终)(?=(?:一共|总共)?(?:是|为|算|有)?[0-9０-９])"
)


_ASKED_FOR = re.compile(
    r"(?:(?<=问的是)|(?<=要的是)|(?<=查的是)|(?<=申请的是)|(?<=想要的是))[^，,。；;\s\d]{1,24}?"
    r"(?=我们|不掌握|无此|查无|属于|不属于|涉及|给了|没给|不予|要另外|需要另|得另外|需要制作|需要加工|[，,。；;\s\d]|$)"  # 「……排污数据我们不掌握」: the row stays
)
_THAT = re.compile(r"那个")
_TYPOS = re.compile(r"部份")  # 「部份公开」
_ONE_MORE = re.compile(r"(?<=还有)个(?=是[^，,。；;\d]{1,12}?的)")
_REISSUE = re.compile(  # 「让我们再盖章重新出一份」: a copy of what they already have, no count
    r"(?:(?:再|重新)盖(?:个)?章)?(?:重新|再)(?:出|开|打印?)一(?:份|张)(?=$|[，,。；;！!？?\s]|给|的)"
)
_CLAUSE_END = re.compile(r"[，,。；;！!？?\n]")
_YEAR_SCOPE = re.compile(  # 「今年的五件：三件公开了，……」: this year's applications, then their outcomes
    r"(?:^|(?<=[。；;\n]))\s*(?:今年|本年)(?:新收|收到)?的(?:这|那)?(?P<n>[0-9一二两三四五六七八九十]+)件(?:申请)?"
    r"(?:里|中|当中)?[：:]"
)
# 「是个人对我们不掌握的答复不服」: what a review or suit was brought against, no outcome of an application
_APPEALED = re.compile(
    r"对(?:我们|我局|本机关|本局)?(?:作出)?的?(?![^，,。；;]{0,12}?复议)[^，,。；;！!？?]{1,12}?(?:答复|决定|告知书?|处理)不服"
)
_CARRY_DONE = (
    re.compile(  # 「去年那件今年2月答复了」: the carry-over's one answered, not the year's 办结 total
        r"(?P<that>(?:去年|上年|结转|转过来|剩下)的?那(?:一)?件)(?P<when>[^，,。；;]{0,10}?)"
        r"(?:答复了|办完了|办结了|处理完了|已答复|已办结)"
    )
)
_LAST_YEARS = re.compile(
    r"(?<!结转)(?<!转过来)去年(?:的)?那(?P<n>[0-9一二两三四五六七八九十]+件)"
)  # 「去年那三件」
_YEAR_FILLED = re.compile(
    r"(?<=[填弄写做报])(?:一下)?20[0-9]{2}(?:年度?)?(?:的)?(?![0-9件个条项])"
)  # 「开始填2025的」
_OF_TOTAL = re.compile(  # 「二十件里个人十四件」: the total just given, then its types
    r"(?:^|(?<=[，,。；;：:\s]))(?P<n>[0-9一二两三四五六七八九十]+)件(?:里面|里|当中|之中|中)(?=[^，,。；;]{0,6}?[0-9一二两三四五六七八九十])"
)
_OF_DONE = re.compile(  # 「办结的里面：公开十二件，……」: the outcomes of those dealt with, 办结 no row of its own
    r"(?:^|(?<=[。；;\n]))\s*(?:办结|办完|答复|处理完)的(?:这些|那些)?(?:申请)?(?:里面|里头|里|当中|中)[：:，,]?"
)


def _counts_known(message: str, said: list[tuple[str, str]], cells: dict) -> str:
    """Counts read against what is known: 「去年那三件」 is the carry-over when 上年结转 is 3 (not 「我把去年那两件
    也算进来了」 with none carried); 「二十件里」 names a total already given (then its types), no count."""
    carried = cells.get("applications.carried_over_from_prev.total")
    totals = {v for k, v in cells.items() if k.startswith("applications.") and k.endswith(".total")}

    def count(m: re.Match[str]):
        found = numbers(m.group("n") if m.group("n").endswith("件") else m.group("n") + "件")
        return found[0].value if found else None

    message = rewrite(
        _LAST_YEARS,
        lambda m: f"去年结转的那{m.group('n')}" if carried and count(m) == carried else None,
        message,
        said,
    )
    return rewrite(_OF_TOTAL, lambda m: "其中" if count(m) in totals else None, message, said)


def that_one_of_a_type(message: str, said: list[tuple[str, str]]) -> str:
    """「那个研究所的」「律所那个」: that one application of a type named beside it, 1件 (not the filler
    「那个，我们……」, nor 「那个企业的3件」 whose clause gives its own count)."""

    def sub(m: re.Match[str]) -> str:
        before = _CLAUSE_END.split(message[: m.start()])[-1][-6:]
        after = _CLAUSE_END.split(message[m.end() :])[0]
        near = after[:10] if re.match(r"^[^的]{1,8}的", after) else ""
        typed = any(  # 「那个研究所的」 names its type after, 「公司那个要我们把……的」 before
            find_col(ROW_BY_KEY[_NEW], words, default=False) in spec.T2_APPLICANT_COLUMNS
            for words in (near, before)
            if words
        )
        if not typed or numbers(before + after):
            return m.group()
        said.append(("那1个", m.group()))
        return "那1个"

    return _THAT.sub(sub, message)


_TYPE_ONLY = re.compile(
    r"(?:^|(?<=[，,。；;]))(?P<who>[^，,。；;\d]{1,6}?)的(?=(?P<rest>[^，,。；;\d]{1,12})(?:$|[，,。；;]))"
)


def the_one_of_a_type(message: str, said: list[tuple[str, str]], cells: dict) -> str:
    """「研究所的给了」 when one application of that type came in this year: that one, 1件."""

    def sub(m: re.Match[str]) -> str:
        col = find_col(ROW_BY_KEY[_NEW], m.group("who"), default=False)
        row = find_row(m.group("rest"), weak=False)
        if col not in spec.T2_APPLICANT_COLUMNS or cells.get(f"{_NEW}.{col}") != 1:
            return m.group()
        if row is None or not row.key.startswith("applications.results."):
            return m.group()
        said.append((m.group() + "1件", m.group()))
        return m.group() + "1件"

    return _TYPE_ONLY.sub(sub, message)


_GLOSS = re.compile(
    r"(?P<count>[0-9一二两三四五六七八九十]+\s*[件个])\s*[（(](?P<inner>[^（）()]{2,40})[）)]"
)


def glossed(message: str, said: list[tuple[str, str]]) -> str:
    """「研究机构4件（两所大学、一个研究院、一个社科院）」: a count followed by its members in brackets
    whose counts add up to it is that one count; the brackets stay in the source words."""

    def sub(m: re.Match[str]) -> str:
        inner = [
            n.value
            for n in numbers(re.sub(r"(?<=[0-9一二两三四五六七八九十])[所家位名]", "个", m.group("inner")))
        ]
        count = numbers(m.group("count"))
        if len(inner) < 2 or not count or sum(inner) != count[0].value or "件" in m.group("inner"):
            return m.group()
        before = _CLAUSE_END.split(message[: m.start()])[-1]
        outer = find_col(ROW_BY_KEY[_NEW], before, default=False)
        parts = {
            find_col(ROW_BY_KEY[_NEW], p, default=False) for p in re.split(r"[、，,和及]", m.group("inner"))
        }
        if outer not in spec.T2_APPLICANT_COLUMNS or parts - {outer, None}:
            return m.group()  # 「3件（企业1件、个人2件）」: the brackets give the types
        said.append((m.group("count"), m.group()))
        return m.group("count")

    return _GLOSS.sub(sub, message)


def spell(
    message: str,
    topic: str | None,
    said: list[tuple[str, str]],
    cells: dict | None = None,
    aliases: tuple[tuple[str, str], ...] = (),
) -> tuple[str, re.Match[str] | None]:
    """(the message as the extractor reads it, the 「都答复了」 match that closes the results, if any)."""
    message = glossed(A.fix_slips(rewrite(_TYPOS, "部分", message or "", said), said), said)
    message = counted_as.spell_out(
        message, said, aliases
    )  # 「民营医院申请的2件（算商业企业）」: filed as said
    message = rewrite(_YEAR_FILLED, "本年度的", message, said)  # a year, no count
    message = _scopes(message, said)  # 「先说个人的：」「律所3件都是问拆迁的，」「个人的里面公开7件」……
    message = rewrite(_YEAR_SCOPE, lambda m: f"本年新收{m.group('n')}件，", message, said)
    message = _counts_known(message, said, cells or {})  # 「去年那三件」「二十件里」
    message = rewrite(_CARRY_DONE, lambda m: f"{m.group('that')}{m.group('when')}办理了", message, said)
    message = _counts_apart(rewrite(_ONE_MORE, "一个", message, said), said)  # 「还有个是养殖协会的」
    message = _ONE_BY_ONE.sub(
        "", message
    )  # 「今年就三件，我一件一件说」: how it is told, a clause of its own
    message = rewrite(A.BARE_NONE, "没有", rewrite(_NOT_ONE, "没有", A.echoed(message), said), said)
    message = rewrite(NO_POWER, "均无", message, said)  # 「规章我们没权限制定」: none
    message = rewrite(_ASKED_FOR, _asked_for, message, said)  # 「问的是小区规划许可」: what was asked, no row
    message = doc_columns.spell_out(suit_order.spell_out(message, said), said)  # 「2/0/11」「后来又起诉」
    message = rewrite(_NO_FEE, "行政事业性收费没有", message.strip(), said)  # 「不收费」 as a whole answer
    message = rewrite(_NO_FEE_CLAUSE, "行政事业性收费没有", message, said)
    message = bare_other.spell_out(rewrite(A.THAT_ONE, "那1件", message, said), said)  # 那件; 其他1件
    message = the_one_of_a_type(
        that_one_of_a_type(message, said), said, cells or {}
    )  # 「刚才那个研究所的予以公开了」
    message = these(shared_outcome(message, said), said, cells or {})  # 「A和B都公开了」「这5件里」
    message = rewrite(_REFERRED, "他去找有关单位", rewrite(_NOT_HERE, "本机关不掌握", message, said), said)
    message = rewrite(_REISSUE, "重新出具", rewrite(_LAPSED, "逾期不补正", message, said), said)
    message = _part_withheld(message, said)  # 「涉及别人隐私那部分没给，其他给了」: 部分公开
    message = rewrite(_APPEALED, "对此不服", message, said)
    message = rewrite(_PAIR_SPACE, "复议诉讼", message, said)
    message = _none_run(_both_none(message, said), said)
    message = rewrite(_PREV_DONE, "上年结转没有", message, said)
    message = rewrite(_ALL_DONE, "年底没有结转", message, said)  # 「年底都办完了」: nothing carried over
    if topic != "carried_over" and not _CARRIED_TOLD.search(message):  # else the carry-over's outcome
        message = rewrite(_YEAR_DONE, "年底没有结转", message, said)  # 「去年没有结转，今年也都办完了」
    message = rewrite(_FINAL, "最后", message, said)  # 「表里是38，……，最后是40」: 40
    answered = A.ALL_ANSWERED.search(message) if numbers(message) and not A.narrative_like(message) else None
    message = rewrite(A.ALL_ANSWERED, "年底没有结转", message, said) if answered else message  # 「都答复了」
    return A.spell_carry(message, topic, said), answered


def _scopes(message: str, said: list[tuple[str, str]]) -> str:
    """Whose applications the counts that follow are: a type's scope spelled as 「个人的：」「律所3件：」, and the
    words that only say which application a 表三 case was about set aside."""
    message = rewrite(_SAY_SCOPE, lambda m: m.group("scope"), message, said)  # 「先说个人的：」
    message = rewrite(_OF_DONE, "其中，", message, said)
    message = rewrite(
        _TYPE_ABOUT, _type_scope("head", "："), message, said
    )  # 「律所3件都是问拆迁的，」: 律所3件：
    message = rewrite(_TYPE_OF, _type_scope("who", "的："), message, said)  # 「个人的里面公开7件」: 个人的：
    if SUIT_WORD.search(message):  # 「复议有1件，就是个人不掌握那件」: which application, no 表二 value
        message = rewrite(CASE_OF, "某事项", message, said)
    message = rewrite(_ONE_WHO, "还有", message, said)  # 「还有一个基金会来了3件」: 3件
    return rewrite(_NEW_OF_TYPE, lambda m: m.group("who"), message, said)  # 「今年新收的个人10件里」


def _part_withheld(message: str, said: list[tuple[str, str]]) -> str:
    """「……那部分没给，其他给了」 read in the order the reader knows (「一部分给了，……那部分没给」); a source that
    quotes the part held back alone gives the words typed back whole."""

    def sub(m: re.Match[str]) -> str:
        new = f"一部分给了，{m.group('held')}"
        said.extend([(new, m.group()), (m.group("held"), m.group())])
        return new

    return _PART_WITHHELD.sub(sub, message)


def _asked_for(m: re.Match[str]) -> str | None:
    """What was asked for is no row, unless it names the outcome (「要的是……内部讨论稿」: 过程性信息)."""
    row = find_row(m.group(), weak=False)
    return None if row is not None and row.key.startswith("applications.results.") else "某事项"


def _type_scope(group: str, tail: str) -> Callable[[re.Match[str]], str | None]:
    """The scope 「个人的：」「律所3件：」 (the match's `group` + `tail`) when those words name an applicant
    type, else the match as typed."""

    def scope(m: re.Match[str]) -> str | None:
        col = find_col(ROW_BY_KEY[_NEW], m.group(group), default=False)
        return f"{m.group(group)}{tail}" if col in spec.T2_APPLICANT_COLUMNS else None

    return scope


def _counts_apart(message: str, said: list[tuple[str, str]]) -> str:
    """「个人的六件四件给了」: a scope's count and the next count run together, read as two clauses."""

    def sub(m: re.Match[str]) -> str:
        if message.startswith(m.group(1), m.end()):
            return m.group()  # 「一个一个地问」: no two counts
        said.append((m.group(1) + "，", m.group(1)))
        return m.group(1) + "，"

    return _RUN_COUNTS.sub(sub, message)


def _none_run(message: str, said: list[tuple[str, str]]) -> str:
    """「复议没有诉讼没有」: two answers run together, read as two clauses."""

    def sub(m: re.Match[str]) -> str:
        said.append((m.group() + "，", m.group()))
        return m.group() + "，"

    return _NONE_RUN.sub(sub, message)


def _both_none(message: str, said: list[tuple[str, str]]) -> str:
    """「规章和规范性文件都没有」「许可 处罚 强制 收费 都没有」: none of each row named, one negation each."""

    def sub(m: re.Match[str]) -> str:
        items = [t for t in _ITEM_SEP.split(m.group("items")) if t]
        rows = [find_row(t, weak=False) for t in items]
        if len(items) < 2 or None in rows or len({r.key for r in rows}) < len(rows):  # type: ignore[union-attr]
            return m.group()
        lead = m.group()[: m.start("items") - m.start()]
        new = lead + "，".join(f"{t}没有" for t in items)
        said.append((new, m.group()))
        return new

    return _BOTH_NONE.sub(sub, message)
