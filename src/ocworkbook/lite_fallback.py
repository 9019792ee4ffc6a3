"""In the browser (JupyterLite), a cell that needs a package Pyodide lacks gets a French message.

numpy, pandas, scipy and scikit-learn are compiled and, today, no wheel of them for Pyodide is
published on PyPI, the only registry the site is built from (``ocworkbook.publish.lite_wheels``).
So in JupyterLite the data cells cannot run. Instead of a ``ModuleNotFoundError`` traceback, the
learner reads which package is missing and where the cell does run; a later cell that only fails
because it uses a name such a cell could not create (``df``…) says so too, instead of a
``NameError``. Any other error keeps its usual traceback.

The message is shown instead of the traceback (:func:`install` wraps the shell's
``showtraceback``). The Pyodide kernel marks a cell as failed only when a traceback is shown, so
« Exécuter tout » goes on with the next cells (the exercises). It is installed only in the browser.
"""

from __future__ import annotations

import ast
import importlib.util
import sys

from .i18n import t

#: Top-level modules of the compiled packages that the browser may lack → the name learners know.
BROWSER_PACKAGES = {"numpy": "numpy", "pandas": "pandas", "scipy": "scipy", "sklearn": "scikit-learn"}

_failed_names: set[str] = set()
_cell = {"source": ""}  # the cell being run, kept by a pre_run_cell callback


def absent_packages() -> list[str]:
    """The packages of :data:`BROWSER_PACKAGES` that cannot be imported here (nothing is imported)."""
    return [label for module, label in BROWSER_PACKAGES.items() if importlib.util.find_spec(module) is None]


def missing_browser_package(error: BaseException) -> str | None:
    """The package label if ``error`` is an import of one of :data:`BROWSER_PACKAGES`."""
    if not isinstance(error, ImportError) or not getattr(error, "name", None):
        return None
    return BROWSER_PACKAGES.get(error.name.split(".")[0])


def assigned_names(source: str) -> set[str]:
    """Names a cell binds at its top level (assignments, imports, definitions, loop targets)."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
    return names


def _remember_cell(info) -> None:
    _cell["source"] = getattr(info, "raw_cell", "") or ""


def _current_cell(shell) -> str:
    return _cell["source"]


def _show(text: str) -> None:
    from IPython.display import display

    display({"text/markdown": text, "text/plain": text.replace("**", "")}, raw=True)


def explain(shell, error: BaseException) -> bool:
    """Show the French message for ``error`` if it comes from a package the browser lacks."""
    package = missing_browser_package(error)
    if package:
        _failed_names.update(assigned_names(_current_cell(shell)))
        _show(t("lite.missing_package", package=package))
        return True
    if isinstance(error, NameError) and getattr(error, "name", None) in _failed_names:
        _failed_names.update(assigned_names(_current_cell(shell)))
        _show(t("lite.missing_name", name=error.name, packages=", ".join(absent_packages()) or "pandas"))
        return True
    return False


def install(shell) -> bool:
    """Route the shell's tracebacks through :func:`explain` (once); True if installed now.

    Wrapping ``showtraceback`` covers both a cell's own error and one raised inside an
    ``ipywidgets.Output`` context (a widget's chart), which the widget hands to the same method.
    """
    original = shell.showtraceback
    if getattr(original, "ocworkbook_lite", False):
        return False

    def showtraceback(exc_tuple=None, *args, **kwargs):
        error = (exc_tuple or sys.exc_info())[1]
        if error is not None and explain(shell, error):
            return None
        return original(exc_tuple, *args, **kwargs)

    showtraceback.ocworkbook_lite = True
    shell.showtraceback = showtraceback
    shell.events.register("pre_run_cell", _remember_cell)
    # The cell running now (the one calling setup()) started before the callback existed; IPython
    # has already stored it in the input history.
    _cell["source"] = (shell.user_ns.get("_ih") or [""])[-1] or ""
    return True
