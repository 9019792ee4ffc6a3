"""Pyodide for the JupyterLite site: its core from the npm registry and a lock file of our own wheels.

``npm pack pyodide@VERSION`` gives the interpreter (``pyodide.mjs``, ``pyodide.asm.wasm``,
``python_stdlib.zip``) and ``pyodide-lock.json``, whose packages point at files the npm package
does not hold. :func:`write_lock` keeps the lock's ``info`` (ABI, Python version) and replaces its
packages by the wheels actually shipped next to it, each with the SHA-256 of the shipped file, so
that ``loadPackage`` (and the kernel's ``loadPackagesFromImports``) never reach for a file that
is not on the site: an import of a package that is not shipped fails as a plain
``ModuleNotFoundError``, handled by ``ocworkbook.session``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
from pathlib import Path

from .lite_wheels import Resolution, Target

#: The files of the npm package that the browser loads.
CORE_FILES = ("pyodide.mjs", "pyodide.js", "pyodide.asm.mjs", "pyodide.asm.js", "pyodide.asm.wasm",
              "python_stdlib.zip", "pyodide-lock.json", "package.json")


class PyodideFetchError(Exception):
    """The npm registry (or the npm client) could not give Pyodide's core."""


def fetch_core(version: str, cache: Path) -> Path:
    """The npm tarball of ``pyodide@version``, downloaded once into ``cache`` (npm checks its integrity)."""
    cache.mkdir(parents=True, exist_ok=True)
    archive = cache / f"pyodide-{version}.tgz"
    if archive.is_file():
        return archive
    npm = shutil.which("npm")
    if not npm:
        raise PyodideFetchError("npm")
    done = subprocess.run([npm, "pack", f"pyodide@{version}", "--silent", "--pack-destination", str(cache)],
                          capture_output=True, text=True)
    if done.returncode != 0 or not archive.is_file():
        raise PyodideFetchError(done.stderr.strip() or f"pyodide@{version}")
    return archive


def unpack_core(archive: Path, destination: Path) -> dict:
    """Copy the interpreter's files into ``destination``; return the npm package's original lock."""
    destination.mkdir(parents=True, exist_ok=True)
    lock = None
    with tarfile.open(archive) as tar:
        for member in tar.getmembers():
            name = member.name.removeprefix("package/")
            if not member.isfile() or name not in CORE_FILES:
                continue
            with tar.extractfile(member) as source:
                data = source.read()
            if name == "pyodide-lock.json":
                lock = json.loads(data)
                continue
            (destination / name).write_bytes(data)
    if lock is None:
        raise PyodideFetchError(f"{archive.name}: pyodide-lock.json")
    return lock


def target_of(lock: dict) -> Target:
    info = lock["info"]
    return Target(python=info["python"], abi=info["abi_version"], emscripten=info.get("platform", ""))


def lock_entry(wheel) -> dict:
    return {
        "name": wheel.name,
        "version": wheel.version,
        "file_name": wheel.path.name,
        "install_dir": "site",
        "sha256": wheel.sha256,
        "package_type": "package",
        "imports": wheel.imports,
        "depends": wheel.depends,
        "unvendored_tests": False,
    }


def write_lock(original: dict, resolution: Resolution, destination: Path) -> Path:
    """Copy each resolved wheel into ``destination`` and write the lock that lists exactly them."""
    packages = {}
    for name, wheel in sorted(resolution.wheels.items()):
        shipped = destination / wheel.path.name
        if wheel.path.resolve() != shipped.resolve():
            shutil.copyfile(wheel.path, shipped)
            wheel.path = shipped
        packages[name] = lock_entry(wheel)
    lock = {"info": original["info"], "packages": packages}
    path = destination / "pyodide-lock.json"
    path.write_text(json.dumps(lock, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
