"""Building the JupyterLite site, without the network: wheel resolution for Pyodide, the lock file."""

from __future__ import annotations

import json
import tarfile
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

from ocworkbook.publish import lite_pyodide as lp
from ocworkbook.publish import lite_wheels as lw

TARGET = lw.Target(python="3.14.2", abi="2026_0", emscripten="emscripten_5_0_3")


def make_wheel(folder: Path, name: str, version: str, requires=(), modules=("pkg",), tag="py3-none-any") -> Path:
    dist = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{dist}-{tag}.whl"
    meta = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    meta += [f"Requires-Dist: {r}" for r in requires]
    with zipfile.ZipFile(path, "w") as archive:
        for module in modules:
            archive.writestr(f"{module}/__init__.py", "")
        archive.writestr(f"{dist}.dist-info/METADATA", "\n".join(meta) + "\n")
        archive.writestr(f"{dist}.dist-info/WHEEL", f"Wheel-Version: 1.0\nTag: {tag}\n")
    return path


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    # Nothing may reach a registry in these tests: a package missing from the cache is "absent".
    monkeypatch.setattr(lw.Resolver, "_download", lambda self, requirement: False)
    monkeypatch.setattr(lw.Resolver, "_pure_build", lambda self, name, requirement: False)
    return folder


def test_markers_are_evaluated_for_the_browser():
    env = TARGET.marker_environment()
    assert env["sys_platform"] == "emscripten" and env["python_version"] == "3.14"
    requirement = lw.Requirement("pexpect>4.3; sys_platform != 'win32' and sys_platform != 'emscripten'")
    assert not lw.wanted(requirement, env)
    assert lw.wanted(lw.Requirement("typing-extensions; python_version < '3.15'"), env)
    assert not lw.wanted(lw.Requirement("pytest; extra == 'test'"), env)
    assert lw.wanted(lw.Requirement("pytest; extra == 'test'"), env, frozenset({"test"}))


def test_resolution_follows_real_metadata_and_reports_what_is_absent(tmp_path, cache):
    own = make_wheel(tmp_path, "ocworkbook", "0.1.0", ["altair>=5.5", "pandas>=1.5", "jupyterlab>=4",
                                                        "tomli; python_version < '3.11'"], ["ocworkbook"])
    make_wheel(cache, "altair", "5.5.0", ["jinja2", "narwhals>=1.14"], ["altair"])
    make_wheel(cache, "altair", "6.0.0", ["jinja2", "narwhals>=1.14"], ["altair"])
    make_wheel(cache, "jinja2", "3.1.6", ["markupsafe>=2.0"], ["jinja2"])
    make_wheel(cache, "markupsafe", "3.0.3", [], ["markupsafe"])
    make_wheel(cache, "narwhals", "2.18.1", [], ["narwhals"])
    make_wheel(cache, "numpy", "2.4.6", [], ["numpy"], tag="cp312-cp312-manylinux_2_28_x86_64")  # not for Pyodide
    lock = {"packages": {"altair": {"name": "altair", "version": "6.0.0"}}}
    resolver = lw.Resolver(TARGET, cache, lock, pins={"altair": "<6"}, log=lambda *_: None)
    result = resolver.resolve(["micropip"], local=[own], also_requires=["mistune"])
    assert set(result.wheels) == {"ocworkbook", "altair", "jinja2", "markupsafe", "narwhals"}
    assert result.wheels["altair"].version == "5.5.0"  # the pin wins over the lock's version
    assert result.absent == {"pandas": "no-wheel", "micropip": "no-wheel", "mistune": "no-wheel"}
    assert result.skipped == {"jupyterlab": "desktop"}
    assert result.wheels["ocworkbook"].depends == ["altair"]
    assert result.wheels["jinja2"].depends == ["markupsafe"]
    assert "tomli" not in result.absent  # its marker is false in Python 3.14


def test_lock_version_is_preferred_when_it_fits(tmp_path, cache):
    make_wheel(cache, "narwhals", "2.18.1", [], ["narwhals"])
    make_wheel(cache, "narwhals", "2.20.0", [], ["narwhals"])
    lock = {"packages": {"narwhals": {"name": "narwhals", "version": "2.18.1"}}}
    resolver = lw.Resolver(TARGET, cache, lock, pins={}, log=lambda *_: None)
    assert resolver.resolve(["narwhals"]).wheels["narwhals"].version == "2.18.1"
    assert resolver.resolve(["narwhals>2.19"]).wheels["narwhals"].version == "2.20.0"


