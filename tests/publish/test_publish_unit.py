"""Export pieces that need no kernel: static widgets, templates without network, reveal.js, Binder."""

from __future__ import annotations

from pathlib import Path

from editions.sample_workbook import write_sample

from ocworkbook.editions.build import build_edition
from ocworkbook.exercises.bank import load_bank
from ocworkbook.publish import binder
from ocworkbook.publish.reveal import REQUIRED, copy_reveal, reveal_dir, stored_name
from ocworkbook.publish.static import WIDGET_MIME, replace_widgets

ROOT = Path(__file__).resolve().parents[2]
WIDGET = {"output_type": "display_data", "metadata": {},
          "data": {WIDGET_MIME: {"model_id": "x"}, "text/plain": "VBox()"}}


def test_widgets_become_a_static_version_without_the_answer(tmp_path):
    source = write_sample(tmp_path / "source")
    build_edition("learner", tmp_path / "learner", source=source)
    bank = load_bank(tmp_path / "learner")
    notebook = {"metadata": {"widgets": {"state": {}}}, "cells": [
        {"cell_type": "code", "source": 'ow.exercise("01-unique")', "outputs": [WIDGET]},
        {"cell_type": "code", "source": "widgets.IntSlider()", "outputs": [WIDGET]},
        {"cell_type": "code", "source": "1 + 1",
         "outputs": [{"output_type": "execute_result", "data": {"text/plain": "2"}}]},
    ]}
    assert replace_widgets(notebook, bank) == 2
    first, second, third = (c["outputs"][0]["data"] for c in notebook["cells"])
    assert "Ouvrir la rencontre" in first["text/html"] and "Un vote immédiat" in first["text/html"]
    assert "Oui, chacun se situe" not in first["text/html"]   # no feedback, no key
    assert "JupyterLab" in second["text/html"] and WIDGET_MIME not in second
    assert third == {"text/plain": "2"} and "widgets" not in notebook["metadata"]


def test_templates_load_nothing_from_the_network():
    import nbformat

    from ocworkbook.publish.site import html_exporter
    from ocworkbook.publish.slides import slides_exporter

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Titre"), nbformat.v4.new_code_cell(
        "x", outputs=[nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg><rect/></svg>"})])])
    page, _ = html_exporter().from_notebook_node(notebook, resources={"ocw": {"back": "retour"}})
    deck, _ = slides_exporter().from_notebook_node(notebook, resources={
        "ocw": {"font_size": "30px"}, "reveal": {"url_prefix": "reveal.js"}})
    for body in (page, deck):
        assert "<svg><rect" in body and 'lang="fr"' in body
        for fragment in ('src="http', "href=\"http", "cdnjs", "unpkg", "jsdelivr", "require.js", "mathjax"):
            assert fragment not in body.replace("https://www.w3.org", ""), fragment
    assert 'src="reveal.js/dist/reveal.js"' in deck and "font-size: 30px" in deck


def test_reveal_is_shipped_locally_and_copied_in_its_usual_layout(tmp_path):
    import shutil
    import subprocess

    folder = reveal_dir()
    assert all((folder / stored_name(name)).stat().st_size > 1000 for name in REQUIRED)
    assert "MIT" in (folder / "LICENSE").read_text(encoding="utf-8")
    copied = copy_reveal(tmp_path / "reveal.js")
    assert all((copied / name).is_file() for name in REQUIRED)
    if shutil.which("git") and (ROOT / ".git").exists():  # committed and packaged, not ignored
        files = [str(folder / stored_name(name)) for name in REQUIRED]
        ignored = subprocess.run(["git", "check-ignore", *files], cwd=ROOT, capture_output=True, text=True)
        assert ignored.stdout == ""


def test_binder_files_match_pyproject():
    assert binder.stale(ROOT) == [], "lancez « make binder » (python -m ocworkbook.publish.binder)"
    requirements = (ROOT / "binder" / "requirements.txt").read_text(encoding="utf-8")
    for dependency in binder.read_pyproject(ROOT)["project"]["dependencies"]:
        assert f"\n{dependency}\n" in requirements


def test_binder_check_notices_a_drift(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["pandas>=2"]\n')
    binder.write(tmp_path)
    assert binder.stale(tmp_path) == []
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\ndependencies = ["pandas>=2", "altair"]\n')
    assert binder.stale(tmp_path) == ["binder/requirements.txt"]


def test_nbgitpuller_link_opens_the_first_notebook():
    link = binder.nbgitpuller_link("https://hub.exemple.ca/", "https://github.com/exemple/ocworkbook.git")
    assert link.startswith("https://hub.exemple.ca/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com")
    assert "urlpath=lab%2Ftree%2Focworkbook%2Fnotebooks%2F00-demarrer.ipynb" in link


def test_a_failing_cell_stops_the_export_and_names_the_notebook(tmp_path):
    import json

    import pytest

    from ocworkbook.errors import WorkbookError
    from ocworkbook.publish.site import export_html

    source = write_sample(tmp_path / "source")
    broken = {"cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "outputs": [], "execution_count": None,
                         "source": "1 / 0"}], "metadata": {"kernelspec": {"name": "python3",
                         "display_name": "Python 3", "language": "python"}}, "nbformat": 4, "nbformat_minor": 5}
    (source / "notebooks" / "02-casse.ipynb").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(WorkbookError, match="ZeroDivisionError") as error:
        export_html(tmp_path / "site", source=source, jobs=2)
    assert "02-casse.ipynb" in str(error.value)
    assert not (tmp_path / "site" / "index.html").exists()


