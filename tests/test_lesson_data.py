"""Lesson content as data: questionnaires and case files, read by the shared validator (file, line, French
message, « vouliez-vous écrire … ? »), copied by ``start``, shipped in both editions, checked by ``validate``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ocworkbook.errors import BankError, WorkbookError
from ocworkbook.lessons.cases import find_case, read_case, validate_cases
from ocworkbook.questionnaires import find_questionnaire, read_questionnaire, validate_questionnaires

ROOT = Path(__file__).resolve().parents[1]
GRID = ROOT / "exercises" / "questionnaires" / "03-grille-registres.yml"
CASE_05 = ROOT / "datasets" / "cas" / "05-haut-rivage.yml"


def test_shipped_questionnaires_cases_and_instrument_are_valid():
    assert validate_questionnaires(ROOT) == []
    assert validate_cases(ROOT) == []
    assert {p.stem for p in (ROOT / "datasets" / "cas").glob("*.yml")} == {
        "02-cote-aux-merles", "03-ormeaux-horizon", "04-ormeaux-deliberation", "05-haut-rivage", "06-berges"}
    instrument = ROOT / "src" / "ocworkbook" / "tools" / "instruments" / "coconstruction.yml"
    assert read_questionnaire(instrument)[0] == []


def _mutated(tmp_path, source: Path, old: str, new: str) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    target = tmp_path / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


def _line(path: Path, needle: str) -> int:
    """The line of the last occurrence of ``needle`` (the changed one, when a text is repeated)."""
    return [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line][-1]


@pytest.mark.parametrize("old, new, words, needle", [
    ("        bas: ", "        bass: ", ["champ inconnu « bass »", "vouliez-vous écrire « bas » ?"], "bass:"),
    ("  max: 4\n", "  max: 0\n", ["min < max"], "  max: 0"),
    ("        poids: 1\n", "        poids: lourd\n", ["« poids » doit être un nombre"], "poids: lourd"),
    ("      - id: financement", "      - id: objectifs_indicateurs", ["répété"], "id: objectifs_indicateurs"),
    ("  - {min: 1.4, max: 2.6,", "  - {min: 1.2, max: 2.6,", ["chevauche"], "min: 1.2"),
    ("nom: 03-grille-registres", "nom: 03-grille", ["nom du fichier"], "nom: 03-grille"),
    ('        texte: "Qui définit le problème ?"', "        texte: Qui définit : le problème ?",
     ["deux-points"], "Qui définit : le problème"),
])
def test_a_broken_questionnaire_is_named_with_file_line_and_item(tmp_path, old, new, words, needle):
    path = _mutated(tmp_path, GRID, old, new)
    errors, questionnaire = read_questionnaire(path, "exercises/questionnaires/03-grille-registres.yml")
    assert questionnaire is None and errors
    message = str(errors[0])
    assert message.startswith(f"exercises/questionnaires/03-grille-registres.yml:{_line(path, needle)}")
    assert all(word in message for word in words), message


def test_the_instrument_loader_goes_through_the_same_validator(tmp_path):
    from ocworkbook.tools.diagnostic import load_instrument

    source = ROOT / "src" / "ocworkbook" / "tools" / "instruments" / "coconstruction.yml"
    path = _mutated(tmp_path, source, "      - {id: D2,", "      - {id: D2, inverser: true,")
    with pytest.raises(WorkbookError) as error:
        load_instrument(str(path))
    assert "inverser" in str(error.value) and "vouliez-vous écrire « inverse » ?" in str(error.value)
    assert f":{_line(path, 'inverser')}" in str(error.value)
    no_types = _mutated(tmp_path, source, "types_acteurs:", "types_acteur_s:")
    with pytest.raises(WorkbookError):
        load_instrument(str(no_types))


@pytest.mark.parametrize("old, new, words, needle", [
    ("  part_commune: 0.5", "  part_commune: 1.5", ["« part_commune » doit valoir au plus 1"], "part_commune: 1.5"),
    ("charge_top: 20", "charge_tops: 20", ["champ inconnu « charge_tops »", "« charge_top »"], "charge_tops"),
    ("activite: recomposition", "activite: recompostion", ["vouliez-vous écrire « recomposition » ?"],
     "activite: recompostion"),
    ("  tailles_deleguees: [petit]", "  tailles_deleguees: petit: oui", ["deux-points"], "tailles_deleguees"),
])
def test_a_broken_case_file_is_named_with_file_line_and_field(tmp_path, old, new, words, needle):
    path = _mutated(tmp_path, CASE_05, old, new)
    errors, case = read_case(path, "datasets/cas/05-haut-rivage.yml")
    assert case is None and errors
    message = str(errors[0])
    assert message.startswith(f"datasets/cas/05-haut-rivage.yml:{_line(path, needle)}"), message
    assert all(word in message for word in words), message


def test_gradient_levels_must_be_the_five_the_model_reads(tmp_path):
    source = ROOT / "datasets" / "cas" / "04-ormeaux-deliberation.yml"
    path = _mutated(tmp_path, source, "    blocage:", "    bloquage:")
    errors, _ = read_case(path)
    text = " ".join(map(str, errors))
    assert "bloquage" in text and "vouliez-vous écrire « blocage » ?" in text and "il manque" in text


def _workbook_copy(tmp_path) -> Path:
    """The repository's workbook parts (clear keys), as an instructor adapting it would have them."""
    root = tmp_path / "cahier"
    for part in ("notebooks", "exercises", "datasets"):
        shutil.copytree(ROOT / part, root / part, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return root


def test_cross_checks_name_the_dataset_and_the_case(tmp_path):
    from ocworkbook.lessons.checks import check_lesson_data

    root = _workbook_copy(tmp_path)
    assert check_lesson_data(root) == []
    grid = root / "exercises" / "questionnaires" / "03-grille-registres.yml"
    grid.write_text(grid.read_text(encoding="utf-8").replace("id: financement", "id: financements"), encoding="utf-8")
    case = root / "datasets" / "cas" / "06-berges.yml"
    case.write_text(case.read_text(encoding="utf-8").replace("  soir: ", "  nuit: "), encoding="utf-8")
    messages = [str(e) for e in check_lesson_data(root)]
    assert any("datasets/registres_cotes.csv" in m and "« financement »" in m for m in messages), messages
    assert any("03-grille-registres.yml" in m and "« financements »" in m and "aucune cote" in m for m in messages)
    assert any("datasets/cas/06-berges.yml" in m and "« soir »" in m for m in messages), messages


def test_the_relations_exercise_key_must_agree_with_the_data(tmp_path):
    from ocworkbook.lessons.checks import check_lesson_data

    root = _workbook_copy(tmp_path)
    bank = root / "exercises" / "02-concertation-partenariat.yml"
    text = bank.read_text(encoding="utf-8")
    old = ("      - id: fondation-logement\n"
           "        texte: \"Fondation Aurore-des-Berges ↔ Comité logement de la Côte\"\n"
           "        categorie: aucune")
    assert old in text
    bank.write_text(text.replace(old, old.replace("categorie: aucune", "categorie: concertation")), encoding="utf-8")
    messages = [str(e) for e in check_lesson_data(root)]
    assert any("fondation-logement" in m and "« aucune »" in m for m in messages), messages


def test_validate_reports_lesson_data_problems(tmp_path, capsys):
    from ocworkbook.cli.main import main

    root = _workbook_copy(tmp_path)
    path = root / "datasets" / "cas" / "03-ormeaux-horizon.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("situation_libre:", "situation_libres:"),
                    encoding="utf-8")
    assert main(["validate", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "datasets/cas/03-ormeaux-horizon.yml:" in err and "situation_libres" in err


def test_lessons_read_their_files_from_the_workbook_they_run_in(tmp_path):
    from ocworkbook.lessons import registres

    root = _workbook_copy(tmp_path)
    grid = root / "exercises" / "questionnaires" / "03-grille-registres.yml"
    grid.write_text(grid.read_text(encoding="utf-8").replace("Qui définit le problème ?", "Qui nomme le problème ?"),
                    encoding="utf-8")
    widget = registres.registers_grid(root=root)
    assert "Qui nomme le problème ?" in widget.widget.children[1].children[0].value
    assert find_questionnaire("03-grille-registres", root).items[0].text == "Qui nomme le problème ?"
    with pytest.raises(BankError, match="vouliez-vous écrire « 03-grille-registres » ?"):
        find_questionnaire("03-grille-registre", root)
    with pytest.raises(BankError, match="configure l'activité"):
        find_case("06-berges", root, activity="registres")


def test_start_and_both_editions_carry_the_lesson_files(tmp_path):
    from ocworkbook.editions.build import build_edition
    from ocworkbook.workbook_copy import copy_workbook, learner_view

    wanted = ["exercises/questionnaires/03-grille-registres.yml", "exercises/questionnaires/07-autoevaluation.yml",
              "datasets/cas/02-cote-aux-merles.yml", "datasets/cas/05-haut-rivage.yml"]
    for kind in ("learner", "instructor"):
        out = tmp_path / kind
        build_edition(kind, out, source=ROOT, salt="0123456789abcdef")
        assert all((out / name).is_file() for name in wanted), kind
        assert validate_questionnaires(out) == [] and validate_cases(out) == []
    with learner_view(ROOT) as view:
        copy_workbook(view, tmp_path / "start")
    assert all((tmp_path / "start" / name).is_file() for name in wanted)
