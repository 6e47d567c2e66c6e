"""The history's highlighting: by sentence (as the Word 修订稿), escaped, line breaks kept."""

from __future__ import annotations

from assistant.app.review_flow import highlight


def test_a_rewritten_sentence_is_struck_and_marked_whole_not_by_scattered_characters():
    out = highlight("2024年，本局认真贯彻条例。按规定发布。", "本年度共收到申请3件。按规定发布。")
    assert out == "<del>2024年，本局认真贯彻条例。</del><mark>本年度共收到申请3件。</mark>按规定发布。"


def test_a_touched_sentence_shows_only_the_changed_characters():
    assert (
        highlight("主动公开信息120条。", "主动公开信息126条。")
        == "主动公开信息12<del>0</del><mark>6</mark>条。"
    )


def test_markup_in_a_change_is_shown_as_text():
    out = highlight("甲。", "甲。<script>alert(1)</script>")
    assert "<script>" not in out and "&lt;script&gt;" in out
