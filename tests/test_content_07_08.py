"""Notebooks 07 and 08 follow the template: sections, exercises, slides, facilitator notes, cautions."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from ocworkbook.exercises.bank import load_bank
from ocworkbook.publish.install_cell import is_install_cell

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ["07-competences-pratique-reflexive", "08-cas-integrateur"]
HEADINGS = ["## Objectifs d'apprentissage", "## Durée", "## Préalables", "## Étude de cas", "## Exercices",
            "## À retenir", "## Pour aller plus loin", "## Références"]


def _notebook(stem):
    return nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", as_version=4)


def _sections(nb):
    """Markdown text of each ``## `` section, keyed by its heading line."""
    sections, current = {}, None
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("## "):
                    current = line.strip()
                    sections[current] = ""
        if current:
            sections[current] += cell.source + "\n"
    return sections


@pytest.fixture(scope="module")
def bank():
    return load_bank(ROOT)


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_template_headings_in_order(stem):
    nb = _notebook(stem)
    lines = [line.strip() for c in nb.cells if c.cell_type == "markdown" for line in c.source.splitlines()]
    positions = [lines.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    assert nb.cells[0].source.startswith(f"# {stem[:2]} — ")


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_saved_clean_with_kernelspec_and_setup_first(stem):
    nb = _notebook(stem)
    assert nb.metadata.kernelspec["name"] == "python3"
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code)
    assert [c for c in code if not is_install_cell(c)][0].source.startswith("import ocworkbook as ow\now.setup()")


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_exercises_exist_with_enough_types(stem, bank):
    nb = _notebook(stem)
    ids = [m for c in nb.cells if c.cell_type == "code" for m in re.findall(r'ow\.exercise\("([^"]+)"\)', c.source)]
    assert len(ids) >= 6 and len(set(ids)) == len(ids)
    exercises = [bank.get(i) for i in ids]
    assert None not in exercises, [i for i, e in zip(ids, exercises, strict=True) if e is None]
    types = {e.type for e in exercises}
    assert len(types) >= 4 and {"donnees", "reflexion"} <= types
    assert all(i.startswith(stem[:3]) for i in ids)
    # every exercise of the notebook's file is shown in the notebook
    assert {e.id for e in bank.by_notebook(stem)} == set(ids)


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_slide_metadata_and_hidden_code(stem):
    nb = _notebook(stem)
    assert all(c.metadata.get("slideshow", {}).get("slide_type") for c in nb.cells)
    assert nb.cells[0].metadata.slideshow.slide_type == "slide"
    for cell in nb.cells:
        if cell.cell_type == "code" and ("ow.setup()" in cell.source or "alt.Chart" in cell.source
                                         or "ow.exercise(" in cell.source or "widget" in cell.source):
            assert "hide-input" in cell.metadata.get("tags", []), cell.source[:60]
    sections = _sections(nb)
    for heading in ("## Étude de cas", "## Objectifs d'apprentissage", "## À retenir"):
        cell = next(c for c in nb.cells if c.source.startswith(heading))
        assert cell.metadata.slideshow.slide_type == "slide"
    assert sections


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_a_facilitator_note_per_main_section(stem):
    nb = _notebook(stem)
    current, noted = None, {}
    for cell in nb.cells:
        heading = next((line for line in cell.source.splitlines() if line.startswith("## ")), None)
        if cell.cell_type == "markdown" and heading and "notes-animation" not in cell.metadata.get("tags", []):
            current = heading
            noted.setdefault(current, False)
        if "notes-animation" in cell.metadata.get("tags", []):
            assert cell.metadata.slideshow.slide_type == "notes"
            noted[current] = True
    main = [h for h in noted if re.match(r"## \d\.", h) or h == "## Étude de cas"]
    assert len(main) >= 4
    assert all(noted[h] for h in main), {h: noted[h] for h in main}


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_case_is_labelled_fictional_and_closing_sections_are_complete(stem):
    sections = _sections(_notebook(stem))
    assert "Cas fictif" in sections["## Étude de cas"] and "Loi 10" in sections["## Étude de cas"]
    points = [line for line in sections["## À retenir"].splitlines() if line.startswith("- ")]
    assert 5 <= len(points) <= 7
    references = [line for line in sections["## Références"].splitlines() if line.startswith("- ")]
    assert len(references) >= 6 and any("Bourque, D. (2008)" in r for r in references)
    assert "## Durée" in sections and "atelier" in sections["## Durée"].lower()


def test_notebook_07_keeps_unverified_points_flagged():
    text = "\n".join(c.source for c in _notebook(NOTEBOOKS[0]).cells)
    assert not re.search(r"p\.\s*130", text)  # Schön's page numbers are unverified: never given
    assert "Le praticien réflexif" in text and "(**à vérifier**)" in text
    assert "proposition de ce\n> cahier" in text or "proposition de ce cahier" in text
    assert "conceptuel, stratégique et méthodologique" in text
    assert "ne sont pas\ndocumentés" in text or "ne sont pas documentés" in text.replace("\n", " ")
    assert "COSMOSS" in text and "2008" in text


def test_notebook_08_uses_the_scenario_and_its_concepts():
    text = "\n".join(c.source for c in _notebook(NOTEBOOKS[1]).cells)
    assert 'scenario_widget("le-programme-arrive")' in text
    scenario = yaml.safe_load((ROOT / "exercises" / "scenarios" / "le-programme-arrive.yml").read_text("utf-8"))
    assert scenario["carnet"] == NOTEBOOKS[1]
    notebooks_cited = {c.get("carnet") for c in scenario["concepts"].values()} - {None}
    assert {"02", "03", "04", "05", "06", "07"} <= notebooks_cited


def test_locale_file_has_both_languages_and_same_placeholders():
    data = yaml.safe_load((ROOT / "src" / "ocworkbook" / "locales" / "lessons_07_08.yml").read_text("utf-8"))
    for key, value in data.items():
        assert set(value) == {"fr", "en"}, key
        assert set(re.findall(r"\{(\w+)\}", value["fr"])) == set(re.findall(r"\{(\w+)\}", value["en"])), key
        assert key.startswith(("scenarios.", "lessons.competences.")), key


def test_datasets_are_registered_as_fictional():
    import json

    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text("utf-8"))
    mine = {r["name"]: r for r in package["resources"]
            if r["name"] in ("autoevaluation_exemple", "parcours_atelier_exemple")}
    assert set(mine) == {"autoevaluation_exemple", "parcours_atelier_exemple"}
    for resource in mine.values():
        assert resource["fictional"] is True and (ROOT / "datasets" / resource["path"]).is_file()
        assert "fictif" in resource["title"]
