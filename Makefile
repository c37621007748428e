# `make demo` and `make test` create .venv and install cikg into it on first use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/cikg demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy graph loaders queries ontology

test: lint
	$(BIN)/pytest

# `make bench` runs the 1M-triple scale; `make bench BENCH_ARGS="--scale 10k,100k,1M"`
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) cikg-data demo-out build dist *.egg-info