def test_wheels_built_for_the_pyodide_abi_are_accepted(cache):
    make_wheel(cache, "fastthing", "1.0", [], ["fastthing"], tag="cp314-cp314-pyemscripten_2026_0_wasm32")
    make_wheel(cache, "oldabi", "1.0", [], ["oldabi"], tag="cp312-cp312-pyemscripten_2024_0_wasm32")
    result = lw.Resolver(TARGET, cache, pins={}, log=lambda *_: None).resolve(["fastthing", "oldabi"])
    assert list(result.wheels) == ["fastthing"] and result.absent == {"oldabi": "no-wheel"}


def test_import_names_come_from_the_wheel(tmp_path):
    path = make_wheel(tmp_path, "pyyaml", "6.0.3", [], ["yaml", "_yaml"])
    assert lw.wheel_metadata(path)[1] == ["_yaml", "yaml"]


def _npm_tarball(folder: Path) -> Path:
    lock = {"info": {"abi_version": "2026_0", "arch": "wasm32", "platform": "emscripten_5_0_3",
                     "python": "3.14.2"},
            "packages": {"numpy": {"name": "numpy", "version": "2.4.6", "file_name": "numpy-2.4.6-cp314-cp314-x.whl"}}}
    path = folder / "pyodide-314.0.6.tgz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in {"pyodide.mjs": b"//", "pyodide.asm.wasm": b"\0asm", "python_stdlib.zip": b"PK",
                           "pyodide-lock.json": json.dumps(lock).encode(), "console.html": b"<html>"}.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            tar.addfile(info, BytesIO(data))
    return path


def test_lock_lists_exactly_the_shipped_wheels_with_their_hashes(tmp_path, cache):
    archive = _npm_tarball(tmp_path)
    site = tmp_path / "site"
    original = lp.unpack_core(archive, site)
    assert sorted(p.name for p in site.iterdir()) == ["pyodide.asm.wasm", "pyodide.mjs", "python_stdlib.zip"]
    target = lp.target_of(original)
    assert target == TARGET
    make_wheel(cache, "narwhals", "2.18.1", [], ["narwhals"])
    resolution = lw.Resolver(target, cache, original, pins={}, log=lambda *_: None).resolve(["narwhals", "numpy"])
    lock = json.loads(lp.write_lock(original, resolution, site).read_text(encoding="utf-8"))
    assert lock["info"] == original["info"]
    assert list(lock["packages"]) == ["narwhals"]  # numpy: absent, so not promised to loadPackage
    entry = lock["packages"]["narwhals"]
    shipped = site / entry["file_name"]
    assert shipped.is_file() and entry["sha256"] == lw.sha256(shipped)
    assert entry["imports"] == ["narwhals"] and entry["depends"] == []


def test_cached_npm_tarball_is_reused_without_npm(tmp_path, monkeypatch):
    archive = _npm_tarball(tmp_path)
    monkeypatch.setattr(lp.shutil, "which", lambda name: None)
    assert lp.fetch_core("314.0.6", tmp_path) == archive
    with pytest.raises(lp.PyodideFetchError):
        lp.fetch_core("314.0.7", tmp_path)


def test_local_server_gives_the_types_browsers_check(tmp_path):
    import urllib.request

    from ocworkbook.publish.lite_serve import serve

    (tmp_path / "pyodide.asm.wasm").write_bytes(b"\0asm")
    (tmp_path / "pyodide.mjs").write_text("export {}")
    with serve(tmp_path, record=True) as (url, requests):
        types = {name: urllib.request.urlopen(url + name, timeout=10).headers["Content-Type"]
                 for name in ("pyodide.asm.wasm", "pyodide.mjs")}
    assert types == {"pyodide.asm.wasm": "application/wasm", "pyodide.mjs": "text/javascript"}
    assert requests == ["/pyodide.asm.wasm", "/pyodide.mjs"]
    assert url.startswith("http://127.0.0.1:")


def test_missing_build_tools_give_a_french_message(tmp_path, capsys):
    from ocworkbook.publish import lite

    code = lite.main(["--jupyter", str(tmp_path / "absent" / "jupyter"), "--out", str(tmp_path / "out")])
    assert code == 1 and "make lite" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
