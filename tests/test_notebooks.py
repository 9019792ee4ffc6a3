"""The notebooks: one template check (``ocworkbook validate`` owns it) and the facts of their content.

The template (sections, fictional case, exercises, widget and chart, install and setup cells, slides,
teaching notes) is checked by :mod:`ocworkbook.validation.notebook_template` on every notebook, the
same check an instructor's new notebook gets. What follows it are assertions about real content.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ocworkbook.editions.facilitator_notes import notes_for, with_notes
from ocworkbook.errors import BankError
from ocworkbook.validation.content_checks import ContentWarning
from ocworkbook.validation.notebook_template import check_notebook, template_notebooks

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = [p.stem for p in template_notebooks(ROOT)]


def notebook(stem: str) -> dict:
    """The notebook as the instructor edition shows it: its teaching notes inserted after their sections."""
    path = ROOT / "notebooks" / f"{stem}.ipynb"
    return with_notes(json.loads(path.read_text(encoding="utf-8")), notes_for(ROOT, path))


def source(cell) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


def sections(stem: str) -> dict[str, str]:
    """Markdown text of each ``## `` section, keyed by its heading line."""
    found, current = {}, None
    for cell in notebook(stem)["cells"]:
        if cell["cell_type"] == "markdown":
            for line in source(cell).splitlines():
                if line.startswith("## "):
                    current = line.strip()
                    found[current] = ""
        if current:
            found[current] += source(cell) + "\n"
    return found


# --- the template, as ``validate`` checks it ------------------------------------------------------

def test_every_numbered_notebook_is_checked_except_the_onboarding_one():
    assert [s for s in NOTEBOOKS if s[:2].isdigit()] == NOTEBOOKS
    assert {f"0{n}" for n in range(1, 9)} <= {s[:2] for s in NOTEBOOKS}
    assert check_notebook(ROOT / "notebooks" / "00-demarrer.ipynb", ROOT) == []  # "gabarit": false


@pytest.mark.parametrize("stem", NOTEBOOKS)
def test_notebook_follows_the_template(stem):
    problems = check_notebook(ROOT / "notebooks" / f"{stem}.ipynb", ROOT)
    assert [str(p) for p in problems] == []


def _broken(tmp_path, change) -> list[str]:
    """The template's messages for a copy of notebook 05 changed by ``change`` (the workbook root is the repo)."""
    nb = json.loads((ROOT / "notebooks" / "05-concertation-des-concertations.ipynb").read_text(encoding="utf-8"))
    change(nb["cells"])
    path = ROOT / "notebooks" / "05-concertation-des-concertations.ipynb"
    copy_path = tmp_path / path.name
    copy_path.write_text(json.dumps(nb, ensure_ascii=False), encoding="utf-8")
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.validation.notebook_template import _Checker

    checker = _Checker(copy_path, tmp_path, load_bank(ROOT))
    checker.root = ROOT  # datasets and teaching notes are the repository's
    return [str(p) for p in checker.run(nb)]


def _cell(cells, start):
    return next(c for c in cells if source(c).lstrip().startswith(start))


@pytest.mark.parametrize("label, change, words", [
    ("section missing", lambda cells: cells.remove(_cell(cells, "## À retenir")), "« ## À retenir »"),
    ("case not fictional", lambda cells: _cell(cells, "## Étude de cas").update(source=["## Étude de cas\n\nUn cas."]),
     "fictive"),
    ("outputs saved", lambda cells: next(c for c in cells if c["cell_type"] == "code" and "ow.exercise(" in source(c))
     .update(outputs=[{"output_type": "stream", "name": "stdout", "text": "x"}]), "sans sorties"),
    ("code shown in slides", lambda cells: next(c for c in cells if "redesign_widget" in source(c))["metadata"]
     .update(tags=[]), "hide-input"),
    ("an exercise of another notebook", lambda cells: next(c for c in cells if "ow.exercise(" in source(c))
     .update(source=['ow.exercise("04-agreger-ou-deliberer")']), "appartient au carnet"),
    ("too few key points", lambda cells: _cell(cells, "## À retenir").update(source=["## À retenir\n\n- Un point."]),
     "1 point(s)"),
    ("no setup cell", lambda cells: next(c for c in cells if "ow.setup()" in source(c)).update(source=["import os"]),
     "ow.setup()"),
])
def test_the_template_check_names_what_breaks(tmp_path, label, change, words):
    messages = _broken(tmp_path, change)
    assert any(words in m for m in messages), (label, messages)
    assert all("05-concertation-des-concertations.ipynb" in m for m in messages)


