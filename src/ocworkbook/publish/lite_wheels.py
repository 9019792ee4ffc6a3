"""Every wheel the JupyterLite site needs, taken from PyPI only, for one Pyodide ABI.

Pyodide's npm package holds the interpreter but none of its distribution's wheels (those live on
a CDN that the build must not need). So the wheels come from PyPI, resolved here for the browser:

- requirements are read from each wheel's own metadata, with markers evaluated for Pyodide
  (``sys_platform == "emscripten"``, its Python version), so a wheel's real needs are followed
  and not those of a Pyodide recipe (which, for networkx, adds numpy and matplotlib);
- a package in Pyodide's own lock file is taken at the lock's version when that version fits:
  it is the set Pyodide tested;
- a pure wheel (``py3-none-any``) or a wheel built for the ABI (``pyemscripten_2026_0_wasm32``)
  is taken as it is on PyPI; a package whose compiled speed-ups are optional (PyYAML, MarkupSafe)
  is built from its source archive without them (:data:`PURE_BUILDS`);
- what exists neither way (numpy, pandas, scipy, scikit-learn today) is reported as *absent*,
  with its reason, and the workbook degrades gracefully without it (``ocworkbook.session``).

Downloads are kept in a cache folder; a second build asks PyPI nothing.
"""

from __future__ import annotations

import email.parser
import hashlib
import os
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version

#: Packages that the site never installs in the kernel, and why (shown in the build report).
NOT_IN_BROWSER = {
    "jupyterlab": "desktop",
    "nbconvert": "desktop",
    "nbclient": "desktop",
    "ipykernel": "kernel",  # the Pyodide kernel provides its own
    "widgetsnbextension": "frontend",  # front-end assets: the site carries the labextension
    "jupyterlab-widgets": "frontend",
    "vl-convert-python": "renderer",  # Lite draws charts with JupyterLab's Vega renderer
    "anywidget": "renderer",
    "pexpect": "desktop",
    "ptyprocess": "desktop",
}

#: Versions chosen for the browser, and why.
PINS = {
    # Altair 5.5 does not import on Python 3.14 (TypedDict(closed=True)); Altair 6 does. JupyterLab
    # 4.6 renders only the Vega-Lite v5 MIME type: ocworkbook.session hands Altair 6's specs to it.
    "altair": ">=6",
    # jsonschema 4.18+ needs rpds-py, compiled, with no Pyodide wheel on PyPI; 4.17 is pure Python.
    "jsonschema": "<4.18",
}

#: Source builds that leave out optional compiled speed-ups: package → environment for the build.
PURE_BUILDS = {
    "pyyaml": {"PYYAML_FORCE_LIBYAML": "0"},
    # MarkupSafe falls back to its pure-Python build when its C extension cannot be compiled.
    "markupsafe": {"CC": "false", "CXX": "false"},
}


@dataclass(frozen=True)
class Target:
    """The Pyodide a site runs: its Python version and wheel ABI (PEP 783 platform tag)."""

    python: str  # e.g. "3.14.2"
    abi: str  # e.g. "2026_0"
    emscripten: str = ""

    @property
    def python_short(self) -> str:
        return ".".join(self.python.split(".")[:2])

    @property
    def platform_tag(self) -> str:
        return f"pyemscripten_{self.abi}_wasm32"

    @property
    def cp(self) -> str:
        return "cp" + self.python_short.replace(".", "")

    def marker_environment(self) -> dict[str, str]:
        env = default_environment()
        env.update(python_version=self.python_short, python_full_version=self.python,
                   implementation_version=self.python, sys_platform="emscripten",
                   platform_system="Emscripten", platform_machine="wasm32", os_name="posix",
                   implementation_name="cpython", platform_python_implementation="CPython",
                   platform_release=self.emscripten, platform_version="")
        return env


@dataclass
class Wheel:
    """One resolved wheel, with what the Pyodide lock file needs to know about it."""

    name: str  # canonical
    version: str
    path: Path
    requires: list[Requirement]
    imports: list[str]
    origin: str  # "pypi", "pure-build" or "local"
    depends: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return sha256(self.path)


