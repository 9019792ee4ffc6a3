"""The lesson activities that are not exercises travel in the hand-in file and are aggregated for the group:
notebook 07's profile, notebook 06's audit and the paths of notebook 08's scenario — without code."""

from __future__ import annotations

import json
from unittest import mock

import pytest

import ocworkbook as ow
from ocworkbook.exercises.bank import load_bank
from ocworkbook.exercises.progress import ProgressLog
from ocworkbook.exercises.submission import build_submission
from ocworkbook.paths import shipped_workbook
from ocworkbook.workshop import (
    audit_levels,
    example_folder,
    from_form,
    from_submissions,
    group_profile,
    overview,
    scenario_paths,
)
from ocworkbook.workshop.activities import activity_charts, activity_rows

ROOT = shipped_workbook()


def hand_in(tmp_path, name, ratings, levels, letters):
    """What one person's notebooks record, then ``ow.export_answers`` writes (the engine's own export)."""
    from ocworkbook.lessons import competences, participation_widget
    from ocworkbook.scenarios import engine
    from ocworkbook.scenarios.load import find_scenario
    from ocworkbook.scenarios.widget import ScenarioWidget

    log = ProgressLog(tmp_path / name / ".ocworkbook")
    competences.save_to_journal(ratings, log=log)
    audit = participation_widget.AuditWidget(ow.load("berges_decisions"), log=log)
    for decision, level in levels.items():
        audit.choosers[decision].value = level
    audit.save()
    scenario = find_scenario("le-programme-arrive", ROOT)
    ui = ScenarioWidget(scenario, show_charts=False)
    ui.state = engine.replay(scenario, letters)
    # the widget records through the default log (the learner's): point it at this person's log
    with mock.patch("ocworkbook.exercises.progress.ProgressLog.default", return_value=log):
        ui._render()  # the path is finished: the debrief is shown and the path recorded
    payload = build_submission(name, log=log, bank=load_bank(ROOT))
    path = tmp_path / f"remise-{name}.json"
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def group(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("groupe")
    files = [hand_in(tmp_path, "alix", {"m-animation": 4, "p-deliberation": 1}, {"D4": 1}, "BAABAAA"),
             hand_in(tmp_path, "bea", {"m-animation": 3, "p-deliberation": 2}, {"D4": 2}, "BAABAAA"),
             hand_in(tmp_path, "cam", {"m-animation": 2, "p-deliberation": 1}, {"D4": 1}, "AAAAAB")]
    return from_submissions(files, load_bank(ROOT))


def test_the_hand_in_file_carries_the_activities_and_the_workshop_reads_them(group):
    assert set(group["exercice"]) >= {"activite:07-autoevaluation", "activite:06-audit-berges",
                                      "activite:scenario-le-programme-arrive"}
    assert set(group["personne"]) == {"R01", "R02", "R03"}
    people, profile = group_profile(group, min_group=3)
    row = profile.set_index("enonce").loc["Animer une délibération"]
    assert people == 3 and row["moyenne"] == 3.0 and row["personnes"] == 3
    _, levels = audit_levels(group, min_group=3)
    d4 = levels[levels["decision"].str.startswith("D4")].set_index("rang")["personnes"].to_dict()
    assert d4 == {1: 2, 2: 1}
    _, endings, scores = scenario_paths(group, "le-programme-arrive", min_group=3)
    assert endings.set_index("fin")["personnes"].to_dict() == {"Un programme apprivoisé": 2, "Un compromis fragile": 1}
    assert set(scores["dimension"]) == {"Coconstruction", "Participation citoyenne", "Faisabilité"}
    titles = overview(group).set_index("exercice")["titre"]
    assert titles["activite:07-autoevaluation"].startswith("Profil du groupe")


def test_a_group_too_small_shows_nothing(group):
    two = group[group["personne"].isin(["R01", "R02"])]
    assert group_profile(two, min_group=3)[1] is None
    assert audit_levels(two, min_group=3)[1] is None
    assert activity_charts(two, "scenario-le-programme-arrive", min_group=3)[1] == []


def test_grading_leaves_activities_out(tmp_path):
    from ocworkbook.grading.score import grade
    from ocworkbook.grading.submissions import read_submission

    path = hand_in(tmp_path, "dora", {"m-animation": 2}, {"D1": 3}, "BAAAA")
    result = grade(read_submission(path), load_bank(ROOT))
    assert result.unknown == [] and result.total == 0


def test_the_example_answer_files_show_every_activity():
    frame = from_submissions(example_folder(), load_bank(ROOT))
    for name in ("07-autoevaluation", "06-audit-berges", "scenario-le-programme-arrive"):
        people, parts = activity_charts(frame, name, min_group=3)
        assert people == 5 and parts, name


def test_hostile_activity_answers_are_ignored():
    assert activity_rows("R01", "activite:07-autoevaluation", "pas un dict") == []
    assert activity_rows("R01", "activite:07-autoevaluation", {"m-animation": True, "x": "quatre"}) == []
    assert activity_rows("R01", "activite:scenario-x", {"fin": 3, "scores": "beaucoup"}) == []
    assert len(activity_rows("R01", "activite:07-autoevaluation", {str(i): 1 for i in range(600)})) == 0


def test_a_form_can_collect_the_activities_too(tmp_path):
    csv = tmp_path / "formulaire.csv"
    csv.write_text("Animer,Fin du scénario\n3,fin-levier\n4,fin-compromis\n2,fin-levier\n", encoding="utf-8")
    mapping = {"Animer": "activite:07-autoevaluation:m-animation",
               "Fin du scénario": "activite:scenario-le-programme-arrive:fin"}
    frame = from_form(csv, mapping, load_bank(ROOT))
    profile = group_profile(frame, min_group=3)[1].set_index("enonce")
    assert profile.loc["Animer une délibération", "moyenne"] == 3.0
    endings = scenario_paths(frame, "le-programme-arrive", min_group=3)[1]
    assert endings.set_index("fin")["personnes"].to_dict() == {"Un programme apprivoisé": 2, "Un compromis fragile": 1}
