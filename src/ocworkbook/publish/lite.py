"""``make lite``: a JupyterLite site that needs nothing off the machine once built.

``python -m ocworkbook.publish.lite --jupyter .venv-lite/bin/jupyter --out _build/lite`` writes:

- ``files/``: the learner edition (``ocworkbook build learner``): notebooks, datasets, exercises
  with hashed keys;
- ``static/pyodide/``: Pyodide's core from the npm registry, at the version the installed
  jupyterlite-pyodide-kernel expects, the wheels the notebooks need (from PyPI, see
  :mod:`.lite_wheels`) and the ``pyodide-lock.json`` that lists exactly them (:mod:`.lite_pyodide`),
  ``ocworkbook`` included, so that the install cell's ``%pip install ocworkbook`` takes it there;
- ``jupyter-lite.json``: no PyPI fallback, so ``%pip`` never leaves the site;
- ``ocworkbook-lite.json``: the build report (versions, what is absent and why, sizes).

Registries are reached only here, at build time, and every download is cached (``--cache``).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ..i18n import t
from .lite_pyodide import PyodideFetchError, fetch_core, target_of, unpack_core, write_lock
from .lite_wheels import Resolution, ResolutionError, Resolver

ROOT = Path(__file__).resolve().parents[3]
REPORT_NAME = "ocworkbook-lite.json"

#: What the Pyodide kernel installs at start-up (jupyterlite-pyodide-kernel's worker) and does not
#: ship itself: it takes them from the lock file, as PyPI is off.
KERNEL_ROOTS = ["micropip", "comm", "ipython", "jedi"]

#: Used by the workbook but reached, on the desktop, through another dependency: the exercise widgets
#: render Markdown with mistune, which comes there with nbconvert (absent from the browser).
#: altair 5.5 imports typing_extensions although its metadata asks for it only before Python 3.14.
WORKBOOK_EXTRAS = ["mistune", "typing-extensions"]

#: JupyterLab settings for the site: menus in French (the fr-FR language pack is in the build
#: environment), no news or update check (they would call the network).
OVERRIDES = {
    "@jupyterlab/translation-extension:plugin": {"locale": "fr_FR"},
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
}


class LiteBuildError(Exception):
    """The site cannot be built; the message says what to do."""


def kernel_pyodide_version(jupyter: Path) -> str:
    """The Pyodide version the installed jupyterlite-pyodide-kernel was released for."""
    python = jupyter.parent / "python"
    if not (python.exists() and jupyter.exists()):
        raise LiteBuildError(t("lite.no_kernel", python=str(python)))
    done = subprocess.run([str(python), "-c", "from jupyterlite_pyodide_kernel.constants import PYODIDE_VERSION;"
                           "print(PYODIDE_VERSION)"], capture_output=True, text=True)
    if done.returncode != 0:
        raise LiteBuildError(t("lite.no_kernel", python=str(python)))
    return done.stdout.strip()


def build_own_wheel(source: Path, destination: Path) -> Path:
    """The workbook's own pure-Python wheel (it carries the datasets and the bank)."""
    destination.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(destination),
                    str(source)], check=True)
    return next(destination.glob("ocworkbook-*.whl"))


def build_learner_edition(destination: Path) -> Path:
    """The learner edition (hashed keys, no instructor notes), through the CLI that proves it."""
    command = [sys.executable, "-c", "import sys; from ocworkbook.cli.main import main; sys.exit(main())",
               "build", "learner", str(destination)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise LiteBuildError(t("lite.edition_failed", details=(done.stderr or done.stdout).strip()))
    return destination


def write_config(lite_dir: Path, storage_name: str | None) -> None:
    data = {
        "litePluginSettings": {"@jupyterlite/pyodide-kernel-extension:kernel": {"disablePyPIFallback": True}},
        "exposeAppInBrowser": True,  # window.jupyterapp: the browser tests and the benchmark drive it
    }
    if storage_name:
        data["contentsStorageName"] = storage_name
    config = {"jupyter-lite-schema-version": 0, "jupyter-config-data": data}
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    (lite_dir / "overrides.json").write_text(json.dumps(OVERRIDES, indent=2) + "\n", encoding="utf-8")


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def report(resolution: Resolution, pyodide_version: str, out: Path) -> dict:
    return {
        "pyodide": pyodide_version,
        "packages": {n: {"version": w.version, "origin": w.origin, "file": w.path.name}
                     for n, w in sorted(resolution.wheels.items())},
        "absent": dict(sorted(resolution.absent.items())),
        "not_in_browser": dict(sorted(resolution.skipped.items())),
        "size_bytes": folder_size(out),
        "pyodide_bytes": folder_size(out / "static" / "pyodide"),
    }


def build(out: Path, jupyter: Path, cache: Path, source: Path = ROOT, storage_name: str | None = None,
          log=print) -> dict:
    """Build the whole site into ``out`` (replaced); return the report also written beside it."""
    jupyter, out, cache = Path(jupyter).absolute(), Path(out).absolute(), Path(cache).absolute()
    version = kernel_pyodide_version(jupyter)
    with tempfile.TemporaryDirectory(prefix="ocw-lite-") as tmp:
        tmp = Path(tmp)
        lite_dir = tmp / "lite"
        pyodide_dir = lite_dir / "static" / "pyodide"
        try:
            original = unpack_core(fetch_core(version, cache / "npm"), pyodide_dir)
        except PyodideFetchError as error:
            raise LiteBuildError(t("lite.no_pyodide", version=version, details=str(error))) from error
        target = target_of(original)
        log(t("lite.resolving", version=version, python=target.python, abi=target.platform_tag))
        own = build_own_wheel(source, tmp / "wheel")
        resolver = Resolver(target, cache / "wheels" / target.abi, original, log=log)
        try:
            resolution = resolver.resolve(KERNEL_ROOTS, local=[own], also_requires=WORKBOOK_EXTRAS)
        except ResolutionError as error:
            raise LiteBuildError(str(error)) from error
        write_lock(original, resolution, pyodide_dir)
        contents = build_learner_edition(tmp / "contenu")
        write_config(lite_dir, storage_name)
        if out.exists():
            shutil.rmtree(out)
        done = subprocess.run([str(jupyter), "lite", "build", "--lite-dir", str(lite_dir), "--contents",
                               str(contents), "--output-dir", str(out.resolve())],
                              cwd=tmp, capture_output=True, text=True)
        if done.returncode != 0:
            raise LiteBuildError(t("lite.jupyter_failed", details=(done.stderr or done.stdout).strip()[-2000:]))
    summary = report(resolution, version, out)
    (out / REPORT_NAME).write_text(json.dumps(summary, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ocworkbook.publish.lite", description=t("lite.help"))
    parser.add_argument("--jupyter", type=Path, required=True, help=t("lite.jupyter_help"))
    parser.add_argument("--out", type=Path, default=Path("_build/lite"), help=t("publish.out_help"))
    parser.add_argument("--cache", type=Path, default=Path(".cache/lite"), help=t("lite.cache_help"))
    parser.add_argument("--storage-name", default=None, help=t("lite.storage_help"))
    args = parser.parse_args(argv)
    try:
        summary = build(args.out, args.jupyter, args.cache, storage_name=args.storage_name)
    except LiteBuildError as error:
        print(t("cli.error", message=str(error)), file=sys.stderr)
        return 1
    print(t("lite.done", out=str(args.out), size=round(summary["size_bytes"] / 1e6, 1),
            packages=len(summary["packages"]), absent=", ".join(summary["absent"]) or "—"))
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
