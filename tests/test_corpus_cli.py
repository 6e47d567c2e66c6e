"""`assistant ingest` and `assistant search`: files on disk, unreadable files, summaries, server down."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from assistant.cli import main
from assistant.corpus.ingest import default_corpus_dir
from tests.chroma_server import free_port

ENV = (
    "ASSISTANT_CHROMA_URL",
    "ASSISTANT_EMBEDDINGS",
    "ASSISTANT_EMBEDDINGS_MODEL",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
)


@pytest.fixture
def env(tmp_path, monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)  # no .env from the repository
    return tmp_path


def _facts(agency: str, year: int, overview: str, problems: str) -> dict:
    return {
        "agency": agency,
        "year": year,
        "level": "县级部门",
        "title": f"{agency}{year}年政府信息公开工作年度报告",
        "cells": {"applications.new_received.natural_person": 2},
        "sections": {
            "s1_overview": overview,
            "s5_problems": problems,
            "s6_other": "本年度未收取信息处理费。",
        },
    }


@pytest.fixture
def folder(env):
    d = env / "reports"
    d.mkdir()
    overview = "{y}年，本局认真贯彻条例。\n（一）主动公开\n全年公开信息{n}条。\n（二）依申请公开\n收到申请{m}件，{extra}"
    extra = {2022: "均按期答复。", 2023: "答复文书统一格式，未发生行政复议。"}
    for year, n, m in ((2022, 120, 3), (2023, 150, 5)):
        text = overview.format(y=year, n=n, m=m, extra=extra[year])
        data = _facts("庚县市场监督管理局", year, text, f"{year}年信息更新不够及时。")
        (d / f"geng_{year}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (d / "broken.yaml").write_text("agency: [unclosed\n", encoding="utf-8")
    (d / "no_sections.yaml").write_text("agency: 某局\nyear: 2023\n", encoding="utf-8")
    (d / "garbage.docx").write_bytes(b"\x00\x01not a docx")
    (d / "README.md").write_text("# 说明\n", encoding="utf-8")
    return d


def test_ingest_lists_unreadable_files_and_ingests_the_rest(folder, capsys):
    assert main(["ingest", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "读取文件 5 个" in out and "入库报告 2 份" in out and "跳过 3 个文件" in out
    assert "broken.yaml" in out and "no_sections.yaml" in out and "garbage.docx" in out
    assert "README" not in out
    assert main(["ingest", str(folder)]) == 2
    out = capsys.readouterr().out
    assert "入库报告 0 份" in out and "未变化 2 份" in out and "新增片段 0 个" in out


def test_search_prints_chinese_results_and_json(folder, capsys):
    main(["ingest", str(folder / "geng_2022.yaml"), str(folder / "geng_2023.yaml")])
    capsys.readouterr()
    assert main(["search", "收到申请 答复", "--section", "一", "--subarea", "依申请公开", "--k", "2"]) == 0
    out = capsys.readouterr().out
    assert "找到 2 条" in out and "庚县市场监督管理局 2023年 一、总体情况（依申请公开）" in out
    assert main(["search", "申请", "--exclude-year", "2023", "--json", "--masked"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"] and all(r["year"] == 2022 for r in data["results"])
    assert all("masked_text" in r for r in data["results"])
    assert main(["search", "x", "--section", "十"]) == 1
    assert "未知的章节" in capsys.readouterr().err


def test_search_on_an_empty_corpus_says_so(env, capsys):
    assert main(["search", "主动公开"]) == 0
    assert "语料库为空" in capsys.readouterr().out


def test_server_down_is_a_clear_message(env, folder, monkeypatch, capsys):
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    assert main(["ingest", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "无法连接 Chroma 服务器" in err and "Traceback" not in err
    assert main(["search", "主动公开"]) == 1
    assert "无法连接 Chroma 服务器" in capsys.readouterr().err


def test_missing_path_is_reported(env, capsys):
    assert main(["ingest", "nowhere"]) == 2
    assert "找不到" in capsys.readouterr().err


def test_shipped_corpus_sources_ingest_cleanly(env, capsys):
    sources = default_corpus_dir() / "sources"
    files = sorted(sources.glob("*.yaml")) if sources.is_dir() else []
    if not files:
        pytest.skip("corpus/sources has no facts files yet")
    assert main(["ingest", str(sources)]) == 0, capsys.readouterr().out
    assert f"入库报告 {len(files)} 份" in capsys.readouterr().out
    assert main(["ingest", str(sources)]) == 0
    assert "新增片段 0 个" in capsys.readouterr().out


def test_default_corpus_dir_is_the_repository_folder():
    assert default_corpus_dir() == Path(__file__).resolve().parents[1] / "corpus"


def test_other_embedder_is_refused_with_a_reset_hint(folder, monkeypatch, capsys):
    main(["ingest", str(folder / "geng_2022.yaml")])
    capsys.readouterr()
    monkeypatch.setenv("ASSISTANT_EMBEDDINGS", "openai")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    assert main(["ingest", str(folder / "geng_2023.yaml")]) == 1
    captured = capsys.readouterr()
    assert "assistant ingest --reset" in captured.err and captured.out == ""
    assert main(["search", "主动公开"]) == 1
    assert "两种向量不能混用" in capsys.readouterr().err
