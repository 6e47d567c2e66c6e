"""PDF text drawn with Kangxi-radical code points (chromium's CJK fonts) reads as ordinary characters."""

from __future__ import annotations

from assistant.reader.pdffile import fold_radicals


def test_kangxi_radicals_fold_to_ordinary_characters() -> None:
    assert fold_radicals("临澜市\u2f63态环境局") == "临澜市生态环境局"
    assert fold_radicals("\u2f8f政复议") == "行政复议"
    assert fold_radicals("（一）予以公开 12") == "（一）予以公开 12"  # full-width brackets untouched
