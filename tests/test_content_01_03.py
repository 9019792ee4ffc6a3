"""Content of notebooks 01–03: template, exercises, slide metadata, and the facts of their datasets."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ("01-contexte", "02-concertation-partenariat", "03-instrumentalisation-coconstruction")
SECTIONS = ("## Objectifs d'apprentissage", "## Durée", "## Préalables", "## Étude de cas", "## Exercices",
            "## À retenir", "## Pour aller plus loin", "## Références")
EXERCISE_CALL = re.compile(r"""ow\.exercise\(\s*["']([a-z0-9-]+)["']\s*\)""")


def _cells(stem):
    """The notebook as the instructor edition shows it: its teaching notes inserted after their sections."""
    from ocworkbook.editions.facilitator_notes import notes_for, with_notes

    path = ROOT / "notebooks" / f"{stem}.ipynb"
    notebook = with_notes(json.loads(path.read_text(encoding="utf-8")), notes_for(ROOT, path))
    return notebook, notebook["cells"]


def _source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def _section(cells, heading) -> str:
    """Text of the markdown cell that opens with ``heading``."""
    for cell in cells:
        if cell["cell_type"] == "markdown" and _source(cell).lstrip().startswith(heading):
            return _source(cell)
    raise AssertionError(f"section {heading!r} introuvable")


@pytest.fixture(scope="module")
def bank():
    from ocworkbook.exercises.bank import load_bank

    return load_bank(ROOT)


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_notebook_follows_the_template(stem):
    notebook, cells = _cells(stem)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    assert _source(cells[0]).startswith(f"# {stem[:2]} — ")
    headings = [line for c in cells if c["cell_type"] == "markdown" for line in _source(c).splitlines()
                if line.startswith("## ")]
    positions = [headings.index(s) for s in SECTIONS]
    assert positions == sorted(positions), "les sections du gabarit doivent suivre l'ordre prévu"
    goals = re.findall(r"^\d+\. ", _section(cells, "## Objectifs d'apprentissage"), flags=re.M)
    assert 3 <= len(goals) <= 5
    keep = re.findall(r"^- ", _section(cells, "## À retenir"), flags=re.M)
    assert 5 <= len(keep) <= 7
    assert "fictif" in _section(cells, "## Étude de cas").lower()
    assert "atelier" in _section(cells, "## Durée")
    references = re.findall(r"^- .*\(\d{4}|^- .*\(s\.d\.\)|^- .*https?://", _section(cells, "## Références"),
                            flags=re.M)
    assert len(references) >= 4


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_notebook_is_saved_clean_with_slides_and_facilitator_notes(stem):
    _, cells = _cells(stem)
    for cell in cells:
        assert cell.get("metadata", {}).get("slideshow", {}).get("slide_type"), _source(cell)[:60]
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
            tags = cell["metadata"].get("tags", [])
            is_learner_cell = "# reponse = ..." in _source(cell)
            assert is_learner_cell or "hide-input" in tags, _source(cell)[:60]
    assert cells[0]["metadata"]["slideshow"]["slide_type"] == "slide"
    slides = [_source(c) for c in cells if c["metadata"]["slideshow"]["slide_type"] == "slide"]
    assert any(s.startswith("## Étude de cas") for s in slides)
    assert any("Questions de discussion" in s for s in slides)
    main_sections = [c for c in cells if c["cell_type"] == "markdown" and re.match(r"## \d+\.", _source(c))]
    notes = [c for c in cells if "notes-animation" in c["metadata"].get("tags", [])]
    assert len(main_sections) >= 3 and len(notes) >= len(main_sections)
    for note in notes:
        text = _source(note)
        assert "Durée" in text and "Idées fausses" in text


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_notebook_uses_its_exercises_with_enough_variety(stem, bank):
    _, cells = _cells(stem)
    used = [i for c in cells if c["cell_type"] == "code" for i in EXERCISE_CALL.findall(_source(c))]
    assert len(used) >= 6 and len(set(used)) == len(used)
    errors = [e for e in bank.errors if stem in str(e.path)]
    assert not errors, [str(e) for e in errors]
    exercises = [bank.get(i) for i in used]
    assert all(exercises), [i for i, e in zip(used, exercises, strict=True) if e is None]
    assert all(e.id.startswith(stem[:3]) and e.notebook == stem for e in exercises)
    types = {e.type for e in exercises}
    assert len(types) >= 4 and {"donnees", "reflexion"} <= types
    assert set(bank.notebooks[stem]) == set(used), "chaque exercice de la banque du carnet y est utilisé"
    assert 20 <= sum(e.minutes for e in exercises) <= 45


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_notebook_has_a_widget_and_an_altair_chart(stem):
    _, cells = _cells(stem)
    code = "\n".join(_source(c) for c in cells if c["cell_type"] == "code")
    assert re.search(r"timeline_explorer|relations_classifier|registers_grid", code)
    assert re.search(r"alt\.Chart|_chart\(", code)


def test_timeline_keeps_only_verified_facts_with_a_source():
    import ocworkbook as ow

    frame = ow.load("chronologie")
    assert len(frame) >= 25
    assert set(frame.confiance) == {"✅"}
    assert (frame.source.str.strip() != "").all()
    # the CSSS start year (2004) is not verified: no event may claim it
    assert frame[frame.debut == 2004].empty
    landmarks = {1971: "Loi 65", 1988: "RQIIAC", 2001: "PRSAC", 2003: "Loi 25", 2015: "Loi 10", 2023: "Loi 15",
                 2024: "Santé Québec"}
    for year, text in landmarks.items():
        assert frame[(frame.debut == year) & frame.evenement.str.contains(text)].shape[0] == 1, text


def test_datasets_of_notebooks_02_and_03_are_flagged_fictional():
    from ocworkbook.data import resources

    found = resources(ROOT)
    assert found["chronologie"]["fictional"] is False
    for name in ("territoire_acteurs", "territoire_tables", "territoire_adhesions", "territoire_programmes",
                 "territoire_liens", "registres_cotes"):
        assert found[name]["fictional"] is True, name
        assert "fictive" in found[name]["description"].lower()
