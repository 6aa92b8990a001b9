# One command for each job. `make test` and `make demo` set up .venv themselves.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup test test-fast lint demo samples drawings check-samples bench

$(BIN)/plantrack: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/plantrack

setup: $(BIN)/plantrack

lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

test: setup lint
	$(BIN)/pytest -q

# the quick loop: everything not marked slow (no lint; stops at the first failure)
# Bytecode is cached for this loop even where the machine turns it off: it saves ~5 s a run.
test-fast: setup
	env -u PYTHONDONTWRITEBYTECODE $(BIN)/pytest -q -x -m "not slow"

demo: setup
	$(BIN)/plantrack demo

samples: setup
	$(BIN)/python samples/build.py

drawings: setup
	$(BIN)/pip install -q -e '.[samples]'
	$(BIN)/python samples/make_drawings.py

check-samples: setup
	$(BIN)/python samples/check.py
