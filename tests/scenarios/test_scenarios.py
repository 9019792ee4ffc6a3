"""Branching scenarios: the shipped scenario explored exhaustively, French errors for malformed files
(file, line, step), the pure engine, and the widget driven headless."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ocworkbook.errors import BankError, WorkbookError
from ocworkbook.scenarios import engine
from ocworkbook.scenarios.load import check_file, load_scenario, validate_scenarios
from ocworkbook.scenarios.model import DIMENSIONS, MAX_EFFECT

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "exercises" / "scenarios" / "le-programme-arrive.yml"
LEVIER = "BABAAAA"  # a shipped path to « fin-levier »: Table first, a family group as fiduciary under rules,
#                      citizens in the delegation


@pytest.fixture(scope="module")
def shipped():
    return load_scenario(SHIPPED)


# --- the shipped scenario, every path --------------------------------------------------------------

def _all_paths(scenario):
    """Independent exhaustive DFS (not engine.paths): every sequence of choices from the start.

    Fails the test if a path revisits a step (a cycle) or stops on something that is not an ending.
    """
    finished = []

    def walk(node, trail, history):
        if node in scenario.endings:
            finished.append((node, history))
            return
        assert node in scenario.steps, f"« {node} » n'est ni une étape ni une fin"
        assert node not in trail, f"cycle : {' → '.join([*trail, node])}"
        for index, choice in enumerate(scenario.steps[node].choices):
            walk(choice.target, [*trail, node], [*history, (node, index)])

    walk(scenario.start, [], [])
    return finished


def test_every_shipped_scenario_file_is_valid():
    assert validate_scenarios(ROOT) == []


def test_every_path_ends_and_every_ending_and_step_is_reached(shipped):
    finished = _all_paths(shipped)
    assert len(finished) == len(list(engine.paths(shipped)))
    assert {end for end, _ in finished} == set(shipped.endings)
    visited = {step for _, history in finished for step, _ in history}
    assert visited == set(shipped.steps)
    used = {(step, index) for _, history in finished for step, index in history}
    assert used == {(s.id, i) for s in shipped.steps.values() for i in range(len(s.choices))}


def test_shipped_scenario_has_no_dead_end_unreachable_node_or_cycle(shipped):
    assert engine.dead_ends(shipped) == []
    assert engine.unreachable(shipped) == []
    assert engine.cycles(shipped) == []
    for step_id in shipped.steps:  # from every step, at least one ending is still reachable
        assert engine.reachable_endings(shipped, step_id)


def test_shipped_scenario_is_a_real_dilemma(shipped):
    assert len(shipped.endings) >= 3
    assert shipped.fictional and "Loi 10" in shipped.context
    for step in shipped.steps.values():
        assert len(step.choices) >= 2, step.id
        for choice in step.choices:
            assert len(choice.explanation.split()) >= 20 and choice.concepts
    # a step where one choice is at least as good as every other on all three dimensions is no dilemma
    dominated = [step.id for step in shipped.steps.values()
                 if any(all(all(c.effect(d) >= o.effect(d) for d in DIMENSIONS) for o in step.choices)
                        for c in step.choices)]
    assert dominated == [], dominated
    low, high = zip(*engine.score_range(shipped).values(), strict=True)
    assert all(lo < 0 < hi for lo, hi in zip(low, high, strict=True))


def test_endings_differ_in_what_they_reward(shipped):
    table = engine.path_table(shipped)
    mean = {}
    for end in shipped.endings:
        rows = [r for r in table if r["fin"] == end]
        mean[end] = {d: sum(r[d] for r in rows) / len(rows) for d in DIMENSIONS}
    assert mean["fin-levier"]["coconstruction"] > mean["fin-cles-en-main"]["coconstruction"]
    assert mean["fin-cles-en-main"]["faisabilite"] > mean["fin-enlisement"]["faisabilite"]
    assert max(mean, key=lambda e: mean[e]["faisabilite"]) == "fin-cles-en-main"
    assert mean["fin-levier"]["participation"] > mean["fin-levier-organismes"]["participation"]


def test_workshop_dataset_matches_the_engine(shipped):
    import ocworkbook as ow

    group = ow.load("parcours_atelier_exemple")
    assert len(group) >= 10 and group["fin"].nunique() >= 3
    for row in group.itertuples():
        state = engine.replay(shipped, row.parcours)
        assert state.position == row.fin
        assert engine.totals(shipped, state) == {d: getattr(row, d) for d in DIMENSIONS}


# --- malformed files: French errors with file, line and step ---------------------------------------

VALID = """\
scenario: essai
titre: Essai
depart: debut
etapes:
  - id: debut
    texte: Que faites-vous ?
    choix:
      - texte: Aller à la table
        vers: table
        effets: {coconstruction: 1, participation: 0, faisabilite: -1}
        explication: Parce que.
      - texte: Finir
        vers: fin-a
        explication: Parce que.
  - id: table
    texte: La table.
    choix:
      - texte: Finir
        vers: fin-b
        explication: Parce que.
