"""Every notebook in an environment pinned like Colab's runtime, in a simulated Colab.

``make colab-venv`` (run by ``make test``) builds ``.venv-colab``: Python 3.11 with Colab's
ipywidgets 7.7.1, altair 5.5.0, pandas 2.2.3, ipykernel 6.17.1 and IPython 7.34.0, and the workbook
installed over them. The notebooks run there under nbval with ``COLAB_RELEASE_TAG`` set, so the
install cell really runs ``%pip install -q ocworkbook`` (pip finds it already installed; the index
is off, nothing is downloaded) and ``setup()`` takes its Colab path.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from .conftest import ROOT, _needed

pytestmark = pytest.mark.slow

COLAB_PYTHON = ROOT / ".venv-colab" / "bin" / "python"
PINS = dict(line.split("==") for line in (ROOT / "tests" / "frontends" / "colab-pins.txt").read_text().splitlines()
            if line and not line.startswith("#"))
NOTEBOOKS = sorted([*ROOT.glob("notebooks/0*.ipynb"), *ROOT.glob("notebooks/animation/*.ipynb")])


@pytest.fixture(scope="module")
def colab_python():
    _needed(COLAB_PYTHON, "the Colab-pinned environment (.venv-colab, `make colab-venv`)")
    return COLAB_PYTHON


def test_environment_has_colabs_pins(colab_python):
    code = ("import json, sys, importlib.metadata as m; print(json.dumps({'python': sys.version.split()[0], "
            f"**{{name: m.version(name) for name in {sorted(PINS)!r}}}}}))")
    versions = json.loads(subprocess.run([str(colab_python), "-c", code], capture_output=True, text=True,
                                         check=True).stdout)
    assert versions.pop("python").startswith("3.11.")
    assert versions == PINS


def test_every_notebook_runs_in_simulated_colab(colab_python, tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(COLAB_RELEASE_TAG="release-colab-test", PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1",
               OCWORKBOOK_STATE=str(tmp_path / "state"), MPLBACKEND="Agg")
    env.pop("OCWORKBOOK_RENDERER", None)
    done = subprocess.run(
        [str(colab_python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--nbval-lax",
         "--nbval-current-env", f"--rootdir={tmp_path}", *map(str, NOTEBOOKS)],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1500)
    tail = "\n".join(done.stdout.splitlines()[-30:])
    assert done.returncode == 0, tail
    assert " passed" in tail and "failed" not in tail
