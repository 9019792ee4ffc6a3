"""Deployment files derived from ``pyproject.toml`` (one list of dependencies, never two).

``python -m ocworkbook.publish.binder`` (or ``make binder``) writes:

- ``binder/requirements.txt``: the runtime dependencies of ``[project]``, for Binder/repo2docker;
- ``binder/postBuild``: installs the workbook package itself (``pip install --no-deps .``).

``python -m ocworkbook.publish.binder --check`` exits 1 if the files differ from what pyproject
says (the test suite runs the same comparison). :func:`nbgitpuller_link` builds the JupyterHub
link that copies the workbook into each learner's space (the learner's edits always win).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import quote, urlencode

HEADER = ("# Généré par « python -m ocworkbook.publish.binder » à partir de pyproject.toml "
          "(ne pas modifier à la main).\n")
POSTBUILD = """#!/bin/bash
# Généré par « python -m ocworkbook.publish.binder » (ne pas modifier à la main).
# Installe le paquet du cahier (ses dépendances viennent de binder/requirements.txt).
set -euo pipefail
python -m pip install --no-deps .
"""


def read_pyproject(root: Path) -> dict:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads((Path(root) / "pyproject.toml").read_text(encoding="utf-8"))


def derived_files(root: Path) -> dict[str, str]:
    """{relative path: content} of every file derived from ``pyproject.toml``."""
    project = read_pyproject(root)["project"]
    requirements = HEADER + "".join(f"{dep}\n" for dep in project.get("dependencies", []))
    return {"binder/requirements.txt": requirements, "binder/postBuild": POSTBUILD}


def write(root: Path) -> list[Path]:
    written = []
    for relative, content in derived_files(root).items():
        path = Path(root) / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        if relative.endswith("postBuild"):
            path.chmod(0o755)
        written.append(path)
    return written


def stale(root: Path) -> list[str]:
    """Derived files that are missing or differ from ``pyproject.toml``."""
    result = []
    for relative, content in derived_files(root).items():
        path = Path(root) / relative
        if not path.is_file() or path.read_text(encoding="utf-8") != content:
            result.append(relative)
    return result


def nbgitpuller_link(hub: str, repo: str, branch: str = "main", path: str = "notebooks/00-demarrer.ipynb",
                     app: str = "lab") -> str:
    """A JupyterHub link that pulls ``repo`` into the learner's home and opens ``path``.

    nbgitpuller merges, and never overwrites a file the learner changed: their edits win.
    """
    folder = repo.rstrip("/").split("/")[-1].removesuffix(".git")
    query = urlencode({"repo": repo, "branch": branch, "urlpath": f"{app}/tree/{folder}/{path}"}, quote_via=quote)
    return f"{hub.rstrip('/')}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root = Path.cwd()
    if "--check" in argv:
        problems = stale(root)
        for relative in problems:
            print(f"✗ {relative} ne correspond plus à pyproject.toml : lancez « make binder ».", file=sys.stderr)
        return 1 if problems else 0
    for path in write(root):
        print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