fins:
  - id: fin-a
    titre: A
    texte: Fin A.
  - id: fin-b
    titre: B
    texte: Fin B.
"""


def _write(tmp_path, text, name="essai.yml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_the_minimal_valid_file_loads(tmp_path):
    scenario = load_scenario(_write(tmp_path, VALID))
    assert list(scenario.endings) == ["fin-a", "fin-b"]
    assert check_file(tmp_path / "essai.yml") == []


CASES = [
    # (what is changed, replacement, expected words, expected line, expected item)
    ("yaml", ("    texte: Que faites-vous ?", "    texte: [Que faites-vous ?"),
     "erreur de syntaxe YAML", None, None),
    ("unknown target", ("        vers: table", "        vers: tabel"),
     "« vers: tabel » ne mène à aucune étape ni fin connue (vouliez-vous écrire « table » ?)", 9, "debut, choix A"),
    ("missing explanation", ("        explication: Parce que.\n      - texte: Finir", "      - texte: Finir"),
     "le champ « explication » est obligatoire", 8, "debut, choix A"),
    ("effect out of range", ("faisabilite: -1}", "faisabilite: -5}"),
     f"entre -{MAX_EFFECT} et +{MAX_EFFECT} (trouvé : -5)", 10, "debut, choix A"),
    ("unknown dimension", ("participation: 0, faisabilite: -1}", "participation: 0, faisabilité: -1}"),
     "effet sur « faisabilité » inconnu (vouliez-vous écrire « faisabilite » ?)", 10, "debut, choix A"),
    ("unknown key", ("        explication: Parce que.\n      - texte: Finir",
                     "        explications: Parce que.\n      - texte: Finir"),
     "champ inconnu « explications » (vouliez-vous écrire « explication » ?)", 11, "debut, choix A"),
    ("duplicate id", ("  - id: table", "  - id: debut"), "l'identifiant « debut » est déjà utilisé (ligne 5)",
     15, "debut"),
    ("unknown start", ("depart: debut", "depart: commencement"), "« depart: commencement » ne désigne aucune étape",
     3, None),
    ("duplicate key", ("titre: Essai", "titre: Essai\ntitre: Autre"), "le champ « titre » est écrit deux fois",
     3, None),
    ("id is not the file name", ("scenario: essai", "scenario: autre"),
     "doit être le nom du fichier sans extension (« essai »)", 1, None),
    ("bad id", ("  - id: table", "  - id: Table_1"), "identifiant invalide « Table_1 »", 15, None),
    ("unreachable ending", ("        vers: fin-a", "        vers: fin-b"),
     "la fin « fin-a » n'est atteinte par aucun parcours qui part de « debut »", 22, "fin-a"),
    ("unknown concept", ("        explication: Parce que.\n      - texte: Finir",
                         "        explication: Parce que.\n        concepts: [levier]\n      - texte: Finir"),
     "le concept « levier » n'est pas déclaré", 12, "debut, choix A"),
    ("empty choices", ("    texte: La table.\n    choix:\n      - texte: Finir\n        vers: fin-b\n"
                       "        explication: Parce que.\n", "    texte: La table.\n    choix: []\n"),
     "le champ « choix » doit contenir au moins 1 élément", 17, "table"),
]


@pytest.mark.parametrize("label, change, words, line, item", CASES, ids=[c[0] for c in CASES])
def test_malformed_file_gives_a_french_error_naming_file_line_and_step(tmp_path, label, change, words, line, item):
    old, new = change
    assert old in VALID, label
    path = _write(tmp_path, VALID.replace(old, new, 1))
    errors = check_file(path)
    matching = [e for e in errors if words in e.message]
    assert matching, f"{label}: {[str(e) for e in errors]}"
    error = matching[0]
    assert isinstance(error, BankError) and error.path.endswith("essai.yml")
    if line is not None:
        assert error.line == line, str(error)
    else:
        assert error.line is not None
    assert error.item == item
    assert "essai.yml" in str(error)
    with pytest.raises(BankError):
        load_scenario(path)


def test_a_loop_without_exit_is_a_dead_end(tmp_path):
    text = VALID.replace("        vers: fin-b\n", "        vers: debut-bis\n")
    text = text.replace("fins:", """\
  - id: debut-bis
    texte: On tourne en rond.
    choix:
      - texte: Retourner à la table
        vers: table
        explication: Encore.
