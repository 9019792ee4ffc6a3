"""Learner and instructor editions: keys hashed but checks intact, nothing in clear, notes kept."""

from __future__ import annotations

import json

import pytest
import yaml

from editions.sample_workbook import NOTES_TEXT, write_sample
from ocworkbook.cli.main import main
from ocworkbook.editions.build import build_edition
from ocworkbook.editions.leaks import find_leaks, verify_edition, verify_learner_checks
from ocworkbook.errors import WorkbookError
from ocworkbook.exercises.bank import load_bank
from ocworkbook.exercises.check import check


@pytest.fixture
def source(tmp_path):
    return write_sample(tmp_path / "source")


@pytest.fixture
def learner(source, tmp_path):
    build_edition("learner", tmp_path / "learner", source=source, salt="sel-de-test")
    return tmp_path / "learner"


def test_learner_edition_keeps_every_check_and_shows_no_key(source, learner):
    assert verify_edition(learner, load_bank(source)) == []
    assert main(["validate", "--root", str(learner)]) == 0
    text = (learner / "exercises" / "01-essai.yml").read_text(encoding="utf-8")
    for clear in ("correct:", "reponse:", "calcul", "categorie:", "notes:", "coconstruction", "12.3",
                  "Trop haut", "Exact."):
        assert clear not in text, clear
    assert "sel: sel-de-test" in text
    assert "ne protège pas un examen" in text  # the file says plainly what hashing is worth


def test_learner_bank_checks_answers_like_the_key(source, learner):
    key, hashed = load_bank(source), load_bank(learner)
    number = hashed.get("01-nombre")
    assert number.hashed
    assert check(number, "12,7").correct and check(number, 11.9).correct
    assert not check(number, 13.5).correct
    assert check(number, 7).feedback == ["7, c'est une partie seulement."]
    assert check(hashed.get("01-mot"), "Co-Construction").correct
    assert check(hashed.get("01-mot"), "coproduction").feedback == [key.get("01-mot").data["erreurs"][0]["retroaction"]]
    assert check(hashed.get("01-unique"), "b").feedback == ["Non, trop tôt."]
    assert check(hashed.get("01-multiple"), ["a"]).status == "partiel"
    assert check(hashed.get("01-association"), {"bilan": "info", "plan": "decision"}).correct
    assert check(hashed.get("01-ordre"), ["accueil", "debat", "decision", "suivi"]).correct
    assert check(hashed.get("01-donnees"), 2).correct
    assert hashed.get("01-donnees").data["reponse_nature"] == "nombre"


def test_ordering_is_not_stored_in_its_correct_order(learner):
    document = yaml.safe_load((learner / "exercises" / "01-essai.yml").read_text(encoding="utf-8"))
    order = next(e for e in document["exercices"] if e["id"] == "01-ordre")
    assert [e["id"] for e in order["elements"]] != ["accueil", "debat", "decision", "suivi"]


def test_learner_notebooks_lose_solutions_and_notes(learner):
    notebook = json.loads((learner / "notebooks" / "01-essai.ipynb").read_text(encoding="utf-8"))
    sources = ["".join(c["source"]) for c in notebook["cells"]]
    assert not any("notes-animation" in c["metadata"].get("tags", []) for c in notebook["cells"])
    assert not any(NOTES_TEXT in s for s in sources)
    assert not any("ex.check(reponse)" in s for s in sources)
    readme = (learner / "README.md").read_text(encoding="utf-8")
    assert "ne protège pas un examen" in readme


def test_instructor_edition_keeps_keys_and_collects_notes(source, tmp_path):
    out = tmp_path / "instructor"
    report = build_edition("instructor", out, source=source)
    assert main(["validate", "--root", str(out)]) == 0
    notes = (out / "NOTES-ANIMATION.md").read_text(encoding="utf-8")
    assert NOTES_TEXT in notes and "Demandez au groupe quand un vote rapide" in notes
    key = (out / "CORRIGE.md").read_text(encoding="utf-8")
    assert "Un tour de table des attentes de chaque organisation" in key
    notebook = json.loads((out / "notebooks" / "01-essai.ipynb").read_text(encoding="utf-8"))
    notes_cells = [c for c in notebook["cells"] if "notes-animation" in c["metadata"].get("tags", [])]
    assert notes_cells and notes_cells[0]["metadata"]["slideshow"]["slide_type"] == "notes"
    assert any("solution" in c["metadata"].get("tags", []) for c in notebook["cells"])
    assert report.notebooks_without_notes == []


