"""Notebook 07's self-assessment: items as data, scoring per family, journal entry, thin widget."""

from __future__ import annotations

import pytest

from ocworkbook.errors import WorkbookError
from ocworkbook.exercises.journal import journal_entries
from ocworkbook.exercises.progress import ProgressLog
from ocworkbook.i18n import t
from ocworkbook.lessons import competences as cp

RATINGS = {"m-animation": 4, "m-diagnostic": 3, "m-evaluation": 2,
           "s-rapports-force": 2, "s-alliances": 3,
           "p-deliberation": 1, "p-participation": 2, "p-rapport-etat": None}


@pytest.fixture
def log(tmp_path):
    return ProgressLog(tmp_path / ".ocworkbook")


Q = cp.load_questionnaire()


def test_statements_are_a_questionnaire_file_in_three_families():
    assert Q.path == "exercises/questionnaires/07-autoevaluation.yml"
    assert list(Q.dimensions) == ["methodologique", "strategique", "politique"]
    assert all(len(Q.items_of(f)) == 3 for f in Q.dimensions)
    assert all(item.text and item.short for item in Q.items)
    assert all(d.prompt.startswith("Piste de réflexion") for d in Q.dimensions.values())
    assert Q.scale.labels[1] == "pas encore" and "Bourque" in Q.instructions


def test_family_scores_average_only_the_answered_items():
    scores = {s.family: s for s in cp.family_scores(RATINGS)}
    assert scores["methodologique"].mean == 3.0 and scores["methodologique"].band == "point d'appui"
    assert (scores["strategique"].mean, scores["strategique"].answered) == (2.5, 2)
    assert scores["politique"].mean == 1.5 and scores["politique"].band == "à développer"
    assert cp.weakest_family(RATINGS) == "politique"
    empty = cp.family_scores({})
    assert all(s.mean is None and s.band is None for s in empty)
    assert cp.weakest_family({}) is None


def test_bad_ratings_are_refused_in_french():
    with pytest.raises(WorkbookError, match="énoncé inconnu « x-inconnu »"):
        cp.family_scores({"x-inconnu": 2})
    for bad in (0, 5, 2.5, "3", True):
        with pytest.raises(WorkbookError, match="nombre entier de 1 à 4"):
            cp.check_ratings({"m-animation": bad})


def test_summary_names_each_family_and_a_prompt_for_the_weakest():
    text = cp.summary_markdown(RATINGS)
    assert "**Méthodologique** : moyenne 3,00 sur 4 (3 énoncés sur 3) — point d'appui" in text
    assert "**Politique** : moyenne 1,50" in text
    assert text.strip().endswith(Q.dimensions["politique"].prompt)


def test_profile_chart_draws_one_chart_per_family():
    spec = cp.profile_chart(RATINGS).to_dict()
    assert len(spec["vconcat"]) == 3
    titles = [part.get("title") or part["layer"][0].get("title") for part in spec["vconcat"]]
    assert titles == ["Méthodologique", "Stratégique", "Politique"]


def test_saving_writes_a_journal_entry_and_an_activity_record(log):
    from ocworkbook.exercises.progress import summarize

    record = cp.save_to_journal(RATINGS, log=log)
    activity = summarize(log.read())["activite:07-autoevaluation"]
    assert activity["answer"]["p-deliberation"] == 1 and activity["status"] == "complete"
    assert record["event"] == "journal" and record["source"] == cp.NOTEBOOK
    entries = journal_entries(log)
    assert len(entries) == 1 and entries[0]["title"] == t("lessons.competences.journal_title")
    assert entries[0]["data"]["moyennes"]["politique"] == 1.5
    assert "p-rapport-etat" not in entries[0]["data"]["cotes"]
    with pytest.raises(WorkbookError, match="Cotez au moins un énoncé"):
        cp.save_to_journal({}, log=log)


def test_widget_headless_rate_show_and_save(log):
    ui = cp.self_assessment(log=log)
    assert set(ui.inputs) == set(Q.item_ids)
    labels = [label for label, _ in ui.inputs["m-animation"].options]
    assert labels == ["1 = pas encore", "2 = en apprentissage", "3 = à l'aise",
                      "4 = je peux soutenir d'autres personnes"]
    assert ui.save() is None and "Cotez au moins" in ui.message.value
    ui.set("p-participation", 1)
    ui.inputs["m-animation"].value = 4  # what a click on « 4 » does
    assert ui.ratings == {"m-animation": 4, "p-participation": 1}
    ui.show_profile()
    assert ui.message.value == ""
    record = ui.save()
    assert record["data"]["cotes"] == {"m-animation": 4, "p-participation": 1}
    assert "2 énoncés" in ui.message.value
    assert len(journal_entries(log)) == 1  # the earlier refused save wrote nothing


def test_team_dataset_answers_the_notebook_question():
    import ocworkbook as ow

    team = ow.load("autoevaluation_exemple")
    assert set(team["competence"]) == set(Q.item_ids)
    assert team.groupby("personne").size().eq(len(Q.items)).all()
    means = team.groupby("famille")["cote"].mean()
    assert means.idxmin() == "politique" and means.idxmax() == "methodologique"



def test_team_table_and_chart_name_families_and_statements():
    import ocworkbook as ow

    team = ow.load("autoevaluation_exemple")
    shown = repr(cp.team_table(team))
    assert "Méthodologique" in shown and "Animer une délibération" in shown and "m-animation" not in shown
    spec = cp.team_chart(team).to_dict()
    assert len(spec["vconcat"]) == 2
    from pathlib import Path

    assert cp.check_workbook(Path(ow.__file__).resolve().parents[2]) == []
