"""Teaching notes live in notebooks/animation/notes/, never in a learner's notebook; the instructor edition
and the slides put them back as speaker notes after their section."""

from __future__ import annotations

import json
import shutil

from conftest import ROOT
from ocworkbook.editions.build import build_edition
from ocworkbook.editions.facilitator_notes import check_notes


def _tags(notebook):
    return [set(c.get("metadata", {}).get("tags") or []) for c in notebook["cells"]]


def test_shipped_notebooks_hold_no_teaching_notes_and_every_notes_file_is_valid():
    assert check_notes(ROOT) == []
    for path in (ROOT / "notebooks").glob("*.ipynb"):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        assert not any("notes-animation" in tags for tags in _tags(notebook)), path.name


def test_instructor_edition_puts_the_notes_after_their_section_learner_edition_does_not(tmp_path):
    build_edition("instructor", tmp_path / "ens", source=ROOT)
    build_edition("learner", tmp_path / "etu", source=ROOT)
    name = "03-instrumentalisation-coconstruction.ipynb"
    instructor = json.loads((tmp_path / "ens" / "notebooks" / name).read_text(encoding="utf-8"))
    learner = json.loads((tmp_path / "etu" / "notebooks" / name).read_text(encoding="utf-8"))
    notes = [i for i, tags in enumerate(_tags(instructor)) if "notes-animation" in tags]
    assert len(notes) >= 3
    for index in notes:
        assert instructor["cells"][index]["metadata"]["slideshow"]["slide_type"] == "notes"
        assert "Durée" in "".join(instructor["cells"][index]["source"])
    assert not any("notes-animation" in tags for tags in _tags(learner))
    assert "Idées fausses" in (tmp_path / "ens" / "NOTES-ANIMATION.md").read_text(encoding="utf-8")
    assert check_notes(tmp_path / "ens") == []


def test_a_wrong_heading_and_a_notes_cell_in_a_learner_notebook_are_reported(tmp_path):
    root = tmp_path / "wb"
    for part in ("notebooks", "exercises", "datasets"):
        shutil.copytree(ROOT / part, root / part)
    notes = root / "notebooks" / "animation" / "notes" / "03-instrumentalisation-coconstruction.yml"
    notes.write_text(notes.read_text(encoding="utf-8").replace("apres: Levier ou rouage ?", "apres: Levier ou rouages",
                                                                1), encoding="utf-8")
    path = root / "notebooks" / "00-demarrer.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "markdown", "metadata": {"tags": ["notes-animation"]}, "source": ["x"]})
    path.write_text(json.dumps(notebook), encoding="utf-8")
    problems = [str(p) for p in check_notes(root)]
    assert any("03-instrumentalisation-coconstruction.yml:" in p and "« apres: Levier ou rouages »" in p
               and "vouliez-vous écrire « Levier ou rouage ? »" in p for p in problems), problems
    assert any(p.startswith("notebooks/00-demarrer.ipynb") and "note d'animation" in p for p in problems), problems
