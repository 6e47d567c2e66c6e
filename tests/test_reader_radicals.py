"""PDF text drawn with Kangxi-radical code points (chromium's CJK fonts) reads as ordinary characters."""

from __future__ import annotations

from assistant.reader.glyphs import fold as fold_radicals


def test_kangxi_radicals_fold_to_ordinary_characters() -> None:
    assert fold_radicals("临澜市\u2f63态环境局") == "临澜市生态环境局"
    assert fold_radicals("\u2f8f政复议") == "行政复议"
    assert fold_radicals("（一）予以公开 12") == "（一）予以公开 12"  # full-width brackets untouched


def test_crawled_text_with_radicals_finds_its_inline_headings() -> None:
    from assistant.reader.textfile import read_text

    filler = "本机关认真贯彻落实政府信息公开条例，" * 12  # a crawled page runs on in one long line
    line = f"{filler}\u2f00、总体情况{filler}\u2f06、主动公开政府信息情况{filler}"
    doc = read_text(line.encode("utf-8"), "crawl.txt")
    texts = [b.text for b in doc.blocks]
    assert any(t.startswith("一、总体情况") for t in texts) and any(
        t.startswith("二、主动公开") for t in texts
    )
