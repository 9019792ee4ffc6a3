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

# --- deployment (issue 6) --------------------------------------------------------------------
# make binder — derive binder/requirements.txt and binder/postBuild from pyproject.toml
# make lite   — JupyterLite build in _build/lite (separate venv .venv-lite; needs PyPI at build time)
LITE_VENV := .venv-lite
LITE_OUT := _build/lite

.PHONY: binder lite

binder: install
	$(BIN)/python -m ocworkbook.publish.binder

$(LITE_VENV)/bin/jupyter-lite:
	$(PYTHON) -m venv $(LITE_VENV)
	$(LITE_VENV)/bin/python -m pip install --quiet "jupyterlite-core>=0.8,<0.9" \
		"jupyterlite-pyodide-kernel>=0.8,<0.9" "jupyterlab_widgets>=3,<4" "jupyter_server>=2"

lite: install $(LITE_VENV)/bin/jupyter-lite
	rm -rf $(LITE_OUT) _build/lite-wheels
	$(BIN)/python -m pip wheel --quiet --no-deps --wheel-dir _build/lite-wheels .
	$(LITE_VENV)/bin/jupyter lite build --contents notebooks \
		--piplite-wheels _build/lite-wheels/ocworkbook-*.whl --output-dir $(LITE_OUT)
	@echo "JupyterLite : $(LITE_OUT) (voir docs/deployer.md pour ce qu'il faut au moment de l'exécution)"
