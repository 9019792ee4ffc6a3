"""The command line, end to end: validate and start."""

import json
import subprocess
import sys

from conftest import COMMON, ROOT
from ocworkbook.cli.main import main


def test_validate_passes_on_the_shipped_workbook(capsys):
    assert main(["validate", "--root", str(ROOT)]) == 0
    assert "tout est en ordre" in capsys.readouterr().out


def test_validate_fails_with_file_id_and_line(make_workbook, capsys):
    body = "  - id: x-num\n    type: numerique\n    reponse: 10\n" + \
        "\n".join("    " + line for line in COMMON.strip().splitlines())
    text = "carnet: a\nexercices:\n" + body + "\n    erreurs: [{valeur: 10, retroaction: r}]\n"
    root = make_workbook({"a.yml": text})
    (root / "notebooks" / "a.ipynb").write_text(json.dumps({"cells": [
        {"cell_type": "code", "source": 'ow.exercise("x-absent")', "metadata": {}, "outputs": []}]}))
    assert main(["validate", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "notebooks/a.ipynb [x-absent] : la cellule 1 appelle un exercice qui n'existe pas" in err


def test_validate_runs_the_data_key_and_catches_a_wrong_reponse(make_workbook, capsys):
    body = "  - id: x-data\n    type: donnees\n    jeu_de_donnees: petits\n    calcul: \"df['n'].sum()\"\n" \
           "    reponse: 7\n" + "\n".join("    " + line for line in COMMON.strip().splitlines())
    resources = [{"name": "petits", "path": "petits.csv", "schema": {"fields": [{"name": "n", "type": "integer"}]}}]
    root = make_workbook({"a.yml": "carnet: a\nexercices:\n" + body}, datasets={"petits.csv": "n\n1\n2\n3\n"},
                         resources=resources)
    assert main(["validate", "--root", str(root)]) == 1
    assert "[x-data] : le « calcul » donne 6, mais « reponse » vaut 7." in capsys.readouterr().err


def test_validate_catches_a_key_that_accepts_anything(make_workbook, capsys):
    body = "  - id: x-multi\n    type: choix_multiple\n" + \
        "\n".join("    " + line for line in COMMON.strip().splitlines()) + \
        "\n    options:\n      - {id: a, texte: A, correct: true, retroaction: r}\n" \
        "      - {id: b, texte: B, correct: true, retroaction: r}\n"
    root = make_workbook({"a.yml": "carnet: a\nexercices:\n" + body})
    assert main(["validate", "--root", str(root)]) == 0  # every option right: the empty answer still fails
    capsys.readouterr()


def test_validate_in_english(make_workbook, capsys):
    root = make_workbook({"a.yml": "carnet: a\nexercices: []\n"})
    assert main(["--lang", "en", "validate", "--root", str(root)]) == 0
    assert "all good" in capsys.readouterr().out


def test_start_copies_and_never_overwrites_learner_edits(tmp_path, capsys):
    target = tmp_path / "cahier"
    assert main(["start", str(target), "--no-lab"]) == 0
    notebook = target / "notebooks" / "00-demarrer.ipynb"
    assert notebook.exists() and (target / "datasets" / "datapackage.json").exists()
    notebook.write_text(notebook.read_text(encoding="utf-8") + " ", encoding="utf-8")  # the learner's edit
    mine = notebook.read_text(encoding="utf-8")
    (target / ".ocworkbook" / "manifest.json").write_text(json.dumps({"notebooks/00-demarrer.ipynb": "old"}))
    assert main(["start", str(target), "--no-lab"]) == 0
    assert notebook.read_text(encoding="utf-8") == mine
    assert (target / "notebooks" / "00-demarrer.nouveau.ipynb").exists()
    assert "votre version est gardée" in capsys.readouterr().out


def test_command_is_installed_and_helps_in_french():
    out = subprocess.run([sys.executable, "-m", "ocworkbook.cli.main", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "validate" in out.stdout and "start" in out.stdout


def test_start_from_a_source_checkout_copies_the_learner_view(tmp_path, capsys):
    target = tmp_path / "cahier"
    assert main(["start", str(target), "--no-lab"]) == 0
    bank_text = (target / "exercises" / "05-concertation-des-concertations.yml").read_text(encoding="utf-8")
    assert "correct: true" not in bank_text and "\nsel:" in bank_text and "notes:" not in bank_text
    assert not (target / "notebooks" / "animation").exists()
    notebook = json.loads((target / "notebooks" / "03-instrumentalisation-coconstruction.ipynb").read_text(
        encoding="utf-8"))
    assert not any("notes-animation" in (c.get("metadata", {}).get("tags") or []) for c in notebook["cells"])
    first = (target / "exercises" / "00-demarrer.yml").read_text(encoding="utf-8")
    assert main(["start", str(target), "--no-lab"]) == 0  # again: nothing changed, nothing rewritten
    assert (target / "exercises" / "00-demarrer.yml").read_text(encoding="utf-8") == first
    assert "nouveau" not in capsys.readouterr().out


def test_version_module_entry_and_lang_after_the_verb(make_workbook):
    from ocworkbook import __version__

    out = subprocess.run([sys.executable, "-m", "ocworkbook", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == f"ocworkbook {__version__}"
    root = make_workbook({"a.yml": "carnet: a\nexercices: []\n"})
    out = subprocess.run([sys.executable, "-m", "ocworkbook", "validate", "--root", str(root), "--lang", "en"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "all good" in out.stdout
    out = subprocess.run([sys.executable, "-m", "ocworkbook", "valider"], capture_output=True, text=True)
    assert out.returncode == 2 and "choix invalide" in out.stderr and "invalid choice" not in out.stderr
