"""Notebooks 04–06 follow the template, call existing exercises and carry slide metadata."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from ocworkbook.publish.install_cell import code_cells

ROOT = Path(__file__).resolve().parents[1]
STEMS = ["04-interet-general-deliberation", "05-concertation-des-concertations", "06-participation-citoyenne"]
HEADINGS = ["## Objectifs d'apprentissage", "## Durée", "## Préalables", "## Étude de cas", "## Exercices",
            "## À retenir", "## Pour aller plus loin", "## Références"]
SLIDE_TYPES = {"slide", "subslide", "fragment", "skip", "notes", "-"}


def notebook(stem):
    return json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))


def source(cell):
    src = cell["source"]
    return "".join(src) if isinstance(src, list) else src


def bank(stem):
    return yaml.safe_load((ROOT / "exercises" / f"{stem}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("stem", STEMS)
def test_template_sections_in_order_and_saved_clean(stem):
    nb = notebook(stem)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    lines = [line.strip() for c in nb["cells"] if c["cell_type"] == "markdown" for line in source(c).splitlines()]
    positions = [lines.index(h) for h in HEADINGS]  # ValueError names a missing heading
    assert positions == sorted(positions)
    code = code_cells(nb, with_install=True)
    first = source(code_cells(nb)[0])
    assert "import ocworkbook as ow" in first and "ow.setup()" in first
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in code)


@pytest.mark.parametrize("stem", STEMS)
def test_exercises_exist_and_cover_the_required_types(stem):
    data = bank(stem)
    assert data["carnet"] == stem
    by_id = {e["id"]: e for e in data["exercices"]}
    assert all(i.startswith(stem[:3]) for i in by_id)
    called = re.findall(r'ow\.exercise\("([^"]+)"\)', "\n".join(source(c) for c in notebook(stem)["cells"]
                                                                  if c["cell_type"] == "code"))
    assert len(called) == len(set(called)) >= 6
    assert set(called) <= set(by_id), set(called) - set(by_id)
    types = {by_id[i]["type"] for i in called}
    assert len(types) >= 4 and {"donnees", "reflexion"} <= types


@pytest.mark.parametrize("stem", STEMS)
def test_slide_metadata_and_facilitator_notes(stem):
    cells = notebook(stem)["cells"]
    assert all(c["metadata"]["slideshow"]["slide_type"] in SLIDE_TYPES for c in cells)
    assert cells[0]["metadata"]["slideshow"]["slide_type"] == "slide" and source(cells[0]).startswith("# ")
    for c in cells:
        if c["cell_type"] == "code":
            assert "hide-input" in c["metadata"].get("tags", [])
    slides = [source(c) for c in cells if c["metadata"]["slideshow"]["slide_type"] == "slide"]
    assert any(s.startswith("## Étude de cas") for s in slides)
    assert any("Questions de discussion" in s for s in slides)
    assert any(s.startswith("## À retenir") for s in slides)
    main_sections = [s for s in (source(c) for c in cells if c["cell_type"] == "markdown")
                     if re.match(r"## \d\. ", s)]
    notes = [c for c in cells if "notes-animation" in c["metadata"].get("tags", [])]
    assert len(notes) >= len(main_sections) >= 3
    for note in notes:
        text = source(note)
        assert note["cell_type"] == "markdown" and "Durée" in text and "Questions de discussion" in text
        assert "Idées fausses" in text


@pytest.mark.parametrize("stem", STEMS)
def test_key_points_case_label_chart_and_widget(stem):
    cells = notebook(stem)["cells"]
    texts = [source(c) for c in cells]
    key_points = next(t for t in texts if t.startswith("## À retenir"))
    assert 5 <= len([ln for ln in key_points.splitlines() if ln.startswith("- ")]) <= 7
    case = next(t for t in texts if t.startswith("## Étude de cas"))
    assert "Cas fictif" in case
    code = "\n".join(source(c) for c in cells if c["cell_type"] == "code")
    assert "chart" in code or "alt.Chart" in code
    assert "_widget(" in code


@pytest.mark.parametrize("stem", STEMS)
def test_loaded_datasets_are_registered_and_flagged_fictional(stem):
    resources = {r["name"]: r for r in json.loads((ROOT / "datasets" / "datapackage.json")
                                                  .read_text(encoding="utf-8"))["resources"]}
    code = "\n".join(source(c) for c in notebook(stem)["cells"] if c["cell_type"] == "code")
    names = set(re.findall(r'ow\.load\("([^"]+)"\)', code))
    assert names
    for name in names:
        assert resources[name]["fictional"] is True
        assert (ROOT / "datasets" / resources[name]["path"]).is_file()


def test_flagged_claims_stay_flagged():
    """Items the brief marks 🟡 must keep their « à vérifier » next to them."""
    text = {stem: "\n".join(source(c) for c in notebook(stem)["cells"]) for stem in STEMS}
    for stem, word in [("04-interet-general-deliberation", "Kaner"),
                       ("05-concertation-des-concertations", "hyperconcertation"),
                       ("06-participation-citoyenne", "traductions de travail")]:
        for match in re.finditer(word, text[stem]):
            paragraph = text[stem][max(0, match.start() - 400): match.end() + 400]
            assert "à vérifier" in paragraph.lower(), (stem, word)