@dataclass
class Resolution:
    wheels: dict[str, Wheel] = field(default_factory=dict)
    absent: dict[str, str] = field(default_factory=dict)  # name → reason
    skipped: dict[str, str] = field(default_factory=dict)  # name → NOT_IN_BROWSER reason


class ResolutionError(Exception):
    """The set of wheels cannot be completed (a requirement no version satisfies)."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def wheel_metadata(path: Path) -> tuple[list[Requirement], list[str]]:
    """Requirements (``Requires-Dist``) and top-level import names of a wheel."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        meta_name = next(n for n in names if n.endswith(".dist-info/METADATA") and n.count("/") == 1)
        meta = email.parser.Parser().parsestr(archive.read(meta_name).decode("utf-8"))
        top_level = next((n for n in names if n.endswith(".dist-info/top_level.txt") and n.count("/") == 1), None)
        imports = archive.read(top_level).decode("utf-8").split() if top_level else []
    if not imports:
        imports = sorted({_import_name(n) for n in names if _import_name(n)})
    requires = [Requirement(text) for text in meta.get_all("Requires-Dist") or []]
    return requires, sorted(set(imports))


def _import_name(member: str) -> str | None:
    first, _, rest = member.partition("/")
    if first.endswith((".dist-info", ".data")) or first.startswith("__"):
        return None
    if rest and (rest.endswith(".py") or "/" in rest or rest.endswith((".so", ".pyc"))):
        return first if first.isidentifier() else None
    if not rest and first.endswith(".py") and first[:-3].isidentifier():
        return first[:-3]
    return None


def wanted(requirement: Requirement, environment: dict[str, str], extras: frozenset[str] = frozenset()) -> bool:
    """True if ``requirement`` applies in the browser (its marker, for each extra asked)."""
    if requirement.marker is None:
        return True
    return any(requirement.marker.evaluate({**environment, "extra": extra}) for extra in (extras or {""}))


