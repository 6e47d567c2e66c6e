"""Look-alike code points folded to the ordinary characters the official labels use.

Chromium's and some Office PDF fonts map 生/行/长/青/民… to Kangxi radicals (U+2F00–U+2FD5), CJK
radicals supplement (U+2E80–U+2EF3) or CJK compatibility ideographs; text copied out of such PDFs
into web pages and crawled text carries them too. They look the same but match no label
("⽣态环境局", "⾏政复议", "⻘禾市", "人⺠政府"). NFKC folds the Kangxi radicals and the compatibility
ideographs, but not the supplement (only ⺟ and ⻳ have a compatibility mapping): its radicals are
mapped by `_SUPPLEMENT`, Unicode's EquivalentUnifiedIdeograph data for that block (Unicode 14).
Full-width brackets and digits are left as they are (other code handles them where it needs to).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from assistant.reader.blocks import Document, Grid, Para

# radical, unified ideograph, in pairs (EquivalentUnifiedIdeograph.txt, U+2E80–U+2EF3)
_SUPPLEMENT = (
    "⺁厂⺂乛⺃乚⺄乙⺅亻⺆冂⺇𠘨⺈刀⺉刂⺊卜⺋㔾⺌小⺍小⺎兀⺏尣⺐尢⺑𡯂⺒巳⺓幺⺔彑"
    "⺕彐⺖忄⺗心⺘扌⺙攵⺛旡⺜日⺝月⺞歺⺟母⺠民⺡氵⺢氺⺣灬⺤爫⺥爫⺦丬⺧牛⺨犭⺩王"
    "⺪𤴔⺫目⺬示⺭礻⺮𥫗⺯糹⺰纟⺱罓⺲罒⺳㓁⺴冗⺵𦉫⺶羊⺷𦍌⺸𦍋⺹耂⺺肀⺻聿⺼肉⺽𦥑"
    "⺾艹⺿艹⻀艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻇𧢲⻈讠⻉贝⻊𧾷⻋车⻌辶⻍辶⻎辶⻏邑⻐钅⻑長"
    "⻒镸⻓长⻔门⻕𨸏⻖阝⻗雨⻘青⻙韦⻚页⻛风⻜飞⻝食⻞𩙿⻟飠⻠饣⻡𩠐⻢马⻣骨⻤鬼⻥鱼"
    "⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟"
)
SUPPLEMENT: dict[str, str] = {_SUPPLEMENT[i]: _SUPPLEMENT[i + 1] for i in range(0, len(_SUPPLEMENT), 2)}

_LOOKALIKE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff\U0002f800-\U0002fa1f]")


def _ordinary(ch: str) -> str:
    return SUPPLEMENT.get(ch) or unicodedata.normalize("NFKC", ch)


def fold(text: str) -> str:
    if not text or not _LOOKALIKE.search(text):
        return text
    return _LOOKALIKE.sub(lambda m: _ordinary(m.group()), text)


def fold_document(doc: Document) -> None:
    """Every paragraph and grid cell of `doc`, folded in place (all formats meet here)."""
    doc.title_hint = fold(doc.title_hint)
    doc.blocks = [_fold_block(b) for b in doc.blocks]


def _fold_block(block: Para | Grid) -> Para | Grid:
    if isinstance(block, Para):
        return replace(block, text=fold(block.text))
    rows = tuple(tuple(None if c is None else fold(c) for c in row) for row in block.rows)
    return replace(block, rows=rows)
