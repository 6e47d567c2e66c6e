"""Issue 15 item 2: one hostile file never aborts a batch (load, check, render), nor `draft`."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.cli import main

GOOD = """agency: 测试县测试局
year: 2023
missing: zero
cells:
  applications.new_received.natural_person: 5
  applications.results.granted.natural_person: 4
  applications.carried_to_next.natural_person: 1
"""


def _batch(tmp_path: Path) -> Path:
    d = tmp_path / "batch"
    d.mkdir()
    for i in range(5):
        (d / f"good_{i}.yaml").write_text(GOOD, encoding="utf-8")
    (d / "sum_1e5000.json").write_text(
        '{"agency": "某局", "year": 2023, "cells": {"applications.new_received.total": 1' + "0" * 5000 + "}}",
        encoding="utf-8",
    )
    (d / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (d / "bomb.yaml").write_text("a: &a [1,1]\nb: &b [*a,*a]\nagency: *b\n", encoding="utf-8")
    return d


def test_batch_with_hostile_files_reports_every_good_file(tmp_path, capsys) -> None:
    code = main(["check", "--json", str(_batch(tmp_path))])
    out = json.loads(capsys.readouterr().out)
    by_name = {Path(r["source"]).name: r for r in out["reports"]}
    assert len(by_name) == 8
    assert code == 2
    for i in range(5):
        assert (
            "error" not in by_name[f"good_{i}.yaml"] and by_name[f"good_{i}.yaml"]["agency"] == "测试县测试局"
        )
    for name in ("deep.json", "bomb.yaml"):
        assert name in by_name[name]["error"]
    huge = by_name["sum_1e5000.json"]
    assert any(f["rule"] == "INVALID_VALUE" for f in huge["findings"])


def test_a_crash_in_the_check_stage_is_contained(tmp_path, capsys, monkeypatch) -> None:
    from assistant.core import engine

    real = engine.check

    def flaky(facts, *args, **kw):
        if facts.source.endswith("good_2.yaml"):
            raise OverflowError("boom")
        return real(facts, *args, **kw)

    monkeypatch.setattr(engine, "check", flaky)
    code = main(["check", str(_batch(tmp_path))])
    out = capsys.readouterr().out
    assert code == 2
    assert "good_2.yaml：核对时出现意外错误" in out
    assert out.count("== 测试县测试局 2023年度") == 4
    assert "Traceback" not in out


def test_text_rendering_failure_is_contained(tmp_path, capsys, monkeypatch) -> None:
    from assistant.commands import check

    real = check._render_one

    def flaky(r, show_all):
        if r.source.endswith("good_1.yaml"):
            raise TypeError("boom")
        return real(r, show_all)

    monkeypatch.setattr(check, "_render_one", flaky)
    main(["check", str(_batch(tmp_path))])
    out = capsys.readouterr().out
    assert "显示核对结果时出现意外错误" in out and out.count("== 测试县测试局 2023年度") == 4


def test_draft_on_hostile_facts_never_tracebacks(tmp_path, capsys) -> None:
    d = _batch(tmp_path)
    for name in ("sum_1e5000.json", "deep.json", "bomb.yaml"):
        code = main(["draft", "--backend", "offline", "--no-corpus", str(d / name)])
        err = capsys.readouterr().err
        assert code in (1, 2), name
        assert "Traceback" not in err


def test_draft_crash_inside_drafting_is_a_chinese_message(tmp_path, capsys, monkeypatch) -> None:
    def boom(*a, **k):
        raise RecursionError("deep")

    monkeypatch.setattr("assistant.drafting.stream_draft", boom)  # the command imports it when it runs
    p = tmp_path / "good.yaml"
    p.write_text(GOOD, encoding="utf-8")
    code = main(["draft", "--backend", "offline", "--no-corpus", str(p)])
    err = capsys.readouterr().err
    assert code == 2 and "good.yaml" in err and "起草时出现意外错误" in err
