"""Shared pytest configuration."""

# --- corpus (issue 4): the session-scoped `chroma run` server fixture for @pytest.mark.server tests
pytest_plugins = ["tests.chroma_server"]
# --- end corpus