fins:""")
    errors = check_file(_write(tmp_path, text))
    dead = sorted(e.item for e in errors if "impasse" in e.message)
    assert dead == ["debut-bis", "table"]
    assert {e.line for e in errors if "impasse" in e.message} == {15, 21}


def test_a_loop_with_an_exit_is_allowed_and_paths_stay_finite(tmp_path):
    text = VALID.replace("""      - texte: Finir
        vers: fin-b""", """      - texte: Revenir au début
        vers: debut
        explication: Retour.
      - texte: Finir
        vers: fin-b""")
    scenario = load_scenario(_write(tmp_path, text))
    assert engine.cycles(scenario) == [["debut", "table"]]
    assert engine.dead_ends(scenario) == []
    assert len(list(engine.paths(scenario))) == 2
    state = engine.replay(scenario, "AAAB")  # around the loop once, then out
    assert state.position == "fin-b" and len(state.history) == 4


def test_validate_scenarios_names_files_relative_to_the_root(tmp_path):
    folder = tmp_path / "exercises" / "scenarios"
    folder.mkdir(parents=True)
    (folder / "essai.yml").write_text(VALID.replace("vers: table", "vers: nulle-part"), encoding="utf-8")
    (folder / "copie.yml").write_text(VALID.replace("scenario: essai", "scenario: copie"), encoding="utf-8")
    errors = validate_scenarios(tmp_path)
    assert [e.path for e in errors] == ["exercises/scenarios/essai.yml"] * len(errors)
    assert any("nulle-part" in e.message for e in errors)
    assert validate_scenarios(tmp_path / "absent") == []


def test_validate_scenarios_is_importable_from_the_package():
    from ocworkbook.scenarios import validate_scenarios as from_package

    assert from_package is validate_scenarios


# --- the engine -------------------------------------------------------------------------------------

def test_engine_walks_scores_and_debriefs(shipped):
    state = engine.start(shipped)
    assert engine.current_step(shipped, state).id == "annonce"
    state = engine.choose(shipped, state, 1)
    assert state.position == "table" and engine.totals(shipped, state)["coconstruction"] == 2
    state = engine.replay(shipped, LEVIER)
    assert engine.is_finished(shipped, state) and state.position == "fin-levier"
    report = engine.debrief(shipped, state)
    by_dim = {r.dimension: r for r in report.results}
    assert by_dim["coconstruction"].total == 8 and by_dim["coconstruction"].band == "fort"
    assert [d.step.id for d in by_dim["faisabilite"].lowered_by] == ["annonce", "fid-organisme", "citoyens-forte"]
    assert "recomposer" in report.concepts
    rows = engine.trajectory(shipped, state)
    assert len(rows) == 3 * (len(LEVIER) + 1)
    assert rows[-1]["score"] == engine.totals(shipped, state)[rows[-1]["dimension"]]


def test_engine_refuses_impossible_moves(shipped):
    with pytest.raises(WorkbookError, match="n'existe pas"):
        engine.choose(shipped, engine.start(shipped), 7)
    done = engine.replay(shipped, "CB")
    assert done.position == "fin-isolement"
    with pytest.raises(WorkbookError, match="terminé"):
        engine.choose(shipped, done, 0)
    with pytest.raises(WorkbookError, match="fin du parcours"):
        engine.debrief(shipped, engine.start(shipped))


def test_debrief_chart_has_one_mark_per_dimension(shipped):
    from ocworkbook.scenarios.charts import debrief_chart, trajectory_chart

    state = engine.replay(shipped, "AB")
    assert engine.is_finished(shipped, state) is False
    state = engine.replay(shipped, "ABA")
    spec = debrief_chart(engine.debrief(shipped, state)).to_dict()
    values = next(iter(spec["datasets"].values()))
    assert [v["dimension"] for v in values] == ["Coconstruction", "Participation citoyenne", "Faisabilité"]
    assert trajectory_chart(engine.trajectory(shipped, state)).to_dict()["mark"]["type"] == "line"


# --- the widget, headless ---------------------------------------------------------------------------

def test_widget_click_through_to_the_debrief_and_restart(shipped):
    from ocworkbook.scenarios.widget import ScenarioWidget

    ui = ScenarioWidget(shipped)
    assert "Cas fictif" in ui.header.value and "Loi 10" in ui.header.value
    assert "Le courriel du lundi" in ui.body.value
    buttons = ui.choice_buttons()
    assert [b.description for b in buttons] == ["Choisir A", "Choisir B", "Choisir C"]
    buttons[1].click()
    assert "Vous avez choisi B" in ui.feedback.value and "coconstruction" in ui.feedback.value.lower()
    assert "Recomposer" not in ui.feedback.value  # concepts shown are those of this choice only
    assert [b.description for b in ui.choice_buttons()] == ["Continuer"]
    ui.choice_buttons()[0].click()
    assert "La Table à bout de souffle" in ui.body.value and ui.feedback.value == ""
    for letter in LEVIER[1:]:
        ui.choice_buttons()["ABC".index(letter)].click()
        ui.choice_buttons()[0].click()
    assert ui.state.position == "fin-levier"
    assert "Un programme apprivoisé" in ui.body.value and "Bilan de votre parcours" in ui.body.value
    assert "Coconstruction : +8" in ui.body.value and "A fait monter" in ui.body.value
    assert ui.choice_buttons() == []
    from ocworkbook.exercises.progress import ProgressLog

    recorded = [e for e in ProgressLog.default().read() if e["event"] == "scenario"]
    assert [e["ending"] for e in recorded] == ["fin-levier"] and recorded[0]["scores"]["coconstruction"] == 8
    assert len(recorded[0]["path"]) == len(LEVIER)
    ui.restart_button.click()
    assert ui.state == engine.start(shipped) and "Le courriel du lundi" in ui.body.value


def test_scenario_widget_finds_the_scenario_by_name():
    from ocworkbook.scenarios.widget import scenario_widget

    ui = scenario_widget("le-programme-arrive", root=ROOT)
    assert ui.scenario.id == "le-programme-arrive"
    with pytest.raises(BankError, match="le-programme-arrive"):
        scenario_widget("inexistant", root=ROOT)


def test_widget_shows_progress_continue_after_the_consequence_and_a_true_minus(shipped):
    from ocworkbook.scenarios.widget import ScenarioWidget, effects_text, progress_text, steps_ahead

    ui = ScenarioWidget(shipped, show_charts=False)
    longest = steps_ahead(shipped, shipped.start)
    assert ui.progress.value.count("Étape 1 sur") == 1 and f"sur {longest}" in ui.progress.value
    assert "Loi 10" in ui.header.value  # the context, once, at the start
    ui.choice_buttons()[1].click()
    children = list(ui.widget.children)
    assert children.index(ui.buttons) > children.index(ui.feedback)  # « Continuer » comes after the consequence
    assert "Étape 1 sur" in ui.progress.value
    ui.choice_buttons()[0].click()
    assert "Loi 10" not in ui.header.value and "Étape 2 sur" in ui.progress.value
    negative = next(c for s in shipped.steps.values() for c in s.choices if any(v < 0 for v in c.effects.values()))
    assert "−" in effects_text(negative) and " -" not in effects_text(negative)
    state = engine.start(shipped)
    assert progress_text(shipped, state) == f"Étape 1 sur {longest}"


def test_a_finished_path_is_recorded_for_the_workshop(shipped):
    from ocworkbook.exercises.progress import ProgressLog, summarize
    from ocworkbook.scenarios.widget import ScenarioWidget

    ui = ScenarioWidget(shipped, show_charts=False)
    while not engine.is_finished(shipped, ui.state):
        ui.choose(0)
        ui.advance()
    recorded = summarize(ProgressLog.default().read())[f"activite:scenario-{shipped.id}"]
    assert recorded["answer"]["fin"] == ui.state.position
    assert len(recorded["answer"]["parcours"]) == len(ui.state.history)