def test_leak_check_finds_answers_left_in_clear(source, learner):
    key = load_bank(source)
    path = learner / "notebooks" / "01-essai.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                              "source": 'ow.exercise("01-mot").check("Co-construction")'})
    notebook["cells"].append({"cell_type": "markdown", "metadata": {},
                              "source": "Indice : un tour de table des attentes de chaque organisation."})
    path.write_text(json.dumps(notebook), encoding="utf-8")
    bank_path = learner / "exercises" / "01-essai.yml"
    document = yaml.safe_load(bank_path.read_text(encoding="utf-8"))
    document["exercices"][3]["enonce"] = "Combien de centres ? (indice : environ 12,5)"
    document["exercices"][0]["options"][1]["correct"] = False
    bank_path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    messages = [str(e) for e in find_leaks(learner, key)]
    assert any("Co-construction" in m for m in messages)
    assert any("texte d'une bonne option" in m for m in messages)
    assert any("01-nombre" in m and "réponse numérique" in m for m in messages)
    assert any("options.correct" in m for m in messages)


def test_verification_catches_a_broken_hash(source, learner):
    bank_path = learner / "exercises" / "01-essai.yml"
    document = yaml.safe_load(bank_path.read_text(encoding="utf-8"))
    document["exercices"][4]["reponses_h"] = ["0" * 24]
    bank_path.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    errors = verify_learner_checks(load_bank(source), load_bank(learner))
    assert any(e.item == "01-mot" for e in errors)


def test_build_never_overwrites_a_foreign_folder(source, tmp_path):
    foreign = tmp_path / "mes-documents"
    foreign.mkdir()
    (foreign / "important.txt").write_text("à garder")
    with pytest.raises(WorkbookError, match="n'est pas vide"):
        build_edition("learner", foreign, source=source)
    assert (foreign / "important.txt").read_text() == "à garder"
    out = tmp_path / "edition"
    build_edition("learner", out, source=source)
    build_edition("learner", out, source=source)  # a second build replaces the first
    assert (out / "exercises" / "01-essai.yml").exists()


def test_cli_build_learner_reports_a_leak_with_exit_code_1(source, tmp_path, capsys):
    path = source / "notebooks" / "01-essai.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                              "source": "reponse = 12.3"})
    path.write_text(json.dumps(notebook), encoding="utf-8")
    assert main(["build", "learner", str(tmp_path / "out"), "--source", str(source)]) == 1
    assert "12.3" in capsys.readouterr().err


def test_real_workbook_checks_survive_hashing(tmp_path):
    from ocworkbook.paths import shipped_workbook

    root = shipped_workbook()
    build_edition("learner", tmp_path / "learner", source=root)
    assert verify_learner_checks(load_bank(root), load_bank(tmp_path / "learner")) == []


def test_real_workbook_learner_edition_shows_no_answer(tmp_path):
    from ocworkbook.paths import shipped_workbook

    root = shipped_workbook()
    build_edition("learner", tmp_path / "learner", source=root)
    assert [str(e) for e in find_leaks(tmp_path / "learner", load_bank(root))] == []


def test_facilitator_notebooks_are_not_reported_as_lacking_teaching_notes(source, tmp_path):
    """``notebooks/animation/`` holds the facilitator's own notebooks: « pas encore de notes » is for learners' ones."""
    plain = {"cells": [{"cell_type": "markdown", "id": "a", "metadata": {}, "source": "# Un carnet\n\nTexte."}],
             "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
             "nbformat": 4, "nbformat_minor": 5}
    (source / "notebooks" / "animation").mkdir()
    (source / "notebooks" / "animation" / "atelier-essai.ipynb").write_text(json.dumps(plain), encoding="utf-8")
    (source / "notebooks" / "02-sans-notes.ipynb").write_text(json.dumps(plain), encoding="utf-8")
    report = build_edition("instructor", tmp_path / "instructor", source=source)
    assert "atelier-essai" in " ".join(report.notebooks)
    assert report.notebooks_without_notes == ["02-sans-notes"]
