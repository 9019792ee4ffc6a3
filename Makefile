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

# The first install downloads about 700 MB: pip shows its progress (no --quiet) so nobody thinks it hangs.
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "Installation du cahier dans $(VENV) (la première fois : quelques minutes, environ 700 Mo)…"
	$(BIN)/python -m pip install --progress-bar on -e .
	touch $@

$(DEV_STAMP): pyproject.toml | $(BIN)/python
	@echo "Installation du cahier et de ses outils de test dans $(VENV)…"
	$(BIN)/python -m pip install --progress-bar on -e ".[dev]"
	touch $(STAMP) $@

install: $(STAMP)

install-dev: $(DEV_STAMP)

# JupyterLab serves the workbook's root (notebooks, datasets and exercises all visible, as after
# `ocworkbook start`) and opens the first notebook.
lab: install
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) --ServerApp.root_dir=. notebooks/00-demarrer.ipynb

test: install-dev lite-tools colab-venv
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
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .venv-lite .venv-colab _build/lite

# --- deployment (issue 6) and zero-install front ends (issue 13) -------------------------------
# make binder — derive binder/requirements.txt and binder/postBuild from pyproject.toml
# make lite   — JupyterLite site in _build/lite, fully offline once built (Pyodide from npm, wheels from
#               PyPI; build tools in .venv-lite, downloads cached in .cache/lite); make lite-serve shows it
# make colab-venv — .venv-colab: Python 3.11 with Colab's pins, where the tests run every notebook
LITE_VENV := .venv-lite
LITE_OUT := _build/lite
LITE_CACHE := .cache/lite
LITE_STORAGE ?=
COLAB_VENV := .venv-colab

.PHONY: binder lite lite-tools lite-serve colab-venv

binder: install
	$(BIN)/python -m ocworkbook.publish.binder

LITE_TOOLS := src/ocworkbook/publish/lite-tools.txt
$(LITE_VENV)/.installed: $(LITE_TOOLS)
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet -r $(LITE_TOOLS)
	touch $@

lite-tools: $(LITE_VENV)/.installed

lite: install lite-tools
	$(BIN)/python -m ocworkbook.publish.lite --jupyter $(LITE_VENV)/bin/jupyter --out $(LITE_OUT) \
		--cache $(LITE_CACHE) $(if $(LITE_STORAGE),--storage-name $(LITE_STORAGE))

lite-serve: lite
	$(BIN)/python -m ocworkbook.publish.lite_serve $(LITE_OUT)

# Colab's runtime (googlecolab/backend-info, 2026-08): Python 3.11, ipywidgets 7.7.1, altair 5.5.0, pandas 2.2.3,
# ipykernel 6.17.1, ipython 7.34.0. Pins in tests/frontends/colab-pins.txt; the workbook is installed over them.
$(COLAB_VENV)/.installed: tests/frontends/colab-pins.txt pyproject.toml
	$(PYTHON) -m venv $(COLAB_VENV)
	$(COLAB_VENV)/bin/python -m pip install --quiet -c tests/frontends/colab-pins.txt \
		-r tests/frontends/colab-pins.txt -e . pytest nbval
	touch $@

colab-venv: $(COLAB_VENV)/.installed