def test_a_notebook_without_teaching_notes_gets_warnings_not_errors(tmp_path):
    from ocworkbook.exercises.bank import load_bank
    from ocworkbook.validation.notebook_template import _Checker

    nb = json.loads((ROOT / "notebooks" / "06-participation-citoyenne.ipynb").read_text(encoding="utf-8"))
    path = tmp_path / "notebooks" / "06-participation-citoyenne.ipynb"
    path.parent.mkdir()
    path.write_text(json.dumps(nb), encoding="utf-8")
    (tmp_path / "datasets").mkdir()
    (tmp_path / "datasets" / "datapackage.json").write_text((ROOT / "datasets" / "datapackage.json").read_text())
    problems = _Checker(path, tmp_path, load_bank(ROOT)).run(nb)
    notes = [p for p in problems if "notes d'animation" in str(p)]
    assert notes and all(isinstance(p, ContentWarning) for p in notes)
    assert all(isinstance(p, BankError) for p in problems)


# --- content of notebooks 01–03 --------------------------------------------------------------------

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


@pytest.mark.parametrize("stem", ["01-contexte", "02-concertation-partenariat", "03-instrumentalisation-coconstruction",
                                  "04-interet-general-deliberation", "05-concertation-des-concertations",
                                  "06-participation-citoyenne"])
def test_teaching_notes_of_01_to_06_name_misconceptions(stem):
    notes = [source(c) for c in notebook(stem)["cells"] if "notes-animation" in c["metadata"].get("tags", [])]
    assert notes and all("Idées fausses" in n for n in notes)
    if stem[:2] in ("04", "05", "06"):
        assert all("Questions de discussion" in n for n in notes)


def test_datasets_of_the_cases_are_flagged_fictional():
    from ocworkbook.data import resources

    found = resources(ROOT)
    assert found["chronologie"]["fictional"] is False
    for name in ("territoire_acteurs", "territoire_tables", "territoire_adhesions", "territoire_programmes",
                 "territoire_liens", "registres_cotes"):
        assert found[name]["fictional"] is True, name
        assert "fictive" in found[name]["description"].lower()
    for stem in ("04-interet-general-deliberation", "05-concertation-des-concertations", "06-participation-citoyenne"):
        code = "\n".join(source(c) for c in notebook(stem)["cells"] if c["cell_type"] == "code")
        for name in set(re.findall(r'ow\.load\("([^"]+)"\)', code)):
            assert found[name]["fictional"] is True, (stem, name)
    for name in ("autoevaluation_exemple", "parcours_atelier_exemple"):
        assert found[name]["fictional"] is True and "fictif" in found[name]["title"]


# --- content of notebooks 04–06 --------------------------------------------------------------------

# Plain words a reader understands for « we could not check this » (never our sources' bookkeeping).
CAUTION = (r"pas pu vérifier|pas pu confirmer|pas consulté|pas pu consulter|pas confirmée?"
           r"|ne l'avons pas (relue|consultée?|lu)|lecture secondaire"
           r"|sources? secondaires?|seconde main|à confirmer")


def test_flagged_claims_stay_flagged():
    """Items the brief marks 🟡 keep a plain-words uncertainty next to them, in words a reader understands."""
    for stem, word in [("04-interet-general-deliberation", "huit niveaux"),
                       ("05-concertation-des-concertations", "hyperconcertation"),
                       ("06-participation-citoyenne", "traductions de travail")]:
        text = "\n".join(source(c) for c in notebook(stem)["cells"])
        for match in re.finditer(word, text):
            paragraph = text[max(0, match.start() - 400): match.end() + 400]
            assert re.search(CAUTION, paragraph.lower()), (stem, word)
            assert "à vérifier" not in paragraph.lower(), (stem, word)  # a draft note, not a reader's word


# --- content of notebooks 07–08 --------------------------------------------------------------------

