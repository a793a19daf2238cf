# Two commands do all the set-up on a fresh Debian machine:
#   make build   builds the site and every PDF of the bundled curriculum, and of
#                each local edition, into build/
#   make test    checks style and complexity (ruff), then runs the whole test
#                suite (engine, site in Chromium on both generators, PDFs)
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin

.PHONY: build test lint validate serve bench clean

$(BIN)/.build-ready: pyproject.toml scripts/system-deps.sh
	scripts/system-deps.sh build
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q -e .
	touch $@

$(BIN)/.test-ready: $(BIN)/.build-ready
	scripts/system-deps.sh test
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $@

build: $(BIN)/.build-ready
	$(BIN)/curriculum build . --all-editions

validate: $(BIN)/.build-ready
	$(BIN)/curriculum validate .

serve: $(BIN)/.build-ready
	$(BIN)/curriculum serve .

test: $(BIN)/.test-ready
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q -n auto

lint: $(BIN)/.test-ready
	$(BIN)/ruff check .

bench: $(BIN)/.test-ready
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf build $(VENV)
