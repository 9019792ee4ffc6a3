"""The wheel carries the workbook's learner edition: notebooks, datasets and exercises — never the clear key."""

import json
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                    str(folder), str(ROOT)], check=True)
    return next(folder.glob("ocworkbook-*.whl"))


@pytest.mark.slow
def test_wheel_ships_notebooks_datasets_and_exercises(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in ["ocworkbook/_workbook/datasets/datapackage.json",
                     "ocworkbook/_workbook/exercises/00-demarrer.yml",
                     "ocworkbook/_workbook/exercises/scenarios/le-programme-arrive.yml",
                     "ocworkbook/_workbook/notebooks/00-demarrer.ipynb",
                     "ocworkbook/locales/core.yml",
                     "ocworkbook/exercises/check.py"]:
        assert expected in names, expected
    assert not any(".ipynb_checkpoints" in n or "/.ocworkbook/" in n for n in names)


@pytest.mark.slow
def test_wheel_holds_no_clear_key_and_no_instructor_material(wheel, tmp_path):
    from ocworkbook.editions.leaks import find_leaks
    from ocworkbook.exercises.bank import load_bank

    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert not any("/notebooks/animation/" in n for n in names)
    for name in names:
        if name.startswith("ocworkbook/_workbook/exercises/") and name.endswith(".yml") and "scenarios" not in name:
            text = archive.read(name).decode("utf-8")
            for clear in ("correct: true", "\n    reponse:", "\n    reponses:", "calcul:", "categorie:",
                          "\n    notes:"):
                assert clear not in text, (name, clear)
        if name.endswith(".ipynb"):
            cells = json.loads(archive.read(name))["cells"]
            assert not any({"solution", "notes-animation"} & set(c.get("metadata", {}).get("tags") or [])
                           for c in cells), name
    archive.extractall(tmp_path)
    shipped = tmp_path / "ocworkbook" / "_workbook"
    learner = load_bank(shipped)
    assert not learner.errors and learner.exercises and all(ex.hashed for ex in learner.exercises.values())
    assert find_leaks(shipped, load_bank(ROOT)) == []


@pytest.mark.slow
def test_instructor_edition_cannot_be_built_from_the_installed_learner_copy(wheel, tmp_path, capsys):
    from ocworkbook.cli.main import main

    zipfile.ZipFile(wheel).extractall(tmp_path)
    shipped = tmp_path / "ocworkbook" / "_workbook"
    assert main(["build", "instructor", str(tmp_path / "out"), "--source", str(shipped)]) == 1
    assert "édition étudiante" in capsys.readouterr().err
    assert not (tmp_path / "out" / "CORRIGE.md").exists()
