"""``docs/adapter-carnet-03.md``, step by step, on a copy of the workbook: change the grid, the case and two
exercises, run ``validate``, build both editions, and find the changes where learners will see them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ocworkbook.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "adapter-carnet-03.md"
QUESTION = "Quelle place pour les citoyennes, les citoyens et les élus locaux ?"
SITUATION = "Cas 1 — La table du Val-des-Sources (fictif)"
PROMPT = "Choisissez une démarche de concertation du Val-des-Sources"
HINT = "Pensez au fonds régional de développement social du Val-des-Sources."


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path.name, old[:60])
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_guide_shows_the_commands_this_test_runs():
    text = DOC.read_text(encoding="utf-8")
    for command in ("ocworkbook build instructor mon-cours", "ocworkbook validate --root mon-cours",
                    "ocworkbook build learner edition-etudiante --source mon-cours",
                    "ocworkbook build instructor edition-enseignante --source mon-cours"):
        assert command in text
    assert QUESTION in text and SITUATION in text


@pytest.fixture(scope="module")
def adapted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exemple")
    course = folder / "mon-cours"
    # 0. a working copy, with the keys
    assert main(["build", "instructor", str(course), "--source", str(ROOT)]) == 0
    # 1. the grid
    grid = course / "exercises" / "questionnaires" / "03-grille-registres.yml"
    replace(grid, 'texte: "Quelle place pour les citoyennes et les citoyens ?"', f'texte: "{QUESTION}"')
    text = grid.read_text(encoding="utf-8")
    block = text[text.index("      - id: place_citoyens"):]
    grid.write_text(text.replace(block, block.replace("        poids: 1", "        poids: 2", 1), 1), encoding="utf-8")
    # 2. the case: its parameters, and its text in the notebook (a Markdown cell)
    replace(course / "datasets" / "cas" / "03-ormeaux-horizon.yml", 'ormeaux: "Cas 1 — Les Ormeaux (fictif)"',
            f'ormeaux: "{SITUATION}"')
    notebook = course / "notebooks" / "03-instrumentalisation-coconstruction.ipynb"
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    case = next(c for c in nb["cells"] if "".join(c["source"]).startswith("## Étude de cas"))
    case["source"] = [line.replace("Ormeaux", "Val-des-Sources") for line in case["source"]]
    notebook.write_text(json.dumps(nb, ensure_ascii=False, indent=1), encoding="utf-8")
    # 3. two exercises
    bank = course / "exercises" / "03-instrumentalisation-coconstruction.yml"
    text = bank.read_text(encoding="utf-8")
    start = text.index("  - id: 03-reflexion-grille")
    prompt = re.search(r"    enonce: \|\n((?:      .*\n)+)", text[start:])
    text = text[:start] + text[start:].replace(prompt.group(1), f"      {PROMPT} et situez-la sur la grille.\n", 1)
    start = text.index("  - id: 03-interface-horizon")
    hints = text.index("    indices:\n", start) + len("    indices:\n")
    bank.write_text(text[:hints] + f"      - {HINT}\n" + text[hints:], encoding="utf-8")
    return folder, course


def test_validate_accepts_the_adapted_course(adapted, capsys):
    _, course = adapted
    assert main(["validate", "--root", str(course)]) == 0, capsys.readouterr().err


def test_validate_names_the_line_of_a_mistake(adapted, capsys, tmp_path):
    import shutil

    _, course = adapted
    broken = tmp_path / "mon-cours"
    shutil.copytree(course, broken)
    grid = broken / "exercises" / "questionnaires" / "03-grille-registres.yml"
    replace(grid, "        poids: 2", "        poids: double")
    line = next(n for n, text in enumerate(grid.read_text(encoding="utf-8").splitlines(), 1) if "double" in text)
    assert main(["validate", "--root", str(broken)]) == 1
    err = capsys.readouterr().err
    assert f"exercises/questionnaires/03-grille-registres.yml:{line} [place_citoyens]" in err
    assert "« poids » doit être un nombre (trouvé : double)" in err


def test_both_editions_carry_the_changes(adapted):
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.lessons import registres

    folder, course = adapted
    learner, instructor = folder / "edition-etudiante", folder / "edition-enseignante"
    assert main(["build", "learner", str(learner), "--source", str(course)]) == 0
    assert main(["build", "instructor", str(instructor), "--source", str(course)]) == 0
    for edition in (learner, instructor):
        assert main(["validate", "--root", str(edition)]) == 0
        grid = registres.registers_grid(root=edition)
        assert grid.situation.options[0] == SITUATION
        labels = [row.children[0].value for row in grid.widget.children[1:-3]]
        assert any(QUESTION in label for label in labels)
        assert grid.grid.item("place_citoyens").weight == 2
        notebook = (edition / "notebooks" / "03-instrumentalisation-coconstruction.ipynb").read_text("utf-8")
        assert "Val-des-Sources" in notebook
        bank = load_bank(edition)
        assert PROMPT in bank.get("03-reflexion-grille").prompt
        assert HINT in bank.get("03-interface-horizon").hints
    assert bank.get("03-interface-horizon").hashed is False
    assert load_bank(learner).get("03-interface-horizon").hashed is True
