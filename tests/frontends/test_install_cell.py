"""The install cell: first code cell of every notebook, installs only in JupyterLite or Colab."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from IPython.core.inputtransformer2 import TransformerManager

from ocworkbook.publish import install_cell as ic

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted([*ROOT.glob("notebooks/*.ipynb"), *ROOT.glob("notebooks/animation/*.ipynb")])


def test_every_notebook_is_covered():
    names = {p.name for p in NOTEBOOKS}
    assert {f"0{i}" for i in range(9)} <= {n[:2] for n in names}
    assert "agregation-atelier.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_starts_its_code_with_the_current_install_cell(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    assert ic.status(notebook) == "ok"
    cell = ic.code_cells(notebook, with_install=True)[0]
    assert cell["outputs"] == [] and cell["execution_count"] is None
    assert "import ocworkbook" in "".join(ic.code_cells(notebook)[0]["source"])


class _Shell:
    """Stands for IPython's shell: records the magics the cell would run."""

    def __init__(self):
        self.magics = []

    def run_line_magic(self, name, line):
        self.magics.append((name, line))


def _run_cell(monkeypatch, platform="linux", env=None, modules=()):
    code = TransformerManager().transform_cell(ic.SOURCE)
    shell = _Shell()
    for name in ("COLAB_RELEASE_TAG",):
        monkeypatch.delenv(name, raising=False)
    for name, value in (env or {}).items():
        monkeypatch.setenv(name, value)
    for name in modules:
        monkeypatch.setitem(sys.modules, name, object())
    monkeypatch.setattr(sys, "platform", platform)
    exec(compile(code, "<install-cell>", "exec"), {"get_ipython": lambda: shell})
    return shell.magics


def test_cell_does_nothing_in_jupyterlab_or_ci(monkeypatch):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    assert _run_cell(monkeypatch) == []


def test_cell_installs_in_jupyterlite(monkeypatch):
    assert _run_cell(monkeypatch, platform="emscripten") == [("pip", "install -q ocworkbook")]


@pytest.mark.parametrize("how", ["module", "environment"])
def test_cell_installs_in_colab(monkeypatch, how):
    monkeypatch.delitem(sys.modules, "google.colab", raising=False)
    if how == "module":
        magics = _run_cell(monkeypatch, modules=["google.colab"])
    else:
        magics = _run_cell(monkeypatch, env={"COLAB_RELEASE_TAG": "release-colab_20260819-060000_RC00"})
    assert magics == [("pip", "install -q ocworkbook")]


def test_adding_is_idempotent_and_puts_the_cell_before_the_first_code_cell():
    notebook = {"cells": [{"cell_type": "markdown", "source": "# Titre"},
                          {"cell_type": "code", "id": "a", "source": "import ocworkbook as ow"}]}
    assert ic.status(notebook) == "missing"
    assert ic.add_install_cell(notebook) is True
    assert [c.get("id") for c in notebook["cells"]] == [None, ic.CELL_ID, "a"]
    assert ic.add_install_cell(notebook) is False
    notebook["cells"][1]["source"] = ["%pip install ocworkbook"]
    assert ic.status(notebook) == "outdated"
    notebook["cells"].append(notebook["cells"].pop(1))
    assert ic.status(notebook) == "misplaced"
    assert ic.add_install_cell(notebook) is True
    assert ic.status(notebook) == "ok" and len(notebook["cells"]) == 3


def test_check_mode_reports_without_writing(tmp_path, capsys):
    path = tmp_path / "x.ipynb"
    ic.write(path, {"cells": [{"cell_type": "code", "id": "a", "source": "1"}], "metadata": {},
                    "nbformat": 4, "nbformat_minor": 5})
    before = path.read_text(encoding="utf-8")
    assert ic.main(["--check", str(path)]) == 1
    assert path.read_text(encoding="utf-8") == before
    assert "cellule d'installation absente" in capsys.readouterr().out
    assert ic.main([str(path)]) == 0
    assert ic.main(["--check", str(path)]) == 0
