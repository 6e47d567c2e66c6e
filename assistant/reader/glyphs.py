"""Look-alike code points folded to the ordinary characters the official labels use.

Chromium's and some Office PDF fonts map 生/行/长… to Kangxi radicals (U+2F00–U+2FD5), CJK radicals
supplement or CJK compatibility ideographs; text copied out of such PDFs into web pages and crawled
text carries them too. They look the same but match no label ("⽣态环境局", "⾏政复议"): NFKC folds
each to the ordinary character. Full-width brackets and digits are left as they are (other code
handles them where it needs to).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from assistant.reader.blocks import Document, Grid, Para

_LOOKALIKE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\uf900-\ufaff]")


def fold(text: str) -> str:
    if not _LOOKALIKE.search(text):
        return text
    return _LOOKALIKE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def fold_document(doc: Document) -> None:
    """Every paragraph and grid cell of `doc`, folded in place (all formats meet here)."""
    doc.title_hint = fold(doc.title_hint)
    doc.blocks = [_fold_block(b) for b in doc.blocks]


def _fold_block(block: Para | Grid) -> Para | Grid:
    if isinstance(block, Para):
        return replace(block, text=fold(block.text))
    rows = tuple(tuple(None if c is None else fold(c) for c in row) for row in block.rows)
    return replace(block, rows=rows)