class Resolver:
    """Resolve requirements to wheels for ``target``, downloading into ``cache``."""

    def __init__(self, target: Target, cache: Path, pyodide_lock: dict | None = None,
                 pins: dict[str, str] | None = None, log=print):
        self.target = target
        self.cache = cache
        self.environment = target.marker_environment()
        self.lock_versions = {canonicalize_name(p["name"]): p["version"]
                              for p in (pyodide_lock or {}).get("packages", {}).values()}
        self.pins = {canonicalize_name(k): SpecifierSet(v) for k, v in (PINS if pins is None else pins).items()}
        self.log = log

    # --- finding one wheel ---------------------------------------------------------------------

    def _cached(self, name: str, spec: SpecifierSet) -> Path | None:
        best = None
        for path in self.cache.glob("*.whl"):
            try:
                wname, version, _, tags = parse_wheel_filename(path.name)
            except ValueError:
                continue
            if canonicalize_name(wname) != name or version not in spec or not self._fits(tags):
                continue
            if best is None or version > best[0]:
                best = (version, path)
        return best[1] if best else None

    def _fits(self, tags) -> bool:
        return any(tag.platform in ("any", self.target.platform_tag)
                   and tag.abi in ("none", "abi3", self.target.cp)
                   and (tag.interpreter.startswith("py3") or tag.interpreter == self.target.cp)
                   for tag in tags)

    def _pip(self, args: list[str], env: dict[str, str] | None = None) -> bool:
        command = [sys.executable, "-m", "pip", *args]
        done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, **(env or {})})
        if done.returncode != 0:
            self.log(f"  pip {' '.join(args[:1])} {args[-1]} : {done.stderr.strip().splitlines()[-1:]}")
        return done.returncode == 0

    def _download(self, requirement: str) -> bool:
        t = self.target
        return self._pip(["download", "--no-deps", "--only-binary=:all:", "--dest", str(self.cache),
                          "--python-version", t.python_short, "--implementation", "cp",
                          "--abi", t.cp, "--abi", "abi3", "--abi", "none",
                          "--platform", t.platform_tag, "--platform", "any", "--quiet", requirement])

    def _pure_build(self, name: str, requirement: str) -> bool:
        build_dir = self.cache / "_sdist"
        build_dir.mkdir(parents=True, exist_ok=True)
        if not self._pip(["download", "--no-deps", "--no-binary=:all:", "--dest", str(build_dir),
                          "--quiet", requirement]):
            return False
        archives = sorted(p for p in build_dir.iterdir() if canonicalize_name(_sdist_name(p.name)) == name)
        if not archives:
            return False
        return self._pip(["wheel", "--no-deps", "--no-binary=:all:", "--wheel-dir", str(self.cache),
                          "--quiet", str(archives[-1])], env=PURE_BUILDS[name])

    def find(self, name: str, spec: SpecifierSet) -> tuple[Path | None, str]:
        """A wheel for ``name`` within ``spec`` (+ pins): from the cache, PyPI, or a pure build."""
        spec = spec & self.pins.get(name, SpecifierSet())
        lock_version = self.lock_versions.get(name)
        preferred = SpecifierSet(f"=={lock_version}") & spec if lock_version and Version(lock_version) in spec \
            else spec
        for candidate in (preferred, spec):
            found = self._cached(name, candidate)
            if found:
                return found, "cache"
        requirement = f"{name}{preferred}"
        if name in PURE_BUILDS:
            if self._pure_build(name, requirement) or self._pure_build(name, f"{name}{spec}"):
                return self._cached(name, spec), "pure-build"
            return None, "no-source"
        if self._download(requirement) or (preferred != spec and self._download(f"{name}{spec}")):
            return self._cached(name, spec), "pypi"
        return None, "no-wheel"

    # --- the whole set -------------------------------------------------------------------------

    def resolve(self, roots: list[str], local: list[Path] = (), also_requires: list[str] = ()) -> Resolution:
        """Resolve ``roots`` (PEP 508 strings) plus the requirements of ``local`` wheels.

        ``also_requires`` are added to every local wheel's requirements: what it imports without
        declaring it (they become its ``depends`` in the lock, so they are loaded with it).
        """
        result = Resolution()
        specs: dict[str, SpecifierSet] = {}
        extras: dict[str, frozenset[str]] = {}
        queue: list[tuple[Requirement, str]] = [(Requirement(r), "root") for r in roots]
        for path in local:
            requires, imports = wheel_metadata(path)
            requires += [Requirement(text) for text in also_requires]
            wname, version, _, _ = parse_wheel_filename(path.name)
            wheel = Wheel(canonicalize_name(wname), str(version), path, requires, imports, "local")
            result.wheels[wheel.name] = wheel
            queue += [(r, wheel.name) for r in requires if wanted(r, self.environment)]
        while queue:
            requirement, parent = queue.pop(0)
            name = canonicalize_name(requirement.name)
            if name in NOT_IN_BROWSER:
                result.skipped[name] = NOT_IN_BROWSER[name]
                continue
            if name in result.absent:
                continue
            combined = specs.get(name, SpecifierSet()) & requirement.specifier
            new_extras = extras.get(name, frozenset()) | frozenset(requirement.extras)
            have = result.wheels.get(name)
            if have and Version(have.version) in combined and new_extras == extras.get(name, frozenset()):
                specs[name] = combined
                continue
            specs[name], extras[name] = combined, new_extras
            if have and have.origin == "local":
                raise ResolutionError(f"{name} {have.version} ne satisfait pas {combined} (demandé par {parent})")
            path, how = self.find(name, combined)
            if path is None:
                result.absent[name] = how
                self.log(f"  absent : {name}{combined} ({how}, demandé par {parent})")
                continue
            requires, imports = wheel_metadata(path)
            _, version, _, _ = parse_wheel_filename(path.name)
            origin = "pure-build" if name in PURE_BUILDS else "pypi"
            result.wheels[name] = Wheel(name, str(version), path, requires, imports, origin)
            queue += [(r, name) for r in requires if wanted(r, self.environment, new_extras)]
        self._link(result)
        return result

    def _link(self, result: Resolution) -> None:
        """Fill each wheel's ``depends`` with the resolved names it needs (absent ones left out)."""
        for wheel in result.wheels.values():
            names = {canonicalize_name(r.name) for r in wheel.requires if wanted(r, self.environment)}
            wheel.depends = sorted(n for n in names if n in result.wheels)


def _sdist_name(filename: str) -> str:
    stem = re.sub(r"\.(tar\.gz|zip|tar\.bz2)$", "", filename)
    return stem.rsplit("-", 1)[0]
