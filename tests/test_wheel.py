"""The wheel carries the whole workbook, so that pip users get notebooks, datasets and exercises."""

import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_wheel_ships_notebooks_datasets_and_exercises(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("ocworkbook-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ["ocworkbook/_workbook/datasets/datapackage.json",
                     "ocworkbook/_workbook/exercises/00-demarrer.yml",
                     "ocworkbook/_workbook/notebooks/00-demarrer.ipynb",
                     "ocworkbook/locales/core.yml",
                     "ocworkbook/exercises/check.py"]:
        assert expected in names, expected
    assert not any(".ipynb_checkpoints" in n or "/.ocworkbook/" in n for n in names)
