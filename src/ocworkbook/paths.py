"""Where the workbook's files are: notebooks, datasets, exercises and the learner's records.

A *workbook root* is a folder holding ``exercises/`` and ``datasets/datapackage.json``. It is,
in order: the ``OCWORKBOOK_HOME`` environment variable; the first such folder found from the
current directory upwards (a learner's copy made by ``ocworkbook start``, or a git checkout);
the source checkout this package was installed from in editable mode; the copy shipped inside
the installed package.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
SHIPPED = PACKAGE_DIR / "_workbook"
STATE_DIRNAME = ".ocworkbook"


def is_workbook(folder: Path) -> bool:
    """True if ``folder`` looks like a workbook root."""
    return (folder / "exercises").is_dir() and (folder / "datasets" / "datapackage.json").is_file()


def workbook_root(start: Path | None = None) -> Path:
    """Return the workbook root that applies from ``start`` (default: the current directory)."""
    env = os.environ.get("OCWORKBOOK_HOME")
    if env and is_workbook(Path(env)):
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if is_workbook(folder):
            return folder
    checkout = PACKAGE_DIR.parent.parent
    if is_workbook(checkout):
        return checkout
    return SHIPPED


def shipped_workbook() -> Path:
    """The pristine workbook that comes with the package (the checkout in editable installs)."""
    checkout = PACKAGE_DIR.parent.parent
    return checkout if is_workbook(checkout) else SHIPPED


def state_dir(start: Path | None = None) -> Path:
    """Folder of the learner's own records (progress, journal); created on demand by writers.

    ``OCWORKBOOK_STATE`` names it explicitly (tests, shared machines). Otherwise it sits in the
    workbook root, unless that root is the read-only copy inside the installed
    package, in which case it sits in the current directory.
    """
    override = os.environ.get("OCWORKBOOK_STATE")
    if override:
        return Path(override)
    root = workbook_root(start)
    if root == SHIPPED or not os.access(root, os.W_OK):
        root = (start or Path.cwd()).resolve()
    return root / STATE_DIRNAME
