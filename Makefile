# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
# Each creates .venv with the newest Python >= 3.12 found and installs the project.

VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
PYTHON ?= $(shell scripts/find-python.sh)

.PHONY: demo test lint bench clean help

help:
	@echo "make demo   build the alliance graph from the bundled examples into out/"
	@echo "make test   lint (ruff) and run the test suite"
	@echo "make bench  run the speed benchmarks under bench/"
	@echo "make clean  remove .venv, out/ and the demo store"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "error: no Python >= 3.12 found (see scripts/find-python.sh)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/alliances build --out out

test: $(STAMP) lint
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: $(STAMP)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/load.py
	$(BIN)/python bench/clusters.py
	$(BIN)/python bench/build.py

clean:
	rm -rf $(VENV) out alliances.db
