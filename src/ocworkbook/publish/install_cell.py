"""The install cell: the first code cell of every notebook.

In JupyterLite (Pyodide, ``sys.platform == "emscripten"``) and in Google Colab the workbook is not
installed when a notebook opens, so the cell runs ``%pip install ocworkbook``: in JupyterLite the
kernel's ``%pip`` (piplite) takes the wheel shipped inside the site, in Colab pip takes it from PyPI.
Everywhere else (JupyterLab, Notebook 7, VS Code, nbval in CI) the condition is false and the cell
does nothing. The cell cannot import ``ocworkbook`` to ask it, so the Colab test is repeated here
(``ocworkbook.session.in_colab`` is the full version, kept in agreement by a test).

``python -m ocworkbook.publish.install_cell NOTEBOOK…`` adds the cell where it is missing;
``--check`` only reports (exit code 1 if a notebook lacks it or holds an outdated copy).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..i18n import t

CELL_ID = "ocw-installation"

SOURCE = (
    "# Installation : dans JupyterLite ou Google Colab, cette cellule installe le cahier.\n"
    "# Ailleurs (JupyterLab, VS Code…), le cahier est déjà installé : elle ne fait rien.\n"
    "import os, sys\n"
    'if sys.platform == "emscripten" or "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ:\n'
    "    %pip install -q ocworkbook"
)


def install_cell() -> dict:
    """A fresh copy of the cell, as stored in a notebook (no outputs, skipped in slides)."""
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": CELL_ID,
        "metadata": {"slideshow": {"slide_type": "skip"}, "tags": ["hide-input"]},
        "outputs": [],
        "source": SOURCE.splitlines(keepends=True),
    }


def _text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def is_install_cell(cell: dict) -> bool:
    """True for the install cell (recognised by its id), whatever version of its text it holds."""
    return cell.get("cell_type") == "code" and cell.get("id") == CELL_ID


def code_cells(notebook: dict, with_install: bool = False) -> list[dict]:
    """The notebook's code cells, without the install cell unless asked."""
    return [c for c in notebook.get("cells", []) if c.get("cell_type") == "code"
            and (with_install or not is_install_cell(c))]


def status(notebook: dict) -> str:
    """``"ok"``, ``"missing"``, ``"outdated"`` (other text) or ``"misplaced"`` (not the first code cell)."""
    code = code_cells(notebook, with_install=True)
    found = [c for c in code if is_install_cell(c)]
    if not found:
        return "missing"
    if code[0] is not found[0]:
        return "misplaced"
    return "ok" if _text(found[0]) == SOURCE else "outdated"


def add_install_cell(notebook: dict) -> bool:
    """Put the current install cell first among the code cells; True if the notebook changed."""
    if status(notebook) == "ok":
        return False
    cells = [c for c in notebook.get("cells", []) if not is_install_cell(c)]
    first_code = next((i for i, c in enumerate(cells) if c.get("cell_type") == "code"), len(cells))
    cells.insert(first_code, install_cell())
    notebook["cells"] = cells
    return True


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def write(path: Path, notebook: dict) -> None:
    """Same layout as Jupyter's own writer (indent 1, UTF-8), so that diffs stay small."""
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocworkbook.publish.install_cell", description=__doc__)
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true", help="report only; exit 1 if a notebook needs the cell")
    args = parser.parse_args(argv)
    bad = 0
    for path in args.notebooks:
        notebook = read(path)
        state = status(notebook)
        if state == "ok":
            continue
        bad += 1
        if args.check:
            print(t("install_cell.report", path=path, state=t(f"install_cell.state.{state}")))
        elif add_install_cell(notebook):
            write(path, notebook)
            print(t("install_cell.added", path=path))
    return 1 if args.check and bad else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
