# 年报助手 — two commands a new user needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup lint test-browser bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install -q --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## Start the app on http://127.0.0.1:7860 (embedded Chroma, offline drafter, sample corpus).
run: $(STAMP)
	$(BIN)/assistant serve

## Lint, then the whole test suite (the same command CI runs).
test: $(STAMP)
	$(BIN)/ruff check assistant tests benchmarks evals scripts
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check assistant tests benchmarks evals scripts

clean:
	rm -rf $(VENV) .pytest_cache
