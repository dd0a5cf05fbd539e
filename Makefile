# Two entry points (see README Quickstart): `make serve` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: serve test install system-deps lint bench bench-scale

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

system-deps:
	bash scripts/system-deps.sh

## Install, then start the web page on the bundled data (prints its URL).
serve: install
	$(BIN)/grant-matcher serve

## Install everything (Python packages, Chromium, a CJK font), then run every test.
test: install system-deps
	$(BIN)/ruff check matcher webapp tests bench
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check matcher webapp tests bench

bench: install
	$(BIN)/python bench/run.py

## Staff pages at 300 × 2,000 and 1,000 × 10,000: each page's median and size next to POST /api/match.
bench-scale: install
	$(BIN)/python bench/scale.py
