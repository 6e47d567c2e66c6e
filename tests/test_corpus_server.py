"""Server mode: a real `chroma run` on 127.0.0.1 (started by the suite), via ASSISTANT_CHROMA_URL."""

from __future__ import annotations

import pytest
import yaml

from assistant.core.report import Report
from assistant.corpus.errors import CorpusUnavailable
from assistant.corpus.ingest import ingest_paths, ingest_reports
from assistant.corpus.retrieval import open_retriever
from assistant.corpus.store import CorpusStore
from tests.chroma_server import ChromaServer, chroma_executable
from tests.test_corpus_support import corpus_reports, make_report, temp_settings

pytestmark = pytest.mark.server


@pytest.fixture
def server_settings(chroma_server, tmp_path):
    settings = temp_settings(tmp_path / "home", chroma_url=chroma_server.url)
    CorpusStore.open(settings).reset()  # the session server is shared: start each test empty
    return settings


def test_ingest_is_idempotent_and_searchable_on_a_server(server_settings):
    store = CorpusStore.open(server_settings)
    assert store.remote and store.location == server_settings.chroma_url
    first = ingest_reports(store, corpus_reports())
    assert first.reports_added == 9 and first.chunks_added > 0
    again = ingest_reports(CorpusStore.open(server_settings), corpus_reports())
    assert (again.chunks_added, again.chunks_unchanged) == (0, first.chunks_added)
    retriever = open_retriever(server_settings, strict=True)
    hits = retriever.search("门户网站", section="s1_overview", agency="丙镇人民政府", exclude_year=2023, k=3)
    assert (hits[0].agency, hits[0].year) == ("丙镇人民政府", 2022)
    assert all(h.year < 2023 for h in hits)
    assert retriever.cells_for("丙镇人民政府", 2022) == dict(make_report("丙镇人民政府", 2022).cells)


def _write_facts(folder, reports: list[Report]) -> None:
    folder.mkdir()
    for i, r in enumerate(reports):
        data = {"agency": r.agency, "year": r.year, "level": r.level, "sections": dict(r.sections)}
        (folder / f"r{i:02d}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_server_going_away_mid_ingest_leaves_a_resumable_corpus(tmp_path):
    if chroma_executable() is None:
        pytest.skip("the `chroma` executable is missing")
    data = tmp_path / "srv"
    server = ChromaServer(data).start()
    try:
        folder = tmp_path / "reports"
        _write_facts(folder, [r for r, _ in corpus_reports()[:5]])
        settings = temp_settings(tmp_path / "home", chroma_url=server.url)

        def stop_after_two(done: int, total: int, name: str) -> None:
            if done == 2:
                server.stop()

        summary = ingest_paths(
            [folder], CorpusStore.open(settings), on_progress=stop_after_two, batch_reports=1
        )
        assert summary.reports_added == 2 and summary.exit_code() == 1
        assert "无法连接 Chroma 服务器" in summary.error and "重新运行 assistant ingest" in summary.error
        with pytest.raises(CorpusUnavailable):
            CorpusStore.open(settings)

        server = ChromaServer(data).start()  # same data, new port
        settings = temp_settings(tmp_path / "home", chroma_url=server.url)
        resumed = ingest_paths([folder], CorpusStore.open(settings))
        assert (resumed.reports_unchanged, resumed.reports_added, resumed.error) == (2, 3, "")
        total = CorpusStore.open(settings).count()
        assert total == summary.chunks_added + resumed.chunks_added
        final = ingest_paths([folder], CorpusStore.open(settings))
        assert (final.chunks_added, final.reports_unchanged) == (0, 5)
    finally:
        server.stop()
