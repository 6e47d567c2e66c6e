# 年报助手 — two commands a new user needs: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
COMPILED := $(VENV)/.compiled

.PHONY: run test setup lint test-browser bench clean bytecode

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check uv==0.13.9
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -e '.[dev]'
	touch $(STAMP)

# Byte-compile the installed libraries once (a venv made before --compile-bytecode has none): with
# PYTHONDONTWRITEBYTECODE=1 in the environment Python never writes a .pyc, so every start would
# compile again what it imports (`assistant check` ~0.1 s, `assistant serve` seconds).
$(COMPILED): $(STAMP)
	$(BIN)/python -m compileall -qq -j 0 $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') || true
	touch $(COMPILED)

## Byte-compile the package itself (an editable install is not compiled by uv); only changed files are redone.
bytecode: $(COMPILED)
	$(BIN)/python -m compileall -qq -j 0 assistant

setup: $(STAMP) bytecode

## Start the app on http://127.0.0.1:7860 (embedded Chroma, offline drafter, sample corpus).
run: bytecode
	$(BIN)/assistant serve

## Lint, then the whole test suite (the same command CI runs).
test: $(STAMP)
	$(BIN)/ruff check assistant tests benchmarks evals scripts
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check assistant tests benchmarks evals scripts

clean:
	rm -rf $(VENV) .pytest_cache
	find assistant -name __pycache__ -type d -prune -exec rm -rf {} +