@pytest.mark.parametrize("stem", ["07-competences-pratique-reflexive", "08-cas-integrateur"])
def test_cases_of_07_and_08_and_their_references(stem):
    found = sections(stem)
    assert "Cas fictif" in found["## Étude de cas"] and "Loi 10" in found["## Étude de cas"]
    references = [line for line in found["## Références"].splitlines() if line.startswith("- ")]
    assert len(references) >= 6 and any("Bourque, D. (2008)" in r for r in references)


def test_notebook_07_keeps_unverified_points_flagged():
    text = "\n".join(source(c) for c in notebook("07-competences-pratique-reflexive")["cells"])
    assert not re.search(r"p\.\s*130", text)  # Schön's page numbers are unverified: never given
    assert "Le praticien réflexif" in text and "ne l'avons pas consultée" in text
    assert "à vérifier" not in text
    assert "proposition de ce\n> cahier" in text or "proposition de ce cahier" in text
    assert "conceptuel, stratégique et méthodologique" in text
    assert "ne sont pas\ndocumentés" in text or "ne sont pas documentés" in text.replace("\n", " ")
    assert "COSMOSS" in text and "2008" in text


def test_notebook_08_uses_the_scenario_and_its_concepts():
    import yaml

    text = "\n".join(source(c) for c in notebook("08-cas-integrateur")["cells"])
    assert 'scenario_widget("le-programme-arrive")' in text
    scenario = yaml.safe_load((ROOT / "exercises" / "scenarios" / "le-programme-arrive.yml").read_text("utf-8"))
    assert scenario["carnet"] == "08-cas-integrateur"
    notebooks_cited = {c.get("carnet") for c in scenario["concepts"].values()} - {None}
    assert {"02", "03", "04", "05", "06", "07"} <= notebooks_cited


def test_locale_of_07_08_has_both_languages_and_same_placeholders():
    import yaml

    data = yaml.safe_load((ROOT / "src" / "ocworkbook" / "locales" / "lessons_07_08.yml").read_text("utf-8"))
    for key, value in data.items():
        assert set(value) == {"fr", "en"}, key
        assert set(re.findall(r"\{(\w+)\}", value["fr"])) == set(re.findall(r"\{(\w+)\}", value["en"])), key
        assert key.startswith(("scenarios.", "lessons.competences.", "lessons.integrateur.")), key


# --- no raw Python on screen: what the code cells leave behind -------------------------------------

RAW = re.compile(r"\bprint\(|\.round\(\d\)\s*$|\.head\(\)\s*$|\]\]\s*$")


@pytest.mark.parametrize("stem", [s for s in NOTEBOOKS if s != "00-demarrer"])  # 00 teaches df.head()
def test_code_cells_show_french_tables_rather_than_printouts(stem):
    """A code cell ends on a chart, a widget or a French table — not a print, nor a bare DataFrame."""
    cells = [c for c in notebook(stem)["cells"] if c["cell_type"] == "code"]
    shown = [source(c) for c in cells if "# reponse = ..." not in source(c)]
    offending = [s.splitlines()[-1] for s in shown if s.strip() and RAW.search(s.strip().splitlines()[-1])]
    assert offending == []
    assert not any("print(" in s for s in shown)



@pytest.mark.parametrize("stem", sorted(p.stem for p in (ROOT / "notebooks").glob("0*.ipynb")))
def test_every_exercise_is_shown_on_the_slides(stem):
    """The slides show each exercise as its static question (docs/animer.md): no exercise cell, and no
    « Exercices » heading, is skipped from the deck."""
    from ocworkbook.publish.static import EXERCISE_CALL

    cells = json.loads((ROOT / "notebooks" / f"{stem}.ipynb").read_text(encoding="utf-8"))["cells"]

    def slide_type(cell):
        return cell.get("metadata", {}).get("slideshow", {}).get("slide_type", "-")

    exercises = [c for c in cells if c["cell_type"] == "code" and EXERCISE_CALL.search(source(c))]
    assert len(exercises) >= 8
    assert [source(c)[:60] for c in exercises if slide_type(c) in ("skip", "notes")] == []
    headings = [c for c in cells if c["cell_type"] == "markdown" and source(c).startswith("## Exercices")]
    assert all(slide_type(c) not in ("skip", "notes") for c in headings)
