"""Shared pytest configuration."""

import pytest

from assistant.store import Store
from assistant.workspace import Workspace

# --- corpus (issue 4): the session-scoped `chroma run` server fixture for @pytest.mark.server tests
pytest_plugins = ["tests.chroma_server"]
# --- end corpus


@pytest.fixture
def ws(tmp_path):
    """A workspace of one user on a fresh database (the app's handlers, without a server)."""
    store = Store(tmp_path / "db.sqlite3")
    yield Workspace(store, store.user_id("u", create=True))
    store.close()