def test_the_index_numbers_each_notebook_once():
    from ocworkbook.publish.pages import Page, numbered_title

    def title(notebook, text):
        return numbered_title(Page(notebook=notebook, title=text, filename="x.html"))

    assert title("notebooks/00-demarrer.ipynb", "00 — Prise en main du cahier") == "00 · Prise en main du cahier"
    assert title("notebooks/02-concertation.ipynb", "Concertation et partenariat") == "02 · Concertation et partenariat"
    assert title("notebooks/03-x.ipynb", "2009 : un tournant") == "03 · 2009 : un tournant"  # only its own number
    assert title("notebooks/animation/atelier-en-direct.ipynb", "Atelier en direct") == "Atelier en direct"


def test_the_speaker_view_is_translated_in_the_copy_only(tmp_path):
    from ocworkbook.publish.reveal import NOTES_PLUGIN, SPEAKER_VIEW_FR, translate_speaker_view

    vendored = (reveal_dir() / NOTES_PLUGIN).read_text(encoding="utf-8")
    copied = copy_reveal(tmp_path / "reveal.js")
    text = (copied / NOTES_PLUGIN).read_text(encoding="utf-8")
    for english, french in SPEAKER_VIEW_FR:
        assert english in vendored and english not in text and french in text, english
    for label in ("Upcoming", "Click to Reset", "'Layout'", "'Notes only'", "Speaker View", "'en-US'"):
        assert label not in text, label
    assert (reveal_dir() / NOTES_PLUGIN).read_text(encoding="utf-8") == vendored  # the shipped file is untouched
    assert translate_speaker_view(copied / NOTES_PLUGIN) == [e for e, _ in SPEAKER_VIEW_FR]  # already done


def test_instructor_slides_follow_each_shown_exercise_with_its_answer_and_notes(tmp_path):
    from ocworkbook.publish.slides import with_exercise_notes

    source = write_sample(tmp_path / "source")
    bank = load_bank(source)
    notebook = {"cells": [
        {"cell_type": "code", "id": "a", "metadata": {}, "source": 'ow.exercise("01-unique")', "outputs": []},
        {"cell_type": "code", "id": "b", "metadata": {"slideshow": {"slide_type": "skip"}},
         "source": 'ow.exercise("01-multiple")', "outputs": []},
        {"cell_type": "code", "id": "c", "metadata": {}, "source": 'ex = ow.exercise("01-unique")\nex', "outputs": []},
    ]}
    cells = with_exercise_notes(notebook, bank)["cells"]
    assert [c["id"] for c in cells] == ["a", "a-notes", "b", "c"]  # once, and only where the exercise is shown
    notes = cells[1]
    assert notes["metadata"]["slideshow"]["slide_type"] == "notes"
    assert "Ouvrir la rencontre" in notes["source"] and "Demandez au groupe quand un vote rapide" in notes["source"]
    assert "Un tour de table des attentes de chaque organisation" in notes["source"]  # the expected answer
