# Two commands on a fresh machine:
#   make lab   — installs the workbook in .venv and opens JupyterLab on notebooks/00-demarrer.ipynb
#   make test  — installs the workbook and its test tools in .venv and runs every test
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: lab test install install-dev lint validate bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP) $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

lab: install
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/00-demarrer.ipynb

test: install-dev
	$(BIN)/ruff check .
	$(BIN)/ocworkbook validate
	$(BIN)/python -m pytest

lint: install-dev
	$(BIN)/ruff check .

validate: install
	$(BIN)/ocworkbook validate

bench: install-dev
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache
